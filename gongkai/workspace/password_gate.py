"""A person signed in with a password someone else chose changes it before anything else."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

# What stays reachable: the password page itself, signing out, static files, the public site.
GATED_PREFIXES = ("/workspace/", "/api/")


class PasswordChangeRequiredMiddleware:
    """Send a user whose `must_change_password` is set to 修改密码 (the API answers 403).

    The initial password an administrator gives (new account, reset) is known to two people;
    only after the person replaces it is the account theirs alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and request.path.startswith(GATED_PREFIXES)
            and request.path not in self._open_paths()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "请先在工作平台修改初始密码。"}, status=403)
            target = reverse("workspace:my_password")
            if request.method in ("GET", "HEAD"):
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _open_paths() -> set[str]:
        return {reverse("workspace:my_password"), reverse("workspace:logout")}
