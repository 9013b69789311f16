"""API tokens: another system's credential for the API, scoped to one agency (decision 0016).

- `api_token_create` makes a random secret (`gk_` and 32 random bytes), stores only its
  SHA-256 digest and its first characters, and returns the secret once;
- `api_token_revoke` ends it (the row stays);
- `api_token_authenticate` finds the token a caller presents, refuses an unknown, revoked or
  expired one (`TokenRefused`, in Chinese) and notes when it was last used.

Creating and revoking are audited in the token's agency; a use is not (one row per request
would drown the log): `last_used_at` says when it was last used. Who may: the agency's
administrator (`can_administer`), or a system command (`actor=None`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.accounts.models import ApiToken, ApiTokenPermission, User
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import can_administer
from gongkai.audit.services import record_event

__all__ = [
    "PREFIX",
    "SYSTEM_NAME_MAX_LENGTH",
    "IssuedToken",
    "Refusal",
    "TokenRefused",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "api_token_status",
    "api_tokens_of",
    "token_digest",
    "valid_through",
]

PREFIX = "gk_"
"""Every secret starts with it, so that a leaked one is recognised (by secret scanners too)."""
HINT_LENGTH = 10  # "gk_" and 7 characters: enough to tell tokens apart, far too few to guess
SYSTEM_NAME_MAX_LENGTH = 64
# A use is written at most once a minute: a busy system does not write on every request.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


class Refusal(StrEnum):
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"


_REFUSALS = {
    # One sentence for a malformed and an unknown token: nothing tells which secrets exist.
    Refusal.UNKNOWN: "API 令牌无效：请检查 Authorization 请求头（Bearer 加令牌）。",
    # Revoked and expired are told apart only to a caller holding that token's whole secret.
    Refusal.REVOKED: "API 令牌已撤销：请向本机关的系统管理员申请新的令牌。",
    Refusal.EXPIRED: "API 令牌已过期：请向本机关的系统管理员申请新的令牌。",
}


class TokenRefused(Exception):
    """The presented token cannot be used; `str()` is the Chinese reason."""

    def __init__(self, refusal: Refusal, token: ApiToken | None = None) -> None:
        super().__init__(_REFUSALS[refusal])
        self.refusal = refusal
        self.token = token


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret: the only time the secret exists outside the caller."""

    token: ApiToken
    secret: str


def token_digest(secret: str) -> str:
    """The stored form of a secret: its SHA-256 digest in hex.

    A plain digest suffices: the secret is 256 random bits, not a password someone chose, so
    no dictionary can find it; and it does not depend on SECRET_KEY, whose rotation would
    otherwise end every token."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def valid_through(last_day: dt.date) -> dt.datetime:
    """The expiry of a token valid through `last_day`: the next midnight, local time."""
    return timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()))


def api_token_status(token: ApiToken, *, now: dt.datetime | None = None) -> str:
    """有效, 已撤销 or 已过期, as the token list shows it."""
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "已撤销"
    if token.expires_at is not None and token.expires_at <= now:
        return "已过期"
    return "有效"


def _require_administrator(actor: User | None, agency: Agency) -> None:
    if actor is not None and not can_administer(actor, agency):
        raise PermissionDenied(f"无权管理{agency.name}的 API 令牌。")


def _clean_permissions(permissions: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(permissions))
    known = {p.value for p in ApiTokenPermission}
    unknown = [p for p in chosen if p not in known]
    if unknown:
        raise ValidationError({"permissions": [f"没有这项权限：{'、'.join(unknown)}。"]})
    if not chosen:
        raise ValidationError({"permissions": ["请至少选择一项权限。"]})
    return [p.value for p in ApiTokenPermission if p.value in chosen]


def _audited(token: ApiToken) -> dict[str, str | None]:
    return {
        "system_name": token.system_name,
        "permissions": ",".join(token.permissions),
        "hint": token.hint,
        "expires_at": token.expires_at.isoformat() if token.expires_at else None,
    }


def api_token_create(
    *,
    actor: User | None,
    agency: Agency,
    system_name: str,
    permissions: Iterable[str],
    expires_at: dt.datetime | None = None,
) -> IssuedToken:
    """Create a token for `system_name` in `agency`; return it with its secret (shown once)."""
    _require_administrator(actor, agency)
    system_name = " ".join(system_name.split())
    if not system_name:
        raise ValidationError({"system_name": ["请填写对接系统的名称。"]})
    if len(system_name) > SYSTEM_NAME_MAX_LENGTH:
        raise ValidationError(
            {"system_name": [f"对接系统的名称至多 {SYSTEM_NAME_MAX_LENGTH} 个字。"]}
        )
    chosen = _clean_permissions(permissions)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": ["失效时间须晚于现在。"]})
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            agency=agency,
            system_name=system_name,
            permissions=chosen,
            digest=token_digest(secret),
            hint=secret[:HINT_LENGTH],
            created_by=actor,
            expires_at=expires_at,
        )
        record_event(
            actor=actor,
            action="api_token.create",
            obj=token,
            agency=agency,
            before=None,
            after=_audited(token),
        )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Revoke `token`: every later request with it is refused (401). The row stays."""
    _require_administrator(actor, token.agency)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().select_related("agency").get(pk=token.pk)
        if locked.revoked_at is not None:
            raise ValidationError("该 API 令牌已撤销。")
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        record_event(
            actor=actor,
            action="api_token.revoke",
            obj=locked,
            agency=locked.agency,
            before={"active": True},
            after={"active": False, **_audited(locked)},
        )
    return locked


def api_token_authenticate(*, secret: str, now: dt.datetime | None = None) -> ApiToken:
    """Return the usable token whose secret is `secret`; else raise `TokenRefused`."""
    now = now or timezone.now()
    secret = secret.strip()
    if not secret.startswith(PREFIX) or len(secret) > 128:
        raise TokenRefused(Refusal.UNKNOWN)
    digest = token_digest(secret)
    token = ApiToken.objects.select_related("agency").filter(digest=digest).first()
    # The lookup is by digest; compare again in constant time all the same.
    if token is None or not hmac.compare_digest(token.digest, digest):
        raise TokenRefused(Refusal.UNKNOWN)
    if token.revoked_at is not None:
        raise TokenRefused(Refusal.REVOKED, token)
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenRefused(Refusal.EXPIRED, token)
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_tokens_of(*, agency: Agency) -> QuerySet[ApiToken]:
    """The agency's tokens, newest first, with who created and revoked them."""
    return (
        ApiToken.objects.filter(agency=agency)
        .select_related("agency", "created_by", "revoked_by")
        .order_by("-created_at", "-id")
    )
