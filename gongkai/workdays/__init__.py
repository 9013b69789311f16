"""Working days (工作日) on the official calendar: statutory holidays and adjusted working days.

Pure Python: nothing here imports Django or another gongkai package, so deadline arithmetic
can be tested and reused on its own. The Django app `gongkai.holidays` keeps the official days
in the database and builds a `Calendar` from them (`gongkai.holidays.selectors`).
"""

from gongkai.workdays.calendar import Calendar
from gongkai.workdays.days import Count, DateSpan, Deadline, OfficialDay
from gongkai.workdays.sources import (
    NAME_MAX_LENGTH,
    NoticeError,
    UnknownYearError,
    chinesecalendar_days,
    chinesecalendar_years,
    notice_year,
    parse_notice,
)

__all__ = [
    "NAME_MAX_LENGTH",
    "Calendar",
    "Count",
    "DateSpan",
    "Deadline",
    "NoticeError",
    "OfficialDay",
    "UnknownYearError",
    "chinesecalendar_days",
    "chinesecalendar_years",
    "notice_year",
    "parse_notice",
]
