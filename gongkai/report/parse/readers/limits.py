"""What reading one report file may cost: bytes, inflated bytes, pages, cells, characters, time.

A file states its own size cheaply (a ZIP's member sizes, a sheet's last cell, a PDF's page
count) and can claim far more than it holds on disk: a 1.5 KB workbook with a cell at
XFD1048576, a 3 MB document whose XML inflates to 1 GB. The readers check these claims before
acting on them and stop past a limit with a `TooLarge` naming it, so that any file up to
`MAX_FILE_BYTES` is answered within about ten seconds and 300 MB. An annual report is a few
pages, a few hundred table cells and some ten thousand characters: the limits are two orders
of magnitude above what a real one needs.

The time budget is cooperative: `read_bytes` opens it (`time_budget`), the readers' loops call
`check_time()` between pages, rows or streams; outside a budget `check_time()` does nothing.
"""

from __future__ import annotations

import io
import re
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from gongkai.report.model import ReportError

if TYPE_CHECKING:  # the readers of ZIP files import zipfile; a text file does not need it
    import zipfile

__all__ = [
    "MAX_CELLS",
    "MAX_CHARS",
    "MAX_DOCX_PART_BYTES",
    "MAX_DOCX_XML_BYTES",
    "MAX_FILE_BYTES",
    "MAX_GRID",
    "MAX_HTML_TAGS",
    "MAX_PAGES",
    "MAX_PDF_CONTENT_BYTES",
    "MAX_PDF_INFLATED_BYTES",
    "MAX_PDF_PAGE_OBJECTS",
    "MAX_PDF_TABLE_OBJECTS",
    "MAX_XLSX_PART_BYTES",
    "MAX_XLSX_XML_BYTES",
    "MAX_ZIP_BYTES",
    "MAX_ZIP_MEMBERS",
    "READ_SECONDS",
    "TooLarge",
    "check_chars",
    "check_pdf_streams",
    "check_time",
    "check_zip",
    "time_budget",
]

MB = 1 << 20
MAX_FILE_BYTES = 20 * MB
MAX_DOCX_PART_BYTES = 16 * MB
"""One XML part of a DOCX (its document.xml) once inflated: parsed whole into a tree."""
MAX_XLSX_PART_BYTES = 4 * MB
"""One XML part of an XLSX (a sheet, the shared strings) once inflated: openpyxl parses a
sheet twice in Python, some 10 µs an element."""
MAX_DOCX_XML_BYTES = 20 * MB
"""All XML parts of a DOCX once inflated: python-docx parses each part it opens whole."""
MAX_XLSX_XML_BYTES = 8 * MB
"""All XML parts of an XLSX once inflated: openpyxl parses every sheet once on opening."""
MAX_ZIP_BYTES = 48 * MB
"""All of a ZIP's members once inflated (images included: they are held, not decoded)."""
MAX_ZIP_MEMBERS = 5000
MAX_PAGES = 200
MAX_PDF_PAGE_OBJECTS = 10_000
"""Drawn objects and characters of one page searched for tables (pdfminer builds a Python
object for each, some 50 to 150 µs apiece); a real table page has about 1,500."""
MAX_PDF_TABLE_OBJECTS = 40_000
"""The same, summed over all the pages searched for tables."""
MAX_PDF_CONTENT_BYTES = 4 * MB
"""One PDF stream that is parsed as page content (not a font or an image), once inflated."""
MAX_PDF_INFLATED_BYTES = 64 * MB
"""All of a PDF's compressed streams but images (which are never decoded), once inflated."""
MAX_CHARS = 1_000_000
MAX_CELLS = 50_000
"""Filled cells of a workbook."""
MAX_GRID = 1_000_000
"""Cells of one table's grid (rows × columns), filled or not."""
MAX_HTML_TAGS = 200_000
READ_SECONDS = 7.0
"""Checked between pages, rows or blocks, so one more step may follow; the mapper and the
rules take well under a second after it."""

_deadline: ContextVar[float | None] = ContextVar("report_read_deadline", default=None)


class TooLarge(ReportError):
    """A file past one of the limits; `str()` names the limit in Chinese."""


def _megabytes(size: int) -> str:
    return f"{size // MB} MB"


@contextmanager
def time_budget(seconds: float = READ_SECONDS) -> Iterator[None]:
    """Within this block, `check_time()` raises TooLarge once `seconds` have passed."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_time() -> None:
    """TooLarge if the current time budget is spent; nothing outside a budget."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TooLarge(f"文件过大：读取超过 {READ_SECONDS:g} 秒仍未完成")


def check_chars(count: int) -> None:
    if count > MAX_CHARS:
        raise TooLarge(f"文件过大：文字超过 {MAX_CHARS // 10_000} 万字")


# --- ZIP (DOCX, XLSX) ---------------------------------------------------------------------------


