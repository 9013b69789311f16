"""The home page's work queues: what waits for the signed-in person, role by role.

Each queue is a heading, its rows (a link, what it is, the facts that say why it waits) and the
plain sentence shown when nothing waits. The lists come from the domain selectors
(`applications.queues`, `publications.queues`) bounded by the agencies where the person holds
the role; nothing here decides who may do what (the workflow tables do).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Membership, Role
from gongkai.applications.listing import ListedCase
from gongkai.applications.models import Application
from gongkai.applications.procedure.correction import RequestKind
from gongkai.applications.procedure.workflow import State
from gongkai.applications.queues import (
    QUEUE_LENGTH,
    awaiting_receipt,
    cases_awaiting_decision,
    cases_of_handler,
    unassigned_cases,
)
from gongkai.letters.composition.compose import chinese_date
from gongkai.publications.queues import items_waiting_for, returned_drafts
from gongkai.publications.workflow import AUTHOR_ROLES
from gongkai.reporting.models import AgencyReport
from gongkai.reporting.workflow import State as ReportState

__all__ = ["Queue", "QueueRow", "work_queues"]

FIRST_WORDS = 30
# 确认收到 has no period of its own in the law; an application left unconfirmed for more than
# a working day is marked, since its clock (条例第三十一条第（三）项) has not started.
LATE_RECEIPT = 1


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One thing waiting: where to open it, what it is, and why it waits."""

    url: str
    title: str
    facts: tuple[str, ...] = ()
    note: str = ""  # shown first, e.g. the reason a draft was returned
    late: bool = False
    tag: str = ""  # beside the link, e.g. 更正申请 (the case list marks it the same way)


@dataclass
class Queue:
    """One list on the home page."""

    key: str
    heading: str
    empty: str
    rows: list[QueueRow] = field(default_factory=list)
    more_url: str = ""
    more_text: str = ""


