"""The kinds of case event the database stores, and how each maps onto the clock's events.

Pure Python (no Django). An `ApplicationEvent` row has a `kind`, a `date` and `details`; the
rows whose kind is a clock kind map one-to-one onto `gongkai.applications.procedure.deadlines`
events, so the clock of a stored case is `clock(clock_events(rows), calendar, as_of=…)`. The other
kinds (submission, assignment, decision, reminders, …) are the case's history and do not move the
clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongkai.applications.procedure import deadlines

__all__ = [
    "APPLICANT_SEES",
    "ApplicantStep",
    "EventKind",
    "applicant_steps",
    "clock_event",
    "clock_events",
]


class EventKind(StrEnum):
    """What happened to a case on one day."""

    # Clock events (deadlines.Event, one-to-one).
    RECEIVED = "received"
    CLARIFICATION_REQUESTED = "clarification_requested"
    CLARIFICATION_ANSWERED = "clarification_answered"
    CONSULTATION_STARTED = "consultation_started"
    CONSULTATION_SERVED = "consultation_served"
    CONSULTATION_ENDED = "consultation_ended"
    REASONS_REQUESTED = "reasons_requested"
    REASONS_REQUEST_SERVED = "reasons_request_served"
    REASONS_ANSWERED = "reasons_answered"
    DELAYED_DEADLINE_SET = "delayed_deadline_set"
    EXTENSION_GRANTED = "extension_granted"
    FEE_NOTICE_SENT = "fee_notice_sent"
    # Service of the fee notice. A row of this kind that carries the fee's quote ("amount") was
    # written before sending and service were recorded apart: it stands for both, on one day.
    FEE_NOTICE_SERVED = "fee_notice_served"
    FEE_PAID = "fee_paid"
    REPLY_SERVED = "reply_served"
    WITHDRAWN = "withdrawn"
    # History only.
    REASONS_ACCEPTED = "reasons_accepted"
    SUBMITTED = "submitted"
    ARRIVED = "arrived"
    ASSIGNED = "assigned"
    CLARIFICATION_LAPSED = "clarification_lapsed"
    FEE_LAPSED = "fee_lapsed"
    DECIDED = "decided"
    CLOSED = "closed"
    ARCHIVED = "archived"
    IMPORTED = "imported"
    REMINDED = "reminded"
    EXTENSION_REQUESTED = "extension_requested"
    EXTENSION_REFUSED = "extension_refused"

    @property
    def label(self) -> str:
        """Return the event's Chinese name, as in the case timeline."""
        return _LABELS[self]


_LABELS: Mapping[EventKind, str] = {
    EventKind.RECEIVED: "收到申请",
    EventKind.CLARIFICATION_REQUESTED: "告知补正",
    EventKind.CLARIFICATION_ANSWERED: "收到补正材料",
    EventKind.CONSULTATION_STARTED: "征求意见",
    EventKind.CONSULTATION_SERVED: "征求意见书（函）送达",
    EventKind.CONSULTATION_ENDED: "征求意见结束",
    EventKind.REASONS_REQUESTED: "要求说明理由",
    EventKind.REASONS_REQUEST_SERVED: "说明理由告知书送达",
    EventKind.REASONS_ANSWERED: "收到申请人说明的理由",
    EventKind.DELAYED_DEADLINE_SET: "确定延迟答复期限",
    EventKind.EXTENSION_GRANTED: "批准延长答复期限",
    EventKind.FEE_NOTICE_SENT: "发出收费通知",
    EventKind.FEE_NOTICE_SERVED: "收费通知送达",
    EventKind.FEE_PAID: "缴纳信息处理费",
    EventKind.REPLY_SERVED: "送达答复",
    EventKind.WITHDRAWN: "撤回申请",
    EventKind.REASONS_ACCEPTED: "理由合理，继续办理",
    EventKind.SUBMITTED: "网上提交申请",
    EventKind.ARRIVED: "登记申请",
    EventKind.ASSIGNED: "交办承办股室",
    EventKind.CLARIFICATION_LAPSED: "逾期不补正，不再处理",
    EventKind.FEE_LAPSED: "逾期未缴费，不再处理",
    EventKind.DECIDED: "作出答复决定",
    EventKind.CLOSED: "办结",
    EventKind.ARCHIVED: "归档",
    EventKind.IMPORTED: "从登记台账导入",
    EventKind.REMINDED: "催办提醒",
    EventKind.EXTENSION_REQUESTED: "申请延长答复期限",
    EventKind.EXTENSION_REFUSED: "不批准延长答复期限",
}


