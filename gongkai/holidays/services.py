"""Changes to the official calendar: seeding, loading a notice, an administrator's edit.

Each change is one transaction that records its audit event; the per-process calendar cache
is dropped once the change is committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai import workdays
from gongkai.audit.services import record_event
from gongkai.holidays.models import CalendarYear, OfficialDay, Source
from gongkai.holidays.selectors import invalidate_official_calendar

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["after_calendar_change", "load_notice", "seed_from_chinesecalendar", "set_day"]

CalendarHook = Callable[[frozenset[int]], None]
_after_change: list[CalendarHook] = []


def after_calendar_change(hook: CalendarHook) -> None:
    """Have `hook(years)` run inside every calendar change's transaction, after its writes.

    The explicit follow-up of a change (an app above this one registers it in its `ready()`):
    `applications` replays the open cases whose due dates the changed years can move, so the
    stored due dates never disagree with the calendar. `years` are the years whose days changed.
    """
    if hook not in _after_change:
        _after_change.append(hook)


def _changed(years: Iterable[int]) -> None:
    changed = frozenset(years)
    if not changed:
        return
    invalidate_official_calendar()  # the hooks read the calendar as this transaction has it
    for hook in _after_change:
        hook(changed)


def seed_from_chinesecalendar(*, years: Iterable[int] | None = None) -> list[int]:
    """Load from chinesecalendar each given year not yet known; return the years loaded.

    Idempotent: a year already known (seeded earlier, or loaded from a notice) is left as it
    is, and so is any existing row of a newly seeded year (an administrator's advance edit, or
    a neighbouring notice's edge day). `years` defaults to every year the package knows; a year
    it does not know raises `workdays.UnknownYearError`. An installation step, not audited: the
    `CalendarYear` row records its source and time.
    """
    wanted = list(workdays.chinesecalendar_years() if years is None else years)
    with transaction.atomic():
        known = set(CalendarYear.objects.values_list("year", flat=True))
        new_years = sorted(year for year in set(wanted) if year not in known)
        if not new_years:
            return []
        days = [day for year in new_years for day in workdays.chinesecalendar_days(year)]
        taken = set(
            OfficialDay.objects.filter(date__in=[day.date for day in days]).values_list(
                "date", flat=True
            )
        )
        OfficialDay.objects.bulk_create(
            _row(day, Source.CHINESECALENDAR) for day in days if day.date not in taken
        )
        CalendarYear.objects.bulk_create(
            CalendarYear(year=year, source=Source.CHINESECALENDAR) for year in new_years
        )
        _changed(new_years)
        transaction.on_commit(invalidate_official_calendar)
    return new_years


def load_notice(*, days: Sequence[workdays.OfficialDay], actor: User | None = None) -> CalendarYear:
    """Replace a year's official days by its State Council notice and mark the year known.

    All or nothing. The year is the notice's (`workdays.notice_year`); its rows, including
    administrators' edits, are replaced. Days the notice lists at the edge of a neighbouring
    year (the 2024 notice begins on 2023-12-30) replace those dates only; and when the next
    year is already loaded from its notice, this year's December rows it brought are kept.
    Raises `workdays.NoticeError` for an inconsistent notice.
    """
    year = workdays.notice_year(days)
    with transaction.atomic():
        replaced = OfficialDay.objects.filter(date__year=year)
        if CalendarYear.objects.filter(year=year + 1, source=Source.NOTICE).exists():
            replaced = replaced.exclude(date__month=12, source=Source.NOTICE)
        before_year = CalendarYear.objects.filter(year=year).first()
        before = {
            "known": _year_facts(before_year),
            "days": [_day_facts(row) for row in replaced],
        }
        replaced.delete()
        OfficialDay.objects.filter(date__in=[day.date for day in days]).delete()
        OfficialDay.objects.bulk_create(_row(day, Source.NOTICE) for day in days)
        calendar_year, _ = CalendarYear.objects.update_or_create(
            year=year, defaults={"source": Source.NOTICE, "loaded_at": timezone.now()}
        )
        record_event(
            actor=actor,
            action="holidays.load_notice",
            obj=calendar_year,
            before=before,
            after={
                "known": _year_facts(calendar_year),
                "days": [_day_facts(day, Source.NOTICE) for day in days],
            },
        )
        _changed({year, *(day.date.year for day in days)})
        transaction.on_commit(invalidate_official_calendar)
    return calendar_year


def set_day(
    *, date: dt.date, is_off_day: bool, name: str, actor: User | None = None
) -> OfficialDay:
    """Set one day's status as an administrator states it (an override, source `admin`).

    Setting a weekday to working or a weekend day to rest is allowed: it restores the week.
    Raises ValidationError for an empty or overlong name.
    """
    name = name.strip()
    if not name:
        raise ValidationError("请填写节日名称，如“春节”。", code="name_required")
    if len(name) > workdays.NAME_MAX_LENGTH:
        raise ValidationError(
            f"节日名称不能超过 {workdays.NAME_MAX_LENGTH} 个字。", code="name_too_long"
        )
    with transaction.atomic():
        existing = OfficialDay.objects.select_for_update().filter(date=date).first()
        before = _day_facts(existing) if existing is not None else None
        row, _ = OfficialDay.objects.update_or_create(
            date=date, defaults={"is_off_day": is_off_day, "name": name, "source": Source.ADMIN}
        )
        record_event(
            actor=actor, action="holidays.set_day", obj=row, before=before, after=_day_facts(row)
        )
        _changed({date.year})
        transaction.on_commit(invalidate_official_calendar)
    return row


def _row(day: workdays.OfficialDay, source: Source) -> OfficialDay:
    return OfficialDay(date=day.date, is_off_day=day.is_off_day, name=day.name, source=source)


def _day_facts(
    day: OfficialDay | workdays.OfficialDay, source: str | None = None
) -> dict[str, Any]:
    """Return a day as the audit log keeps it."""
    if isinstance(day, OfficialDay):
        source = day.source
    return {
        "date": day.date.isoformat(),
        "is_off_day": day.is_off_day,
        "name": day.name,
        "source": str(source),
    }


def _year_facts(calendar_year: CalendarYear | None) -> dict[str, Any] | None:
    if calendar_year is None:
        return None
    return {
        "year": calendar_year.year,
        "source": calendar_year.source,
        "loaded_at": calendar_year.loaded_at.isoformat(),
    }
