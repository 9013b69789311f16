"""Where official days come from: the `chinesecalendar` package and a State Council notice file.

A notice file is a JSON list of `{"date": "YYYY-MM-DD", "is_off_day": true|false, "name": "春节"}`
(cli-and-import.md), one entry per day that departs from the week: each rest day of a holiday
block, and each Saturday or Sunday announced as a working day (调休上班).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence

from gongkai.workdays.days import OfficialDay

__all__ = [
    "NAME_MAX_LENGTH",
    "NoticeError",
    "UnknownYearError",
    "chinesecalendar_days",
    "chinesecalendar_years",
    "notice_year",
    "parse_notice",
]

NAME_MAX_LENGTH = 50
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FIELDS = ("date", "is_off_day", "name")


class NoticeError(ValueError):
    """A holiday notice that cannot be read; the message (Chinese) names the faulty entry."""


class UnknownYearError(LookupError):
    """A year for which a source holds no official data."""


def chinesecalendar_years() -> range:
    """Return the years for which the installed `chinesecalendar` package holds the notice."""
    from chinese_calendar import constants  # lazy: only seeding needs the package

    years = [day.year for day in constants.holidays]
    return range(min(years), max(years) + 1)


def chinesecalendar_days(year: int) -> list[OfficialDay]:
    """Return `year`'s holidays and adjusted working days as the `chinesecalendar` package has them.

    Raises UnknownYearError for a year the package does not know (it raises for 2027 and later
    until a release carries that year's notice).
    """
    from chinese_calendar import constants  # lazy: only seeding needs the package

    if year not in chinesecalendar_years():
        raise UnknownYearError(f"chinesecalendar 不含 {year} 年的节假日安排")

    def chinese_name(english: str) -> str:
        return str(constants.Holiday(english).chinese)

    days = [
        OfficialDay(date=day, is_off_day=True, name=chinese_name(english))
        for day, english in constants.holidays.items()
        if day.year == year
    ]
    # The package's `workdays` are the weekend days announced as working days (调休上班).
    days += [
        OfficialDay(date=day, is_off_day=False, name=chinese_name(english))
        for day, english in constants.workdays.items()
        if day.year == year
    ]
    return sorted(days, key=lambda entry: entry.date)


def parse_notice(data: bytes | str) -> list[OfficialDay]:
    """Return the official days of a notice file, or raise NoticeError naming the faulty entry.

    The whole notice is checked: each entry's fields, no date twice, and all dates within one
    year (plus the edges of the neighbouring years, see `notice_year`).
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise NoticeError("通知文件不是 UTF-8 编码的文本") from error
    try:
        raw = json.loads(data)
    except json.JSONDecodeError as error:
        raise NoticeError(
            f"通知文件不是有效的 JSON（第{error.lineno}行第{error.colno}列：{error.msg}）"
        ) from error
    if not isinstance(raw, list):
        raise NoticeError("通知文件应为 JSON 数组，每项一个日期：{date, is_off_day, name}")
    if not raw:
        raise NoticeError("通知文件中没有任何日期")
    days: list[OfficialDay] = []
    first_seen: dict[dt.date, int] = {}
    for number, entry in enumerate(raw, start=1):
        day = _parse_entry(number, entry)
        if day.date in first_seen:
            raise NoticeError(
                f"第{number}条：日期 {day.date.isoformat()} 与第{first_seen[day.date]}条重复"
            )
        first_seen[day.date] = number
        days.append(day)
    notice_year(days)
    return days


def notice_year(days: Sequence[OfficialDay]) -> int:
    """Return the year a notice is for: the year most of its days lie in.

    A notice may reach into the neighbouring years only at their edge: the 2024 notice's 元旦
    block began on Saturday 2023-12-30, so December of the year before and January of the year
    after are accepted. Any other date raises NoticeError naming the entry (numbered from 1).
    """
    if not days:
        raise NoticeError("通知文件中没有任何日期")
    counts = Counter(day.date.year for day in days)
    # Most entries decide; on a tie the later year (a notice is published for the coming year).
    year = max(counts, key=lambda candidate: (counts[candidate], candidate))
    for number, day in enumerate(days, start=1):
        at_edge = (day.date.year == year - 1 and day.date.month == 12) or (
            day.date.year == year + 1 and day.date.month == 1
        )
        if day.date.year != year and not at_edge:
            raise NoticeError(
                f"第{number}条：日期 {day.date.isoformat()} 不属于 {year} 年的节假日安排"
            )
    return year


def _parse_entry(number: int, entry: object) -> OfficialDay:
    """Return one entry of a notice as an OfficialDay, or raise NoticeError saying what is wrong."""
    where = f"第{number}条"
    if not isinstance(entry, dict):
        raise NoticeError(f"{where}：应为对象，含 date、is_off_day、name 三个字段")
    for field in _FIELDS:
        if field not in entry:
            raise NoticeError(f"{where}：缺少字段 {field}")
    unknown = sorted(str(key) for key in entry if key not in _FIELDS)
    if unknown:
        raise NoticeError(f"{where}：不认识的字段 {'、'.join(unknown)}")
    raw_date = entry["date"]
    if not isinstance(raw_date, str) or not _ISO_DATE.fullmatch(raw_date):
        shown = json.dumps(raw_date, ensure_ascii=False)
        raise NoticeError(f"{where}：日期 {shown} 应写作 YYYY-MM-DD")
    try:
        date = dt.date.fromisoformat(raw_date)
    except ValueError as error:
        raise NoticeError(f"{where}：日期 {raw_date} 不存在") from error
    where = f"第{number}条（{raw_date}）"
    is_off_day = entry["is_off_day"]
    if not isinstance(is_off_day, bool):
        raise NoticeError(f"{where}：is_off_day 应为 true（放假）或 false（上班）")
    name = entry["name"]
    if not isinstance(name, str) or not name.strip():
        raise NoticeError(f"{where}：name 应为节日名称，如“春节”")
    name = name.strip()
    if len(name) > NAME_MAX_LENGTH:
        raise NoticeError(f"{where}：name 超过 {NAME_MAX_LENGTH} 个字")
    return OfficialDay(date=date, is_off_day=is_off_day, name=name)
