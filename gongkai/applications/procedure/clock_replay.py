"""The replay of one application's events: each event checked against the law and applied.

`ReplayedCase.apply` takes the events one by one and keeps what the clock needs (receipt, waits,
extensions, a delayed deadline, the stop), raising `DeadlineError` on an event the law does not
allow and recording a warning for one it allows late. `gongkai.applications.procedure.deadlines`
reads the result; the counting rules and the decisions behind them are set out there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
from gongkai.applications.procedure.clock_result import PauseKind
from gongkai.workdays import Calendar, DateSpan, Deadline

__all__ = ["ClockRules", "DeadlineError", "ReplayedCase", "replay"]

_ONE_DAY = dt.timedelta(days=1)


class DeadlineError(ValueError):
    """A sequence of case events the law does not allow; the message (Chinese) names the event."""


@dataclass(frozen=True, slots=True)
class ClockRules:
    """The periods and settings of one jurisdiction; the defaults are the national rules."""

    reply_workdays: int = 20  # 条例第三十三条第二款
    clarification_notice_workdays: int = 7  # 条例第三十条
    consultation_workdays: int = 15  # 条例第三十二条、第三十四条: from receipt of the letter
    extension_max_workdays: int = 20  # 条例第三十三条第二款
    fee_payment_workdays: int = 20  # 国办函〔2020〕109号: from the day after receipt
    fee_pauses_clock: bool = True
    # The fee wait is kept off the reply clock from the day the notice is served (conservative:
    # the agency bears the transit time); True starts it on the day the notice is sent.
    fee_pause_from_sending: bool = False
    # 条例第三十五条 has no pause: the national text keeps the clock running while the applicant
    # is asked for reasons. A local rule that pauses must bound the wait: the pause then ends
    # `reasons_answer_workdays` working days after the request was served, at the latest.
    reasons_pause_clock: bool = False
    reasons_answer_workdays: int = 15


@dataclass(slots=True)
class _Wait:
    """A letter the case waits on: sent, perhaps served, perhaps answered (`end`).

    `pause_from` is the day from which the wait keeps days off the reply clock (None: not yet);
    `cap` the last day of the addressee's period, known only once the letter is served.
    """

    kind: PauseKind
    sent: dt.date
    counted: bool
    period: int
    pause_from: dt.date | None
    party: str = ""
    served: dt.date | None = None
    cap: Deadline | None = None
    end: dt.date | None = None
    answer: ConsultationAnswer | None = None

    def span(self, as_of: dt.date) -> DateSpan | None:
        """Return the days this wait keeps off the reply clock, as seen at the end of `as_of`."""
        if self.pause_from is None:
            return None
        last = self.end if self.end is not None else as_of
        if self.cap is not None:
            last = min(last, self.cap.date)
        first = self.pause_from + _ONE_DAY
        return DateSpan(first, last) if last >= first else None


@dataclass(slots=True)
class ReplayedCase:
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
            case ConsultationServed():
                self._serve(event, PauseKind.CONSULTATION, event.party)
            case ConsultationEnded():
                self._end_consultation(event)
            case ReasonsRequested():
                if self.open_wait(PauseKind.REASONS) is not None:
                    raise DeadlineError("已要求申请人说明理由，尚未答复")
                self.waits.append(
                    _Wait(
                        PauseKind.REASONS,
                        event.date,
                        self.rules.reasons_pause_clock,
                        self.rules.reasons_answer_workdays,
                        pause_from=event.date,
                    )
                )
            case ReasonsRequestServed():
                self._serve(event, PauseKind.REASONS)
            case ReasonsAnswered():
                self._end_wait(event, PauseKind.REASONS)
            case DelayedDeadlineSet():
                self._set_delayed_deadline(event)
            case ExtensionGranted():
                self._extend(event)
            case FeeNoticeSent():
                self._send_fee_notice(event)
            case FeeNoticeServed():
                wait = self._serve(event, PauseKind.FEE)
                if wait.pause_from is None:
                    wait.pause_from = event.date
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
        # 第三十三条第三款: the time the consultation needs is not counted, from the letter on;
        # 第三十二条、第三十四条: the party's 15 working days run from its receipt (`_serve`).
        self.waits.append(
            _Wait(
                PauseKind.CONSULTATION,
                event.date,
                True,
                self.rules.consultation_workdays,
                pause_from=event.date,
                party=event.party,
            )
        )

    def _serve(
        self,
        event: ConsultationServed | ReasonsRequestServed | FeeNoticeServed,
        kind: PauseKind,
        party: str = "",
    ) -> _Wait:
        """Record the day the addressee received the letter: its own period runs from there."""
        wait = self.open_wait(kind, party)
        if wait is None:
            raise DeadlineError(f"没有尚未结束的{_WHAT[kind](party)}，不能记录“{event.label}”")
        if wait.served is not None:
            raise DeadlineError(
                f"{_WHAT[kind](party)}已于 {wait.served.isoformat()} 送达，不能再记录送达"
            )
        if event.date < wait.sent:
            raise DeadlineError(
                f"送达日期 {event.date.isoformat()} 早于发出日期 {wait.sent.isoformat()}"
            )
        wait.served = event.date
        wait.cap = self.calendar.add_workdays(event.date, wait.period)
        return wait

    def _end_wait(
        self, event: ConsultationEnded | FeePaid | ReasonsAnswered, kind: PauseKind, party: str = ""
    ) -> _Wait:
        wait = self.open_wait(kind, party)
        if wait is None:
            raise DeadlineError(f"没有尚未结束的{_WHAT[kind](party)}，不能记录“{event.label}”")
        wait.end = event.date
        return wait

    def _end_consultation(self, event: ConsultationEnded) -> None:
        wait = self._end_wait(event, PauseKind.CONSULTATION, event.party)
        wait.answer = event.answer
        if event.answer is ConsultationAnswer.NO_REPLY:
            # 条例第三十二条、第三十四条: "逾期未提出意见" only once the party's own 15 working
            # days, counted from its receipt of the letter, have passed on a certain calendar.
            if wait.cap is None:
                raise DeadlineError(
                    f"征求“{event.party}”意见的函件尚未记录送达日期，不能按逾期未答复处理"
                )
            if event.date <= wait.cap.date:
                raise DeadlineError(
                    f"征求“{event.party}”意见的答复期限 {wait.cap.date.isoformat()} 尚未届满，"
                    "不能按逾期未答复处理"
                )
            if wait.cap.provisional:
                raise DeadlineError(
                    f"征求“{event.party}”意见的答复期限 {wait.cap.date.isoformat()} 为暂定日期"
                    "（当年放假安排未载入），不能按逾期未答复处理"
                )

    def _set_delayed_deadline(self, event: DelayedDeadlineSet) -> None:
        asked = [w for w in self.waits if w.kind is PauseKind.REASONS]
        if not asked:
            raise DeadlineError("未要求申请人说明理由，不能确定延迟答复期限（条例第三十五条）")
        wait = asked[-1]
        if event.due <= event.date:
            raise DeadlineError(
                f"延迟答复期限 {event.due.isoformat()} 应晚于告知之日 {event.date.isoformat()}"
            )
        if wait.end is None:
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

    def _send_fee_notice(self, event: FeeNoticeSent) -> None:
        if self.open_wait(PauseKind.FEE) is not None:
            raise DeadlineError("上一份收费通知尚未缴费，不能再发收费通知")
        due = self.due(event.date)
        if due is not None and event.date > due.date:
            self.warnings.append(
                f"收费通知应在答复期限内发出：期限 {due.date.isoformat()}，"
                f"发出 {event.date.isoformat()}"
            )
        # 109号: pay within 20 working days from the day after receiving the notice (`_serve`).
        self.waits.append(
            _Wait(
                PauseKind.FEE,
                event.date,
                self.rules.fee_pauses_clock,
                self.rules.fee_payment_workdays,
                pause_from=event.date if self.rules.fee_pause_from_sending else None,
            )
        )

    def _stop(self, event: ReplyServed | Withdrawn) -> None:
        for wait in self.waits:
            if wait.end is None:
                wait.end = event.date
        self.stopped_on = event.date
        self.stopped_by = "答复" if isinstance(event, ReplyServed) else "撤回"


def _consultation_name(party: str) -> str:
    return f"征求“{party}”意见"


def _fee_name(party: str) -> str:
    return "收费通知"


def _reasons_name(party: str) -> str:
    return "要求说明理由"


_WHAT: dict[PauseKind, Callable[[str], str]] = {
    PauseKind.CONSULTATION: _consultation_name,
    PauseKind.FEE: _fee_name,
    PauseKind.REASONS: _reasons_name,
}


def replay(
    events: Iterable[Event], calendar: Calendar, rules: ClockRules, as_of: dt.date | None
) -> ReplayedCase:
    case = ReplayedCase(calendar=calendar, rules=rules)
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
