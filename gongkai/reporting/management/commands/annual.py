"""`gongkai annual draft|check|export --agency CODE|NAME --year YEAR` (cli-and-import.md).

- `draft` creates the agency's report for YEAR from the data, or refreshes its draft; prints
  its state and a summary of the findings.
- `check [--json]` prints the findings of the report's current version, as `gongkai report
  check` does: exit 0 clean, 1 findings, 2 no report.
- `export [--consolidated]` prints the report as JSON (report-json.md): the published version
  where there is one, else the tables computed from the database; `--consolidated` adds up the
  agency and every agency below it.

The workspace is the main way; these are for operators and scripts. Bad input: one Chinese
line on stderr, exit 2.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.agencies.management.base import (
    BadInput,
    PlatformCommand,
    named_agency,
)
from gongkai.report.model import dumps, report_from_json
from gongkai.reporting.models import AgencyReport
from gongkai.reporting.selectors import annual_report_for, consolidated_report_for
from gongkai.reporting.services import report_draft, working_version

# The national table format applies to reports on 2019 and later (annual-report-format.md §1).
FIRST_YEAR = 2019


class Command(PlatformCommand):
    help = "年度报告：draft 起草或更新，check 检查，export 以 JSON 输出"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="draft|check|export")
        draft = actions.add_parser(
            "draft", help="起草或按数据更新年度报告草稿", called_from_command_line=True
        )
        check = actions.add_parser(
            "check", help="检查年度报告（与 report check 相同）", called_from_command_line=True
        )
        check.add_argument("--json", action="store_true", help="以 JSON 列表输出全部发现")
        for sub in (draft, check):
            sub.add_argument("--agency", required=True, metavar="CODE", help="机关代码或全称")
            sub.add_argument("--year", required=True, metavar="YEAR", help="报告年度，如 2024")
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
        {"draft": self.draft, "check": self.check_report, "export": self.export}[options["action"]](
            options
        )

    def draft(self, options: dict[str, Any]) -> None:
        year = _year(str(options["year"]))
        agency = named_agency(options["agency"])
        try:
            report, changed = report_draft(agency=agency, year=year, actor=None)
        except ValidationError as error:
            raise BadInput("；".join(error.messages)) from None
        except PermissionError as error:
            raise BadInput(str(error)) from None
        version = working_version(report)
        assert version is not None
        errors = sum(1 for f in version.findings if f["severity"] == "error")
        warnings = len(version.findings) - errors
        self.stdout.write(
            f"{report}：第{version.number}版，{report.get_state_display()}；"
            f"错误 {errors} 项，警告 {warnings} 项；本次更新的单元格 {len(changed)} 个。"
        )

    def check_report(self, options: dict[str, Any]) -> None:
        year = _year(str(options["year"]))
        agency = named_agency(options["agency"])
        report = AgencyReport.objects.filter(agency=agency, year=year).first()
        version = working_version(report) if report is not None else None
        if report is None or version is None:
            raise BadInput(f"{agency.name}{year}年度报告尚未起草（gongkai annual draft 起草）。")
        findings = version.findings
        if options["json"]:
            self.stdout.write(json.dumps(findings, ensure_ascii=False, indent=2))
        else:
            for finding in findings:
                label = "错误" if finding["severity"] == "error" else "警告"
                self.stdout.write(f"{label} [{finding['rule']}] {finding['message']}")
            self.stdout.write(
                f"{report} 第{version.number}版："
                + (f"{len(findings)} 项发现" if findings else "一致，未发现问题")
            )
        if findings:
            sys.exit(1)

    def export(self, options: dict[str, Any]) -> None:
        year = _year(str(options["year"]))
        agency = named_agency(options["agency"])
        stored = AgencyReport.objects.filter(agency=agency, year=year).first()
        if options["consolidated"]:
            report = consolidated_report_for(agency=agency, year=year)
        elif stored is not None and stored.public_version is not None:
            # What the agency published (its current version), not today's recount.
            self.stdout.write(dumps(report_from_json(stored.public_version.data)))
            return
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
