"""The remedies paragraph (救济途径) of a reply letter, as in force on the letter's date.

application-procedure.md §13. Until 31 December 2023 every reply letter told the applicant they
may apply for administrative reconsideration within 60 days or sue within 6 months of receiving
it. The revised 行政复议法 (2023, in force 2024-01-01) makes reconsideration come first when "申请
政府信息公开，行政机关不予公开" (第二十三条第一款第（四）项): the applicant must apply for
reconsideration and may sue only after the decision (行政诉讼法第四十五条: within 15 days of
receiving it).

Which outcomes are "不予公开" is read differently across provinces (docs/decisions/
0013-reconsideration-first-scope.md): the 司法部 guidance reads it narrowly, many courts as any
answer that does not provide the information. The risks are uneven — a letter that wrongly
offers direct suit can cost the applicant the 60 days; one that wrongly requires reconsideration
first only costs a shortcut — so the default is the broad, conservative reading: table 三's rows
（二）部分公开, （三）不予公开, （四）无法提供 and （五）不予处理
(`DEFAULT_RECONSIDERATION_FIRST`). A jurisdiction that reads it narrowly sets
`ReviewBodies.reconsideration_first` (the Django setting GONGKAI_RECONSIDERATION_FIRST_GROUPS).
予以公开 and （六）其他处理 always keep the choice.

The date that decides is the letter's date (the day it is issued); the reviewing bodies' names
are the agency's configuration, passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.applications.procedure.correction import correction_outcome
from gongkai.report.catalogue import OUTCOME_KEYS, OutcomeHeading, application_row

__all__ = [
    "DEFAULT_RECONSIDERATION_FIRST",
    "RECONSIDERATION_FIRST_SINCE",
    "RemedyError",
    "ReviewBodies",
    "reconsideration_first",
    "remedies_paragraph",
]

RECONSIDERATION_FIRST_SINCE = dt.date(2024, 1, 1)
"""The day the revised 行政复议法 (2023) came into force."""

DEFAULT_RECONSIDERATION_FIRST = frozenset(
    heading.value
    for heading in (
        OutcomeHeading.PARTIALLY_GRANTED,
        OutcomeHeading.WITHHELD,
        OutcomeHeading.UNAVAILABLE,
        OutcomeHeading.NOT_PROCESSED,
    )
)
"""The outcome groups (table 三 rows （二）–（五）) whose letters require reconsideration first."""


class RemedyError(ValueError):
    """Input a remedies paragraph cannot be written from; the message (Chinese) says which."""


@dataclass(frozen=True, slots=True)
class ReviewBodies:
    """The agency's reviewing bodies as printed: the reconsideration organ and the court.

    `reconsideration_organ` is e.g. "驻马店市人民政府" (行政复议法 2023: for a county-level or
    higher department, generally the people's government at the same level); `court` may be
    left empty, and the letter then says "人民法院".
    """

    reconsideration_organ: str
    court: str = ""
    reconsideration_first: frozenset[str] = DEFAULT_RECONSIDERATION_FIRST


def reconsideration_first(
    *,
    letter_date: dt.date,
    outcome: str,
    groups: frozenset[str] = DEFAULT_RECONSIDERATION_FIRST,
) -> bool:
    """Return whether the letter must send the applicant to reconsideration before any lawsuit.

    `groups` are the outcome groups (or single outcomes) the jurisdiction reads as 不予公开.
    """
    if correction_outcome(outcome) is not None:
        # 条例第四十一条: 不予更正 is not 不予公开 (行政复议法第二十三条第一款第（四）项
        # does not reach it): the applicant keeps the choice (decision 0015).
        return False
    _check_outcome(outcome)
    # 行政复议法（2023年修订）第二十三条第一款第（四）项, in force from 2024-01-01.
    refused = outcome in groups or application_row(outcome).group in groups
    return letter_date >= RECONSIDERATION_FIRST_SINCE and refused


def remedies_paragraph(*, letter_date: dt.date, outcome: str, bodies: ReviewBodies) -> str:
    """Return the remedies paragraph (Chinese) for a reply letter of `letter_date` and `outcome`."""
    organ = bodies.reconsideration_organ.strip()
    if not organ:
        raise RemedyError("未配置行政复议机关名称")
    court = bodies.court.strip() or "人民法院"
    if reconsideration_first(
        letter_date=letter_date, outcome=outcome, groups=bodies.reconsideration_first
    ):
        return (
            "根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，"
            "申请人对行政机关不予公开政府信息不服的，应当先申请行政复议。"
            f"如对本答复不服，可以自收到本答复之日起60日内向{organ}申请行政复议；"
            f"对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向{court}"
            "提起行政诉讼。"
        )
    return (
        f"如对本答复不服，可以自收到本答复之日起60日内向{organ}申请行政复议，"
        f"也可以自收到本答复之日起6个月内依法向{court}提起行政诉讼。"
    )


def _check_outcome(outcome: str) -> None:
    if outcome not in OUTCOME_KEYS:
        raise RemedyError(f"“{outcome}”不是年度报告表三的办理结果")
