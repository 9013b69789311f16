"""What the reply clock of one application shows: its status, pauses and open sub-deadlines.

`gongkai.applications.procedure.deadlines.clock` computes a `Clock`; callers import these types from
there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.workdays import Count, DateSpan, Deadline

__all__ = [
    "Clock",
    "ClockStatus",
    "Pause",
    "PauseKind",
    "SubDeadline",
    "SubDeadlineKind",
    "Unserved",
]


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

    CONSULTATION = "consultation"  # 条例第三十三条第三款
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
class Unserved:
    """A letter sent on `sent` whose service is not recorded: its period has no date yet."""

    kind: SubDeadlineKind
    sent: dt.date
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
    unserved: tuple[Unserved, ...] = ()

    def sub_deadline(self, kind: SubDeadlineKind) -> SubDeadline | None:
        """Return the first open sub-deadline of `kind`, or None."""
        return next((sub for sub in self.open_deadlines if sub.kind is kind), None)