# The steps the applicant's status page lists (portal /track/). Left out: the office's own
# work (assignment, reminders, the internal request and refusal of an extension, import,
# archiving) and the service of a consultation letter on the third party (a date that would
# tell the applicant when someone else was reached). Only the kind and the date are shown:
# never an event's details (parties, notes) nor who recorded it.
APPLICANT_SEES: frozenset[EventKind] = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.ARRIVED,
        EventKind.RECEIVED,
        EventKind.CLARIFICATION_REQUESTED,
        EventKind.CLARIFICATION_ANSWERED,
        EventKind.CLARIFICATION_LAPSED,
        EventKind.CONSULTATION_STARTED,
        EventKind.CONSULTATION_ENDED,
        EventKind.REASONS_REQUESTED,
        EventKind.REASONS_REQUEST_SERVED,
        EventKind.REASONS_ANSWERED,
        EventKind.REASONS_ACCEPTED,
        EventKind.DELAYED_DEADLINE_SET,
        EventKind.EXTENSION_GRANTED,
        EventKind.FEE_NOTICE_SENT,
        EventKind.FEE_NOTICE_SERVED,
        EventKind.FEE_PAID,
        EventKind.FEE_LAPSED,
        EventKind.DECIDED,
        EventKind.REPLY_SERVED,
        EventKind.WITHDRAWN,
        EventKind.CLOSED,
    }
)


@dataclass(frozen=True)
class ApplicantStep:
    """One step of a case as its applicant reads it: the day and the act's name."""

    date: dt.date
    label: str


def applicant_steps(events: Iterable[tuple[str, dt.date]]) -> list[ApplicantStep]:
    """The applicant's steps from (kind, date) pairs in the order recorded: the kinds in
    APPLICANT_SEES, labelled as in the case timeline, each (day, act) once (two consultations
    begun on one day are one step: the page does not count third parties)."""
    steps: list[ApplicantStep] = []
    for kind, date in events:
        if kind not in EventKind._value2member_map_ or EventKind(kind) not in APPLICANT_SEES:
            continue
        step = ApplicantStep(date, EventKind(kind).label)
        if step not in steps:
            steps.append(step)
    return steps


def _date(details: Mapping[str, Any], key: str) -> dt.date:
    return dt.date.fromisoformat(str(details[key]))


def clock_event(
    kind: str, date: dt.date, details: Mapping[str, Any]
) -> tuple[deadlines.Event, ...]:
    """Return the clock events a stored event stands for: none for a history-only kind, one
    for most kinds, two for a fee notice recorded before sending and service were apart."""
    match EventKind(kind):
        case EventKind.RECEIVED:
            return (deadlines.Received(date),)
        case EventKind.CLARIFICATION_REQUESTED:
            return (deadlines.ClarificationRequested(date, _date(details, "answer_due")),)
        case EventKind.CLARIFICATION_ANSWERED:
            return (deadlines.ClarificationAnswered(date),)
        case EventKind.CONSULTATION_STARTED:
            return (deadlines.ConsultationStarted(date, str(details["party"])),)
        case EventKind.CONSULTATION_SERVED:
            return (deadlines.ConsultationServed(date, str(details["party"])),)
        case EventKind.CONSULTATION_ENDED:
            answer = details.get("answer")
            return (
                deadlines.ConsultationEnded(
                    date,
                    str(details["party"]),
                    deadlines.ConsultationAnswer(answer) if answer else None,
                ),
            )
        case EventKind.REASONS_REQUESTED:
            return (deadlines.ReasonsRequested(date),)
        case EventKind.REASONS_REQUEST_SERVED:
            return (deadlines.ReasonsRequestServed(date),)
        case EventKind.REASONS_ANSWERED:
            return (deadlines.ReasonsAnswered(date),)
        case EventKind.DELAYED_DEADLINE_SET:
            return (deadlines.DelayedDeadlineSet(date, _date(details, "due")),)
        case EventKind.EXTENSION_GRANTED:
            return (deadlines.ExtensionGranted(date, int(details["workdays"])),)
        case EventKind.FEE_NOTICE_SENT:
            return (deadlines.FeeNoticeSent(date),)
        case EventKind.FEE_NOTICE_SERVED:
            if "amount" in details:  # an older record: sent and served that day
                return (deadlines.FeeNoticeSent(date), deadlines.FeeNoticeServed(date))
            return (deadlines.FeeNoticeServed(date),)
        case EventKind.FEE_PAID:
            return (deadlines.FeePaid(date),)
        case EventKind.REPLY_SERVED:
            return (deadlines.ReplyServed(date),)
        case EventKind.WITHDRAWN:
            return (deadlines.Withdrawn(date),)
        case _:
            return ()


def clock_events(
    rows: Iterable[tuple[str, dt.date, Mapping[str, Any]]],
) -> list[deadlines.Event]:
    """Return the clock events of a case's stored events (kind, date, details), in order."""
    return [event for kind, date, details in rows for event in clock_event(kind, date, details)]
