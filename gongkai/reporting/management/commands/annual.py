"""`gongkai annual export --agency CODE|NAME --year YEAR [--consolidated]` (cli-and-import.md).

Prints the agency's annual report for YEAR as JSON (report-json.md) on stdout, its tables
computed from the database; `--consolidated` adds up the agency and every agency below it.
Bad input: one Chinese line on stderr, exit 2.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.agencies.management.base import (
    BadInput,
    PlatformCommand,
    named_agency,
)
from gongkai.report.model import dumps
from gongkai.reporting.selectors import annual_report_for, consolidated_report_for

# The national table format applies to reports on 2019 and later (annual-report-format.md §1).
FIRST_YEAR = 2019


class Command(PlatformCommand):
    help = "年度报告：export 以 JSON 输出机关某年度的政府信息公开工作年度报告"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="export")
        export = actions.add_parser(
            "export", help="输出年度报告 JSON（报表由数据库统计）", called_from_command_line=True
        )
        export.add_argument("--agency", required=True, metavar="CODE", help="机关代码或全称")
        export.add_argument("--year", required=True, metavar="YEAR", help="报告年度，如 2024")
        export.add_argument(
            "--consolidated",
            action="store_true",
            help="汇总本机关及全部下级机关（政务公开主管部门的汇总报告）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self.export(options)

    def export(self, options: dict[str, Any]) -> None:
        year = _year(str(options["year"]))
        agency = named_agency(options["agency"])
        if options["consolidated"]:
            report = consolidated_report_for(agency=agency, year=year)
        else:
            report = annual_report_for(agency=agency, year=year)
        today = timezone.localdate()
        if year == today.year:
            # 条例第四十九条: the report covers a whole year; this one is not over yet.
            unfinished = (
                f"{year} 年度尚未结束：报表只统计到 {today.isoformat()}，年度结束后请重新生成。"
            )
            report.notes.insert(0, unfinished)
            self.stderr.write(f"注意：{unfinished}")
        self.stdout.write(dumps(report))


def _year(text: str) -> int:
    """The report year: a whole year from 2019 (the national format) to this year."""
    this_year = timezone.localdate().year
    text = text.strip()
    if not text.isascii() or not text.isdigit() or not FIRST_YEAR <= int(text) <= this_year:
        raise BadInput(
            f"年度 {text} 无效：应为 {FIRST_YEAR}–{this_year} 年之间的年份"
            f"（统一的年度报告格式自 {FIRST_YEAR} 年度起适用）。"
        )
    return int(text)
