"""The statutory clock of one application, derived from its events and the official calendar.

ARCHITECTURE.md rule 3: the due date is never stored by hand (the dates this replay derives
are stored on the case by `applications.case_clock` alone). `clock(events, calendar, as_of=…)`
replays the case's events (typed records, in the order they happened) and returns a `Clock`:
receipt date, reply due date, paused spans, working days used and left, overdue flag and the
sub-deadlines still open. `check_events` validates a whole sequence and raises `DeadlineError`
(Chinese message) on the first event the law does not allow.

Counting (application-procedure.md §11, 民法典第二百零一条 by analogy, as in `gongkai.workdays`):
the day of an event is day 0 and not counted. A pause that begins with a letter or notice on day
S and ends on day E (reply received, fee paid, …) excludes the days S+1 … E from the reply clock:
day S is still the agency's, day E belongs to the wait. So the days the consultation's own
15-working-day period counts are exactly the days the reply clock does not count.

Sending and service are separate facts (docs/decisions/0011-served-dates-and-prerequisites.md).
A letter whose addressee has a period of its own runs that period from the day it was *served*:
the fee notice (国办函〔2020〕109号: 收到收费通知的次日起20个工作日内), the consultation letters
(条例第三十二条、第三十四条: 自收到征求意见书之日起15个工作日内) and the request for reasons.
Until service is recorded the period has no date (`Clock.unserved`), and nothing may be treated
as lapsed (`lapse_refusal`), nor a consultation as unanswered.

Decisions where the spec is silent (§17 open questions), each a `ClockRules` setting:
- `fee_pauses_clock` defaults to True: the fee wait is not counted. 109号 lets the applicant
  take 20 working days to pay and requires the notice within the processing period; if the wait
  counted, a notice served late in the period would leave the agency no time to answer after
  payment. Set False where the jurisdiction says otherwise. The wait is kept off the clock from
  the day the notice is served (`fee_pause_from_sending=False`, conservative: the transit time is
  the agency's), until payment.
- `reasons_pause_clock` defaults to False: 条例第三十五条 has no pause (第三十三条第三款 excludes
  consultation time only). A local rule that pauses bounds the wait to `reasons_answer_workdays`
  after the request was served. A delayed deadline (延迟答复期限) set after accepting the
  reasons replaces the 20(+20) working days entirely; later pauses do not move it.
- A consultation pause runs from the day the letter is sent (第三十三条第三款: the time the
  consultation needs) until the reply or the 15th working day after the party received it,
  whichever comes first (§6): a late reply does not lengthen the pause.
- While a pause is open, the reply due date is computed as if the pause ended on `as_of`: the
  earliest it can be, so the days left shown are never more than the days really left.
- Extensions may be granted more than once, as long as their total stays within 20 working days
  and each is granted no later than the due date in force.
- A 补正 notice later than 7 working days after receipt, a supplement received after the
  deadline set in the notice, a fee notice served after the reply due date and a late payment
  are recorded with a warning, not refused: they happen, and the record must show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gongkai.applications.procedure.clock_events import (
    ClarificationAnswered,
    ClarificationRequested,
    ConsultationAnswer,
    ConsultationEnded,
    ConsultationServed,
    ConsultationStarted,
    DelayedDeadlineSet,
    Event,
    ExtensionGranted,
    FeeNoticeSent,
    FeeNoticeServed,
    FeePaid,
    ReasonsAnswered,
    ReasonsRequested,
    ReasonsRequestServed,
    Received,
    ReplyServed,
    Withdrawn,
)
from gongkai.applications.procedure.clock_replay import (
    ClockRules,
    DeadlineError,
    ReplayedCase,
    replay,
)
from gongkai.applications.procedure.clock_result import (
    Clock,
    ClockStatus,
    Pause,
    PauseKind,
    SubDeadline,
    SubDeadlineKind,
    Unserved,
)
from gongkai.workdays import Calendar, Deadline

__all__ = [
    "ClarificationAnswered",
    "ClarificationRequested",
    "Clock",
    "ClockRules",
    "ClockStatus",
    "ConsultationAnswer",
    "ConsultationEnded",
    "ConsultationServed",
    "ConsultationStarted",
    "DeadlineError",
    "DelayedDeadlineSet",
    "Event",
    "ExtensionGranted",
    "FeeNoticeSent",
    "FeeNoticeServed",
    "FeePaid",
    "Pause",
    "PauseKind",
    "ReasonsAnswered",
    "ReasonsRequestServed",
    "ReasonsRequested",
    "Received",
    "ReplyServed",
    "SubDeadline",
    "SubDeadlineKind",
    "Unserved",
    "Withdrawn",
    "check_events",
    "clock",
    "lapse_refusal",
]


def check_events(
    events: Sequence[Event], calendar: Calendar, *, rules: ClockRules | None = None
) -> tuple[str, ...]:
    """Return the warnings of a whole event sequence, or raise DeadlineError at the first fault."""
    return tuple(replay(events, calendar, rules or ClockRules(), None).warnings)


def clock(
    events: Sequence[Event],
    calendar: Calendar,
    *,
    as_of: dt.date,
    rules: ClockRules | None = None,
) -> Clock:
    """Return the reply clock as it stood at the end of `as_of`, from the case's events.

    Events dated after `as_of` are not seen (a year-end snapshot replays the same history), but
    the order of the whole sequence is checked. Raises DeadlineError on a sequence the law does
    not allow.
    """
    rules = rules or ClockRules()
    case = replay(events, calendar, rules, as_of)
    if case.receipt is None or case.first_receipt is None:
        return Clock(
            as_of=as_of,
            status=ClockStatus.NOT_STARTED,
            receipt_date=None,
            clarification_notice_due=None,
            reply_due=None,
            extended_by=0,
            delayed=False,
            paused=(),
            days_used=None,
            days_left=None,
            overdue=False,
            stopped_on=None,
            open_deadlines=(),
            warnings=tuple(case.warnings),
        )
    until = case.stopped_on if case.stopped_on is not None else as_of
    spans = case.spans(until)
    due = case.due(until)
    paused = tuple(
        Pause(kind=wait.kind, span=span, open=wait.end is None, party=wait.party)
        for wait in case.waits
        if wait.counted and (span := wait.span(until)) is not None
    )
    used = left = None
    if due is not None:
        used = calendar.workdays_between(case.receipt, until, excluded=spans)
        left = calendar.workdays_between(until, due.date, excluded=spans)
    return Clock(
        as_of=as_of,
        status=_status(case, as_of),
        receipt_date=case.receipt,
        clarification_notice_due=calendar.add_workdays(
            case.first_receipt, rules.clarification_notice_workdays
        ),
        reply_due=due,
        extended_by=case.extended_by,
        delayed=case.delayed_due is not None,
        paused=paused,
        days_used=used,
        days_left=left,
        overdue=due is not None and until > due.date,
        stopped_on=case.stopped_on,
        open_deadlines=open_deadlines(case, as_of),
        warnings=tuple(case.warnings),
        unserved=_unserved(case),
    )


def _status(case: ReplayedCase, as_of: dt.date) -> ClockStatus:
    if case.stopped_on is not None:
        return ClockStatus.STOPPED
    if case.awaiting_clarification:
        return ClockStatus.AWAITING_CLARIFICATION
    for wait in case.waits:
        if (
            wait.counted
            and wait.end is None
            and wait.pause_from is not None
            and (wait.cap is None or as_of <= wait.cap.date)
        ):
            return ClockStatus.PAUSED
    return ClockStatus.RUNNING


def open_deadlines(case: ReplayedCase, as_of: dt.date) -> tuple[SubDeadline, ...]:
    """Return the periods open inside the reply period (补正, consultation, fee) at `as_of`."""
    if case.stopped_on is not None:
        return ()
    subs: list[SubDeadline] = []
    if case.awaiting_clarification and case.clarification is not None:
        answer_due = case.clarification.answer_due
        subs.append(
            SubDeadline(
                SubDeadlineKind.CLARIFICATION_ANSWER,
                Deadline(answer_due, provisional=False),
                overdue=as_of > answer_due,
            )
        )
    for wait in case.waits:
        if wait.end is None and wait.cap is not None and wait.kind in _SUB_KINDS:
            subs.append(
                SubDeadline(_SUB_KINDS[wait.kind], wait.cap, as_of > wait.cap.date, wait.party)
            )
    return tuple(subs)


_SUB_KINDS = {
    PauseKind.CONSULTATION: SubDeadlineKind.CONSULTATION_REPLY,
    PauseKind.FEE: SubDeadlineKind.FEE_PAYMENT,
}


def _unserved(case: ReplayedCase) -> tuple[Unserved, ...]:
    if case.stopped_on is not None:
        return ()
    return tuple(
        Unserved(_SUB_KINDS[wait.kind], wait.sent, wait.party)
        for wait in case.waits
        if wait.end is None and wait.served is None and wait.kind in _SUB_KINDS
    )


_PERIOD_NAMES = {
    SubDeadlineKind.CLARIFICATION_ANSWER: "补正期限",
    SubDeadlineKind.CONSULTATION_REPLY: "征求意见答复期限",
    SubDeadlineKind.FEE_PAYMENT: "缴费期限",
}


def lapse_refusal(result: Clock, kind: SubDeadlineKind, *, party: str = "") -> str | None:
    """Return why the period `kind` may not yet be treated as lapsed, or None when it may.

    A period lapses only when it is known (the letter's service recorded: 109号 and 条例第三十二条
    count from receipt), has passed at the end of `result.as_of`, and rests on a certain
    calendar (a provisional date may move once the year's notice is loaded).
    """
    name = _PERIOD_NAMES[kind]
    if any(u.kind is kind and (not party or u.party == party) for u in result.unserved):
        return (
            f"{name}自对方收到通知书（函）之日起计算，尚未记录送达日期，不能按逾期处理；"
            "请先记录送达日期"
        )
    sub = next(
        (s for s in result.open_deadlines if s.kind is kind and (not party or s.party == party)),
        None,
    )
    if sub is None:
        return f"没有正在计算的{name}，不能按逾期处理"
    if not sub.overdue:
        return f"{name}尚未届满（期限 {sub.due.date.isoformat()}，含当日），不能按逾期处理"
    if sub.due.provisional:
        return (
            f"{name} {sub.due.date.isoformat()} 为暂定日期（{sub.due.date.year}年的放假安排"
            "尚未载入，调休可能改变期限），不能按逾期处理；请先载入当年放假安排"
        )
    return None
