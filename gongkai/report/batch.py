"""Reading and checking many report files: the folder walk, one file's failure kept to itself,
and the tally. Pure (no Django): the CLI, a supervising office's desk and background jobs call
the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai.report.os_errors import os_reason

if TYPE_CHECKING:
    from gongkai.report.model import AnnualReport
    from gongkai.report.rules import Finding

__all__ = [
    "NOT_REPORTS",
    "REPORT_SUFFIXES",
    "Checked",
    "Tally",
    "Unreadable",
    "check_files",
    "expand",
    "find_reports",
    "one_line",
    "read_report",
]


def _suffixes() -> frozenset[str]:
    from gongkai.report.parse import SUFFIXES

    return frozenset(suffix for kind in SUFFIXES.values() for suffix in kind)


REPORT_SUFFIXES = _suffixes()
"""What a folder is searched for: every suffix the reader registry names (`parse.SUFFIXES`);
inside a folder a .json file counts only if it is a report in our JSON shape (so gold files
and other JSON lying beside reports are skipped)."""
NOT_REPORTS = frozenset({"README", "LICENSE", "CHANGELOG", "NOTICE"})
"""Names of files a folder of reports commonly holds beside them, skipped in a folder walk."""
JSON_FORMAT_MARK = b"gongkai.annual-report/"


class Unreadable(Exception):
    """A file the engine cannot use; `str()` is the one-line Chinese reason."""


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


def expand(inputs: Sequence[str]) -> list[str] | str:
    """The files to read: files as given, folders searched; a message if a folder has none."""
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


@dataclass(frozen=True, slots=True)
class Checked:
    """One file's outcome: its report and findings, or why it could not be read or checked."""

    file: str
    report: AnnualReport | None = None
    findings: tuple[Finding, ...] = ()
    problem: str = ""


def check_files(files: Iterable[str], *, previous: AnnualReport | None = None) -> Iterator[Checked]:
    """Read and check each file in turn; a file that fails is reported and the rest go on."""
    from gongkai.report.rules import check

    for file in files:
        try:
            report = read_report(Path(file))
        except Unreadable as exc:
            yield Checked(file, problem=f"无法读取：{file}：{exc}")
            continue
        try:
            findings = tuple(check(report, previous=previous))
        except Exception as exc:  # a rule's bug must not hide the other files' results
            yield Checked(file, problem=f"无法检查：{file}：内部错误（{type(exc).__name__}）")
            continue
        yield Checked(file, report=report, findings=findings)


@dataclass(slots=True)
class Tally:
    """How many files were consistent, had findings, or could not be read."""

    consistent: int = 0
    with_findings: int = 0
    unreadable: int = 0
    records: list[dict[str, object]] = field(default_factory=list)

    def add(self, checked: Checked) -> None:
        if checked.problem:
            self.unreadable += 1
        elif checked.findings:
            self.with_findings += 1
        else:
            self.consistent += 1

    def summary(self) -> str:
        total = self.consistent + self.with_findings + self.unreadable
        return (
            f"共 {total} 个文件：一致 {self.consistent}，有发现 {self.with_findings}，"
            f"无法读取 {self.unreadable}"
        )

    def status(self) -> int:
        """The exit status of a check: 2 some file unreadable, 1 some finding, 0 clean."""
        if self.unreadable:
            return 2
        return 1 if self.with_findings else 0
