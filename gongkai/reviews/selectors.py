"""Reads on review cases: table 四 of an agency's annual report, in one aggregate query.

Counting rule (docs/decisions/0004-table-four-counting.md), for YEAR:
- only cases where the agency is the original agency count; as the reconsideration organ sued
  beside it (共同被告) it does not count them (国办公开办函〔2016〕201号);
- a case counts in YEAR when it was filed by 31 December of YEAR and not decided before
  1 January of YEAR: decided in YEAR → under its result; not decided by 31 December → 尚未审结;
- so a case pending at the end of one year counts again the next year, under its result when
  decided then, or again as pending (the cross-year expectation X.pending_cases);
- 总计 of each block is the sum of its four results (T4.total holds by construction).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import REPORT_RECORDS
from gongkai.agencies.selectors import agencies_in
from gongkai.reviews.models import (
    DECIDED_RESULTS,
    Complaint,
    ReviewCase,
    ReviewCaseResult,
    ReviewKind,
    ReviewRole,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User

__all__ = [
    "ReviewsTable",
    "agencies_with_reviews_visible_to",
    "complaints_of_year",
    "counted_review_cases",
    "review_cases_of_year",
    "reviews_table",
]

ReviewsTable = dict[str, dict[str, int]]
"""Table 四 as report-json.md keys it: block → {upheld, corrected, other, pending, total}."""

RESULT_KEYS = ("upheld", "corrected", "other", "pending")


def counted_review_cases(*, agency: Agency, year: int) -> QuerySet[ReviewCase]:
    """The cases that make `agency`'s table 四 for `year` (the rule in the module docstring)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return ReviewCase.objects.filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=first),
        agency=agency,
        our_role=ReviewRole.ORIGINAL_AGENCY,
        filed_on__lte=last,
    )


def reviews_table(*, agency: Agency, year: int) -> ReviewsTable:
    """Table 四 of `agency` for `year`: the 15 cells, counted in one aggregate query."""
    last = date(year, 12, 31)
    # Among the counted cases, those not decided by 31 December are 尚未审结 in this year,
    # whatever their later result.
    open_at_year_end = Q(decided_on__isnull=True) | Q(decided_on__gt=last)
    counts: dict[str, Count] = {}
    for kind in ReviewKind:
        for result in DECIDED_RESULTS:
            counts[f"{kind.value}__{result.value}"] = Count(
                "id", filter=Q(kind=kind, result=result, decided_on__lte=last)
            )
        counts[f"{kind.value}__{ReviewCaseResult.PENDING.value}"] = Count(
            "id", filter=Q(kind=kind) & open_at_year_end
        )
    row = counted_review_cases(agency=agency, year=year).aggregate(**counts)
    table: ReviewsTable = {}
    for kind in ReviewKind:
        block = {key: int(row[f"{kind.value}__{key}"] or 0) for key in RESULT_KEYS}
        block["total"] = sum(block.values())
        table[kind.value] = block
    return table


def review_cases_of_year(*, agency: Agency, year: int) -> QuerySet[ReviewCase]:
    """The agency's review cases open at some time in `year` (filed by its end, not decided
    before it), whatever its role: those with `is_counted` make table 四, the others are kept."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return (
        ReviewCase.objects.filter(Q(decided_on__isnull=True) | Q(decided_on__gte=first))
        .filter(agency=agency, filed_on__lte=last)
        .select_related("application")
        .order_by("-filed_on", "-id")
    )


def complaints_of_year(*, agency: Agency, year: int) -> QuerySet[Complaint]:
    """The agency's complaints received in `year`, and older ones still open in it."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return (
        Complaint.objects.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .filter(agency=agency, received_on__lte=last)
        .select_related("application")
        .order_by("-received_on", "-id")
    )


def agencies_with_reviews_visible_to(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    """The agencies whose records behind the report `user` may read (REPORT_RECORDS)."""
    return agencies_in(REPORT_RECORDS, user=user)
