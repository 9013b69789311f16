"""The request kinds, and the outcomes of a request to correct a record (条例第四十一条).

Pure Python. 条例第四十一条: 公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息
记录不准确的，可以要求该行政机关更正。有权更正的行政机关审核属实的，应当予以更正并告知申请人；
不属于本行政机关职能范围的，行政机关可以转送有权更正的行政机关处理并告知申请人，或者告知申请人向
有权更正的行政机关提出。

A 更正申请 is not a 政府信息公开申请: it is not counted in table 三 of the annual report, and its
outcomes are not table 三's (docs/decisions/0015-correction-requests.md). Its keys start with
"correction." so that no key of the report catalogue can be mistaken for one.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from gongkai.report.catalogue import application_row

__all__ = [
    "CORRECTION_DECISIONS",
    "CORRECTION_OUTCOME_KEYS",
    "CORRECTION_SERVICE_STANDARD",
    "CorrectionOutcome",
    "RequestKind",
    "correction_outcome",
    "outcome_name",
]

CORRECTION_SERVICE_STANDARD = (
    "《条例》第四十一条未规定更正申请的答复期限；本机关参照《条例》第三十三条第二款，"
    "自收到申请之日起20个工作日内答复，作为服务标准。"
)
"""How the due date of a 更正申请 is stated: a service standard, not a statutory period."""


class RequestKind(StrEnum):
    """What the applicant asks for: disclosure (条例第二十七条) or correction (第四十一条)."""

    DISCLOSURE = "disclosure"
    CORRECTION = "correction"

    @property
    def label(self) -> str:
        """Return the kind's Chinese name, as the forms and the case page show it."""
        return {"disclosure": "政府信息公开申请", "correction": "更正申请"}[self.value]


class CorrectionOutcome(StrEnum):
    """How a 更正申请 ends; the value is stored in `Application.outcome`."""

    CORRECTED = "correction.corrected"
    REFUSED = "correction.refused"
    FORWARDED = "correction.forwarded"
    REFERRED = "correction.referred"
    WITHDRAWN = "correction.withdrawn"

    @property
    def label(self) -> str:
        """Return the outcome's name, as the decision form and the case page show it."""
        return _LABELS[self]

    @property
    def plain_label(self) -> str:
        """Return the outcome's plain name, as the applicant's tracking page shows it."""
        return _PLAIN[self]


_LABELS: Mapping[CorrectionOutcome, str] = {
    CorrectionOutcome.CORRECTED: "予以更正",
    CorrectionOutcome.REFUSED: "不予更正",
    CorrectionOutcome.FORWARDED: "转送有权更正的机关处理",
    CorrectionOutcome.REFERRED: "告知向有权更正的机关提出",
    CorrectionOutcome.WITHDRAWN: "申请人撤回更正申请",
}
_PLAIN: Mapping[CorrectionOutcome, str] = {
    CorrectionOutcome.CORRECTED: "已更正",
    CorrectionOutcome.REFUSED: "不予更正",
    CorrectionOutcome.FORWARDED: "已转送有权机关处理",
    CorrectionOutcome.REFERRED: "请向有权机关提出",
    CorrectionOutcome.WITHDRAWN: "已撤回",
}

CORRECTION_OUTCOME_KEYS: tuple[str, ...] = tuple(outcome.value for outcome in CorrectionOutcome)

CORRECTION_DECISIONS: tuple[CorrectionOutcome, ...] = (
    CorrectionOutcome.CORRECTED,
    CorrectionOutcome.REFUSED,
    CorrectionOutcome.FORWARDED,
    CorrectionOutcome.REFERRED,
)
"""The outcomes an approver chooses when deciding (撤回 is recorded only on closing)."""


def correction_outcome(key: str | None) -> CorrectionOutcome | None:
    """Return the correction outcome `key` names, or None when it names none."""
    return CorrectionOutcome(key) if key in CORRECTION_OUTCOME_KEYS else None


def outcome_name(key: str, *, plain: bool = False) -> str:
    """Return the name of any outcome, a table 三 key or a correction's: the short label
    (staff), or with `plain` the plain one (the applicant's tracking page)."""
    corrected = correction_outcome(key)
    if corrected is not None:
        return corrected.plain_label if plain else corrected.label
    row = application_row(key)
    return row.plain_label if plain else row.short_label
