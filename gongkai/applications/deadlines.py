"""The statutory clock of one application, derived from its events and the official calendar.

ARCHITECTURE.md rule 3: the due date is never stored by hand. `clock(events, calendar, as_of=…)`
replays the case's events (typed records, in the order they happened) and returns a `Clock`:
receipt date, reply due date, paused spans, working days used and left, overdue flag and the
sub-deadlines still open. `check_events` validates a whole sequence and raises `DeadlineError`
(Chinese message) on the first event the law does not allow.

Counting (application-procedure.md §11, 民法典第二百零一条 by analogy, as in `gongkai.workdays`):
the day of an event is day 0 and not counted. A pause that begins with a letter or notice on day
S and ends on day E (reply received, fee paid, …) excludes the days S+1 … E from the reply clock:
day S is still the agency's, day E belongs to the wait. So the days the consultation's own
15-working-day period counts are exactly the days the reply clock does not count.

Decisions where the spec is silent (§17 open questions), each a `ClockRules` setting:
- `fee_pauses_clock` defaults to True: the fee wait (notice served → paid) is not counted.
  109号 lets the applicant take 20 working days to pay and requires the notice within the
  processing period; if the wait counted, a notice served late in the period would leave the
  agency no time to answer after payment. Set False where the jurisdiction says otherwise.
- The fee payment period runs from the day the applicant *received* the notice (109号: 收到收费
  通知的次日起20个工作日内); `FeeNoticeServed.date` is that day (签收 for direct or postal
  service, the sending day for an electronic route the applicant chose).
- `reasons_pause_clock` defaults to True: waiting for the applicant's reasons under 条例第三十五条
  is, like a consultation, time outside the agency's hands. A delayed deadline (延迟答复期限) set
  after accepting the reasons replaces the 20(+20) working days entirely; later pauses do not
  move it.
- A consultation pause lasts until the reply or the consultation's 15th working day, whichever
  comes first (§6): a late reply does not lengthen the pause.
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai.applications.clock_events import (
    ClarificationAnswered,
    ClarificationRequested,
    ConsultationEnded,
    ConsultationStarted,
    DelayedDeadlineSet,
    Event,
    ExtensionGranted,
    FeeNoticeServed,
    FeePaid,
    ReasonsRequested,
    Received,
    ReplyServed,
    Withdrawn,
)
from gongkai.workdays import Calendar, Count, DateSpan, Deadline

__all__ = [
    "ClarificationAnswered",
    "ClarificationRequested",
    "Clock",
    "ClockRules",
    "ClockStatus",
    "ConsultationEnded",
    "ConsultationStarted",
    "DeadlineError",
    "DelayedDeadlineSet",
    "Event",
    "ExtensionGranted",
    "FeeNoticeServed",
    "FeePaid",
    "Pause",
    "PauseKind",
    "ReasonsRequested",
    "Received",
    "ReplyServed",
    "SubDeadline",
    "SubDeadlineKind",
    "Withdrawn",
    "check_events",
    "clock",
]

_ONE_DAY = dt.timedelta(days=1)


class DeadlineError(ValueError):
    """A sequence of case events the law does not allow; the message (Chinese) names the event."""


@dataclass(frozen=True, slots=True)
class ClockRules:
    """The periods and settings of one jurisdiction; the defaults are the national rules."""

    reply_workdays: int = 20  # 条例第三十三条第一款
    clarification_notice_workdays: int = 7  # 条例第三十条
    consultation_workdays: int = 15  # 条例第三十二条、第三十四条
    extension_max_workdays: int = 20  # 条例第三十三条第二款
    fee_payment_workdays: int = 20  # 国办函〔2020〕109号
    fee_pauses_clock: bool = True
    reasons_pause_clock: bool = True


# --- The result ---------------------------------------------------------------------------------


class ClockStatus(StrEnum):
    """Whether the reply clock is running, and if not, why."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    AWAITING_CLARIFICATION = "awaiting_clarification"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        """Return the status in Chinese, as shown beside the due date."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ClockStatus.NOT_STARTED: "未开始计时",
    ClockStatus.RUNNING: "计时中",
    ClockStatus.PAUSED: "暂停计时",
    ClockStatus.AWAITING_CLARIFICATION: "待补正，收到补正材料后重新计时",
    ClockStatus.STOPPED: "已停止计时",
}


