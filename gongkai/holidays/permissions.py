"""Who may read and who may change the official calendar.

The calendar is national: the State Council's notice binds every agency alike, so these
predicates take no agency, unlike `gongkai.agencies.permissions`. Decision (docs/glossary.md,
官方日历): everyone signed in reads it (deadlines are counted on it); it is changed only by the
platform's superuser or by a user who holds the system administrator role (系统管理员) in some
agency, since a correction made for one agency's deadline is a correction for all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.agencies.models import Membership, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User

    AnyUser = User | AnonymousUser

__all__ = ["can_edit_calendar", "can_view_calendar"]


def can_view_calendar(user: AnyUser) -> bool:
    """Every active, signed-in user may read the official calendar."""
    return bool(user.is_authenticated and user.is_active)


def can_edit_calendar(user: AnyUser) -> bool:
    """The superuser, or an active administrator (系统管理员) of any agency, may change it."""
    if not can_view_calendar(user):
        return False
    if user.is_superuser:
        return True
    assert user.pk is not None  # signed in
    return Membership.objects.filter(
        user_id=user.pk, role=Role.ADMINISTRATOR, revoked_at__isnull=True
    ).exists()
