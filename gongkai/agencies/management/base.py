"""The base of gongkai's platform commands: Chinese messages, bad input = one line and exit 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.selectors import agency_by_code_or_name

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency


class BadInput(CommandError):
    """Raised by a command for input it refuses; printed as one line, exit status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, returncode=2)


def named_agency(value: object) -> Agency:
    """The agency a command's `--agency` names by code or exact full name; BadInput if none."""
    agency = agency_by_code_or_name(value=str(value))
    if agency is None:
        raise BadInput(f"机关 {value} 不存在（按代码或全称查找）。")
    return agency


def register_file(value: object) -> Path:
    """The .csv or .xlsx file a command imports; BadInput if it is missing or of another type."""
    path = Path(str(value))
    if path.is_dir():
        raise BadInput(f"{path} 是文件夹，不是文件。")
    if not path.is_file():
        raise BadInput(f"文件 {path} 不存在。")
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise BadInput("只能导入 .csv（UTF-8）或 .xlsx 文件。")
    return path


class PlatformCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str) -> NoReturn:
            sys.stderr.write(f"参数错误：{message}（{prog_name} {subcommand} --help 查看用法）\n")
            sys.exit(2)

        parsers = [parser]
        while parsers:
            current = parsers.pop()
            current.error = error  # type: ignore[method-assign]
            for action in current._actions:
                if isinstance(action, argparse._SubParsersAction):
                    parsers.extend(action.choices.values())
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            # Django would print "CommandError: …"; our users read one Chinese line.
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)