class PauseKind(StrEnum):
    """Why working days are not counted."""

    CONSULTATION = "consultation"  # 条例第三十三条第二款
    FEE = "fee"  # ClockRules.fee_pauses_clock
    REASONS = "reasons"  # ClockRules.reasons_pause_clock


@dataclass(frozen=True, slots=True)
class Pause:
    """Calendar days not counted by the reply clock; `open` while the wait goes on."""

    kind: PauseKind
    span: DateSpan
    open: bool
    party: str = ""


class SubDeadlineKind(StrEnum):
    """A period running inside the case, apart from the reply clock."""

    CLARIFICATION_ANSWER = "clarification_answer"
    CONSULTATION_REPLY = "consultation_reply"
    FEE_PAYMENT = "fee_payment"


@dataclass(frozen=True, slots=True)
class SubDeadline:
    """An open period: what, by when, for whom (consultation), and whether it has passed."""

    kind: SubDeadlineKind
    due: Deadline
    overdue: bool
    party: str = ""


@dataclass(frozen=True, slots=True)
class Clock:
    """The reply clock of one application as it stood at the end of `as_of`.

    `reply_due` is None before receipt and while a 补正 is awaited (the clock will restart).
    `days_used`/`days_left` count working days after receipt up to `as_of` (or the day the clock
    stopped), and from then to the due date; `days_left` is negative when overdue.
    """

    as_of: dt.date
    status: ClockStatus
    receipt_date: dt.date | None
    clarification_notice_due: Deadline | None
    reply_due: Deadline | None
    extended_by: int
    delayed: bool
    paused: tuple[Pause, ...]
    days_used: Count | None
    days_left: Count | None
    overdue: bool
    stopped_on: dt.date | None
    open_deadlines: tuple[SubDeadline, ...]
    warnings: tuple[str, ...]

    def sub_deadline(self, kind: SubDeadlineKind) -> SubDeadline | None:
        """Return the first open sub-deadline of `kind`, or None."""
        return next((sub for sub in self.open_deadlines if sub.kind is kind), None)


# --- Replay -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Wait:
    kind: PauseKind
    start: dt.date
    cap: Deadline | None
    counted: bool
    party: str = ""
    end: dt.date | None = None

    def span(self, as_of: dt.date) -> DateSpan | None:
        """Return the days this wait keeps off the reply clock, as seen at the end of `as_of`."""
        last = self.end if self.end is not None else as_of
        if self.cap is not None:
            last = min(last, self.cap.date)
        first = self.start + _ONE_DAY
        return DateSpan(first, last) if last >= first else None


