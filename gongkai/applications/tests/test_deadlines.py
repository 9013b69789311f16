"""The reply clock, worked by hand on the official 2024–2026 calendars.

Counting (application-procedure.md §11): the day of an event is day 0 and not counted; each
later working day is numbered. "rest" marks a day off (weekend or holiday), "调休" a weekend
working day. A pause begun by a letter on day S and ended on day E keeps S+1 … E off the clock.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.applications.procedure.deadlines import (
    ClarificationAnswered,
    ClarificationRequested,
    ClockRules,
    ClockStatus,
    ConsultationAnswer,
    ConsultationEnded,
    ConsultationServed,
    ConsultationStarted,
    DeadlineError,
    DelayedDeadlineSet,
    Event,
    ExtensionGranted,
    FeeNoticeSent,
    FeeNoticeServed,
    FeePaid,
    PauseKind,
    ReasonsAnswered,
    ReasonsRequested,
    ReasonsRequestServed,
    Received,
    ReplyServed,
    SubDeadlineKind,
    Withdrawn,
    check_events,
    clock,
    lapse_refusal,
)
from gongkai.workdays import Calendar, Count, DateSpan, Deadline

D = dt.date.fromisoformat


# --- the spec's worked example: 春节 2025 ------------------------------------------------------


def test_spec_example_receipt_friday_before_春节_2025(calendar: Calendar) -> None:
    # given receipt on Fri 2025-01-24 (day 0)
    # 补正 notice (7 wd): Sat 1/25 rest; Sun 1/26 调休 = 1; Mon 1/27 = 2; 1/28–2/4 春节 rest;
    # Wed 2/5 = 3; Thu 2/6 = 4; Fri 2/7 = 5; Sat 2/8 调休 = 6; Sun 2/9 rest; Mon 2/10 = 7.
    # Reply (20 wd): 2/11–2/14 = 8–11; 2/17–2/21 = 12–16; 2/24 = 17 … Thu 2/27 = 20.
    result = clock([Received(D("2025-01-24"))], calendar, as_of=D("2025-02-10"))
    assert result.clarification_notice_due == Deadline(D("2025-02-10"), False)
    assert result.reply_due == Deadline(D("2025-02-27"), False)
    # as of Mon 2/10: 7 working days used, 13 left.
    assert (result.days_used, result.days_left) == (Count(7, False), Count(13, False))
    assert result.status is ClockStatus.RUNNING
    assert not result.overdue


def test_overdue_the_day_after_the_due_date(calendar: Calendar) -> None:
    # Due Thu 2025-02-27; on Fri 2/28 the reply is one working day late.
    events = [Received(D("2025-01-24"))]
    assert not clock(events, calendar, as_of=D("2025-02-27")).overdue
    late = clock(events, calendar, as_of=D("2025-02-28"))
    assert late.overdue
    assert late.days_left == Count(-1, False)


def test_a_reply_served_late_stays_overdue_and_stops_the_clock(calendar: Calendar) -> None:
    events: list[Event] = [Received(D("2025-01-24")), ReplyServed(D("2025-02-28"))]
    result = clock(events, calendar, as_of=D("2025-06-30"))
    assert result.status is ClockStatus.STOPPED
    assert result.stopped_on == D("2025-02-28")
    assert result.overdue
    assert result.days_used == Count(21, False)
    assert result.open_deadlines == ()


# --- 国庆 2024 with 调休 -------------------------------------------------------------------------


def test_国庆_2024_with_a_调休_sunday_and_saturday(calendar: Calendar) -> None:
    # Receipt Fri 2024-09-27. Sat 9/28 rest; Sun 9/29 调休 = 1; Mon 9/30 = 2; 10/1–10/7 国庆
    # rest; Tue 10/8 – Fri 10/11 = 3–6; Sat 10/12 调休 = 7 (the 补正 notice is due on a
    # Saturday); 10/14–10/18 = 8–12; 10/21–10/25 = 13–17; Mon 10/28 = 18, 10/29 = 19,
    # Wed 10/30 = 20.
    result = clock([Received(D("2024-09-27"))], calendar, as_of=D("2024-09-27"))
    assert result.clarification_notice_due == Deadline(D("2024-10-12"), False)
    assert result.reply_due == Deadline(D("2024-10-30"), False)


# --- 补正 restarts the clock ----------------------------------------------------------------


CLARIFIED: list[Event] = [
    Received(D("2025-01-20")),
    # Wed 1/22 is working day 2 after receipt: within the 7 working days of 条例第三十条.
    ClarificationRequested(D("2025-01-22"), answer_due=D("2025-02-14")),
]


def test_while_awaiting_clarification_the_clock_stops(calendar: Calendar) -> None:
    result = clock(CLARIFIED, calendar, as_of=D("2025-02-05"))
    assert result.status is ClockStatus.AWAITING_CLARIFICATION
    assert result.reply_due is None
    assert not result.overdue
    answer = result.sub_deadline(SubDeadlineKind.CLARIFICATION_ANSWER)
    assert answer is not None
    assert answer.due == Deadline(D("2025-02-14"), False)
    assert not answer.overdue
    # The answer due date set in the notice has passed on Mon 2/17: the case may lapse.
    late = clock(CLARIFIED, calendar, as_of=D("2025-02-17")).open_deadlines
    assert [sub.overdue for sub in late] == [True]


def test_a_clarification_restarts_the_clock_with_the_full_20_working_days(
    calendar: Calendar,
) -> None:
    # The supplement arrives Fri 2025-02-07: the new receipt date (day 0).
    # Sat 2/8 调休 = 1; Sun 2/9 rest; 2/10–2/14 = 2–6; 2/17–2/21 = 7–11; 2/24–2/28 = 12–16;
    # Mon 3/3 – Thu 3/6 = 17–20. (Without the 补正, receipt 1/20 would have been due 2/21:
    # 1/21–1/24 = 1–4; Sun 1/26 调休 = 5; 1/27 = 6; 2/5–2/7 = 7–9; Sat 2/8 调休 = 10;
    # 2/10–2/14 = 11–15; 2/17–Fri 2/21 = 16–20.)
    events = [*CLARIFIED, ClarificationAnswered(D("2025-02-07"))]
    result = clock(events, calendar, as_of=D("2025-02-07"))
    assert result.receipt_date == D("2025-02-07")
    assert result.reply_due == Deadline(D("2025-03-06"), False)
    assert (result.days_used, result.days_left) == (Count(0, False), Count(20, False))
    # The 补正 notice due date stays that of the original receipt: Tue 1/21 – Fri 1/24 = 1–4,
    # Sun 1/26 调休 = 5, Mon 1/27 = 6, 1/28–2/4 rest, Wed 2/5 = 7.
    assert result.clarification_notice_due == Deadline(D("2025-02-05"), False)
    assert clock(CLARIFIED[:1], calendar, as_of=D("2025-01-20")).reply_due == Deadline(
        D("2025-02-21"), False
    )


def test_a_second_clarification_is_refused(calendar: Calendar) -> None:
    # 条例第三十条: 一次性告知.
    events = [
        *CLARIFIED,
        ClarificationAnswered(D("2025-02-07")),
        ClarificationRequested(D("2025-02-10"), answer_due=D("2025-02-20")),
    ]
    with pytest.raises(DeadlineError, match="补正只能一次性告知"):
        check_events(events, calendar)


def test_a_late_clarification_notice_is_a_warning(calendar: Calendar) -> None:
    # Receipt Fri 1/24, notice due Mon 2/10; a notice on Tue 2/11 is recorded with a warning.
    events: list[Event] = [
        Received(D("2025-01-24")),
        ClarificationRequested(D("2025-02-11"), answer_due=D("2025-02-21")),
        ClarificationAnswered(D("2025-02-24")),
    ]
    warnings = check_events(events, calendar)
    assert warnings[0].startswith("补正告知超期")
    assert "2025-02-10" in warnings[0]
    assert "晚于补正期限" in warnings[1]


# --- consultation pauses the clock: 国庆 2025 ---------------------------------------------------


CONSULTED: list[Event] = [
    Received(D("2025-09-15")),
    # Letter Mon 9/22: 9/16–9/19 = 1–4, Mon 9/22 = 5 (the letter's day is still counted).
    ConsultationStarted(D("2025-09-22"), party="某某有限公司"),
    # Handed over the same day: its 15 working days run from 9/22 (条例第三十二条).
    ConsultationServed(D("2025-09-22"), party="某某有限公司"),
]


def test_a_consultation_pause_across_国庆_2025(calendar: Calendar) -> None:
    # The third party replies Thu 10/9: 9/23 … 10/9 is not counted (条例第三十三条第二款).
    # Working days inside the pause: 9/23–9/26 (4), Sun 9/28 调休, 9/29, 9/30, 10/9 = 8.
    # Clock resumes: Fri 10/10 = 6; Sat 10/11 调休 = 7; 10/13–10/17 = 8–12; 10/20–10/24 = 13–17;
    # Mon 10/27 = 18, 10/28 = 19, Wed 10/29 = 20.
    # (Unpaused it would be Fri 10/17: 10/17 + the 8 paused working days = 10/29.)
    events = [*CONSULTED, ConsultationEnded(D("2025-10-09"), party="某某有限公司")]
    result = clock(events, calendar, as_of=D("2025-10-09"))
    assert result.reply_due == Deadline(D("2025-10-29"), False)
    assert [p.span for p in result.paused] == [DateSpan(D("2025-09-23"), D("2025-10-09"))]
    assert result.paused[0].kind is PauseKind.CONSULTATION
    assert (result.days_used, result.days_left) == (Count(5, False), Count(15, False))
    assert clock(CONSULTED[:1], calendar, as_of=D("2025-09-15")).reply_due == Deadline(
        D("2025-10-17"), False
    )


def test_an_open_consultation_shows_its_own_15_day_deadline(calendar: Calendar) -> None:
    # 条例第三十二条: 15 working days from the letter (Mon 9/22): 9/23–9/26 = 1–4; Sun 9/28
    # 调休 = 5; 9/29 = 6, 9/30 = 7; 10/1–10/8 rest; 10/9 = 8, 10/10 = 9, Sat 10/11 调休 = 10;
    # 10/13–10/17 = 11–15.
    result = clock(CONSULTED, calendar, as_of=D("2025-10-01"))
    assert result.status is ClockStatus.PAUSED
    reply = result.sub_deadline(SubDeadlineKind.CONSULTATION_REPLY)
    assert reply is not None
    assert (reply.due, reply.party, reply.overdue) == (
        Deadline(D("2025-10-17"), False),
        "某某有限公司",
        False,
    )
    # While paused the due date is shown as if the pause ended today (Wed 10/1): 7 working days
    # paused (9/23–9/26, 9/28, 9/29, 9/30), so 10/17 + 7: 10/20–10/24, 10/27, Tue 10/28.
    assert result.reply_due == Deadline(D("2025-10-28"), False)
    assert result.days_left == Count(15, False)


def test_a_silent_third_party_pauses_the_clock_for_15_working_days_only(
    calendar: Calendar,
) -> None:
    # No reply: the pause ends on Fri 10/17, the 15th working day (§6: whichever first).
    # Due = 10/17 (unpaused) + 15: 10/20–10/24, 10/27–10/31, 11/3–Fri 11/7.
    result = clock(CONSULTED, calendar, as_of=D("2025-10-20"))
    assert result.status is ClockStatus.RUNNING
    assert result.paused[0].span == DateSpan(D("2025-09-23"), D("2025-10-17"))
    assert result.reply_due == Deadline(D("2025-11-07"), False)
    reply = result.sub_deadline(SubDeadlineKind.CONSULTATION_REPLY)
    assert reply is not None and reply.overdue


def test_a_late_reply_does_not_lengthen_the_pause(calendar: Calendar) -> None:
    events = [*CONSULTED, ConsultationEnded(D("2025-10-24"), party="某某有限公司")]
    assert clock(events, calendar, as_of=D("2025-10-24")).reply_due == Deadline(
        D("2025-11-07"), False
    )


def test_two_consultations_at_once(calendar: Calendar) -> None:
    events = [
        *CONSULTED,
        ConsultationStarted(D("2025-09-24"), party="某区财政局"),
        ConsultationEnded(D("2025-09-26"), party="某区财政局"),
        ConsultationEnded(D("2025-10-09"), party="某某有限公司"),
    ]
    # The agency's shorter consultation lies inside the third party's: same due date as alone.
    assert clock(events, calendar, as_of=D("2025-10-09")).reply_due == Deadline(
        D("2025-10-29"), False
    )
    with pytest.raises(DeadlineError, match="已在征求“某某有限公司”的意见"):
        check_events([*CONSULTED, CONSULTED[1]], calendar)


# --- extension: 春节 2024 -----------------------------------------------------------------------


EXTENDED_BASE: list[Event] = [Received(D("2024-01-15"))]


def test_an_extension_across_春节_2024(calendar: Calendar) -> None:
    # Receipt Mon 2024-01-15: 1/16–1/19 = 1–4; 1/22–1/26 = 5–9; 1/29–2/2 = 10–14; Sun 2/4 调休
    # = 15; 2/5–2/8 = 16–19; Fri 2/9 = 20. Extension of 15 granted Thu 2/8: 2/10–2/17 春节
    # rest; Sun 2/18 调休 = 21; 2/19–2/23 = 22–26; 2/26–3/1 = 27–31; 3/4–3/7 = 32–35.
    assert clock(EXTENDED_BASE, calendar, as_of=D("2024-02-08")).reply_due == Deadline(
        D("2024-02-09"), False
    )
    events = [*EXTENDED_BASE, ExtensionGranted(D("2024-02-08"), workdays=15)]
    result = clock(events, calendar, as_of=D("2024-02-08"))
    assert result.reply_due == Deadline(D("2024-03-07"), False)
    assert result.extended_by == 15
    assert (result.days_used, result.days_left) == (Count(19, False), Count(16, False))


def test_an_extension_on_the_due_date_itself_is_allowed(calendar: Calendar) -> None:
    events = [*EXTENDED_BASE, ExtensionGranted(D("2024-02-09"), workdays=1)]
    # Fri 2/9 + 1: the whole 春节 block, then Sun 2/18 调休.
    assert clock(events, calendar, as_of=D("2024-02-09")).reply_due == Deadline(
        D("2024-02-18"), False
    )


def test_an_extension_after_the_due_date_is_refused(calendar: Calendar) -> None:
    with pytest.raises(DeadlineError, match="答复期限已于 2024-02-09 届满"):
        check_events([*EXTENDED_BASE, ExtensionGranted(D("2024-02-10"), workdays=5)], calendar)


def test_an_extension_beyond_20_working_days_is_refused(calendar: Calendar) -> None:
    with pytest.raises(DeadlineError, match="最长不得超过20个工作日"):
        check_events([*EXTENDED_BASE, ExtensionGranted(D("2024-02-01"), workdays=21)], calendar)
    topped_up = [
        *EXTENDED_BASE,
        ExtensionGranted(D("2024-02-01"), workdays=15),
        ExtensionGranted(D("2024-02-20"), workdays=5),
    ]
    assert clock(topped_up, calendar, as_of=D("2024-02-20")).extended_by == 20
    with pytest.raises(DeadlineError, match="已延长15个工作日，本次申请延长6个工作日"):
        check_events([*topped_up[:2], ExtensionGranted(D("2024-02-20"), workdays=6)], calendar)


# --- across 31 December, and into a year without data -------------------------------------------


def test_a_case_crossing_31_december(calendar: Calendar) -> None:
    # Receipt Mon 2024-12-16: 12/17–12/20 = 1–4; 12/23–12/27 = 5–9; Mon 12/30 = 10,
    # Tue 12/31 = 11; Wed 2025-01-01 元旦 rest; 1/2 = 12, 1/3 = 13; 1/6–1/10 = 14–18;
    # Mon 1/13 = 19, Tue 1/14 = 20.
    events = [Received(D("2024-12-16"))]
    year_end = clock(events, calendar, as_of=D("2024-12-31"))
    assert year_end.reply_due == Deadline(D("2025-01-14"), False)
    # The year-end snapshot: 11 used, 9 left — carried forward (结转下年度), not overdue.
    assert (year_end.days_used, year_end.days_left) == (Count(11, False), Count(9, False))
    assert not year_end.overdue


def test_a_due_date_in_2027_is_provisional(calendar: Calendar) -> None:
    # Receipt Fri 2026-12-11: 12/14–12/18 = 1–5; 12/21–12/25 = 6–10; 12/28–12/31 = 11–14;
    # Fri 2027-01-01 元旦 rests: 2027's notice is not loaded, but the law fixes 元旦 (only the
    # 调休 arrangement is unknown: this is why the result is provisional); 1/4–1/8 = 15–19;
    # Mon 1/11 = 20.
    result = clock([Received(D("2026-12-11"))], calendar, as_of=D("2026-12-11"))
    assert result.reply_due == Deadline(D("2027-01-11"), True)
    assert result.days_left == Count(20, True)
    # The 补正 notice due date stays within 2026 and is certain: 12/14–12/18, 12/21, Tue 12/22.
    assert result.clarification_notice_due == Deadline(D("2026-12-22"), False)


# --- fees ---------------------------------------------------------------------------------------


FEE: list[Event] = [
    Received(D("2025-03-03")),
    # The applicant receives the fee notice on Mon 3/10 (working day 5: 3/4–3/7, 3/10).
    FeeNoticeSent(D("2025-03-10")),
    FeeNoticeServed(D("2025-03-10")),
]


def test_the_fee_payment_deadline_counts_from_the_day_after_the_notice(calendar: Calendar) -> None:
    # 109号: 20 working days from the day after receiving the notice: 3/11–3/14 = 1–4;
    # 3/17–3/21 = 5–9; 3/24–3/28 = 10–14; 3/31–4/3 = 15–18; 4/4–4/6 清明 rest; 4/7 = 19,
    # Tue 4/8 = 20.
    result = clock(FEE, calendar, as_of=D("2025-03-12"))
    payment = result.sub_deadline(SubDeadlineKind.FEE_PAYMENT)
    assert payment is not None
    assert payment.due == Deadline(D("2025-04-08"), False)
    assert result.status is ClockStatus.PAUSED
    # Unpaid on Wed 4/9: the application may be closed as 逾期未缴费.
    lapsed = clock(FEE, calendar, as_of=D("2025-04-09")).sub_deadline(SubDeadlineKind.FEE_PAYMENT)
    assert lapsed is not None and lapsed.overdue


def test_the_fee_wait_pauses_the_clock_by_default(calendar: Calendar) -> None:
    # Paid Fri 3/14: 3/11–3/14 (4 working days) not counted. Unpaused due from Mon 3/3:
    # 3/4–3/7 = 1–4 … 3/24–3/28 = 15–19, Mon 3/31 = 20. Plus 4: 4/1, 4/2, 4/3, (清明) 4/7.
    events = [*FEE, FeePaid(D("2025-03-14"))]
    assert clock(events, calendar, as_of=D("2025-03-14")).reply_due == Deadline(
        D("2025-04-07"), False
    )
    counted = ClockRules(fee_pauses_clock=False)
    result = clock(events, calendar, as_of=D("2025-03-14"), rules=counted)
    assert result.reply_due == Deadline(D("2025-03-31"), False)
    assert result.paused == ()


def test_fee_notice_rules(calendar: Calendar) -> None:
    with pytest.raises(DeadlineError, match="上一份收费通知尚未缴费"):
        check_events([*FEE, FeeNoticeSent(D("2025-03-11"))], calendar)
    with pytest.raises(DeadlineError, match="没有尚未结束的收费通知"):
        check_events([FEE[0], FeePaid(D("2025-03-11"))], calendar)
    # Sent after the reply due date (Mon 3/31): recorded, with a warning.
    warnings = check_events([FEE[0], FeeNoticeSent(D("2025-04-01"))], calendar)
    assert warnings == ("收费通知应在答复期限内发出：期限 2025-03-31，发出 2025-04-01",)


# --- 条例第三十五条 ------------------------------------------------------------------------------


def test_a_delayed_deadline_replaces_the_statutory_one(calendar: Calendar) -> None:
    events: list[Event] = [
        Received(D("2025-03-03")),
        ReasonsRequested(D("2025-03-05")),
        DelayedDeadlineSet(D("2025-03-12"), due=D("2025-05-30")),
    ]
    # 条例第三十五条 has no pause: the clock runs while the applicant is asked for reasons.
    waiting = clock(events[:2], calendar, as_of=D("2025-03-10"))
    assert waiting.status is ClockStatus.RUNNING
    result = clock(events, calendar, as_of=D("2025-03-12"))
    assert result.reply_due == Deadline(D("2025-05-30"), False)
    assert result.delayed
    with pytest.raises(DeadlineError, match="不再延长答复期限"):
        check_events([*events, ExtensionGranted(D("2025-03-13"), workdays=5)], calendar)
    with pytest.raises(DeadlineError, match="未要求申请人说明理由"):
        check_events([events[0], events[2]], calendar)


# --- sequences ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([ExtensionGranted(D("2025-03-03"), 5)], "尚未确定收到申请之日"),
        ([Received(D("2025-03-03")), Received(D("2025-03-04"))], "收到申请之日已确定"),
        (
            [Received(D("2025-03-05")), ConsultationStarted(D("2025-03-04"), "甲")],
            "早于上一事件",
        ),
        ([Received(D("2025-03-03")), ConsultationEnded(D("2025-03-04"), "甲")], "没有尚未结束"),
        ([Received(D("2025-03-03")), ClarificationAnswered(D("2025-03-04"))], "未告知补正"),
        (
            [Received(D("2025-03-03")), ReplyServed(D("2025-03-04")), FeePaid(D("2025-03-05"))],
            "案件已答复",
        ),
        (
            [Received(D("2025-03-03")), Withdrawn(D("2025-03-04")), ReplyServed(D("2025-03-05"))],
            "案件已撤回",
        ),
        (
            [
                Received(D("2025-03-03")),
                ClarificationRequested(D("2025-03-04"), D("2025-03-14")),
                ExtensionGranted(D("2025-03-05"), 5),
            ],
            "正在等待申请人补正",
        ),
        (
            [Received(D("2025-03-03")), ClarificationRequested(D("2025-03-04"), D("2025-03-04"))],
            "应晚于告知补正之日",
        ),
        ([Received(D("2025-03-03")), ExtensionGranted(D("2025-03-04"), 0)], "应为正数"),
        ([Received(D("2025-03-03")), ConsultationStarted(D("2025-03-04"), " ")], "须写明"),
    ],
)
def test_sequences_the_law_does_not_allow(
    calendar: Calendar, events: list[Event], message: str
) -> None:
    with pytest.raises(DeadlineError, match=message):
        check_events(events, calendar)


def test_a_withdrawal_while_awaiting_clarification_stops_the_clock(calendar: Calendar) -> None:
    result = clock([*CLARIFIED, Withdrawn(D("2025-01-27"))], calendar, as_of=D("2025-03-01"))
    assert result.status is ClockStatus.STOPPED
    assert result.reply_due is None
    assert result.open_deadlines == ()


def test_events_after_as_of_are_not_seen(calendar: Calendar) -> None:
    events = [*EXTENDED_BASE, ExtensionGranted(D("2024-02-08"), workdays=15)]
    assert clock(events, calendar, as_of=D("2024-02-07")).reply_due == Deadline(
        D("2024-02-09"), False
    )


def test_before_receipt_the_clock_has_not_started(calendar: Calendar) -> None:
    result = clock([], calendar, as_of=D("2025-03-03"))
    assert result.status is ClockStatus.NOT_STARTED
    assert result.reply_due is None


# --- periods run from service, not from sending (issue 14 W1) -----------------------------------


def test_the_fee_period_runs_from_the_day_after_the_notice_was_received(
    calendar: Calendar,
) -> None:
    # given a fee notice sent Mon 2025-03-03 and received Thu 03-06
    sent: list[Event] = [Received(D("2025-03-03")), FeeNoticeSent(D("2025-03-03"))]
    served = [*sent, FeeNoticeServed(D("2025-03-06"))]
    # then before service nothing is dated, and nothing may lapse
    unserved = clock(sent, calendar, as_of=D("2025-04-02"))
    assert unserved.sub_deadline(SubDeadlineKind.FEE_PAYMENT) is None
    assert [u.kind for u in unserved.unserved] == [SubDeadlineKind.FEE_PAYMENT]
    assert "尚未记录送达日期" in (lapse_refusal(unserved, SubDeadlineKind.FEE_PAYMENT) or "")
    # 3/7 = 1; 3/10–3/14 = 2–6; 3/17–3/21 = 7–11; 3/24–3/28 = 12–16; 3/31 = 17; 4/1–4/3 = 18–20
    # (not 03-31, which counting from the day the notice was sent gives).
    on_last_day = clock(served, calendar, as_of=D("2025-04-03"))
    payment = on_last_day.sub_deadline(SubDeadlineKind.FEE_PAYMENT)
    assert payment is not None and payment.due == Deadline(D("2025-04-03"), False)
    assert lapse_refusal(on_last_day, SubDeadlineKind.FEE_PAYMENT) == (
        "缴费期限尚未届满（期限 2025-04-03，含当日），不能按逾期处理"
    )
    # 4/4–4/6 清明: the first day the case may be closed as 逾期未缴费 is Mon 4/7 (any day after).
    assert (
        lapse_refusal(clock(served, calendar, as_of=D("2025-04-04")), SubDeadlineKind.FEE_PAYMENT)
        is None
    )


def test_the_consultation_period_runs_from_the_party_s_receipt(calendar: Calendar) -> None:
    # given a letter sent Mon 2025-03-03, received Wed 03-05: 3/6, 3/7 = 1–2; 3/10–3/14 = 3–7;
    # 3/17–3/21 = 8–12; 3/24–3/26 = 13–15 → Wed 03-26 (counting from sending gives 03-24).
    events: list[Event] = [
        Received(D("2025-03-03")),
        ConsultationStarted(D("2025-03-03"), "甲公司"),
        ConsultationServed(D("2025-03-05"), "甲公司"),
    ]
    reply = clock(events, calendar, as_of=D("2025-03-10")).sub_deadline(
        SubDeadlineKind.CONSULTATION_REPLY
    )
    assert reply is not None and reply.due == Deadline(D("2025-03-26"), False)
    # the pause is counted from the letter's sending (条例第三十三条第三款)
    ended = clock(events, calendar, as_of=D("2025-04-30"))
    assert ended.paused[0].span == DateSpan(D("2025-03-04"), D("2025-03-26"))


def test_no_answer_is_refused_before_service_and_before_the_period_passed(
    calendar: Calendar,
) -> None:
    sent: list[Event] = [Received(D("2025-03-03")), ConsultationStarted(D("2025-03-03"), "甲")]
    no_reply = ConsultationAnswer.NO_REPLY
    with pytest.raises(DeadlineError, match="尚未记录送达日期"):
        check_events([*sent, ConsultationEnded(D("2025-04-30"), "甲", no_reply)], calendar)
    served = [*sent, ConsultationServed(D("2025-03-05"), "甲")]
    with pytest.raises(DeadlineError, match="2025-03-26 尚未届满"):
        check_events([*served, ConsultationEnded(D("2025-03-26"), "甲", no_reply)], calendar)
    assert (
        check_events([*served, ConsultationEnded(D("2025-03-27"), "甲", no_reply)], calendar) == ()
    )


def test_service_facts_are_checked(calendar: Calendar) -> None:
    base: list[Event] = [Received(D("2025-03-03")), FeeNoticeSent(D("2025-03-05"))]
    with pytest.raises(DeadlineError, match="早于上一事件“发出收费通知”"):
        check_events([*base, FeeNoticeServed(D("2025-03-04"))], calendar)
    with pytest.raises(DeadlineError, match="已于 2025-03-06 送达"):
        check_events(
            [*base, FeeNoticeServed(D("2025-03-06")), FeeNoticeServed(D("2025-03-07"))], calendar
        )
    with pytest.raises(DeadlineError, match="没有尚未结束的收费通知"):
        check_events([base[0], FeeNoticeServed(D("2025-03-06"))], calendar)


def test_a_provisional_period_may_not_lapse(calendar: Calendar) -> None:
    # 2027's notice is not loaded: a fee period ending in 2027 is provisional.
    events: list[Event] = [
        Received(D("2026-12-01")),
        FeeNoticeSent(D("2026-12-14")),
        FeeNoticeServed(D("2026-12-14")),
    ]
    later = clock(events, calendar, as_of=D("2027-03-01"))
    payment = later.sub_deadline(SubDeadlineKind.FEE_PAYMENT)
    assert payment is not None and payment.due.provisional and payment.overdue
    assert "为暂定日期" in (lapse_refusal(later, SubDeadlineKind.FEE_PAYMENT) or "")


def test_a_pausing_local_rule_bounds_the_wait_for_reasons(calendar: Calendar) -> None:
    # given a local rule that pauses for reasons, with 15 working days to answer from service
    rules = ClockRules(reasons_pause_clock=True)
    events: list[Event] = [
        Received(D("2025-03-03")),
        ReasonsRequested(D("2025-03-05")),
        ReasonsRequestServed(D("2025-03-05")),
    ]
    # then the pause ends on 03-26 (15 working days after service), not never
    result = clock(events, calendar, as_of=D("2025-09-30"), rules=rules)
    assert result.status is ClockStatus.RUNNING
    assert result.paused[0].span == DateSpan(D("2025-03-06"), D("2025-03-26"))
    answered = [*events, ReasonsAnswered(D("2025-03-10"))]
    assert clock(answered, calendar, as_of=D("2025-03-10"), rules=rules).paused[0].span == (
        DateSpan(D("2025-03-06"), D("2025-03-10"))
    )
