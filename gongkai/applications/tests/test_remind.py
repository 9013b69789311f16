"""`gongkai applications remind`: due-soon and overdue cases mailed, escalated, once a day."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.services import (
    application_assign,
    application_decide,
    application_submit,
)
from gongkai.applications.services.reminders import send_reminders
from gongkai.applications.tests.factories import make_office, person, registered

pytestmark = pytest.mark.django_db
D = dt.date
AS_OF = D(2026, 11, 18)


def given_an_office_with_an_overdue_and_a_due_case():
    office = make_office()
    for user, address in [
        (office.handler, "handler@example.cn"),
        (office.office, "office@example.cn"),
        (office.head, "head@example.cn"),
        (office.leader, "leader@example.cn"),
    ]:
        user.email = address
        user.save()
    overdue = registered(office, D(2026, 3, 2))  # due 30 March
    soon = registered(office, D(2026, 10, 26))  # due 23 November
    for case in (overdue, soon):
        application_assign(
            application=case,
            actor=office.office,
            seen_version=case.version,
            section=office.section,
            handler=office.handler,
            on=D(2026, 3, 3) if case is overdue else D(2026, 10, 27),
        )
    done = registered(office, D(2026, 10, 26))
    application_decide(
        application=done,
        actor=office.approver,
        seen_version=done.version,
        outcome="granted",
        on=D(2026, 11, 2),
    )
    return office, overdue, soon


def test_reminders_go_to_handler_and_office_and_overdue_cases_to_head_and_leader(
    django_capture_on_commit_callbacks,
):
    office, overdue, soon = given_an_office_with_an_overdue_and_a_due_case()
    with django_capture_on_commit_callbacks(execute=True):
        (result, *_) = [r for r in send_reminders(as_of=AS_OF) if r.agency == office.agency]
    assert (result.due_soon, result.overdue, result.mails) == (1, 1, 4)
    inbox = {message.to[0]: message.body for message in mail.outbox}
    # the office head is an office member too: it hears of both
    for address in ("handler@example.cn", "office@example.cn", "head@example.cn"):
        assert overdue.tracking_code in inbox[address] and soon.tracking_code in inbox[address]
    # the leader hears only of the overdue case (escalation)
    assert overdue.tracking_code in inbox["leader@example.cn"]
    assert soon.tracking_code not in inbox["leader@example.cn"]
    assert "已逾期" in inbox["leader@example.cn"]
    # no applicant's personal data in any mail
    assert all("张三" not in body and "13800138000" not in body for body in inbox.values())


def test_a_second_run_the_same_day_sends_nothing_more(django_capture_on_commit_callbacks):
    office, overdue, _ = given_an_office_with_an_overdue_and_a_due_case()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(as_of=AS_OF)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        (again, *_) = [r for r in send_reminders(as_of=AS_OF) if r.agency == office.agency]
    assert len(mail.outbox) == sent and again.skipped == 2 and again.mails == 0
    assert ApplicationEvent.objects.filter(application=overdue, kind="reminded").count() == 1


def test_a_reminder_does_not_block_a_backdated_action():
    office, overdue, _ = given_an_office_with_an_overdue_and_a_due_case()
    send_reminders(as_of=AS_OF)
    overdue.refresh_from_db()
    application_decide(
        application=overdue,
        actor=office.approver,
        seen_version=overdue.version,
        outcome="granted",
        on=D(2026, 11, 10),
    )


def test_the_command_prints_a_chinese_summary():
    office, _, _ = given_an_office_with_an_overdue_and_a_due_case()
    out = StringIO()
    call_command("applications", "remind", stdout=out)
    assert f"{office.agency.name}：5个工作日内到期" in out.getvalue()


def given_an_online_application_unconfirmed_since(office, day: dt.date):
    submitted = application_submit(agency=office.agency, applicant=person(name="李四"))
    arrived = timezone.make_aware(dt.datetime.combine(day, dt.time(20, 30)))
    Application.objects.filter(pk=submitted.application.pk).update(arrived_at=arrived)
    return submitted.application


def test_an_online_application_awaiting_confirmation_is_reminded_with_its_age(
    django_capture_on_commit_callbacks,
):
    # given an online application submitted on Tuesday 10 November, never confirmed
    office, _, _ = given_an_office_with_an_overdue_and_a_due_case()
    waiting = given_an_online_application_unconfirmed_since(office, D(2026, 11, 10))
    # when the reminders run on Wednesday 18 November
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("applications", "remind", stdout=out)
        (result, *_) = [r for r in send_reminders(as_of=AS_OF) if r.agency == office.agency]
    # then the office hears of it with its age: 11, 12, 13, 16, 17, 18 November = 6 working days
    assert result.unconfirmed == 1
    inbox = {message.to[0]: message.body for message in mail.outbox}
    assert (
        f"{waiting.tracking_code}  待确认收到（网上提交于 2026-11-10，已等待 6 个工作日）"
        in (inbox["office@example.cn"])
    )
    # only the office confirms receipt: the handler and the leader are not told
    assert all(waiting.tracking_code not in inbox[a] for a in ("handler@example.cn",))
    assert "李四" not in inbox["office@example.cn"]
    assert "待确认收到 1 件" in out.getvalue()
    # and once a day only
    assert ApplicationEvent.objects.filter(application=waiting, date=AS_OF).count() == 1
