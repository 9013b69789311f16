"""The request type of views behind `login_required`: its user is a signed-in `User`."""

from __future__ import annotations

from django.http import HttpRequest

from gongkai.accounts.models import User


class SignedInRequest(HttpRequest):
    user: User
