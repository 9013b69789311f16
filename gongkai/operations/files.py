"""Hand out one stored file after the view has checked who may have it.

The media folder is never served as such: it holds applicants' ID scans and letters beside
the published attachments. A view finds the record, checks it (a case the user may see, an
attachment of a published revision), then calls `stored_file_response`, which:

- answers a clear Chinese page (404) when the record's file is missing from storage (a restore
  that left the files out), and logs one line for the administrator, never a 500;
- for private files (personal data): `Cache-Control: no-store`, no validators;
- for public files: a strong ETag and Last-Modified, `Cache-Control: public, no-cache` (a
  cache keeps the file but asks each time, so a withdrawal takes effect at once; the answer
  is then a 304 without the body), and one byte range (`Range: bytes=…`, RFC 9110 §14),
  which resumes a large download; several ranges get the whole file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterator
from typing import IO

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, parse_http_date_safe

__all__ = ["PublicValidators", "file_missing_response", "stored_file_response"]

logger = logging.getLogger(__name__)

_CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class PublicValidators:
    """What identifies a public file's content: it never changes under its storage name."""

    def __init__(self, *, etag: str, last_modified: dt.datetime) -> None:
        self.etag = f'"{etag}"'
        self.last_modified = int(last_modified.timestamp())


def file_missing_response(request: HttpRequest, *, name: str, filename: str) -> HttpResponse:
    """The page for a record whose file storage no longer holds: 404, and one line logged."""
    logger.error("stored file missing: %s (record asked for at %s)", name, request.path)
    response = render(request, "operations/file_missing.html", {"filename": filename}, status=404)
    response["Cache-Control"] = "no-store"
    return response


def stored_file_response(
    request: HttpRequest,
    stored: FieldFile,
    *,
    filename: str,
    content_type: str,
    public: PublicValidators | None = None,
) -> HttpResponseBase:
    """The file as a download: private (no-store) unless `public` gives its validators."""
    if public is not None:
        not_modified = get_conditional_response(
            request, etag=public.etag, last_modified=public.last_modified
        )
        if not_modified is not None:
            _public_headers(not_modified, public)
            return not_modified
    name = str(stored.name or "")
    try:
        handle: IO[bytes] = stored.storage.open(name, "rb")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return file_missing_response(request, name=name, filename=filename)
    size = os.fstat(handle.fileno()).st_size
    if public is None:
        response: HttpResponseBase = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
        response["Cache-Control"] = "no-store"
        return response
    wanted = _wanted_range(request, public, size)
    if isinstance(wanted, str):  # "unsatisfiable"
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
    else:
        start, end = wanted
        response = StreamingHttpResponse(
            _read(handle, start, end), status=206, content_type=content_type
        )
        response["Content-Length"] = str(end - start + 1)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        disposition = content_disposition_header(True, filename)
        if disposition:
            response["Content-Disposition"] = disposition
    response["Accept-Ranges"] = "bytes"
    _public_headers(response, public)
    return response


def _public_headers(response: HttpResponseBase, public: PublicValidators) -> None:
    response["ETag"] = public.etag
    response["Last-Modified"] = http_date(public.last_modified)
    response["Cache-Control"] = "public, no-cache"


def _wanted_range(
    request: HttpRequest, public: PublicValidators, size: int
) -> tuple[int, int] | str | None:
    """The one range asked for, "unsatisfiable", or None for the whole file."""
    header = request.headers.get("Range", "").replace(" ", "")
    if not header or request.method not in ("GET", "HEAD"):
        return None
    if_range = request.headers.get("If-Range")
    # A date in If-Range must equal Last-Modified exactly (RFC 9110 §13.1.5).
    if (
        if_range is not None
        and if_range != public.etag
        and parse_http_date_safe(if_range) != public.last_modified
    ):
        return None
    match = _RANGE.match(header)
    if match is None:  # several ranges, or another unit: the whole file
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        count = int(last)
        if count == 0:
            return "unsatisfiable"
        return max(0, size - count), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size:
        return "unsatisfiable"
    if end < start:
        return None
    return start, end


def _read(handle: IO[bytes], start: int, end: int) -> Iterator[bytes]:
    try:
        handle.seek(start)
        left = end - start + 1
        while left > 0:
            chunk = handle.read(min(_CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        handle.close()
