"""Reads on the audit log: the timeline, scoped to the agencies whose log the user may read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_audited_by
from gongkai.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User


def timeline(
    *,
    user: User | AnonymousUser,
    agency: Agency | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
) -> QuerySet[AuditEvent]:
    """Events newest first, limited to agencies in the user's audit scope.

    Events with no agency (platform-level) are shown to superusers only.
    """
    if not (user.is_authenticated and user.is_active):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("actor", "agency")
    if not user.is_superuser:
        events = events.filter(agency__in=agencies_audited_by(user=user))
    if agency is not None:
        events = events.filter(agency=agency)
    if object_type is not None:
        events = events.filter(object_type=object_type)
    if object_id is not None:
        events = events.filter(object_id=object_id)
    return events.order_by("-at", "-id")
