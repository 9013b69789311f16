"""Every cell explains itself: the records a cell of table 二, 三 or 四 counts.

`cases_in_cell` is the set of applications one cell of table 三 counts, by the same rules as
`applications.selectors.applications_table` (one query, no replay): a case counts in YEAR if
it was concluded in it (its outcome row, and （七）总计) or was still pending at its end (四、结转
下年度); it is 一、本年新收 if received in YEAR, else 二、上年结转. In the 2019 layout the two
sub-rows of （六） are counted under 3.其他. `review_cases_in_cell` does the same for table 四.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.applications.models import APPLICANT_KINDS, Application
from gongkai.applications.procedure.correction import RequestKind
from gongkai.registers.models import (
    AdministrativeDecision,
    DecisionKind,
    DecisionMonthlyTotal,
    DocumentKind,
    FeeLedgerEntry,
    RegisterOpeningBalance,
    RegulatoryDocument,
)
from gongkai.registers.selectors import fees_of_year
from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    FOLDED_IN_2019,
    FOLDED_INTO,
    OUTCOME_KEYS,
    Layout,
    SummaryRow,
)
from gongkai.reviews.models import ReviewCase, ReviewCaseResult
from gongkai.reviews.selectors import counted_review_cases

__all__ = [
    "ActiveRecords",
    "active_records_in_cell",
    "cases_in_cell",
    "column_key",
    "review_cases_in_cell",
]


def column_key(label: str) -> str | None:
    """The applicant column key of a printed column label (自然人 → natural_person)."""
    return next((c.key for c in APPLICANT_COLUMNS if c.label == label or c.key == label), None)


def cases_in_cell(*, agency: Agency, year: int, row: str, column: str) -> QuerySet[Application]:
    """The applications the cell (`row`, `column`) of `agency`'s table 三 for `year` counts;
    `column` is an applicant kind or "total". Unknown rows or columns count nothing."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # Table 三 counts 政府信息公开申请 only, never a 更正申请 (条例第四十一条; decision 0015).
    cases = Application.objects.filter(
        agency=agency, applicant_kind__in=APPLICANT_KINDS, request_kind=RequestKind.DISCLOSURE
    )
    if column != "total":
        if column not in APPLICANT_KINDS:
            return cases.none()
        cases = cases.filter(applicant_kind=column)
    concluded = Q(outcome__in=OUTCOME_KEYS, concluded_on__gte=start, concluded_on__lte=end)
    pending = Q(outcome__in=OUTCOME_KEYS, concluded_on__gt=end, receipt_date__lte=end) | Q(
        outcome__isnull=True, concluded_on__isnull=True, receipt_date__lte=end
    )
    if row == SummaryRow.NEW.value:
        return cases.filter(concluded | pending, receipt_date__gte=start)
    if row == SummaryRow.CARRIED_OVER.value:
        return cases.filter(concluded | pending, receipt_date__lt=start)
    if row == SummaryRow.CARRIED_FORWARD.value:
        return cases.filter(pending)
    if row == SummaryRow.TOTAL.value:
        return cases.filter(concluded)
    folded = Layout.for_year(year) is Layout.Y2019
    if row in OUTCOME_KEYS:
        if folded and row in FOLDED_IN_2019:
            return cases.none()
        outcomes = [row, *FOLDED_IN_2019] if folded and row == FOLDED_INTO else [row]
        return cases.filter(concluded, outcome__in=outcomes)
    return cases.none()


def review_cases_in_cell(
    *, agency: Agency, year: int, block: str, result: str
) -> QuerySet[ReviewCase]:
    """The review cases one cell of table 四 counts: of `block` (a ReviewKind value),
    decided in `year` with `result`, or 尚未审结 at its end; "total" the whole block."""
    last = dt.date(year, 12, 31)
    cases = counted_review_cases(agency=agency, year=year).filter(kind=block)
    if result == "total":
        return cases
    if result == ReviewCaseResult.PENDING.value:
        return cases.filter(Q(decided_on__isnull=True) | Q(decided_on__gt=last))
    return cases.filter(result=result, decided_on__lte=last)


@dataclass(frozen=True, slots=True)
class ActiveRecords:
    """The register entries one cell of table 二 counts, and how the cell is made of them."""

    documents: list[RegulatoryDocument] = field(default_factory=list)
    decisions: list[AdministrativeDecision] = field(default_factory=list)
    monthly_totals: list[DecisionMonthlyTotal] = field(default_factory=list)
    fees: list[FeeLedgerEntry] = field(default_factory=list)
    note: str = ""


_DOCUMENT_ROWS = {
    "rules": DocumentKind.RULE,
    "normative_documents": DocumentKind.NORMATIVE_DOCUMENT,
}
_DECISION_ROWS = {
    "licensing": DecisionKind.LICENSING,
    "penalty": DecisionKind.PENALTY,
    "enforcement": DecisionKind.ENFORCEMENT,
}


def active_records_in_cell(*, agency: Agency, year: int, row: str, column: str) -> ActiveRecords:
    """The register entries behind a cell of table 二 (2021 layout), by the counting rules of
    `registers.selectors.active_table` (decision 0005)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if Layout.for_year(year) is Layout.Y2019:
        return ActiveRecords(note="2019 年格式的表二按登记的件数填列，不逐条列出台账记录。")
    if row in _DOCUMENT_ROWS:
        documents = RegulatoryDocument.objects.filter(agency=agency, kind=_DOCUMENT_ROWS[row])
        if column == "issued":
            chosen = documents.filter(issued_on__range=(first, last))
        elif column == "repealed":
            chosen = documents.filter(repealed_on__range=(first, last))
        else:
            chosen = documents.filter(issued_on__lte=last).exclude(repealed_on__lte=last)
        balance = (
            RegisterOpeningBalance.objects.filter(
                agency=agency, kind=_DOCUMENT_ROWS[row], year__lte=year
            )
            .order_by("-year")
            .first()
        )
        note = ""
        if column == "in_force" and balance is not None:
            note = (
                f"现行有效件数以 {balance.year} 年末登记的 {balance.in_force} 件为基数，"
                "加其后制发、减其后废止的文件推算；下列为台账中的现行有效文件。"
            )
        return ActiveRecords(documents=list(chosen.order_by("issued_on", "id")), note=note)
    if row in _DECISION_ROWS:
        kind = _DECISION_ROWS[row]
        totals = list(
            DecisionMonthlyTotal.objects.filter(agency=agency, kind=kind, year=year).order_by(
                "month"
            )
        )
        months = {total.month for total in totals}
        decisions = [
            decision
            for decision in AdministrativeDecision.objects.filter(
                agency=agency, kind=kind, decided_on__range=(first, last)
            ).order_by("decided_on", "id")
            if decision.decided_on.month not in months
        ]
        note = "填报了月度数量的月份按月度数量计，其他月份按逐件登记的决定计。" if totals else ""
        return ActiveRecords(decisions=decisions, monthly_totals=totals, note=note)
    if row == "fees_10k_yuan":
        return ActiveRecords(fees=list(fees_of_year(agency=agency, year=year)))
    return ActiveRecords()
