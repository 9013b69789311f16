"""The daily reminders (催办): cases due within 5 working days, overdue ones, and applications
still waiting for 确认收到, by e-mail.

For each agency: the handler of each case (or, without one, the handlers of its section) and
the disclosure office hear of what is due soon; an overdue case is escalated to the office head
(disclosure_office + approver) and the leaders. An application waiting for 确认收到 (an online
one until the office confirms it, 条例第三十一条第（三）项: its clock has not started) is the
office's, with its age in working days on the official calendar. One mail per person, listing
their cases by tracking code (never the applicant's personal data). Sending is idempotent per
day: each case reminded gets a `reminded` event dated today, and a case already reminded today
is skipped.
Mails leave after the transaction commits (Django mail: EMAIL_BACKEND, console by default).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.applications.models import ApplicationEvent
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.queues import AwaitingReceipt, awaiting_receipt
from gongkai.applications.selectors import DueItem, due_soon_and_overdue

__all__ = ["AgencyReminders", "send_reminders"]


@dataclass
class AgencyReminders:
    """What one agency's run found and did."""

    agency: Agency
    due_soon: int = 0
    overdue: int = 0
    unconfirmed: int = 0
    skipped: int = 0
    mails: int = 0
    without_address: set[str] = field(default_factory=set)

    def summary(self) -> str:
        line = (
            f"{self.agency.name}：5个工作日内到期 {self.due_soon} 件，已逾期 {self.overdue} 件，"
            f"待确认收到 {self.unconfirmed} 件，发出提醒 {self.mails} 封"
        )
        if self.skipped:
            line += f"，今日已提醒过 {self.skipped} 件"
        if self.without_address:
            line += f"；未设邮箱：{'、'.join(sorted(self.without_address))}"
        return line


def _staff(agency: Agency) -> dict[str, list[tuple[User, int | None]]]:
    by_role: dict[str, list[tuple[User, int | None]]] = defaultdict(list)
    for membership in Membership.objects.filter(
        agency=agency, revoked_at__isnull=True
    ).select_related("user"):
        if membership.user.is_active:
            by_role[membership.role].append((membership.user, membership.section_id))
    return by_role


def _line(item: DueItem) -> str:
    state = (
        f"已逾期 {-item.days_left} 个工作日" if item.overdue else f"剩 {item.days_left} 个工作日"
    )
    return f"  {item.application.tracking_code}  {item.label} {item.due.isoformat()}（{state}）"


def _receipt_line(waiting: AwaitingReceipt) -> str:
    how = "网上提交" if waiting.online else "收到"
    return (
        f"  {waiting.application.tracking_code}  待确认收到（{how}于 "
        f"{waiting.arrived_on.isoformat()}，已等待 {waiting.age} 个工作日）"
    )


def send_reminders(*, as_of: dt.date | None = None, within: int = 5) -> list[AgencyReminders]:
    """Remind every agency's staff of due and overdue cases; return one summary per agency."""
    today = as_of or timezone.localdate()
    return [_remind(agency, today, within) for agency in Agency.objects.order_by("code")]


def _remind(agency: Agency, today: dt.date, within: int) -> AgencyReminders:
    result = AgencyReminders(agency)
    soon, late = due_soon_and_overdue(agency=agency, within=within, as_of=today)
    result.due_soon, result.overdue = len(soon), len(late)
    reminded = set(
        ApplicationEvent.objects.filter(
            application__agency=agency, kind=EventKind.REMINDED, date=today
        ).values_list("application_id", flat=True)
    )
    staff = _staff(agency)
    office = [user for user, _ in staff[Role.DISCLOSURE_OFFICE]]
    approvers = {user.pk for user, _ in staff[Role.APPROVER]}
    heads = [user for user in office if user.pk in approvers]
    leaders = [user for user, _ in staff[Role.LEADER]]
    inbox: dict[int, tuple[User, list[str]]] = {}
    touched: dict[int, DueItem] = {}

    def tell(users: list[User], item: DueItem) -> None:
        for user in users:
            inbox.setdefault(user.pk, (user, []))[1].append(_line(item))

    unconfirmed = awaiting_receipt(agency_ids=[agency.pk], as_of=today)
    result.unconfirmed = len(unconfirmed)
    waiting_cases: dict[int, AwaitingReceipt] = {}
    for waiting in unconfirmed:
        if waiting.application.pk in reminded:
            result.skipped += 1
            continue
        waiting_cases[waiting.application.pk] = waiting
        for user in office:
            inbox.setdefault(user.pk, (user, []))[1].append(_receipt_line(waiting))

    for item in [*soon, *late]:
        case = item.application
        if case.pk in reminded:
            result.skipped += 1
            continue
        touched[case.pk] = item
        if case.handler is not None:
            handlers = [case.handler]
        else:
            handlers = [
                user
                for user, section in staff[Role.HANDLER]
                if case.section_id is not None and section == case.section_id
            ]
        tell(handlers + office, item)
        if item.overdue:
            # 催办 escalation: an overdue case goes to the office head and the leaders.
            tell(heads + leaders, item)
    with transaction.atomic():
        for item in touched.values():
            ApplicationEvent.objects.create(
                application=item.application,
                kind=EventKind.REMINDED,
                date=today,
                details={"what": item.what, "due": item.due.isoformat(), "overdue": item.overdue},
            )
        for waiting in waiting_cases.values():
            ApplicationEvent.objects.create(
                application=waiting.application,
                kind=EventKind.REMINDED,
                date=today,
                details={"what": "receipt", "arrived": waiting.arrived_on.isoformat()},
            )
        for user, lines in inbox.values():
            if not user.email:
                result.without_address.add(str(user))
                continue
            result.mails += 1
            body = "\n".join(dict.fromkeys(lines))
            transaction.on_commit(partial(_mail, agency, user, body, today))
    return result


def _mail(agency: Agency, user: User, body: str, today: dt.date) -> None:
    send_mail(
        subject=f"【催办】{agency.name}政府信息公开申请办理期限提醒（{today.isoformat()}）",
        message=(
            f"{user}：\n\n以下政府信息公开申请待确认收到、即将到期或已逾期，请及时办理：\n\n{body}\n\n"
            "（本邮件由 gongkai 每日自动发送）"
        ),
        from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
        recipient_list=[user.email],
    )
