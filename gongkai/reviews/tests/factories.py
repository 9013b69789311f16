"""Factories for tests: review cases and complaints saved directly (no audit events)."""

from __future__ import annotations

from datetime import date

from gongkai.agencies.models import Agency
from gongkai.reviews.models import ReviewCase, ReviewCaseResult, ReviewKind, ReviewRole


def make_case(
    *,
    agency: Agency,
    kind: ReviewKind = ReviewKind.RECONSIDERATION,
    filed_on: date,
    result: ReviewCaseResult = ReviewCaseResult.PENDING,
    decided_on: date | None = None,
    our_role: ReviewRole = ReviewRole.ORIGINAL_AGENCY,
) -> ReviewCase:
    return ReviewCase.objects.create(
        agency=agency,
        kind=kind,
        filed_on=filed_on,
        result=result,
        decided_on=decided_on,
        our_role=our_role,
    )