def first_words(text: str, length: int = FIRST_WORDS) -> str:
    """The first `length` characters of a request, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length] + "…"


def due_text(listed: ListedCase) -> tuple[str, bool]:
    """The reply due date and how far it is, in working days; and whether it has passed."""
    clock = listed.clock
    if listed.due is None:
        return f"{State(listed.application.state).label}，答复期限暂停计算", False
    text = f"答复期限 {chinese_date(listed.due)}"
    if listed.provisional:
        text += "（暂定）"
    if clock.days_left is not None:
        if clock.overdue:
            text += f"，已逾期 {abs(clock.days_left.days)} 个工作日"
        else:
            text += f"，剩 {clock.days_left.days} 个工作日"
    return text, clock.overdue


def _case_row(listed: ListedCase) -> QueueRow:
    case = listed.application
    due, late = due_text(listed)
    return QueueRow(
        url=reverse("workspace:case_detail", args=[case.tracking_code]),
        title=case.tracking_code,
        facts=(first_words(case.description), f"{State(case.state).label} · {due}"),
        late=late,
        tag=_kind_tag(case),
    )


def _kind_tag(case: Application) -> str:
    """A 更正申请 (条例第四十一条) is marked: its outcomes and reply are its own."""
    return RequestKind.CORRECTION.label if case.is_correction else ""


def _roles_of(user: User) -> tuple[dict[str, set[int]], set[int]]:
    """The agencies where the user holds each role, and the sections it handles for."""
    agencies: dict[str, set[int]] = defaultdict(set)
    sections: set[int] = set()
    rows = Membership.objects.filter(user_id=user.pk, revoked_at__isnull=True).values_list(
        "agency_id", "role", "section_id"
    )
    for agency_id, role, section_id in rows:
        agencies[role].add(agency_id)
        if role == Role.HANDLER and section_id is not None:
            sections.add(section_id)
    return agencies, sections


def _office_queues(agency_ids: set[int]) -> list[Queue]:
    cases_url = reverse("workspace:case_list")
    unconfirmed = Queue(
        "unconfirmed",
        "待确认收到的申请",
        "没有待确认收到的申请。",
        more_url=f"{cases_url}?state={State.ARRIVED.value}",
        more_text="全部待确认收到的申请",
    )
    for waiting in awaiting_receipt(agency_ids=agency_ids):
        case = waiting.application
        how = "网上提交" if waiting.online else case.get_channel_display()
        age = f"已等待 {waiting.age} 个工作日" + ("（暂定）" if waiting.provisional else "")
        unconfirmed.rows.append(
            QueueRow(
                url=reverse("workspace:case_detail", args=[case.tracking_code]),
                title=case.tracking_code,
                facts=(
                    first_words(case.description),
                    f"{how}于 {chinese_date(waiting.arrived_on)}，{age}",
                ),
                late=waiting.age > LATE_RECEIPT,
                tag=_kind_tag(case),
            )
        )
    unassigned = Queue("unassigned", "待交办承办股室的申请", "没有待交办的申请。")
    for case in unassigned_cases(agency_ids=agency_ids):
        received = f"{chinese_date(case.receipt_date)}收到" if case.receipt_date else ""
        unassigned.rows.append(
            QueueRow(
                url=reverse("workspace:case_detail", args=[case.tracking_code]),
                title=case.tracking_code,
                facts=(first_words(case.description), f"{State(case.state).label} · {received}"),
                tag=_kind_tag(case),
            )
        )
    return [unconfirmed, unassigned]


def _item_queue(
    key: str, heading: str, empty: str, role: str, agencies: set[int], user: User
) -> Queue:
    queue = Queue(key, heading, empty)
    items = items_waiting_for(role=role, agency_ids=agencies, user_id=user.pk)
    for item in items[:QUEUE_LENGTH]:
        queue.rows.append(
            QueueRow(
                url=reverse("workspace:publication_detail", args=[item.pk]),
                title=item.title,
                facts=(f"{item.category.name} · {item.state_enum.label}",),
            )
        )
    return queue


def _report_queue(
    key: str, heading: str, empty: str, agency_ids: set[int], states: list[ReportState]
) -> Queue:
    """The annual reports of `agency_ids` standing in one of `states`, oldest year first."""
    reports = AgencyReport.objects.filter(
        agency_id__in=agency_ids, state__in=[s.value for s in states]
    ).select_related("agency")
    today = timezone.localdate()
    rows = []
    for report in reports.order_by("year", "agency__code"):
        # 条例第四十九条: by 31 January of the following year; a colour alone does not say so.
        late = today > dt.date(report.year + 1, 1, 31)
        due = f"应于 {report.year + 1}年1月31日前公布" + ("，已逾期" if late else "")
        rows.append(
            QueueRow(
                url=reverse("workspace:report_detail", args=[report.agency.code, report.year]),
                title=f"{report.agency.name}{report.year}年度报告",
                facts=(ReportState(report.state).label, due),
                late=late,
            )
        )
    return Queue(key, heading, empty, rows)


def work_queues(user: User) -> list[Queue]:
    """Return the queues of everything waiting for `user`, in the order of the roles held."""
    agencies, sections = _roles_of(user)
    queues: list[Queue] = []
    office = agencies.get(Role.DISCLOSURE_OFFICE.value, set())
    if office:
        queues += _office_queues(office)
    handling = agencies.get(Role.HANDLER.value, set())
    if handling:
        mine = Queue(
            "mine",
            "我承办的申请（按答复期限）",
            "您目前没有承办中的申请。",
            [
                _case_row(c)
                for c in cases_of_handler(
                    user_id=user.pk, agency_ids=handling, section_ids=sections
                )
            ],
        )
        queues.append(mine)
    if any(agencies.get(role) for role in AUTHOR_ROLES):
        returned = Queue("returned", "退回修改的草稿", "没有退回给您修改的草稿。")
        for draft in returned_drafts(user_id=user.pk):
            returned.rows.append(
                QueueRow(
                    url=reverse("workspace:publication_detail", args=[draft.item.pk]),
                    title=draft.item.title,
                    note=f"{draft.returned_by}：{draft.reason or '未说明理由'}",
                )
            )
        queues.append(returned)
    deciders = agencies.get(Role.APPROVER.value, set()) | agencies.get(Role.LEADER.value, set())
    if deciders:
        role = Role.APPROVER.value if agencies.get(Role.APPROVER.value) else Role.LEADER.value
        decide = Queue(
            "decide",
            "待作出答复决定的申请（按答复期限）",
            "没有待作出答复决定的申请。",
            [_case_row(c) for c in cases_awaiting_decision(agency_ids=deciders, role=role)],
        )
        queues.append(decide)
    approving = agencies.get(Role.APPROVER.value, set())
    if approving:
        queues.append(
            _item_queue(
                "approve",
                "待审核的主动公开信息",
                "没有待您审核的信息。",
                Role.APPROVER.value,
                approving,
                user,
            )
        )
    reviewing = agencies.get(Role.CONFIDENTIALITY_REVIEWER.value, set())
    if reviewing:
        queues.append(
            _item_queue(
                "secrecy",
                "待保密审查的主动公开信息",
                "没有待保密审查的信息。",
                Role.CONFIDENTIALITY_REVIEWER.value,
                reviewing,
                user,
            )
        )
    leading = agencies.get(Role.LEADER.value, set())
    if leading:
        queues.append(
            _report_queue(
                "sign",
                "待签发的年度报告",
                "没有待您签发的年度报告。",
                leading,
                [ReportState.SUBMITTED],
            )
        )
    if office:
        queues.append(
            _report_queue(
                "report",
                "待办理的年度报告（草稿、待发布）",
                "没有待办理的年度报告。",
                office,
                [ReportState.DRAFT, ReportState.SIGNED],
            )
        )
        queues.append(
            _item_queue(
                "publish",
                "待发布的主动公开信息",
                "没有待发布的信息。",
                Role.DISCLOSURE_OFFICE.value,
                office,
                user,
            )
        )
    return queues
