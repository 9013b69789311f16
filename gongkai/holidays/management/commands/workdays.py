"""`gongkai workdays add DATE N | between A B | load FILE | seed [YEAR…]` (cli-and-import.md).

`add` prints an ISO date and `between` a number, each followed by ` provisional` when the
span touches a year whose official holidays are not loaded (and a Chinese warning on stderr);
`load` prints one Chinese line. Bad input: one Chinese line on stderr, exit status 2.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db import DatabaseError

from gongkai import workdays
from gongkai.agencies.management.base import BadInput, PlatformCommand
from gongkai.holidays.selectors import official_calendar
from gongkai.holidays.services import load_notice, seed_from_chinesecalendar
from gongkai.report.os_errors import os_reason

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Command(PlatformCommand):
    help = (
        "工作日计算与节假日安排：add 日期 N（第 N 个工作日）、"
        "between A B（A 之后至 B 的工作日数）、load 文件（载入国务院放假通知）、"
        "seed [年份…]（从 chinesecalendar 补载）"
    )
    # Arithmetic on the calendar: no system checks, so the command answers quickly.
    requires_system_checks: list[str] = []  # noqa: RUF012

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="add|between|load|seed"
        )
        add = actions.add_parser(
            "add", help="DATE 之后第 N 个工作日（DATE 当天不计）", called_from_command_line=True
        )
        add.add_argument("date", metavar="DATE", help="起算日，YYYY-MM-DD")
        add.add_argument("n", metavar="N", help="工作日数，不小于 0 的整数")
        between = actions.add_parser(
            "between", help="A 之后至 B（含）的工作日数", called_from_command_line=True
        )
        between.add_argument("a", metavar="A", help="YYYY-MM-DD")
        between.add_argument("b", metavar="B", help="YYYY-MM-DD")
        load = actions.add_parser(
            "load", help="载入一年的国务院放假通知（JSON）", called_from_command_line=True
        )
        load.add_argument("file", metavar="FILE")
        seed = actions.add_parser(
            "seed", help="从 chinesecalendar 补载尚未载入的年份", called_from_command_line=True
        )
        seed.add_argument("years", metavar="YEAR", nargs="*", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self.add(_date(options["date"]), _count(options["n"]))
        elif action == "between":
            self.between(_date(options["a"]), _date(options["b"]))
        elif action == "load":
            self.load(Path(options["file"]))
        elif action == "seed":
            self.seed(options["years"] or None)

    def add(self, start: dt.date, n: int) -> None:
        try:
            deadline = _calendar().add_workdays(start, n)
        except OverflowError:
            raise BadInput(f"{start.isoformat()} 之后第 {n} 个工作日超出了日期范围。") from None
        self.stdout.write(str(deadline))
        if deadline.provisional:
            _warn_provisional(start, deadline.date)

    def between(self, a: dt.date, b: dt.date) -> None:
        count = _calendar().workdays_between(a, b)
        self.stdout.write(str(count))
        if count.provisional:
            _warn_provisional(a, b)

    def load(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise BadInput(f"找不到文件：{path}") from None
        except OSError as error:
            raise BadInput(f"无法读取文件 {path}：{os_reason(error)}") from None
        try:
            days = workdays.parse_notice(data)
            calendar_year = load_notice(days=days, actor=None)
        except workdays.NoticeError as error:
            raise BadInput(f"{path}：{error}") from None
        off = sum(1 for day in days if day.is_off_day)
        self.stdout.write(
            f"已载入 {calendar_year.year} 年节假日安排：放假 {off} 天，"
            f"调休上班 {len(days) - off} 天，共 {len(days)} 条。"
        )

    def seed(self, years: list[int] | None) -> None:
        try:
            seeded = seed_from_chinesecalendar(years=years)
        except workdays.UnknownYearError as error:
            raise BadInput(str(error)) from None
        if seeded:
            self.stdout.write(f"已从 chinesecalendar 载入：{'、'.join(map(str, seeded))} 年。")
        else:
            self.stdout.write("没有需要载入的年份：均已载入。")


def _date(text: str) -> dt.date:
    """Return an ISO date given on the command line, or refuse it in Chinese."""
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise BadInput(f"日期 {text} 不存在。") from None
    raise BadInput(f"日期 {text} 无效，应写作 YYYY-MM-DD，如 2025-01-24。")


def _count(text: str) -> int:
    """Return a number of working days given on the command line, or refuse it in Chinese."""
    if not re.fullmatch(r"[0-9]+", text):
        raise BadInput(f"工作日数 {text} 无效，应为不小于 0 的整数。")
    return int(text)


def _calendar() -> workdays.Calendar:
    try:
        return official_calendar()
    except DatabaseError:
        raise BadInput("无法读取节假日安排：数据库尚未建立，请先运行 gongkai migrate。") from None


def _warn_provisional(first: dt.date, last: dt.date) -> None:
    """Say on stderr which years the result was guessed for (STACK.md: warned, never silent)."""
    known = _calendar().known_years
    low, high = min(first, last), max(first, last)
    missing = [str(year) for year in range(low.year, high.year + 1) if year not in known]
    sys.stderr.write(
        f"注意：{'、'.join(missing)} 年的节假日安排尚未载入，该年按法定节假日和周末休息推算，"
        "只有调休安排未知，结果为暂定。\n"
    )