def check_zip(
    package: zipfile.ZipFile, data: bytes, *, kind: str, part_limit: int, xml_limit: int
) -> None:
    """Refuse a ZIP whose members claim or inflate past the limits (a ZIP bomb).

    The sizes the headers declare are checked first; then each member is inflated as a
    stream, counting what comes out and stopping at the limit, because a header can lie:
    zipfile stops at the declared size, so a member inflating past it would be cut and
    reported as damaged, while it is in truth too large.
    """
    members = package.infolist()
    xml = [member for member in members if _is_xml(member)]
    if len(members) > MAX_ZIP_MEMBERS:
        raise TooLarge(f"文件过大：压缩包内超过 {MAX_ZIP_MEMBERS} 个文件")
    limits = {member.filename: _limit(member, part_limit) for member in members}
    for member in members:
        if member.file_size > limits[member.filename]:
            raise TooLarge(_too_large_part(member, limits[member.filename]))
    if sum(member.file_size for member in members) > MAX_ZIP_BYTES:
        raise TooLarge(f"文件过大：解压后超过 {_megabytes(MAX_ZIP_BYTES)}")
    if sum(member.file_size for member in xml) > xml_limit:
        raise TooLarge(_too_large_xml(xml_limit))
    total = xml_total = 0
    view = memoryview(data)
    for member in members:
        size, head = _inflated_size(view, member, kind=kind, limit=limits[member.filename])
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            # The Open Packaging Conventions (ECMA-376 Part 2) allow no DTD in a package's
            # XML; one here is there to expand entities (a billion laughs), not to be read.
            raise ReportError(f"{kind} 文件含有 DTD 实体声明（Office 文件不应含有），拒绝读取")
        if size > limits[member.filename]:
            raise TooLarge(_too_large_part(member, limits[member.filename]))
        total += size
        if total > MAX_ZIP_BYTES:
            raise TooLarge(f"文件过大：解压后超过 {_megabytes(MAX_ZIP_BYTES)}")
        xml_total += size if _is_xml(member) else 0
        if xml_total > xml_limit:
            raise TooLarge(_too_large_xml(xml_limit))
        if size != member.file_size and member.compress_type in _COUNTED:
            raise ReportError(f"{kind} 文件已损坏：{member.filename} 的大小与声明不符")
        check_time()


def _is_xml(member: zipfile.ZipInfo) -> bool:
    return member.filename.lower().endswith((".xml", ".rels"))


def _limit(member: zipfile.ZipInfo, part_limit: int) -> int:
    """An XML part is parsed (`part_limit`); any other member (an image) is only held."""
    return part_limit if _is_xml(member) else MAX_ZIP_BYTES


def _too_large_xml(limit: int) -> str:
    return f"文件过大：XML 内容解压后合计超过 {_megabytes(limit)}"


def _too_large_part(member: zipfile.ZipInfo, limit: int) -> str:
    return f"文件过大：{member.filename} 解压后超过 {_megabytes(limit)}"


_STORED, _DEFLATED = 0, 8
"""The ZIP format's method numbers (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)."""
_COUNTED = (_STORED, _DEFLATED)
_HEAD = 4096
"""The first bytes of a member looked at for a DTD: one can only stand before the root."""
_LOCAL_HEADER = b"PK\x03\x04"


def _inflated_size(
    view: memoryview, member: zipfile.ZipInfo, *, kind: str, limit: int
) -> tuple[int, bytes]:
    """What `member`'s stream inflates to, counted up to just past `limit`, and its
    first bytes; its declared size where the method is neither stored nor deflated (zipfile
    stops there) and nothing of its content."""
    if member.compress_type not in _COUNTED or member.flag_bits & 0x1:
        return member.file_size, b""  # another method, or encrypted: zipfile stops there
    offset = member.header_offset
    header = bytes(view[offset : offset + 30])
    if len(header) < 30 or not header.startswith(_LOCAL_HEADER):
        raise ReportError(f"{kind} 文件已损坏或被截断")
    start = offset + 30 + int.from_bytes(header[26:28], "little")
    start += int.from_bytes(header[28:30], "little")
    stream = view[start : start + member.compress_size]
    if member.compress_type == _STORED:
        return len(stream), bytes(stream[:_HEAD])
    size, head, damaged = _inflate(stream, zlib.decompressobj(-zlib.MAX_WBITS), limit)
    if damaged and size <= limit:
        raise ReportError(f"{kind} 文件已损坏：{member.filename} 无法解压")
    return size, head


