"""Who calls the API: a signed-in person (the workspace session) or another system (an API
token, `Authorization: Bearer gk_…`, decision 0016).

A token is not a person. Its request acts as nobody (`request.user` is anonymous, whatever
session cookie it also carries), so that every check written for people — personal data in
full, the case actions — answers no; it reads its own agency's cases, within its permissions,
and nothing else.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from gongkai.accounts.api_tokens import TokenRefused, api_token_authenticate
from gongkai.accounts.models import ApiToken, ApiTokenPermission
from gongkai.applications.models import Application
from gongkai.applications.selectors import application_list_for, application_list_of_agency

__all__ = [
    "AUTH",
    "WRITE_AUTH",
    "ApiTokenAuth",
    "ApiTokenRefused",
    "caller_cases",
    "token_of",
]

logger = logging.getLogger("gongkai.api")

TOKENS_READ_ONLY = "API 令牌只能读取申请，不能办理：办理须由工作人员登录工作平台进行。"


class ApiTokenRefused(AuthenticationError):
    """A presented token that cannot be used: 401 with its Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(401, message)


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: the token, or a 401 naming why it is refused.

    `reads_only`: on an operation that writes, a good token is refused with 403 before the
    body is read (a token never acts, so its input is not worth checking)."""

    def __init__(self, *, reads_only: bool = False) -> None:
        super().__init__()
        self.reads_only = reads_only

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        try:
            found = api_token_authenticate(secret=token)
        except TokenRefused as refused:
            if refused.token is not None:
                # A revoked or expired token still in use: the operator may want to know.
                logger.warning(
                    "API token %s… (id %s, %s) refused: %s",
                    refused.token.hint,
                    refused.token.pk,
                    refused.token.agency.code,
                    refused.refusal.value,
                )
            raise ApiTokenRefused(str(refused)) from None
        request.user = AnonymousUser()
        if self.reads_only:
            raise PermissionDenied(TOKENS_READ_ONLY)
        return found


# A token first: a request that presents one is judged by it alone, never by its cookie.
AUTH = [ApiTokenAuth(), django_auth]
WRITE_AUTH = [ApiTokenAuth(reads_only=True), django_auth]


def token_of(request: HttpRequest) -> ApiToken | None:
    """The token the request was authenticated by, or None for a person's session."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiToken) else None


def caller_cases(request: HttpRequest) -> QuerySet[Application]:
    """The cases the caller may read: a person's scope, or the token's own agency."""
    token = token_of(request)
    if token is None:
        return application_list_for(user=request.user)
    if ApiTokenPermission.READ_APPLICATIONS.value not in token.permissions:
        raise PermissionDenied("该 API 令牌无权读取申请。")
    return application_list_of_agency(agency_id=token.agency_id)
