"""Reads on items, categories and the catalogue: scoped querysets, history, the catalogue
dashboard and the annual report's counts (aggregate queries).

What the public sees: items with `is_public` (published and not withdrawn). A withdrawn item
is off every list and search but its page still answers, with the withdrawal notice
(`portal_item`).
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, QuerySet, Subquery
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agencies_visible_to
from gongkai.holidays.selectors import official_calendar
from gongkai.publications.models import (
    CatalogueTiming,
    Category,
    DisclosureCatalogueEntry,
    ItemAttachment,
    ItemEvent,
    ItemRevision,
    PublishedItem,
)
from gongkai.publications.workflow import State
from gongkai.workdays import Calendar

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User

__all__ = [
    "CatalogueStatus",
    "CategoryNode",
    "DueItem",
    "Period",
    "PublishedCounts",
    "catalogue_dashboard",
    "category_descendant_ids",
    "category_tree",
    "item_history",
    "item_revisions",
    "items_visible_to",
    "latest_attachments",
    "portal_item",
    "public_attachments",
    "public_items",
    "public_years",
    "published_counts",
]


def items_visible_to(
    *, user: User | AnonymousUser, agency: Agency | None = None
) -> QuerySet[PublishedItem]:
    """Return every item (any state) of the agencies `user` may see as staff, newest first."""
    items = PublishedItem.objects.filter(agency__in=agencies_visible_to(user=user))
    if agency is not None:
        items = items.filter(agency=agency)
    return items.select_related("category", "agency").order_by("-updated_at", "-id")


def category_descendant_ids(category: Category) -> list[int]:
    """Return the ids of `category` and every category below it (one query a level)."""
    ids, level = [category.pk], [category.pk]
    while level:
        level = list(Category.objects.filter(parent_id__in=level).values_list("id", flat=True))
        ids.extend(level)
    return ids


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def public_items(
    *,
    agency: Agency,
    category: Category | None = None,
    year: int | None = None,
    with_subcategories: bool = True,
) -> QuerySet[PublishedItem]:
    """Return the agency's public items, newest first (slice it for paging).

    `year` is the year of first publication (local time). One category (no subcategories)
    or none: read in order on the partial indexes item_public_in_category and
    item_public_latest, without a sort.
    """
    items = PublishedItem.objects.filter(agency=agency, is_public=True)
    if category is not None:
        ids = category_descendant_ids(category) if with_subcategories else [category.pk]
        if len(ids) > 1:
            items = items.filter(category_id__in=ids)
        else:
            items = items.filter(category=category)
    if year is not None:
        start, end = _year_bounds(year)
        items = items.filter(published_at__gte=start, published_at__lt=end)
    return items.select_related("category").order_by("-published_at", "-id")


def public_years(*, agency: Agency) -> list[int]:
    """Return the years in which the agency published items still public, latest first.

    Years are local (the current time zone). Two queries on the index item_public_latest,
    whatever the number of items: the first and last publication, then one EXISTS a year
    between them with time-zone-aware bounds (`.dates()` would convert every
    row's time zone in Python on SQLite).
    """
    items = PublishedItem.objects.filter(agency=agency, is_public=True, published_at__isnull=False)
    # Two subqueries, not MIN() and MAX() in one: each is then one seek on the index.
    moments = items.values("published_at")
    span: Mapping[str, Any] = (
        Agency.objects.filter(pk=agency.pk)
        .values(
            first=Subquery(moments.order_by("published_at")[:1]),
            last=Subquery(moments.order_by("-published_at")[:1]),
        )
        .first()
    ) or {}
    if span.get("first") is None or span.get("last") is None:
        return []
    first, last = timezone.localtime(span["first"]).year, timezone.localtime(span["last"]).year
    if first == last:
        return [first]
    checks: dict[str, Exists] = {}
    for year in range(first + 1, last):  # the first and last years have items
        start, end = _year_bounds(year)
        checks[f"y{year}"] = Exists(items.filter(published_at__gte=start, published_at__lt=end))
    found = (Agency.objects.filter(pk=agency.pk).values(**checks).first() if checks else None) or {}
    middle = [year for year in range(first + 1, last) if found.get(f"y{year}")]
    return [last, *reversed(middle), first]


def portal_item(
    *, agency: Agency, pk: int | None = None, index_number: str | None = None
) -> PublishedItem | None:
    """Return an item for its public page: public, or withdrawn (the page shows the notice).

    None for an item never published (drafts have no public page).
    """
    # Withdrawal needs a public item, so every withdrawn item has been published.
    items = PublishedItem.objects.filter(agency=agency, published_at__isnull=False)
    items = items.select_related("category", "explainer")
    if pk is not None:
        return items.filter(pk=pk).first()
    if index_number is not None:
        return items.filter(index_number=index_number).first()
    raise ValueError("portal_item needs pk or index_number")


def public_attachments(item: PublishedItem) -> QuerySet[ItemAttachment]:
    """Return the attachments of the item's public version.

    A file removed in a revision not yet published is still among them.
    """
    if item.public_revision_number is None or not item.is_public:
        return ItemAttachment.objects.none()
    attachments = ItemAttachment.objects.filter(item=item)
    return attachments.in_revision(item.public_revision_number).order_by("id")


def latest_attachments(item: PublishedItem) -> QuerySet[ItemAttachment]:
    """Return the attachments of the item's latest revision (the version being worked on)."""
    attachments = ItemAttachment.objects.filter(item=item)
    return attachments.in_revision(item.revision_number).order_by("id")


def item_history(*, item: PublishedItem) -> QuerySet[ItemEvent]:
    """Return the item's events in the order they happened, with their actors."""
    return ItemEvent.objects.filter(item=item).select_related("actor").order_by("id")


def item_revisions(*, item: PublishedItem) -> QuerySet[ItemRevision]:
    """Return every saved version of the item, oldest first."""
    return ItemRevision.objects.filter(item=item).select_related("author").order_by("number")


@dataclass
class CategoryNode:
    category: Category
    children: list[CategoryNode] = field(default_factory=list)


def category_tree(*, agency: Agency) -> list[CategoryNode]:
    """Return the agency's categories as a tree (one query), each level in `order`."""
    nodes = {
        category.pk: CategoryNode(category)
        for category in Category.objects.filter(agency=agency).order_by("order", "id")
    }
    roots: list[CategoryNode] = []
    for node in nodes.values():
        parent = nodes.get(node.category.parent_id) if node.category.parent_id else None
        (parent.children if parent is not None else roots).append(node)
    return roots


# ---- the catalogue dashboard -------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """An item owed under a catalogue entry: formed on `formed`, due on `due`."""

    item: PublishedItem
    formed: dt.date
    due: dt.date
    workdays_late: int  # > 0: overdue (unpublished) or published late, by that many days


@dataclass(frozen=True)
class Period:
    """One period of a periodic entry: its information is due `due` (after `end`)."""

    start: dt.date
    end: dt.date
    due: dt.date
    workdays_late: int


@dataclass
class CatalogueStatus:
    """What one catalogue entry owes today: overdue items, late ones, missing periods."""

    entry: DisclosureCatalogueEntry
    overdue: list[DueItem] = field(default_factory=list)  # not yet published, past due
    late: list[DueItem] = field(default_factory=list)  # published after the due date
    pending: list[DueItem] = field(default_factory=list)  # not yet published, not yet due
    missing: list[Period] = field(default_factory=list)  # periods with nothing published
    published: int = 0
    provisional: bool = False  # a year without the State Council's notice was crossed

    @property
    def in_order(self) -> bool:
        return not (self.overdue or self.missing)


def _periods(timing: str, year: int) -> list[tuple[dt.date, dt.date]]:
    if timing == CatalogueTiming.MONTHLY:
        months = [(m, m) for m in range(1, 13)]
    elif timing == CatalogueTiming.QUARTERLY:
        months = [(m, m + 2) for m in (1, 4, 7, 10)]
    else:
        months = [(1, 12)]
    return [
        (dt.date(year, a, 1), dt.date(year, b, month_calendar.monthrange(year, b)[1]))
        for a, b in months
    ]


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def catalogue_dashboard(
    *, agency: Agency, today: dt.date | None = None, calendar: Calendar | None = None
) -> list[CatalogueStatus]:
    """Return, for each active catalogue entry, what is overdue, late or missing today.

    条例第二十六条: information is published within 20 working days (the entry's `workdays`)
    of being formed or changed — for an item, its 成文日期 (else the day it was drafted); for a
    periodic entry, the end of each period of this year. Working days are counted on the
    official calendar.
    """
    today = today or timezone.localdate()
    calendar = calendar or official_calendar()
    entries = list(
        DisclosureCatalogueEntry.objects.filter(agency=agency, active=True)
        .select_related("category", "section")
        .order_by("id")
    )
    linked: dict[int, list[PublishedItem]] = defaultdict(list)
    for item in PublishedItem.objects.filter(catalogue_entry__in=entries).order_by("id"):
        linked[item.catalogue_entry_id or 0].append(item)  # filtered: never 0
    statuses = []
    for entry in entries:
        status = CatalogueStatus(entry=entry)
        items = linked[entry.pk]
        if entry.timing == CatalogueTiming.ON_CHANGE:
            _check_items(status, items, entry.workdays, today, calendar)
        else:
            _check_periods(status, items, entry, today, calendar)
        statuses.append(status)
    return statuses


def _check_items(
    status: CatalogueStatus,
    items: list[PublishedItem],
    workdays: int,
    today: dt.date,
    calendar: Calendar,
) -> None:
    for item in items:
        if item.state == State.WITHDRAWN.value:
            continue
        formed = item.date_written or timezone.localtime(item.created_at).date()
        deadline = calendar.add_workdays(formed, workdays)
        status.provisional |= deadline.provisional
        published = _local_date(item.published_at)
        if published is not None:
            status.published += 1
            late = calendar.workdays_between(deadline.date, published).days
            if late > 0:
                status.late.append(DueItem(item, formed, deadline.date, late))
        else:
            late = calendar.workdays_between(deadline.date, today).days
            target = status.overdue if late > 0 else status.pending
            target.append(DueItem(item, formed, deadline.date, max(late, 0)))


def _check_periods(
    status: CatalogueStatus,
    items: list[PublishedItem],
    entry: DisclosureCatalogueEntry,
    today: dt.date,
    calendar: Calendar,
) -> None:
    dates = [d for item in items if (d := _local_date(item.published_at)) is not None]
    status.published = len(dates)
    # This year's periods, and last year's last one (its information is due in January).
    periods = _periods(entry.timing, today.year - 1)[-1:] + _periods(entry.timing, today.year)
    for start, end in periods:
        deadline = calendar.add_workdays(end, entry.workdays)
        if deadline.date >= today:
            continue
        status.provisional |= deadline.provisional
        if not any(start <= day <= deadline.date for day in dates):
            late = calendar.workdays_between(deadline.date, today).days
            status.missing.append(Period(start, end, deadline.date, late))


# ---- counts for the annual report ----------------------------------------------------------


@dataclass(frozen=True)
class PublishedCounts:
    """Items first published in a year, by category, 条例第二十条 item and 五公开 dimension."""

    year: int
    total: int
    by_category: dict[int, int]
    by_article20_item: dict[str, int]
    by_dimension: dict[str, int]


def published_counts(*, agency: Agency, year: int) -> PublishedCounts:
    """Count the items the agency first published in `year` (three aggregate queries).

    Items withdrawn since are counted: they were published that year. An item in a category
    without a mapping counts under "" for that mapping.
    """
    start, end = _year_bounds(year)
    items = PublishedItem.objects.filter(
        agency=agency, published_at__gte=start, published_at__lt=end
    )

    def grouped(key: str) -> dict[str, int]:
        rows = items.values(key).annotate(n=Count("id")).order_by(key)
        return {row[key]: row["n"] for row in rows}

    by_category = {int(k): v for k, v in grouped("category").items()}
    return PublishedCounts(
        year=year,
        total=sum(by_category.values()),
        by_category=by_category,
        by_article20_item=grouped("category__article20_item"),
        by_dimension=grouped("category__dimension"),
    )
