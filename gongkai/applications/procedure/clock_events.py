"""The events of one application that move its statutory clock, as typed records.

`gongkai.applications.procedure.deadlines.clock` replays them;
`gongkai.applications.procedure.history` maps the stored event rows onto them one to one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

__all__ = [
    "ClarificationAnswered",
    "ClarificationRequested",
    "ConsultationAnswer",
    "ConsultationEnded",
    "ConsultationServed",
    "ConsultationStarted",
    "DelayedDeadlineSet",
    "Event",
    "ExtensionGranted",
    "FeeNoticeSent",
    "FeeNoticeServed",
    "FeePaid",
    "ReasonsAnswered",
    "ReasonsRequestServed",
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


class ConsultationAnswer(StrEnum):
    """How a consultation ended: the consulted party's answer, or none within its period."""

    AGREED = "agreed"  # 同意公开
    OBJECTED = "objected"  # 不同意公开
    NO_REPLY = "no_reply"  # 逾期未答复 (only once its 15 working days after service passed)

    @property
    def label(self) -> str:
        """Return the answer in Chinese, as on the case."""
        return {"agreed": "同意公开", "objected": "不同意公开", "no_reply": "逾期未答复"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class ConsultationStarted:
    """A consultation letter to `party` (third party or co-maker agency) sent on `date`."""

    label: ClassVar[str] = "发出征求意见书"
    date: dt.date
    party: str


@dataclass(frozen=True, slots=True)
class ConsultationServed:
    """`party` received the consultation letter on `date`: its 15 working days run from here
    (条例第三十二条、第三十四条: 自收到征求意见书之日起)."""

    label: ClassVar[str] = "征求意见书送达"
    date: dt.date
    party: str


@dataclass(frozen=True, slots=True)
class ConsultationEnded:
    """The consultation of `party` ended on `date` with `answer` (None: not recorded)."""

    label: ClassVar[str] = "征求意见结束"
    date: dt.date
    party: str
    answer: ConsultationAnswer | None = None


@dataclass(frozen=True, slots=True)
class ReasonsRequested:
    """The applicant asked on `date` to state reasons (条例第三十五条): the request sent."""

    label: ClassVar[str] = "要求说明理由"
    date: dt.date


@dataclass(frozen=True, slots=True)
class ReasonsRequestServed:
    """The applicant received the request for reasons on `date`."""

    label: ClassVar[str] = "说明理由告知书送达"
    date: dt.date


@dataclass(frozen=True, slots=True)
class ReasonsAnswered:
    """The applicant's reasons were received on `date`."""

    label: ClassVar[str] = "收到申请人说明的理由"
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
class FeeNoticeSent:
    """The fee notice (收费通知书) was sent on `date`: the fee wait begins (109号)."""

    label: ClassVar[str] = "发出收费通知"
    date: dt.date


@dataclass(frozen=True, slots=True)
class FeeNoticeServed:
    """The applicant received the fee notice on `date`: 20 working days to pay from the next
    day (国办函〔2020〕109号: 收到收费通知的次日起20个工作日内)."""

    label: ClassVar[str] = "收费通知送达"
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
    | ConsultationServed
    | ConsultationEnded
    | ReasonsRequested
    | ReasonsRequestServed
    | ReasonsAnswered
    | DelayedDeadlineSet
    | ExtensionGranted
    | FeeNoticeSent
    | FeeNoticeServed
    | FeePaid
    | ReplyServed
    | Withdrawn
)