def _inflate(
    stream: bytes | memoryview, inflater: zlib._Decompress, limit: int, *, keep: bool = False
) -> tuple[int, bytes, bool]:
    """How many bytes `stream` inflates to, counted a megabyte at a time to just past
    `limit` (never holding more); its first bytes (all of them if `keep`); whether the stream
    is damaged (what came before the damage is counted)."""
    size, position, step, kept = 0, 0, 1 << 16, bytearray()
    while not inflater.eof:
        chunk: bytes | memoryview
        if inflater.unconsumed_tail:
            chunk = inflater.unconsumed_tail
        elif position < len(stream):
            chunk = stream[position : position + step]
            position += step
        else:
            break
        try:
            out = inflater.decompress(chunk, MB)
        except zlib.error:
            return size, bytes(kept), True
        if keep or len(kept) < _HEAD:
            kept += out if keep else out[: _HEAD - len(kept)]
        size += len(out)
        if size > limit:
            break
    return size, bytes(kept), False


# --- PDF ----------------------------------------------------------------------------------------

_STREAM = re.compile(rb"stream\r?\n")
"""A stream's start, or an `endstream` (told apart by what precedes it: a look-behind in the
pattern would cost the scan its fast literal search, 30 times slower on a whole PDF)."""
_OBJ = re.compile(rb"\bobj\b")
_FONT_PROGRAM = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_FLATE = frozenset({b"FlateDecode", b"Fl"})
_EXPANDING = _FLATE | {b"LZWDecode", b"LZW", b"RunLengthDecode", b"RL"}


def check_pdf_streams(data: bytes) -> None:
    """Refuse a PDF whose compressed streams decode past the limits (a stream bomb).

    Each stream with a filter that expands (Flate, LZW, run length; also behind ASCII
    filters, or Flate inside Flate) is decoded as a stream and counted, images excepted (text
    extraction never decodes them). A font program may be large (a whole CJK font is 10 to
    20 MB); anything else is page content or structure, parsed operator by operator, and a
    real page's content is well under a megabyte.
    """
    total = 0
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        if data[max(0, match.start() - 3) : match.start()] == b"end":
            continue
        head = data[max(0, match.start() - 2048) : match.start()]
        objects = list(_OBJ.finditer(head))
        if objects:
            head = head[objects[-1].end() :]
        declared = _FILTER.search(head)
        if declared is None or b"/Image" in head:
            continue
        filters = _NAME.findall(declared.group(1))
        if not _EXPANDING.intersection(filters):
            continue
        end = data.find(b"endstream", match.end())
        stream = view[match.end() : end if end != -1 else len(data)]
        if _FONT_PROGRAM.search(head):
            size = _decoded_size(stream, filters, MAX_PDF_INFLATED_BYTES - total)
        else:
            size = _decoded_size(stream, filters, MAX_PDF_CONTENT_BYTES)
            if size > MAX_PDF_CONTENT_BYTES:
                raise TooLarge(
                    f"文件过大：PDF 内容流解压后超过 {_megabytes(MAX_PDF_CONTENT_BYTES)}"
                )
        total += size
        if total > MAX_PDF_INFLATED_BYTES:
            raise TooLarge(f"文件过大：PDF 解压后超过 {_megabytes(MAX_PDF_INFLATED_BYTES)}")
        check_time()


def _decoded_size(stream: memoryview, filters: list[bytes], limit: int) -> int:
    """What the chain of `filters` makes of `stream`, counted to just past `limit`; a filter
    of images (DCT, JPX, CCITT, JBIG2) or damage ends the count."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode

    data: bytes | memoryview = stream
    for position, name in enumerate(filters):
        try:
            if name in _FLATE:
                keep = position < len(filters) - 1
                size, out, _ = _inflate(data, zlib.decompressobj(), limit, keep=keep)
                if not keep:
                    return size
                data = out
            elif name in (b"LZWDecode", b"LZW"):
                data = _lzw(bytes(data), limit)
            elif name in (b"RunLengthDecode", b"RL"):
                data = _run_length(data, limit)
            elif name in (b"ASCIIHexDecode", b"AHx"):
                data = asciihexdecode(bytes(data))  # never longer than its input
            elif name in (b"ASCII85Decode", b"A85"):
                data = ascii85decode(bytes(data))
            else:
                break
        except Exception:  # pdfminer's decoders raise assorted errors on damage
            break
        if len(data) > limit:
            break
    return len(data)


def _run_length(data: bytes | memoryview, limit: int) -> bytes:
    """RunLengthDecode (ISO 32000-1 §7.4.5), stopping just past `limit` bytes of output."""
    out = bytearray()
    index = 0
    while index < len(data) and len(out) <= limit:
        length = data[index]
        if length == 128:
            break
        if length < 128:
            out += data[index + 1 : index + 2 + length]
            index += length + 2
        else:
            out += bytes(data[index + 1 : index + 2]) * (257 - length)
            index += 2
    return bytes(out)


def _lzw(data: bytes, limit: int) -> bytes:
    """LZWDecode (pdfminer's decoder), stopping just past `limit` bytes of output."""
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for count, piece in enumerate(LZWDecoder(io.BytesIO(data)).run()):
        out += piece
        if len(out) > limit:
            break
        if count % 4096 == 0:
            check_time()
    return bytes(out)
