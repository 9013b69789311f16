"""`gongkai files sweep [--delete] [--older-than 1h]` (docs/deploy.md): the media folder's
files no record names (left by a killed worker), and records whose file is missing."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.management.base import CommandParser
from django.template.defaultfilters import filesizeformat

from gongkai.agencies.management.base import BadInput, PlatformCommand
from gongkai.operations.file_sweep import DEFAULT_GUARD, StrayFile, sweep

_AGE = re.compile(r"^(\d+)([smhd]?)$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "": 60}


def parse_age(value: str) -> dt.timedelta:
    """ "90" (minutes), "30s", "45m", "2h", "1d"; BadInput otherwise."""
    match = _AGE.match(value.strip().lower())
    if match is None:
        raise BadInput(f"--older-than {value} 无效：请写分钟数，或带单位，如 30m、2h、1d。")
    return dt.timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])


def _age_text(age: dt.timedelta) -> str:
    seconds = int(age.total_seconds())
    if seconds >= 86400:
        return f"{seconds // 86400} 天前"
    if seconds >= 3600:
        return f"{seconds // 3600} 小时前"
    return f"{max(1, seconds // 60)} 分钟前"


class Command(PlatformCommand):
    help = (
        "文件目录检查：sweep 列出没有任何记录指向的文件（如进程被强行终止时留下的）"
        "和文件已不存在的记录；加 --delete 删除前者"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="sweep")
        run = actions.add_parser(
            "sweep", help="列出（加 --delete 则删除）无记录的文件", called_from_command_line=True
        )
        run.add_argument(
            "--delete", action="store_true", help="删除无记录的文件（默认只列出，不改动）"
        )
        run.add_argument(
            "--older-than",
            metavar="AGE",
            help="只处理早于此时长的文件，如 30m、2h、1d"
            f"（默认 {DEFAULT_GUARD // dt.timedelta(minutes=1)}m：正在写入的文件不会被删除）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        guard = parse_age(str(options["older_than"])) if options["older_than"] else DEFAULT_GUARD
        report = sweep(delete=bool(options["delete"]), guard=guard)
        removed = set(report.removed)
        for file in report.stray:
            verb = "已删除" if file.name in removed else "无记录的文件"
            self.stdout.write(
                f"{verb}：{file.name}（{filesizeformat(file.size)}，{_age_text(file.age)}写入）"
            )
        for name in report.missing:
            self.stdout.write(f"文件缺失的记录：{name}")
        self.stdout.write(self._summary(report.stray, report.young, report.missing, removed))

    def _summary(
        self, stray: tuple[StrayFile, ...], young: int, missing: tuple[str, ...], removed: set[str]
    ) -> str:
        size = filesizeformat(sum(f.size for f in stray))
        if removed:
            head = f"已删除 {len(removed)} 个无记录的文件（共 {size}）"
            if len(removed) < len(stray):
                head += f"，{len(stray) - len(removed)} 个未能删除或已有记录"
        elif stray:
            head = f"发现 {len(stray)} 个无记录的文件（共 {size}），未删除：加 --delete 删除"
        else:
            head = "没有无记录的文件"
        parts = [head]
        if young:
            parts.append(f"另有 {young} 个较新的文件暂不处理（可能正在写入）")
        parts.append(f"{len(missing)} 条记录的文件缺失" if missing else "记录指向的文件均存在")
        return "；".join(parts) + "。"
