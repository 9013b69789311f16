"""What the narrative states that the tables do not hold: the items published by category
and their 解读, and the 信息处理费 charged in the year (aggregate queries)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.models import ApplicationEvent
from gongkai.applications.procedure.history import EventKind
from gongkai.publications.models import Category, PublishedItem
from gongkai.publications.selectors import published_counts
from gongkai.reporting.narrative import PublishedFacts

__all__ = ["fees_charged", "published_facts"]


def published_facts(*, agency: Agency, year: int) -> PublishedFacts:
    """The items first published in `year`, by category in the portal's order, and how many
    of them are the 解读 of another item."""
    counts = published_counts(agency=agency, year=year)
    categories = Category.objects.filter(agency=agency).order_by("order", "id")
    by_category = [
        (c.name, counts.by_category[c.pk]) for c in categories if c.pk in counts.by_category
    ]
    start = timezone.make_aware(datetime(year, 1, 1))  # noqa: DTZ001 - made aware here
    end = timezone.make_aware(datetime(year + 1, 1, 1))  # noqa: DTZ001
    interpretations = (
        PublishedItem.objects.filter(
            agency=agency, published_at__gte=start, published_at__lt=end, explains__isnull=False
        )
        .distinct()
        .count()
    )
    return PublishedFacts(
        total=counts.total, by_category=by_category, interpretations=interpretations
    )


def fees_charged(*, agency: Agency, year: int) -> Decimal:
    """The 信息处理费 paid in `year`: for each payment dated in the year, the amount of the
    fee notice before it on the same case (two queries, whatever the number of payments)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    payments = list(
        ApplicationEvent.objects.filter(
            application__agency=agency,
            kind=EventKind.FEE_PAID.value,
            date__gte=start,
            date__lte=end,
        ).values_list("application_id", "id")
    )
    notices = ApplicationEvent.objects.filter(
        application_id__in={case_id for case_id, _ in payments}, details__has_key="amount"
    ).values_list("application_id", "id", "details")
    by_case: dict[int, list[tuple[int, object]]] = {}
    for case_id, event_id, details in notices.order_by("id"):
        by_case.setdefault(case_id, []).append((event_id, details))
    total = Decimal(0)
    for case_id, payment_id in payments:
        before = [
            details for event_id, details in by_case.get(case_id, []) if event_id < payment_id
        ]
        if not before:
            continue
        try:
            total += Decimal(str(before[-1]["amount"]))  # type: ignore[index]
        except (InvalidOperation, KeyError, TypeError):
            continue
    return total
