"""The records of the official calendar and of working-day arithmetic: days, spans and results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Count", "DateSpan", "Deadline", "OfficialDay"]


@dataclass(frozen=True, slots=True)
class OfficialDay:
    """One day whose status the State Council's notice states: a rest day or a working day.

    `is_off_day=True` on a weekday is a holiday (法定节假日) or a day inside a 放假调休 block;
    `is_off_day=False` on a Saturday or Sunday is an adjusted working day (调休上班). A day not
    listed follows the week: Monday to Friday work, Saturday and Sunday rest.
    """

    date: dt.date
    is_off_day: bool
    name: str


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A run of calendar days from `first` to `last`, both included, e.g. a paused clock."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(
                f"时间段的结束日 {self.last.isoformat()} 早于开始日 {self.first.isoformat()}"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


@dataclass(frozen=True, slots=True)
class Deadline:
    """The date N working days after a start; provisional when a year without data was crossed."""

    date: dt.date
    provisional: bool

    def __str__(self) -> str:
        return self.date.isoformat() + (" provisional" if self.provisional else "")


@dataclass(frozen=True, slots=True)
class Count:
    """A number of working days; provisional when a year without data was crossed."""

    days: int
    provisional: bool

    def __str__(self) -> str:
        return str(self.days) + (" provisional" if self.provisional else "")
