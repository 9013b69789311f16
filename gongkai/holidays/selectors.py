"""Reading the official calendar: one `Calendar` per process, rebuilt when the data changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max

from gongkai import workdays
from gongkai.holidays.models import CalendarYear, OfficialDay

__all__ = ["CalendarYearView", "calendar_year", "invalidate_official_calendar", "official_calendar"]

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


@dataclass(frozen=True)
class CalendarYearView:
    """One year of the official calendar as the workspace shows it."""

    year: int
    # None: the year's notice is not loaded; deadlines reaching it are provisional (暂定).
    known: CalendarYear | None
    days: list[OfficialDay]
    known_years: list[int]

    @property
    def off_days(self) -> int:
        return sum(1 for day in self.days if day.is_off_day)

    @property
    def working_days(self) -> int:
        return sum(1 for day in self.days if not day.is_off_day)


def calendar_year(*, year: int) -> CalendarYearView:
    """Return `year`'s official days (holidays and 调休 working days) and whether it is known."""
    return CalendarYearView(
        year=year,
        known=CalendarYear.objects.filter(year=year).first(),
        days=list(OfficialDay.objects.filter(date__year=year).order_by("date")),
        known_years=list(CalendarYear.objects.order_by("year").values_list("year", flat=True)),
    )
