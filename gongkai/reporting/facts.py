"""What the narrative states that the tables do not hold: the items published by category
and their 解读, and the 信息处理费 charged in the year (aggregate queries)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.history import EventKind
from gongkai.applications.models import ApplicationEvent
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
    fee notice before it on the same case."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    paid_cases = ApplicationEvent.objects.filter(
        application__agency=agency,
        kind=EventKind.FEE_PAID.value,
        date__gte=start,
        date__lte=end,
    ).values_list("application_id", "id")
    total = Decimal(0)
    for case_id, payment_id in paid_cases:
        notices = ApplicationEvent.objects.filter(
            application_id=case_id, id__lt=payment_id, details__has_key="amount"
        ).order_by("-id")
        notice = notices.values_list("details", flat=True).first()
        if notice is not None:
            try:
                total += Decimal(str(notice["amount"]))
            except (InvalidOperation, KeyError, TypeError):
                continue
    return total
