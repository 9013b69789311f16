"""Sign-in throttling (django-axes): the client's address, the Chinese lockout page, audited
resets, and whether a username is locked out now."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


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
    return render(request, "accounts/locked_out.html", lockout_terms(), status=429)


def lockout_terms() -> dict[str, int | None]:
    """How many wrong passwords lock, and for how many minutes (None: until lifted)."""
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cooloff.total_seconds() // 60)) if cooloff else None
    return {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}


class AuditedAxesHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """django-axes' database handler whose lockout resets are audited (AXES_HANDLER).

    `gongkai axes_reset`, `axes_reset_username`, `axes_reset_ip` and `axes_reset_ip_username`
    all end here; they lift lockouts through the same service as the administrator's 解除锁定.
    """

    def reset_attempts(
        self,
        *,
        ip_address: str | None = None,
        username: str | None = None,
        ip_or_username: bool = False,
    ) -> int:
        from gongkai.accounts.services import login_attempts_reset

        return login_attempts_reset(
            actor=None, username=username, ip_address=ip_address, ip_or_username=ip_or_username
        )


def lockouts_of(username: str) -> int:
    """How many addresses `username` is locked out from now (failure limit reached within
    the cool-off)."""
    attempts = AccessAttempt.objects.filter(
        username=username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    cooloff = settings.AXES_COOLOFF_TIME
    if cooloff:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cooloff)
    count: int = attempts.count()
    return count
