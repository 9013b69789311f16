"""Reads on agencies, sections and memberships, each scoped to what the user may see.

The scopes here are the queryset form of the predicates in permissions.py (tested to agree).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet

from gongkai.agencies.models import Agency, Membership, Section
from gongkai.agencies.permissions import (
    ADMINISTER,
    AUDIT,
    SUPERVISE,
    VIEW_AGENCY,
    Scope,
)
from gongkai.roles import SYSTEM

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User

    AnyUser = User | AnonymousUser


def subordinate_ids(agency_ids: Iterable[int]) -> set[int]:
    """Ids of every agency below the given ones, any level down (one query a level)."""
    found: set[int] = set()
    frontier = set(agency_ids)
    while frontier:
        below = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier = below - found
        found |= below
    return found


def _active_memberships(user: AnyUser) -> QuerySet[Membership]:
    if user.pk is None:
        return Membership.objects.none()
    return Membership.objects.filter(user_id=user.pk, revoked_at__isnull=True)


def agency_roles(user: AnyUser | None, agency: Agency) -> frozenset[str]:
    """Return the roles `user` holds in `agency` now: one query, never cached (the roles an
    action is checked against). None, the scheduler or a command, acts as the system."""
    if user is None:
        return frozenset({SYSTEM})
    if not _usable(user):
        return frozenset()
    return frozenset(_active_memberships(user).filter(agency=agency).values_list("role", flat=True))


def _usable(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def agencies_in(scope: Scope, *, user: AnyUser) -> QuerySet[Agency]:
    """The agencies `scope` lets `user` see, by code: the queryset form of `scope.allows`."""
    if not _usable(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.order_by("code")
    own, above = scope.split(_active_memberships(user).values_list("agency_id", "role"))
    return Agency.objects.filter(id__in=own | subordinate_ids(above)).order_by("code")


def agencies_visible_to(*, user: AnyUser) -> QuerySet[Agency]:
    """Agencies the user may read: its own, those below the offices it supervises (all for a
    superuser). Mirrors permissions.can_view_agency."""
    return agencies_in(VIEW_AGENCY, user=user)


def agencies_administered_by(*, user: AnyUser) -> QuerySet[Agency]:
    """Agencies whose sections and staff the user may manage. Mirrors can_administer."""
    return agencies_in(ADMINISTER, user=user)


def agencies_audited_by(*, user: AnyUser) -> QuerySet[Agency]:
    """Agencies whose audit timeline the user may read. Mirrors can_view_audit."""
    return agencies_in(AUDIT, user=user)


def agencies_supervised_by(*, user: AnyUser) -> QuerySet[Agency]:
    """Subordinate agencies the user checks as a supervising-office reviewer (上级审查员).
    Mirrors can_supervise."""
    return agencies_in(SUPERVISE, user=user)


def sections_visible_to(*, user: AnyUser, agency: Agency | None = None) -> QuerySet[Section]:
    sections = Section.objects.filter(agency__in=agencies_visible_to(user=user))
    if agency is not None:
        sections = sections.filter(agency=agency)
    return sections.select_related("agency")


def memberships_visible_to(
    *, user: AnyUser, agency: Agency | None = None, include_revoked: bool = False
) -> QuerySet[Membership]:
    memberships = Membership.objects.filter(agency__in=agencies_visible_to(user=user))
    if agency is not None:
        memberships = memberships.filter(agency=agency)
    if not include_revoked:
        memberships = memberships.filter(revoked_at__isnull=True)
    return memberships.select_related("user", "agency", "section")


def memberships_of(*, user: AnyUser) -> QuerySet[Membership]:
    """The user's own active roles, for its home page."""
    return _active_memberships(user).select_related("agency", "agency__parent", "section")


def agency_by_code_or_name(*, value: str) -> Agency | None:
    """The agency whose code, or else exact full name, is `value` (cli-and-import.md)."""
    value = value.strip()
    return Agency.objects.filter(code=value).first() or Agency.objects.filter(name=value).first()


def portal_agency() -> Agency | None:
    """The agency the public portal presents.

    settings.PORTAL_AGENCY_CODE when set; otherwise the first agency created that supervises
    no other (an installation serves one agency, its supervising office is recorded above it).
    """
    if settings.PORTAL_AGENCY_CODE:
        return Agency.objects.filter(code=settings.PORTAL_AGENCY_CODE).first()
    return Agency.objects.filter(subordinates__isnull=True).order_by("created_at", "id").first()
