"""Reading the official calendar: one `Calendar` per process, rebuilt when the data changes."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max

from gongkai import workdays
from gongkai.holidays.models import CalendarYear, OfficialDay

__all__ = ["invalidate_official_calendar", "official_calendar"]

_cached: tuple[tuple[Any, ...], workdays.Calendar] | None = None


def official_calendar() -> workdays.Calendar:
    """Return the official calendar as the database holds it now.

    The built calendar is kept per process. Services drop it when they commit a change; a
    change made by another process (another web worker, a command) is noticed through a
    fingerprint of the two tables (row counts and latest change times, two small aggregate
    queries), so no worker keeps counting on a stale calendar.
    """
    global _cached
    fingerprint = _fingerprint()
    cached = _cached
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    # Read after the fingerprint: if the tables change in between, the next call rebuilds.
    calendar = workdays.Calendar(
        (row.as_workday() for row in OfficialDay.objects.all()),
        known_years=CalendarYear.objects.values_list("year", flat=True),
    )
    _cached = (fingerprint, calendar)
    return calendar


def invalidate_official_calendar() -> None:
    """Forget the cached calendar, so the next `official_calendar()` reads the tables again."""
    global _cached
    _cached = None


def _fingerprint() -> tuple[Any, ...]:
    days = OfficialDay.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    years = CalendarYear.objects.aggregate(count=Count("id"), latest=Max("loaded_at"))
    return (days["count"], days["latest"], years["count"], years["latest"])
