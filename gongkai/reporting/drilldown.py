"""Every cell explains itself: the records a cell of table 三 or 四 counts.

`cases_in_cell` is the set of applications one cell of table 三 counts, by the same rules as
`applications.selectors.applications_table` (one query, no replay): a case counts in YEAR if
it was concluded in it (its outcome row, and （七）总计) or was still pending at its end (四、结转
下年度); it is 一、本年新收 if received in YEAR, else 二、上年结转. In the 2019 layout the two
sub-rows of （六） are counted under 3.其他. `review_cases_in_cell` does the same for table 四.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.applications.models import APPLICANT_KINDS, Application
from gongkai.report.catalogue import APPLICANT_COLUMNS, OUTCOME_KEYS, Layout
from gongkai.reviews.models import ReviewCase, ReviewCaseResult
from gongkai.reviews.selectors import counted_review_cases

__all__ = ["FOLDED_IN_2019", "cases_in_cell", "column_key", "review_cases_in_cell"]

FOLDED_IN_2019 = ("other_handling.no_clarification", "other_handling.fee_unpaid")
_OTHER = "other_handling.other"


def column_key(label: str) -> str | None:
    """The applicant column key of a printed column label (自然人 → natural_person)."""
    return next((c.key for c in APPLICANT_COLUMNS if c.label == label or c.key == label), None)


def cases_in_cell(*, agency: Agency, year: int, row: str, column: str) -> QuerySet[Application]:
    """The applications the cell (`row`, `column`) of `agency`'s table 三 for `year` counts;
    `column` is an applicant kind or "total". Unknown rows or columns count nothing."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cases = Application.objects.filter(agency=agency, applicant_kind__in=APPLICANT_KINDS)
    if column != "total":
        if column not in APPLICANT_KINDS:
            return cases.none()
        cases = cases.filter(applicant_kind=column)
    concluded = Q(outcome__in=OUTCOME_KEYS, concluded_on__gte=start, concluded_on__lte=end)
    pending = Q(outcome__in=OUTCOME_KEYS, concluded_on__gt=end, receipt_date__lte=end) | Q(
        outcome__isnull=True, concluded_on__isnull=True, receipt_date__lte=end
    )
    if row == "new":
        return cases.filter(concluded | pending, receipt_date__gte=start)
    if row == "carried_over":
        return cases.filter(concluded | pending, receipt_date__lt=start)
    if row == "carried_forward":
        return cases.filter(pending)
    if row == "total":
        return cases.filter(concluded)
    folded = Layout.for_year(year) is Layout.Y2019
    if row in OUTCOME_KEYS:
        if folded and row in FOLDED_IN_2019:
            return cases.none()
        outcomes = [row, *FOLDED_IN_2019] if folded and row == _OTHER else [row]
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
