"""Workspace views: thin; every list comes from a scoped selector."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.accounts.models import User
from gongkai.agencies.models import Role, Section
from gongkai.agencies.selectors import (
    agencies_administered_by,
    agencies_audited_by,
    agencies_supervised_by,
    memberships_of,
    memberships_visible_to,
    sections_visible_to,
)
from gongkai.audit.actions import BY_APPLICANT, action_label, changes
from gongkai.audit.selectors import timeline
from gongkai.holidays.permissions import can_edit_calendar
from gongkai.letters.selectors import agencies_with_letter_settings_edited_by
from gongkai.pages.selectors import agencies_with_pages_edited_by
from gongkai.registers.selectors import agencies_with_registers_visible_to
from gongkai.reviews.selectors import agencies_with_reviews_visible_to
from gongkai.workspace.annual_reports.views import report_panel
from gongkai.workspace.cases.panels import due_panels
from gongkai.workspace.cases.views import may_list_cases, registering_memberships
from gongkai.workspace.publications.catalogue import may_view_catalogue
from gongkai.workspace.publications.views import authoring_memberships, may_work_on_publications
from gongkai.workspace.queues import work_queues

# What each role does, shown on its home page. Only what exists today is linked.
ROLE_DUTIES: dict[str, str] = {
    Role.ADMINISTRATOR: "管理本机关及下级机关的股室、人员和岗位。",
    Role.DISCLOSURE_OFFICE: "统筹本机关的主动公开和依申请公开工作，编制年度报告。",
    Role.HANDLER: "办理分配给本股室的政府信息公开申请，起草答复。",
    Role.APPROVER: "审核拟公开的信息和拟发出的答复。",
    Role.CONFIDENTIALITY_REVIEWER: "对拟公开的信息进行保密审查。",
    Role.LEADER: "查阅本机关政府信息公开工作情况并签批。",
    Role.SUPERVISING_REVIEWER: "查阅、检查下级机关的政府信息公开工作和年度报告。",
}

TIMELINE_LENGTH = 100
# The roles that take a step on an item or a case (the workflow tables' roles).
PUBLICATION_ACTORS = frozenset(
    {Role.DISCLOSURE_OFFICE, Role.HANDLER, Role.APPROVER, Role.CONFIDENTIALITY_REVIEWER}
)
CASE_ACTORS = frozenset({Role.DISCLOSURE_OFFICE, Role.HANDLER, Role.APPROVER, Role.LEADER})


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's home: each role held, where, and what the role may open."""
    user = request.user
    memberships = list(memberships_of(user=user))
    roles = [{"membership": m, "duties": ROLE_DUTIES.get(m.role, "")} for m in memberships]
    administered = list(agencies_administered_by(user=user).select_related("parent"))
    held = {m.role for m in memberships}
    office = user.is_superuser or Role.DISCLOSURE_OFFICE in held
    context = {
        "roles": roles,
        "administered": [
            {
                "agency": agency,
                "sections": sections_visible_to(user=user, agency=agency),
                "memberships": memberships_visible_to(user=user, agency=agency),
            }
            for agency in administered
        ],
        "supervised": agencies_supervised_by(user=user).select_related("parent"),
        "can_view_audit": agencies_audited_by(user=user).exists(),
        "can_edit_pages": agencies_with_pages_edited_by(user=user).exists(),
        "can_edit_calendar": can_edit_calendar(user),
        "can_list_cases": may_list_cases(user),
        "can_register_cases": registering_memberships(user).exists(),
        "can_work_on_publications": may_work_on_publications(user),
        "can_draft": authoring_memberships(user).exists(),
        # Links say 查看 only to those who can do nothing else there (leader, supervising office).
        "acts_on_publications": user.is_superuser or bool(held & PUBLICATION_ACTORS),
        "acts_on_cases": user.is_superuser or bool(held & CASE_ACTORS),
        "can_view_catalogue": may_view_catalogue(user),
        "queues": work_queues(request.user),  # type: ignore[arg-type]
        "due_panels": due_panels(request.user),  # type: ignore[arg-type]
        "can_view_reviews": agencies_with_reviews_visible_to(user=user).exists(),
        "can_record_reviews": office,
        "can_keep_registers": office,
        "letter_settings_agencies": agencies_with_letter_settings_edited_by(user=user),
        "can_view_registers": agencies_with_registers_visible_to(user=user).exists(),
        "report_panel": report_panel(user),
    }
    return render(request, "workspace/home.html", context)


def _case_names(events: list[Any]) -> dict[str, dict[str, str]]:
    """The names of the sections and handlers that older case records hold by id."""
    ids: dict[str, set[int]] = {"section": set(), "handler": set()}
    for event in events:
        if not event.action.startswith("application."):
            continue
        for side in (event.before or {}, event.after or {}):
            for key, found in ids.items():
                if isinstance(side.get(key), int):
                    found.add(side[key])
    sections = Section.objects.filter(pk__in=ids["section"]).values_list("pk", "name")
    users = User.objects.filter(pk__in=ids["handler"]).values_list("pk", "full_name", "username")
    return {
        "section": {str(pk): name for pk, name in sections},
        "handler": {str(pk): full or username for pk, full, username in users},
    }


@require_safe
@login_required
def audit_timeline(request: HttpRequest) -> HttpResponse:
    """The audit timeline of the agencies whose log the user may read."""
    if not agencies_audited_by(user=request.user).exists():
        raise PermissionDenied("无权查看操作记录。")
    events = list(timeline(user=request.user)[:TIMELINE_LENGTH])
    names = _case_names(events)
    rows = [
        {
            "event": event,
            "action": action_label(event.action),
            "by_applicant": event.action in BY_APPLICANT,
            "changes": changes(event.before, event.after, action=event.action, names=names),
            "is_new": event.before is None,
        }
        for event in events
    ]
    return render(request, "workspace/audit.html", {"rows": rows})
