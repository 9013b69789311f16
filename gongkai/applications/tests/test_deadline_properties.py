"""Properties of the reply clock over 2024–2027 (2027 without data, so provisional)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications.procedure.deadlines import (
    ClockRules,
    ConsultationEnded,
    ConsultationStarted,
    Event,
    ExtensionGranted,
    FeeNoticeSent,
    FeeNoticeServed,
    FeePaid,
    Received,
    clock,
)
from gongkai.applications.tests.conftest import official_calendar

CALENDAR = official_calendar()
receipts = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31))
offsets = st.integers(min_value=0, max_value=40)


def _due(events: list[Event], as_of: dt.date, rules: ClockRules | None = None) -> dt.date:
    due = clock(events, CALENDAR, as_of=as_of, rules=rules).reply_due
    assert due is not None
    return due.date


@given(receipts, offsets, offsets, offsets)
def test_a_pause_never_shortens_the_due_date(
    receipt: dt.date, start_after: int, length: int, look_after: int
) -> None:
    # given a case, and the same case with a consultation somewhere after receipt
    start = receipt + dt.timedelta(days=start_after)
    end = start + dt.timedelta(days=length)
    as_of = end + dt.timedelta(days=look_after)
    plain: list[Event] = [Received(receipt)]
    paused: list[Event] = [*plain, ConsultationStarted(start, "甲"), ConsultationEnded(end, "甲")]
    # then the pause can only move the due date later, open or closed
    assert _due(paused, as_of) >= _due(plain, as_of)
    assert _due(paused[:2], start + dt.timedelta(days=length)) >= _due(plain, as_of)


@given(receipts, st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=19))
def test_an_extension_adds_exactly_its_working_days(
    receipt: dt.date, workdays: int, granted_after: int
) -> None:
    # given a running case without pauses, extended on or before its due date
    granted = CALENDAR.add_workdays(receipt, granted_after).date
    before = _due([Received(receipt)], granted)
    after = _due([Received(receipt), ExtensionGranted(granted, workdays)], granted)
    # then the new due date lies exactly `workdays` working days after the old one
    assert CALENDAR.workdays_between(before, after).days == workdays


@given(receipts, offsets, offsets)
def test_a_fee_wait_that_does_not_pause_leaves_the_due_date_alone(
    receipt: dt.date, served_after: int, paid_after: int
) -> None:
    served = receipt + dt.timedelta(days=served_after)
    paid = served + dt.timedelta(days=paid_after)
    counted = ClockRules(fee_pauses_clock=False)
    events: list[Event] = [
        Received(receipt),
        FeeNoticeSent(served),
        FeeNoticeServed(served),
        FeePaid(paid),
    ]
    assert _due(events, paid, counted) == _due([Received(receipt)], paid, counted)
    assert _due(events, paid) >= _due([Received(receipt)], paid)
