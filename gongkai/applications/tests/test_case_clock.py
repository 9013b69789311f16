"""The due dates stored on a case are the replay's, after every act and every calendar change;
the overdue list is one query, and the due-soon list replays only the cases it may hold."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from gongkai import workdays
from gongkai.applications.case_clock import case_clock, refresh_due_dates
from gongkai.applications.models import Application
from gongkai.applications.procedure.deadlines import ClockStatus
from gongkai.applications.selectors import due_soon_and_overdue, overdue_cases
from gongkai.applications.services import (
    ServedLetter,
    ServiceMethod,
    application_answer_clarification,
    application_approve_extension,
    application_assign,
    application_decide,
    application_end_consultation,
    application_record_service,
    application_request_clarification,
    application_request_extension,
    application_serve,
    application_start_consultation,
)
from gongkai.applications.tests.factories import Office, make_office, registered
from gongkai.holidays.models import CalendarYear, OfficialDay
from gongkai.holidays.selectors import official_calendar
from gongkai.holidays.services import load_notice
from gongkai.report.catalogue import Outcome

pytestmark = pytest.mark.django_db
D = dt.date
LATER = D(2027, 12, 31)  # after every period of the cases below has ended


def assert_stored_is_the_replay(case: Application) -> None:
    """The columns say what the replay says once every open pause has run out."""
    case.refresh_from_db()
    clock = case_clock(case, as_of=LATER)
    if clock.status in (ClockStatus.STOPPED, ClockStatus.NOT_STARTED):
        assert (case.reply_due, case.next_due, case.clock_paused) == (None, None, False)
        return
    moving = clock.status in (ClockStatus.PAUSED, ClockStatus.AWAITING_CLARIFICATION)
    reply = None if moving or clock.reply_due is None else clock.reply_due
    assert case.reply_due == (reply.date if reply is not None else None)
    assert case.reply_due_provisional == (reply is not None and reply.provisional)
    dates = [sub.due.date for sub in clock.open_deadlines]
    assert case.next_due == min([*dates, *([reply.date] if reply else [])], default=None)


def test_the_stored_due_dates_follow_every_act():
    # given a case received on Monday 26 October 2026
    office = make_office()
    case = registered(office, D(2026, 10, 26))
    assert_stored_is_the_replay(case)
    assert case.reply_due == D(2026, 11, 23) and not case.clock_paused

    def then(result):
        assert_stored_is_the_replay(result.application)
        return result.application

    case = then(
        application_assign(
            application=case,
            actor=office.office,
            seen_version=case.version,
            section=office.section,
            handler=office.handler,
            on=D(2026, 10, 27),
        )
    )
    # 补正: the reply clock waits; the answer's period is the nearest date
    case = then(
        application_request_clarification(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            items=["请说明所需信息的年份"],
            answer_due=D(2026, 11, 13),
            on=D(2026, 10, 28),
        )
    )
    assert (case.reply_due, case.next_due, case.clock_paused) == (None, D(2026, 11, 13), True)
    case = then(
        application_answer_clarification(
            application=case, actor=office.handler, seen_version=case.version, on=D(2026, 11, 2)
        )
    )
    assert not case.clock_paused and case.reply_due is not None
    # a consultation: paused with no end until the letter is served, then with one
    case = then(
        application_start_consultation(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            party="甲公司",
            on=D(2026, 11, 3),
        )
    )
    assert case.reply_due is None and case.clock_paused
    case = then(
        application_record_service(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            letter=ServedLetter.CONSULTATION,
            party="甲公司",
            on=D(2026, 11, 4),
        )
    )
    assert case.reply_due is not None and case.clock_paused
    case = then(
        application_end_consultation(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            party="甲公司",
            on=D(2026, 11, 9),
        )
    )
    before = case.reply_due
    case = then(
        application_request_extension(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            workdays=10,
            reason="需要调取档案",
            on=D(2026, 11, 10),
        )
    )
    case = then(
        application_approve_extension(
            application=case, actor=office.approver, seen_version=case.version, on=D(2026, 11, 10)
        )
    )
    assert case.reply_due is not None and before is not None and case.reply_due > before
    case = then(
        application_decide(
            application=case,
            actor=office.approver,
            seen_version=case.version,
            outcome=Outcome.PARTIALLY_GRANTED,
            on=D(2026, 11, 20),
        )
    )
    case = then(
        application_serve(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            method=ServiceMethod.POST,
            on=D(2026, 11, 23),
            tracking_number="XA123",
        )
    )
    assert (case.reply_due, case.next_due) == (None, None)


def test_loading_a_years_notice_moves_the_stored_due_dates_of_open_cases():
    # given a case received on 7 December 2026, due in January 2027, a year not yet known
    office = make_office()
    CalendarYear.objects.filter(year=2027).delete()
    OfficialDay.objects.filter(date__year=2027).delete()
    case = registered(office, D(2026, 12, 7))
    refresh_due_dates()  # the calendar changed under the case above
    case.refresh_from_db()
    assert case.reply_due == D(2027, 1, 5) and case.reply_due_provisional
    # when the 2027 notice is loaded: 4 and 5 January are holidays
    load_notice(
        days=[
            workdays.OfficialDay(D(2027, 1, 1), True, "元旦"),
            workdays.OfficialDay(D(2027, 1, 4), True, "元旦"),
            workdays.OfficialDay(D(2027, 1, 5), True, "元旦"),
        ]
    )
    # then the stored date is the replay's on the new calendar, no longer provisional
    case.refresh_from_db()
    assert case.reply_due == D(2027, 1, 7) and not case.reply_due_provisional
    assert_stored_is_the_replay(case)


def overdue_office() -> tuple[Office, list[Application]]:
    office = make_office()
    late = [registered(office, D(2026, 3, day)) for day in (2, 3, 4)]
    registered(office, D(2026, 11, 16))  # not yet due on 18 November
    return office, late


def test_the_overdue_list_is_one_query(django_assert_num_queries):
    office, late = overdue_office()
    with django_assert_num_queries(1):
        found = [
            (c.tracking_code, c.agency.name, c.next_due)
            for c in overdue_cases(agency_ids=[office.agency.pk], as_of=D(2026, 11, 18))
        ]
    assert [code for code, _, _ in found] == [c.tracking_code for c in late]


def test_the_overdue_list_is_the_replays_overdue_items():
    office, late = overdue_office()
    _, items = due_soon_and_overdue(agency=office.agency, as_of=D(2026, 11, 18))
    listed = overdue_cases(agency_ids=[office.agency.pk], as_of=D(2026, 11, 18))
    assert {item.application for item in items} == set(listed) == set(late)


def test_the_due_soon_list_replays_only_the_cases_it_may_hold(django_assert_num_queries):
    office = make_office()
    soon = registered(office, D(2026, 10, 26))  # due 23 November
    for _ in range(5):
        registered(office, D(2026, 11, 16))  # due in December: not replayed
    official_calendar()  # built once per process; then 2 queries check it is current
    # the calendar's check, the cases near their dates, their events
    with django_assert_num_queries(4):
        due, late = due_soon_and_overdue(agency=office.agency, within=5, as_of=D(2026, 11, 18))
    assert [i.application for i in due] == [soon] and late == []


def test_replay_all_rewrites_a_stored_date_that_drifted(capsys):
    office = make_office()
    case = registered(office, D(2026, 10, 26))
    Application.objects.filter(pk=case.pk).update(reply_due=D(2030, 1, 1), next_due=None)
    call_command("applications", "replay-all")
    assert "1 件有变化" in capsys.readouterr().out
    assert_stored_is_the_replay(case)
