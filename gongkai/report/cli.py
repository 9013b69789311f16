"""`gongkai report parse|check|render`: read, check and draw annual reports from the shell.

The contract is docs/report-json.md: exit 0 (all consistent / done), 1 (some finding),
2 (some file unreadable, or bad input), one Chinese line on stderr per problem and never a
traceback. Readers, rules and writers are imported only when a command needs them, so that
checking one text file stays a fraction of a second as a whole process.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from gongkai.report.os_errors import os_reason

if TYPE_CHECKING:
    from gongkai.report.model import AnnualReport
    from gongkai.report.rules import Finding

__all__ = ["REPORT_SUFFIXES", "find_reports", "main", "read_report"]

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
REPORT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".json"})
"""What a folder given to `check` is searched for; inside a folder a .json file counts only if
it is a report in our JSON shape (so gold files and other JSON lying beside reports are skipped)."""
NOT_REPORTS = frozenset({"README", "LICENSE", "CHANGELOG", "NOTICE"})
"""Names of files a folder of reports commonly holds beside them, skipped in a folder walk."""
JSON_FORMAT_MARK = b"gongkai.annual-report/"
OUTPUT_FORMATS = ("html", "docx", "pdf", "xlsx", "txt")


class Unreadable(Exception):
    """A file (or argument) the command cannot use; `str()` is the one-line Chinese reason."""


# --- Reading ------------------------------------------------------------------------------------


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) collapsed to one space."""
    return re.sub(r"\s+", " ", text).strip()


def read_report(path: Path) -> AnnualReport:
    """The report in `path` (any supported type, or our JSON); Unreadable says why not."""
    from gongkai.report.model import ReportError

    try:
        if not path.exists():
            raise Unreadable("文件不存在")
        if path.is_dir():
            raise Unreadable("是文件夹，不是报告文件")
        if path.stat().st_size == 0:
            raise Unreadable("文件为空")
        from gongkai.report.parse import read_path

        report: AnnualReport = read_path(path)
        return report
    except Unreadable:
        raise
    except ReportError as exc:
        raise Unreadable(one_line(str(exc)) or "不是可识别的年度报告") from None
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None
    except RecursionError:
        raise Unreadable("文件结构嵌套过深，无法解析") from None
    except Exception as exc:
        raise Unreadable(f"内部错误（{type(exc).__name__}）") from None


def find_reports(folder: Path) -> Iterator[Path]:
    """The report files under `folder`, in name order; hidden files and foreign JSON skipped."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix.lower() not in REPORT_SUFFIXES or path.stem.upper() in NOT_REPORTS:
            continue
        if path.suffix.lower() == ".json":
            with path.open("rb") as stream:
                if JSON_FORMAT_MARK not in stream.read(4096):
                    continue
        yield path


# --- Arguments ----------------------------------------------------------------------------------

_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (
        r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)",
        r"参数 \1 的值 \2 无效（可选：\3）",
    ),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"invalid choice: (\S+) \(choose from (.*)\)", r"无效的命令 \1（可选：\2）"),
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with a Chinese usage heading."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：")


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Chinese and reports a usage error in one line."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGPARSE_MESSAGES:
            message = re.sub(pattern, chinese, message)
        sys.stderr.write(f"参数错误：{one_line(message)}（gongkai report -h 查看用法）\n")
        raise SystemExit(EXIT_UNREADABLE)


def build_parser() -> argparse.ArgumentParser:
    """The `gongkai report` command line, with Chinese help."""
    parser = _Parser(
        prog="gongkai report",
        description="读取、检查、生成政府信息公开工作年度报告。",
        usage="gongkai report {parse,check,render} …",
    )
    commands = parser.add_subparsers(dest="command", title="命令", metavar="{parse,check,render}")
    parse = commands.add_parser(
        "parse",
        help="读取一份报告，输出其 JSON",
        description="读取一份年度报告（txt、md、html、docx、pdf 或 json），在标准输出打印其 JSON。",
        usage="gongkai report parse FILE",
    )
    parse.add_argument("file", metavar="FILE", help="报告文件")
    check = commands.add_parser(
        "check",
        help="检查报告的勾稽关系",
        description=(
            "逐一读取报告并检查勾稽关系等规则；退出码 0 全部一致，1 有发现，2 有文件无法读取。"
        ),
        usage="gongkai report check [--json] [--previous FILE] FILE… | DIR",
    )
    check.add_argument("files", metavar="FILE", nargs="+", help="报告文件，或含报告文件的文件夹")
    check.add_argument("--json", action="store_true", help="以 JSON 列表输出全部发现")
    check.add_argument("--previous", metavar="FILE", help="上一年度的报告，用于跨年检查")
    render = commands.add_parser(
        "render",
        help="按官方格式生成报告文件",
        description=(
            "读取报告（JSON 或任一可读格式），按官方版式写出 html、docx、pdf、xlsx 或 txt。"
        ),
        usage="gongkai report render FILE --to {html,docx,pdf,xlsx,txt} -o OUT",
    )
    render.add_argument("file", metavar="FILE", help="报告的 JSON 或任一可读格式的报告文件")
    render.add_argument("--to", required=True, choices=OUTPUT_FORMATS, help="输出格式")
    render.add_argument("-o", "--output", metavar="OUT", required=True, help="输出文件")
    return parser


# --- Commands -----------------------------------------------------------------------------------


def _err(line: str) -> None:
    sys.stderr.write(one_line(line) + "\n")


def run_parse(file: str) -> int:
    """Print the report's JSON; 2 with one line on stderr if it cannot be read."""
    from gongkai.report.model import dumps

    try:
        report = read_report(Path(file))
    except Unreadable as exc:
        _err(f"无法读取：{file}：{exc}")
        return EXIT_UNREADABLE
    sys.stdout.write(dumps(report) + "\n")
    return EXIT_OK


