"""Who may sign in: an active account that holds a role somewhere, or a platform superuser.

Decision (docs/decisions/0007-accounts.md): a deactivated account, or one whose every role
has been revoked, is refused at sign-in with a Chinese reason — shown only after the right
password, so a guesser learns nothing — and its open sessions end (StaffBackend.get_user
refuses them on their next request).
"""

from __future__ import annotations

from gongkai.accounts.models import User
from gongkai.agencies.models import Membership

__all__ = ["DEACTIVATED", "NO_ROLE", "sign_in_refusal"]

DEACTIVATED = "该账号已停用，不能登录。如有疑问，请联系本机关系统管理员。"
NO_ROLE = "该账号目前没有任何岗位，不能登录。如需恢复，请联系本机关系统管理员。"


def sign_in_refusal(user: User) -> str | None:
    """Why `user` may not sign in (a Chinese sentence), or None when they may."""
    if not user.is_active:
        return DEACTIVATED
    if user.is_superuser:
        return None
    if not Membership.objects.filter(user_id=user.pk, revoked_at__isnull=True).exists():
        return NO_ROLE
    return None
