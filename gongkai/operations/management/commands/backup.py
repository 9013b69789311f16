"""`gongkai backup create PATH` and `gongkai backup restore PATH [--no-input]` (docs/deploy.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.template.defaultfilters import filesizeformat

from gongkai.agencies.management.base import BadInput, PlatformCommand
from gongkai.operations.backup import VENDOR_LABELS, BackupError, backup_create, backup_restore

SHOWN_MISSING = 5


class Command(PlatformCommand):
    help = (
        "备份与恢复：create 把数据库和文件（申请附件、文书、公开附件）写入一个备份文件；"
        "restore 从备份恢复"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="create|restore")
        create = actions.add_parser(
            "create", help="备份数据库和文件", called_from_command_line=True
        )
        create.add_argument(
            "path", metavar="PATH", help="备份文件，如 backup/gongkai-2026-12-07.tar.gz"
        )
        restore = actions.add_parser(
            "restore", help="用备份替换当前数据库并放回文件", called_from_command_line=True
        )
        restore.add_argument("path", metavar="PATH", help="备份文件")
        restore.add_argument("--no-input", action="store_true", help="不询问确认（脚本中使用）")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            if options["action"] == "create":
                report = backup_create(path)
                self.stdout.write(
                    f"已备份到 {path}：{VENDOR_LABELS[report.vendor]} 数据库"
                    f"（{filesizeformat(report.database_bytes)}）和 {report.files} 个文件"
                    f"（{filesizeformat(report.file_bytes)}）。"
                )
            else:
                if not options["no_input"] and not self._confirmed(path):
                    raise BadInput("已取消，数据库和文件均未改动。")
                report = backup_restore(path)
                upgraded = "，并已升级到本版本的数据库结构" if report.migrated else ""
                self.stdout.write(
                    f"已从 {path} 恢复 {VENDOR_LABELS[report.vendor]} 数据库和 "
                    f"{report.files} 个文件{upgraded}。"
                )
        except BackupError as exc:
            raise BadInput(str(exc)) from None
        if report.missing:
            shown = "、".join(report.missing[:SHOWN_MISSING])
            more = f"等 {len(report.missing)} 个" if len(report.missing) > SHOWN_MISSING else ""
            self.stderr.write(
                f"注意：有记录指向的文件在备份时已不存在：{shown}{more}（下载时将显示“文件暂不可用”）。"
            )

    def _confirmed(self, path: Path) -> bool:
        answer = input(
            f"将用 {path} 替换当前数据库的全部内容，并放回其中的文件。请先停止网站服务。"
            "输入 yes 继续："
        )
        return answer.strip().lower() == "yes"
