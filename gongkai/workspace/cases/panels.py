"""The home page's panel: cases due within five working days, and overdue ones.

The disclosure office sees its agency's; a handler sees the cases assigned to it or to its
sections (the same scope as `application_list_for`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.applications.selectors import DueItem, due_soon_and_overdue

WITHIN = 5


@dataclass
class DuePanel:
    agency: Agency
    scope: str
    soon: list[DueItem] = field(default_factory=list)
    overdue: list[DueItem] = field(default_factory=list)


def due_panels(user: User) -> list[DuePanel]:
    """Return one panel per agency where the user is the office or a handler."""
    memberships = Membership.objects.filter(
        user_id=user.pk,
        revoked_at__isnull=True,
        role__in=[Role.DISCLOSURE_OFFICE, Role.HANDLER],
    ).select_related("agency")
    office: dict[int, Agency] = {}
    handling: dict[int, tuple[Agency, set[int]]] = {}
    for m in memberships:
        if m.role == Role.DISCLOSURE_OFFICE:
            office[m.agency_id] = m.agency
        else:
            agency, sections = handling.setdefault(m.agency_id, (m.agency, set()))
            if m.section_id is not None:
                sections.add(m.section_id)
    panels = []
    for agency in office.values():
        soon, overdue = due_soon_and_overdue(agency=agency, within=WITHIN)
        panels.append(DuePanel(agency, "本机关", soon, overdue))
    for agency_id, (agency, sections) in handling.items():
        if agency_id in office:
            continue

        def mine(item: DueItem, sections: set[int] = sections) -> bool:
            case = item.application
            return case.handler_id == user.pk or case.section_id in sections

        soon, overdue = due_soon_and_overdue(agency=agency, within=WITHIN)
        panels.append(
            DuePanel(
                agency,
                "我承办的",
                [i for i in soon if mine(i)],
                [i for i in overdue if mine(i)],
            )
        )
    return panels
