"""Sign-in throttling (django-axes): the client's address and the Chinese lockout page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: nginx's X-Real-IP when running behind it, else REMOTE_ADDR."""
    if settings.BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_REAL_IP", "")).strip()
        if forwarded:
            return forwarded
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, object] | None = None,
) -> HttpResponse:
    """The page a locked-out sign-in gets: in Chinese, with how long to wait, status 429."""
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cooloff.total_seconds() // 60)) if cooloff else None
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)
