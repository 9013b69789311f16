"""Anonymous portal pages from Django's cache, keyed by the portal content version.

The rule — what may be cached, and what must not:
- Cached: the rendered GET answer (status 200) of a page decorated with `@portal_cached`
  (home, category listings, item pages, 法定主动公开内容, the guide and policies, search
  results — public, and keyed by the whole query), for an anonymous visitor: no session
  cookie, no messages cookie, not an htmx request, and no query parameter other than the
  page's own (`params`). Anything else is rendered afresh and not stored.
- Never cached: a page that is not decorated — the application form (/apply/ and its
  receipt), the status page (/track/…), anything with a form posting back (a CSRF token) or
  per-user data. As a second lock, an answer that used the CSRF token or sets a cookie is not
  stored even from a decorated view.
- Fresh: the key holds `portal_version()` (gongkai.pages.portal_version), which every
  change to public content moves on when it commits (publication, revision, retirement,
  withdrawal, agency page saves, category changes): the next request after a change renders
  the page anew. TIMEOUT is a safety net for a change made around the services.

The store is the default cache (settings.CACHES): a FileBasedCache under var/cache, shared
by the gunicorn workers of one host (docs/deploy.md); LocMem in tests. A served page says
`X-Portal-Cache: hit` or `miss`; pages never stored have no such header. No Cache-Control is
added: browsers and proxies keep nothing, so a withdrawal shows at once everywhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from gongkai.pages.portal_version import portal_version

__all__ = ["TIMEOUT", "portal_cached"]

TIMEOUT = 300  # seconds; the version is what keeps pages fresh, this only bounds a miss
HEADER = "X-Portal-Cache"

View = Callable[..., HttpResponse]


def _cacheable_request(request: HttpRequest, params: frozenset[str]) -> bool:
    if request.method != "GET":
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if request.headers.get("HX-Request"):
        return False
    return set(request.GET.keys()) <= params


def _key(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    url = request.build_absolute_uri()
    digest = hashlib.sha256(f"{language} {url}".encode()).hexdigest()
    return f"gongkai:portal:page:{portal_version()}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and b"csrfmiddlewaretoken" not in response.content
    )


def portal_cached(*params: str) -> Callable[[View], View]:
    """Serve the view's anonymous GET answers from the cache; `params`: its own query keys."""
    allowed = frozenset(params)

    def decorate(view: View) -> View:
        @wraps(view)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable_request(request, allowed):
                return view(request, *args, **kwargs)
            key = _key(request)
            stored = cache.get(key)
            if stored is not None:
                content, content_type = stored
                response = HttpResponse(content, content_type=content_type)
                response[HEADER] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
                response[HEADER] = "miss"
            return response

        return cached_view

    return decorate