@dataclass(slots=True)
class _Case:
    calendar: Calendar
    rules: ClockRules
    first_receipt: dt.date | None = None
    receipt: dt.date | None = None
    clarification: ClarificationRequested | None = None
    awaiting_clarification: bool = False
    waits: list[_Wait] = field(default_factory=list)
    extended_by: int = 0
    delayed_due: dt.date | None = None
    stopped_on: dt.date | None = None
    stopped_by: str = ""
    warnings: list[str] = field(default_factory=list)

    def spans(self, as_of: dt.date) -> list[DateSpan]:
        return [
            span for wait in self.waits if wait.counted and (span := wait.span(as_of)) is not None
        ]

    def due(self, as_of: dt.date) -> Deadline | None:
        if self.receipt is None or self.awaiting_clarification:
            return None
        if self.delayed_due is not None:
            # 条例第三十五条: the notified delayed deadline replaces the 20(+20) working days.
            return Deadline(self.delayed_due, provisional=False)
        total = self.rules.reply_workdays + self.extended_by
        return self.calendar.add_workdays(self.receipt, total, excluded=self.spans(as_of))

    def open_wait(self, kind: PauseKind, party: str = "") -> _Wait | None:
        return next(
            (w for w in self.waits if w.kind is kind and w.party == party and w.end is None),
            None,
        )

    def apply(self, event: Event) -> None:
        if self.stopped_on is not None:
            raise DeadlineError(f"案件已{self.stopped_by}，不能再记录“{event.label}”")
        if isinstance(event, Received):
            self._receive(event)
            return
        if self.receipt is None:
            raise DeadlineError(f"尚未确定收到申请之日，不能记录“{event.label}”")
        if self.awaiting_clarification and not isinstance(event, ClarificationAnswered | Withdrawn):
            raise DeadlineError(f"正在等待申请人补正，不能记录“{event.label}”")
        match event:
            case ClarificationRequested():
                self._request_clarification(event)
            case ClarificationAnswered():
                self._answer_clarification(event)
            case ConsultationStarted():
                self._start_consultation(event)
            case ConsultationEnded():
                self._end_wait(event, PauseKind.CONSULTATION, event.party)
            case ReasonsRequested():
                if self.open_wait(PauseKind.REASONS) is not None:
                    raise DeadlineError("已要求申请人说明理由，尚未答复")
                self.waits.append(
                    _Wait(PauseKind.REASONS, event.date, None, self.rules.reasons_pause_clock)
                )
            case DelayedDeadlineSet():
                self._set_delayed_deadline(event)
            case ExtensionGranted():
                self._extend(event)
            case FeeNoticeServed():
                self._serve_fee_notice(event)
            case FeePaid():
                wait = self._end_wait(event, PauseKind.FEE)
                if wait.cap is not None and event.date > wait.cap.date:
                    self.warnings.append(
                        f"缴费日期 {event.date.isoformat()} "
                        f"晚于缴费期限 {wait.cap.date.isoformat()}"
                    )
            case ReplyServed() | Withdrawn():
                self._stop(event)

    def _receive(self, event: Received) -> None:
        if self.receipt is not None:
            raise DeadlineError(
                f"收到申请之日已确定为 {self.receipt.isoformat()}，只有收到补正材料才会重新起算"
            )
        self.first_receipt = self.receipt = event.date

    def _request_clarification(self, event: ClarificationRequested) -> None:
        # 条例第三十条: 一次性告知 — the notice lists everything missing, once.
        if self.clarification is not None:
            raise DeadlineError(
                f"本申请已于 {self.clarification.date.isoformat()} 告知补正，补正只能一次性告知"
            )
        if any(wait.end is None for wait in self.waits):
            raise DeadlineError("征求意见、待说明理由或待缴费期间不能告知补正")
        if event.answer_due <= event.date:
            raise DeadlineError(
                f"补正期限 {event.answer_due.isoformat()} "
                f"应晚于告知补正之日 {event.date.isoformat()}"
            )
        assert self.first_receipt is not None
        notice_due = self.calendar.add_workdays(
            self.first_receipt, self.rules.clarification_notice_workdays
        )
        if event.date > notice_due.date:
            self.warnings.append(
                f"补正告知超期：应在收到申请后{self.rules.clarification_notice_workdays}个工作日内"
                f"（{notice_due.date.isoformat()}前）告知，实际 {event.date.isoformat()}"
            )
        self.clarification = event
        self.awaiting_clarification = True

    def _answer_clarification(self, event: ClarificationAnswered) -> None:
        if not self.awaiting_clarification or self.clarification is None:
            raise DeadlineError("未告知补正，不能记录收到补正材料")
        if event.date > self.clarification.answer_due:
            self.warnings.append(
                f"补正材料于 {event.date.isoformat()} 收到，晚于补正期限 "
                f"{self.clarification.answer_due.isoformat()}"
            )
        # 条例第三十条: the period runs afresh from the day the supplement is received.
        self.receipt = event.date
        self.awaiting_clarification = False
        self.waits.clear()
        self.extended_by = 0

    def _start_consultation(self, event: ConsultationStarted) -> None:
        if not event.party.strip():
            raise DeadlineError("征求意见须写明被征求意见的第三方或机关")
        if self.open_wait(PauseKind.CONSULTATION, event.party) is not None:
            raise DeadlineError(f"已在征求“{event.party}”的意见，尚未结束")
        # 条例第三十二条: 15 working days to answer; 第三十三条第二款: that time is not counted.
        cap = self.calendar.add_workdays(event.date, self.rules.consultation_workdays)
        self.waits.append(_Wait(PauseKind.CONSULTATION, event.date, cap, True, event.party))

    def _end_wait(
        self, event: ConsultationEnded | FeePaid, kind: PauseKind, party: str = ""
    ) -> _Wait:
        wait = self.open_wait(kind, party)
        if wait is None:
            what = f"征求“{party}”意见" if kind is PauseKind.CONSULTATION else "收费通知"
            raise DeadlineError(f"没有尚未结束的{what}，不能记录“{event.label}”")
        wait.end = event.date
        return wait

    def _set_delayed_deadline(self, event: DelayedDeadlineSet) -> None:
        wait = self.open_wait(PauseKind.REASONS)
        if wait is None:
            raise DeadlineError("未要求申请人说明理由，不能确定延迟答复期限（条例第三十五条）")
        if event.due <= event.date:
            raise DeadlineError(
                f"延迟答复期限 {event.due.isoformat()} 应晚于告知之日 {event.date.isoformat()}"
            )
        wait.end = event.date
        self.delayed_due = event.due

    def _extend(self, event: ExtensionGranted) -> None:
        if self.delayed_due is not None:
            raise DeadlineError("已依条例第三十五条确定延迟答复期限，不再延长答复期限")
        limit = self.rules.extension_max_workdays
        if event.workdays < 1:
            raise DeadlineError(f"延长的工作日数应为正数，实际 {event.workdays}")
        if self.extended_by + event.workdays > limit:
            already = f"已延长{self.extended_by}个工作日，" if self.extended_by else ""
            raise DeadlineError(
                f"延长答复期限最长不得超过{limit}个工作日（条例第三十三条第二款），"
                f"{already}本次申请延长{event.workdays}个工作日"
            )
        due = self.due(event.date)
        assert due is not None
        if event.date > due.date:
            raise DeadlineError(
                f"答复期限已于 {due.date.isoformat()} 届满，{event.date.isoformat()} 不能再延长"
            )
        self.extended_by += event.workdays

    def _serve_fee_notice(self, event: FeeNoticeServed) -> None:
        if self.open_wait(PauseKind.FEE) is not None:
            raise DeadlineError("上一份收费通知尚未缴费，不能再发收费通知")
        due = self.due(event.date)
        if due is not None and event.date > due.date:
            self.warnings.append(
                f"收费通知应在答复期限内发出：期限 {due.date.isoformat()}，"
                f"送达 {event.date.isoformat()}"
            )
        # 109号: pay within 20 working days from the day after receiving the notice.
        cap = self.calendar.add_workdays(event.date, self.rules.fee_payment_workdays)
        self.waits.append(_Wait(PauseKind.FEE, event.date, cap, self.rules.fee_pauses_clock))

    def _stop(self, event: ReplyServed | Withdrawn) -> None:
        for wait in self.waits:
            if wait.end is None:
                wait.end = event.date
        self.stopped_on = event.date
        self.stopped_by = "答复" if isinstance(event, ReplyServed) else "撤回"


