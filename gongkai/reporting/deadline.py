"""The report's own deadline: 31 January of the next year (条例第四十九条), in working days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.holidays.selectors import official_calendar

__all__ = ["ReportDeadline", "report_deadline"]

SHOWN_FROM = (12, 1)
"""The office's home shows the report's deadline from 1 December of the report's year on."""


@dataclass(frozen=True, slots=True)
class ReportDeadline:
    year: int
    due: dt.date
    workdays_left: int
    provisional: bool

    @property
    def overdue(self) -> bool:
        return self.workdays_left < 0


def report_deadline(*, today: dt.date) -> ReportDeadline | None:
    """The deadline of the report due next, when `today` is between 1 December and the end of
    January (the season the home page shows it); None the rest of the year."""
    if (today.month, today.day) >= SHOWN_FROM:
        year = today.year
    elif today.month == 1:
        year = today.year - 1
    else:
        return None
    due = dt.date(year + 1, 1, 31)
    count = official_calendar().workdays_between(today, due)
    return ReportDeadline(
        year=year, due=due, workdays_left=count.days, provisional=count.provisional
    )
