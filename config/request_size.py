"""Refuse a request whose body is larger than GONGKAI_REQUEST_MAX_BYTES, before it is read.

nginx refuses bodies above its client_max_body_size (docs/deploy.md); the application refuses
them too, so that a server reached without nginx, or with a larger nginx limit, never parses
a body it would not accept (each upload form checks its own files, within this bound). The
answer is 413 with a Chinese page. A body without Content-Length (chunked) is not read by
Django at all (WSGI gives it no length), so the declared length is the one to check.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(settings.GONGKAI_REQUEST_MAX_BYTES)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            context = {"limit_mb": settings.GONGKAI_UPLOAD_MAX_BYTES // (1024 * 1024)}
            response = render(request, "413.html", context, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
