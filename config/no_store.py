"""`Cache-Control: no-store` on every answer that may carry personal data.

The staff workspace (case pages, applicants' names and ID numbers, letters), the JSON API,
the citizen's application form (re-shown with what was typed) and tracking pages: no browser
cache, shared proxy or back button may keep them (《个人信息保护法》第五十一条: measures
against leaks). The paths are settings.NO_STORE_PATH_PREFIXES; the portal's public pages keep
their cache headers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

__all__ = ["NoStoreMiddleware"]


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = tuple(settings.NO_STORE_PATH_PREFIXES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.prefixes):
            # max-age=0, no-cache, no-store, must-revalidate, private; and Expires
            add_never_cache_headers(response)
        return response
