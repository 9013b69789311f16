"""`gongkai registers import-decisions FILE --agency CODE`: monthly decision totals for table 二.

The file (CSV in UTF-8 or XLSX, first sheet) has the columns 年份, 月份, 类别 (行政许可 /
行政处罚 / 行政强制), 数量; it is taken whole or not at all: a bad file exits 2 with one line
per bad row, `第N行: reason` (the header is 第1行), as the application register import does.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser

from gongkai.agencies.management.base import (
    PlatformCommand,
    named_agency,
    register_file,
)
from gongkai.registers.decision_file import UnreadableTotalsFile
from gongkai.registers.services import TotalsFileError, monthly_totals_import


class Command(PlatformCommand):
    help = "表二台账：import-decisions 导入行政许可、处罚、强制决定的月度数量"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="import-decisions")
        imports = actions.add_parser(
            "import-decisions",
            help="导入行政决定月度数量（CSV 或 XLSX：年份、月份、类别、数量）",
            called_from_command_line=True,
        )
        imports.add_argument("file", metavar="FILE", help="台账文件：.csv（UTF-8）或 .xlsx")
        imports.add_argument("--agency", required=True, metavar="CODE", help="机关代码或全称")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import-decisions":
            self.import_decisions(options)

    def import_decisions(self, options: dict[str, Any]) -> None:
        agency = named_agency(options["agency"])
        path = register_file(options["file"])
        try:
            result = monthly_totals_import(agency=agency, path=path)
        except UnreadableTotalsFile as error:
            self.stderr.write(f"无法读取文件：{error.reason}。未导入任何数量。")
            sys.exit(2)
        except TotalsFileError as error:
            for line in error.lines:
                self.stderr.write(line)
            self.stderr.write(f"文件有 {len(error.lines)} 行不符合要求，未导入任何数量。")
            sys.exit(2)
        self.stdout.write(
            f"已向{agency.name}导入行政决定月度数量：新增 {result.created} 个月份，"
            f"更正 {result.updated} 个月份。"
        )
