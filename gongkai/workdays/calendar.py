"""The official calendar and working-day arithmetic on it.

Counting convention (application-procedure.md §11, 民法典第二百零一条 by analogy): the start day
is day 0 and is not counted; counting begins on the next day, and only working days count. So
`add_workdays(D, 1)` is the first working day after D, whatever D itself is.

A year is *known* when its official notice (国务院办公厅关于YYYY年部分节假日安排的通知) has
been loaded. In a year that is not known, the holidays the law itself fixes rest
(`statutory.statutory_holidays`: 元旦, 春节 from 除夕, 清明, 劳动节, 端午, 中秋, 国庆, computed),
Saturday and Sunday rest and the other days work; only the 调休 arrangement is unknown, so every
result whose span touches such a year is marked `provisional=True` and must be shown as such,
never silently trusted (decision 0012).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from gongkai.workdays.days import Count, DateSpan, Deadline, OfficialDay
from gongkai.workdays.statutory import statutory_holidays

__all__ = ["Calendar"]

_ONE_DAY = dt.timedelta(days=1)
_SATURDAY = 5


class Calendar:
    """Working days of the official calendar: listed days as stated, the others by the week.

    `days` are the official days (holidays and adjusted working days) of any years; an entry
    for a year outside `known_years` (an administrator's advance edit) is honoured, but results
    touching that year stay provisional until its notice is loaded.
    """

    __slots__ = ("_days", "_known_years")

    def __init__(
        self, days: Iterable[OfficialDay] = (), *, known_years: Iterable[int] = ()
    ) -> None:
        by_date: dict[dt.date, OfficialDay] = {}
        for day in days:
            if day.date in by_date:
                raise ValueError(f"日历中 {day.date.isoformat()} 出现了两次")
            by_date[day.date] = day
        self._days: Mapping[dt.date, OfficialDay] = by_date
        self._known_years = frozenset(known_years)

    def __repr__(self) -> str:
        years = sorted(self._known_years)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        return f"<Calendar known years {span}, {len(self._days)} official days>"

    @property
    def known_years(self) -> frozenset[int]:
        """Return the years whose official notice is loaded."""
        return self._known_years

    def official_day(self, day: dt.date) -> OfficialDay | None:
        """Return the entry for `day`: the official one, else (in a year whose notice is not
        loaded) its statutory holiday; None when the day follows the week."""
        entry = self._days.get(day)
        if entry is None and day.year not in self._known_years:
            entry = _statutory(day)
        return entry

    def is_statutory_only(self, day: dt.date) -> bool:
        """Return whether `day` rests only by the law's fixed holidays (its year not loaded)."""
        return day not in self._days and day.year not in self._known_years and bool(_statutory(day))

    def is_workday(self, day: dt.date) -> bool:
        """Return whether `day` is a working day (工作日) of the official calendar."""
        entry = self.official_day(day)
        if entry is not None:
            # 放假调休通知: a listed weekend day may be a working day, a listed weekday a rest day.
            return not entry.is_off_day
        return day.weekday() < _SATURDAY

    def is_provisional(self, first: dt.date, last: dt.date) -> bool:
        """Return whether any day from `first` to `last` (both included) lies in an unknown year."""
        low, high = min(first, last), max(first, last)
        return any(year not in self._known_years for year in range(low.year, high.year + 1))

    def add_workdays(
        self, start: dt.date, n: int, *, excluded: Iterable[DateSpan] = ()
    ) -> Deadline:
        """Return the date that is the n-th working day after `start` (`start` is day 0).

        `n == 0` gives `start` itself. Working days inside an `excluded` span are not counted:
        that is how a paused clock is skipped (条例第三十三条第三款: time spent consulting a
        third party or another agency is not counted). Negative `n` is refused.
        """
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n}")
        spans = tuple(excluded)
        day = start
        remaining = n
        while remaining:
            day += _ONE_DAY
            if self._counts(day, spans):
                remaining -= 1
        return Deadline(date=day, provisional=self.is_provisional(start, day))

    def workdays_between(
        self, a: dt.date, b: dt.date, *, excluded: Iterable[DateSpan] = ()
    ) -> Count:
        """Return the number of working days after `a` up to and including `b`.

        When `b` is before `a` the count is negative: `-workdays_between(b, a)`, so that
        `between(a, b) + between(b, c) == between(a, c)` holds for any three dates. Working days
        inside an `excluded` span are not counted, as in `add_workdays`.
        """
        spans = tuple(excluded)
        low, high = min(a, b), max(a, b)
        days = sum(1 for day in _days_after(low, high) if self._counts(day, spans))
        return Count(days=days if a <= b else -days, provisional=self.is_provisional(a, b))

    def _counts(self, day: dt.date, spans: tuple[DateSpan, ...]) -> bool:
        return self.is_workday(day) and not any(day in span for span in spans)


def _statutory(day: dt.date) -> OfficialDay | None:
    return next((h for h in statutory_holidays(day.year) if h.date == day), None)


def _days_after(low: dt.date, high: dt.date) -> Iterator[dt.date]:
    """Yield each day after `low` up to and including `high`."""
    day = low + _ONE_DAY
    while day <= high:
        yield day
        day += _ONE_DAY
