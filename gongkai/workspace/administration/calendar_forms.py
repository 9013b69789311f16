"""Entering a year's State Council holiday notice as the notice reads: blocks and 调休 days.

The notice (国务院办公厅关于YYYY年部分节假日安排的通知) names, for each holiday, the days off
("10月1日至8日放假调休，共8天") and the weekend days worked ("9月28日（周日）、10月11日（周六）
上班"). The form asks exactly that: for each of the seven holidays its first and last day off,
prefilled with the days the law fixes (`workdays.statutory_holidays`), and the 调休 working
days, one a line. A block must contain the holiday's statutory days (《全国年节及纪念日放假
办法》: the notice may add days around them, never remove one); a 调休 working day must be a
Saturday or Sunday outside every block.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from gongkai import workdays
from gongkai.workdays.statutory import statutory_holidays
from gongkai.workspace.forms import WorkspaceForm

__all__ = ["HOLIDAYS", "NoticeEntryForm"]

HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_LINE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})\s*(.*?)\s*$")
_ONE_DAY = dt.timedelta(days=1)


def _statutory_by_name(year: int) -> dict[str, list[dt.date]]:
    by_name: dict[str, list[dt.date]] = {}
    for day in statutory_holidays(year):
        for name in day.name.split("、"):
            by_name.setdefault(name, []).append(day.date)
    return by_name


class NoticeEntryForm(WorkspaceForm):
    """One year's notice: seven holiday blocks (first, last day off) and the 调休 working days."""

    year = forms.IntegerField(label="年度", min_value=2014, max_value=2099)
    workdays_text = forms.CharField(
        label="调休上班日",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一天：日期和所属节日，如“2027-02-20 春节”。只填通知中周六、周日上班的日子。",
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = year
        statutory = _statutory_by_name(year)
        for number, name in enumerate(HOLIDAYS):
            days = statutory.get(name, [])
            first = forms.DateField(label=f"{name}放假首日", widget=_DATE, required=False)
            last = forms.DateField(label=f"{name}放假末日", widget=_DATE, required=False)
            if days:
                first.initial, last.initial = days[0], days[-1]
                first.help_text = (
                    f"法定节假日：{days[0].isoformat()}"
                    + (f" 至 {days[-1].isoformat()}" if len(days) > 1 else "")
                    + "（已预填；请按通知改为整个放假时段）"
                )
            self.fields[f"first_{number}"] = first
            self.fields[f"last_{number}"] = last
        self.order_fields(["year", *(f"{e}_{n}" for n in range(7) for e in ("first", "last"))])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year = data.get("year")
        if year is None:
            return data
        statutory = _statutory_by_name(year)
        days: list[workdays.OfficialDay] = []
        rest: set[dt.date] = set()
        for number, name in enumerate(HOLIDAYS):
            first, last = data.get(f"first_{number}"), data.get(f"last_{number}")
            if first is None or last is None:
                self.add_error(f"first_{number}", f"请填写{name}放假的首日和末日。")
                continue
            if last < first:
                self.add_error(f"last_{number}", f"{name}放假末日早于首日。")
                continue
            block = [first + _ONE_DAY * n for n in range((last - first).days + 1)]
            if len(block) > 15:
                self.add_error(f"last_{number}", f"{name}放假超过15天，请核对日期。")
                continue
            missing = [d for d in statutory.get(name, []) if d not in block]
            if missing:
                self.add_error(
                    f"first_{number}",
                    f"{name}放假须包含法定节假日 {'、'.join(d.isoformat() for d in missing)}"
                    "（《全国年节及纪念日放假办法》）。",
                )
                continue
            overlap = [d for d in block if d in rest]
            if overlap:
                self.add_error(f"first_{number}", f"{name}与其他节日的放假时段重叠。")
                continue
            rest.update(block)
            days += [workdays.OfficialDay(date=d, is_off_day=True, name=name) for d in block]
        days += self._working_days(data.get("workdays_text", ""), rest)
        if not self.errors:
            try:
                if workdays.notice_year(days) != year:
                    self.add_error("year", "所填日期与年度不符。")
            except workdays.NoticeError as error:
                self.add_error(None, f"{error}。")
        data["days"] = sorted(days, key=lambda day: day.date)
        return data

    def _working_days(self, text: str, rest: set[dt.date]) -> list[workdays.OfficialDay]:
        days: list[workdays.OfficialDay] = []
        seen: set[dt.date] = set()
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            match = _LINE.match(line)
            try:
                day = dt.date.fromisoformat(_iso(match.group(1))) if match else None
            except ValueError:
                day = None
            if match is None or day is None:
                self.add_error(
                    "workdays_text", f"第{number}行“{line.strip()}”：应写作“2027-02-20 春节”。"
                )
                continue
            name = match.group(2) or "调休上班"
            if day.weekday() < 5:
                self.add_error(
                    "workdays_text", f"第{number}行：{day.isoformat()} 不是周六或周日，本来就上班。"
                )
            elif day in rest:
                self.add_error("workdays_text", f"第{number}行：{day.isoformat()} 在放假时段内。")
            elif day in seen:
                self.add_error("workdays_text", f"第{number}行：{day.isoformat()} 重复。")
            elif len(name) > workdays.NAME_MAX_LENGTH:
                self.add_error("workdays_text", f"第{number}行：节日名称过长。")
            else:
                seen.add(day)
                days.append(workdays.OfficialDay(date=day, is_off_day=False, name=name))
        return days


def _iso(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"