def _replay(
    events: Iterable[Event], calendar: Calendar, rules: ClockRules, as_of: dt.date | None
) -> _Case:
    case = _Case(calendar=calendar, rules=rules)
    previous: Event | None = None
    for event in events:
        if previous is not None and event.date < previous.date:
            raise DeadlineError(
                f"“{event.label}”的日期 {event.date.isoformat()} 早于上一事件"
                f"“{previous.label}”的日期 {previous.date.isoformat()}"
            )
        previous = event
        if as_of is None or event.date <= as_of:
            case.apply(event)
    return case


def check_events(
    events: Sequence[Event], calendar: Calendar, *, rules: ClockRules | None = None
) -> tuple[str, ...]:
    """Return the warnings of a whole event sequence, or raise DeadlineError at the first fault."""
    return tuple(_replay(events, calendar, rules or ClockRules(), None).warnings)


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
    case = _replay(events, calendar, rules, as_of)
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
        open_deadlines=_open_deadlines(case, as_of),
        warnings=tuple(case.warnings),
    )


def _status(case: _Case, as_of: dt.date) -> ClockStatus:
    if case.stopped_on is not None:
        return ClockStatus.STOPPED
    if case.awaiting_clarification:
        return ClockStatus.AWAITING_CLARIFICATION
    for wait in case.waits:
        if wait.counted and wait.end is None and (wait.cap is None or as_of <= wait.cap.date):
            return ClockStatus.PAUSED
    return ClockStatus.RUNNING


def _open_deadlines(case: _Case, as_of: dt.date) -> tuple[SubDeadline, ...]:
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
    kinds = {
        PauseKind.CONSULTATION: SubDeadlineKind.CONSULTATION_REPLY,
        PauseKind.FEE: SubDeadlineKind.FEE_PAYMENT,
    }
    for wait in case.waits:
        if wait.end is None and wait.cap is not None and wait.kind in kinds:
            subs.append(SubDeadline(kinds[wait.kind], wait.cap, as_of > wait.cap.date, wait.party))
    return tuple(subs)
