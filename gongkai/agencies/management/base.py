"""The base of gongkai's platform commands: Chinese messages, bad input = one line and exit 2."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser


class BadInput(CommandError):
    """Raised by a command for input it refuses; printed as one line, exit status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, returncode=2)


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
