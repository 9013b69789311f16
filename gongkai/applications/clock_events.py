"""The events of one application that move its statutory clock, as typed records.

`gongkai.applications.deadlines.clock` replays them; `gongkai.applications.history` maps the
stored event rows onto them one to one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

__all__ = [
    "ClarificationAnswered",
    "ClarificationRequested",
    "ConsultationEnded",
    "ConsultationStarted",
    "DelayedDeadlineSet",
    "Event",
    "ExtensionGranted",
    "FeeNoticeServed",
    "FeePaid",
    "ReasonsRequested",
    "Received",
    "ReplyServed",
    "Withdrawn",
]


@dataclass(frozen=True, slots=True)
class Received:
    """The receipt date fixed under 条例第三十一条 (the day the clock starts from)."""

    label: ClassVar[str] = "收到申请"
    date: dt.date


@dataclass(frozen=True, slots=True)
class ClarificationRequested:
    """A 补正 notice served on `date`, asking for the supplement by `answer_due` (条例第三十条)."""

    label: ClassVar[str] = "告知补正"
    date: dt.date
    answer_due: dt.date


@dataclass(frozen=True, slots=True)
class ClarificationAnswered:
    """The supplement received on `date`: the new receipt date, 20 working days afresh."""

    label: ClassVar[str] = "收到补正材料"
    date: dt.date


@dataclass(frozen=True, slots=True)
class ConsultationStarted:
    """A consultation letter to `party` (third party or co-maker agency) dated `date`."""

    label: ClassVar[str] = "征求意见"
    date: dt.date
    party: str


@dataclass(frozen=True, slots=True)
class ConsultationEnded:
    """The consultation of `party` ended on `date` (reply received, or given up waiting)."""

    label: ClassVar[str] = "征求意见结束"
    date: dt.date
    party: str


@dataclass(frozen=True, slots=True)
class ReasonsRequested:
    """The applicant asked on `date` to state reasons (条例第三十五条)."""

    label: ClassVar[str] = "要求说明理由"
    date: dt.date


@dataclass(frozen=True, slots=True)
class DelayedDeadlineSet:
    """Reasons accepted on `date`; the applicant told the reply is due on `due` (第三十五条)."""

    label: ClassVar[str] = "确定延迟答复期限"
    date: dt.date
    due: dt.date


@dataclass(frozen=True, slots=True)
class ExtensionGranted:
    """The office head approved on `date` an extension of `workdays` working days."""

    label: ClassVar[str] = "延长答复期限"
    date: dt.date
    workdays: int


@dataclass(frozen=True, slots=True)
class FeeNoticeServed:
    """The applicant received the fee notice (收费通知书) on `date`."""

    label: ClassVar[str] = "送达收费通知"
    date: dt.date


@dataclass(frozen=True, slots=True)
class FeePaid:
    """The applicant paid the processing fee on `date`."""

    label: ClassVar[str] = "缴纳信息处理费"
    date: dt.date


@dataclass(frozen=True, slots=True)
class ReplyServed:
    """The reply letter served on `date` (signature date, or the day handed to the post)."""

    label: ClassVar[str] = "送达答复"
    date: dt.date


@dataclass(frozen=True, slots=True)
class Withdrawn:
    """The applicant withdrew the application on `date`."""

    label: ClassVar[str] = "撤回申请"
    date: dt.date


Event = (
    Received
    | ClarificationRequested
    | ClarificationAnswered
    | ConsultationStarted
    | ConsultationEnded
    | ReasonsRequested
    | DelayedDeadlineSet
    | ExtensionGranted
    | FeeNoticeServed
    | FeePaid
    | ReplyServed
    | Withdrawn
)