@dataclass(slots=True)
class _Tally:
    consistent: int = 0
    with_findings: int = 0
    unreadable: int = 0
    records: list[dict[str, object]] = field(default_factory=list)

    def summary(self) -> str:
        total = self.consistent + self.with_findings + self.unreadable
        return (
            f"共 {total} 个文件：一致 {self.consistent}，有发现 {self.with_findings}，"
            f"无法读取 {self.unreadable}"
        )

    def status(self) -> int:
        if self.unreadable:
            return EXIT_UNREADABLE
        return EXIT_FINDINGS if self.with_findings else EXIT_OK


class _Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.on = total > 1 and sys.stderr.isatty()

    def show(self, done: int, name: str) -> None:
        if self.on:
            filled = 24 * done // self.total
            bar = "█" * filled + "·" * (24 - filled)
            sys.stderr.write(f"\r\033[K检查中 [{bar}] {done}/{self.total} {Path(name).name[-40:]}")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.on:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _expand(inputs: Sequence[str]) -> list[str] | str:
    """The files to check: files as given, folders searched; a message if a folder has none."""
    files: list[str] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found = [str(report) for report in find_reports(path)]
            if not found:
                return f"无法读取：{given}：文件夹中没有报告文件"
            files.extend(found)
        else:
            files.append(given)
    return files


def run_check(inputs: Sequence[str], *, as_json: bool, previous_file: str | None) -> int:
    """Check every file; print findings per file and a summary; exit 0, 1 or 2."""
    from gongkai.report.rules import check

    files = _expand(inputs)
    if isinstance(files, str):
        _err(files)
        return EXIT_UNREADABLE
    previous = None
    if previous_file is not None:
        try:
            previous = read_report(Path(previous_file))
        except Unreadable as exc:
            _err(f"无法读取上年报告：{previous_file}：{exc}")
            return EXIT_UNREADABLE
    tally = _Tally()
    progress = _Progress(len(files))
    out = sys.stdout
    for done, file in enumerate(files, start=1):
        progress.show(done - 1, file)
        try:
            report = read_report(Path(file))
            findings = check(report, previous=previous)
        except Unreadable as exc:
            progress.clear()
            _err(f"无法读取：{file}：{exc}")
            tally.unreadable += 1
            continue
        except Exception as exc:  # a rule's bug must not hide the other files' results
            progress.clear()
            _err(f"无法检查：{file}：内部错误（{type(exc).__name__}）")
            tally.unreadable += 1
            continue
        if findings:
            tally.with_findings += 1
        else:
            tally.consistent += 1
        if as_json:
            tally.records.extend(_record(file, finding) for finding in findings)
        else:
            progress.clear()
            out.write(_describe(file, findings))
    progress.clear()
    if as_json:
        out.write(json.dumps(tally.records, ensure_ascii=False, indent=2) + "\n")
        if sys.stderr.isatty():  # stdout is for programs; stderr keeps one line per problem
            _err(tally.summary())
    else:
        out.write(tally.summary() + "\n")
    return tally.status()


def _record(file: str, finding: Finding) -> dict[str, object]:
    return {
        "file": file,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "cells": list(finding.cells),
        "expected": finding.expected,
        "actual": finding.actual,
    }


def _describe(file: str, findings: Sequence[Finding]) -> str:
    if not findings:
        return f"{file}：一致\n"
    errors = sum(1 for finding in findings if finding.severity.value == "error")
    lines = [f"{file}：{len(findings)} 项发现（错误 {errors}，警告 {len(findings) - errors}）"]
    lines += [f"  [{f.rule}] {f.severity.label}：{f.message}" for f in findings]
    return "\n".join(lines) + "\n"


def run_render(file: str, fmt: str, output: str) -> int:
    """Draw the report in `fmt` into `output`; 2 with one line on stderr on any failure."""
    try:
        report = read_report(Path(file))
    except Unreadable as exc:
        _err(f"无法读取：{file}：{exc}")
        return EXIT_UNREADABLE
    from gongkai.report.render import render

    try:
        data = render(report, fmt)
    except Exception as exc:
        _err(f"无法生成 {fmt}：{file}：内部错误（{type(exc).__name__}）")
        return EXIT_UNREADABLE
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        _err(f"无法写出：{output}：{os_reason(exc, writing=True)}")
        return EXIT_UNREADABLE
    return EXIT_OK


def main(argv: list[str]) -> int:
    """Run `gongkai report …` with `argv` (the words after `report`); the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # -h prints help (0); a usage error was reported in one line (2)
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    try:
        if args.command == "parse":
            return run_parse(args.file)
        if args.command == "check":
            return run_check(args.files, as_json=args.json, previous_file=args.previous)
        if args.command == "render":
            return run_render(args.file, args.to, args.output)
        _err("缺少命令：parse、check 或 render（gongkai report -h 查看用法）")
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        _err("已中断")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a folder given to check that cannot be listed, …
        name = f"：{exc.filename}" if exc.filename else ""
        _err(f"无法读取{name}：{os_reason(exc)}")
        return EXIT_UNREADABLE
    except Exception as exc:
        _err(f"内部错误（{type(exc).__name__}）")
        return EXIT_UNREADABLE
