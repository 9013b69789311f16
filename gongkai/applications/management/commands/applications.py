"""`gongkai applications import FILE --agency CODE`, `… remind` and `… replay-all`.

cli-and-import.md: the import takes all rows or none; a bad register exits 2 with one line per
bad row, `第N行: reason` (the header is 第1行). `--agency` takes the code or the exact full name.
`remind` sends the day's reminders (idempotent per day) and prints a Chinese summary.
`replay-all` replays every case and stores the due dates it derives (`case_clock`): after a
calendar edit made outside the services, or to check that nothing stored has drifted.
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
from gongkai.applications.case_clock import refresh_due_dates
from gongkai.applications.procedure.register_file import UnreadableRegister
from gongkai.applications.services.importing import RegisterError, applications_import
from gongkai.applications.services.reminders import send_reminders


class Command(PlatformCommand):
    help = "依申请公开：import 导入申请登记台账；remind 发送到期与逾期提醒"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="import|remind|replay-all"
        )
        imports = actions.add_parser(
            "import", help="导入申请登记台账（CSV 或 XLSX）", called_from_command_line=True
        )
        imports.add_argument("file", metavar="FILE", help="台账文件：.csv（UTF-8）或 .xlsx")
        imports.add_argument("--agency", required=True, metavar="CODE", help="机关代码或全称")
        remind = actions.add_parser(
            "remind", help="发送到期与逾期提醒（每日一次）", called_from_command_line=True
        )
        remind.add_argument("--within", type=int, default=5, help="提前提醒的工作日数（默认 5）")
        actions.add_parser(
            "replay-all", help="重算全部申请的期限并保存", called_from_command_line=True
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self.import_register(options)
        elif options["action"] == "replay-all":
            changed = refresh_due_dates()
            self.stdout.write(f"已重算全部申请的期限，{changed} 件有变化。")
        else:
            for agency in send_reminders(within=options["within"]):
                self.stdout.write(agency.summary())

    def import_register(self, options: dict[str, Any]) -> None:
        agency = named_agency(options["agency"])
        path = register_file(options["file"])
        try:
            result = applications_import(agency=agency, path=path)
        except UnreadableRegister as error:
            self.stderr.write(f"无法读取台账：{error.reason}。未导入任何申请。")
            sys.exit(2)
        except RegisterError as error:
            for line in error.lines:
                self.stderr.write(line)
            self.stderr.write(f"台账有 {len(error.lines)} 行不符合要求，未导入任何申请。")
            sys.exit(2)
        self.stdout.write(
            f"已向{agency.name}导入 {result.created} 件申请"
            f"（已办结 {result.concluded} 件，办理中 {result.open} 件）。"
        )
