"""Findings, cell paths and the comparison every arithmetic rule is built from.

A cell path names one printed cell as `table/row/column`: `applications/total/自然人`,
`reviews/reconsideration/total`, `active/rules/in_force`, `active/licensing` (a single-number
row of table 二). `AnnualReport.blank_cells` uses the same paths.

Two readings of a cell change what a failed comparison means:
- `None` (unreadable): the comparison is not made; the rule reports, once, which cells it
  could not read. A missing number is never taken as 0.
- printed blank or as a dash (listed in `blank_cells`, read as 0): when reading that blank as
  some non-negative number would make the comparison hold, the failure is put down to the
  blank and reported as a warning (总计留空 / 单元格留空), not as an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import NamedTuple

from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    OUTCOME_GROUPS,
    REVIEW_BLOCKS,
    REVIEW_RESULTS,
    ApplicationRow,
)

__all__ = [
    "Cell",
    "Finding",
    "Reading",
    "Severity",
    "Tally",
    "active_path",
    "application_name",
    "application_path",
    "column_name",
    "finding_to_json",
    "names",
    "review_name",
    "review_path",
    "row_name",
]

Number = int | Decimal
Value = int | str | None


class Severity(StrEnum):
    """How bad a finding is: printed numbers contradict each other, or a human should look."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The severity as users read it: 错误 or 警告."""
        return "错误" if self is Severity.ERROR else "警告"


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule: which rule, how bad, what is wrong (in Chinese) and where."""

    rule: str
    severity: Severity
    message: str
    cells: tuple[str, ...] = ()
    expected: Value = None
    actual: Value = None


def finding_to_json(finding: Finding, *, file: str | None = None) -> dict[str, object]:
    """The finding as `gongkai report check --json` prints it (docs/report-json.md)."""
    record: dict[str, object] = {} if file is None else {"file": file}
    record.update(
        rule=finding.rule,
        severity=finding.severity.value,
        message=finding.message,
        cells=list(finding.cells),
        expected=finding.expected,
        actual=finding.actual,
    )
    return record


class Cell(NamedTuple):
    """A cell as a rule sees it: its path, its name in messages, its value, whether blank.

    A named tuple, not a frozen dataclass: as immutable, and built in half the time (a failed
    comparison of table 三 builds a cell for every row of a column).
    """

    path: str
    name: str
    value: Number | None
    blank: bool = False


Reading = tuple[str, Number | None]
"""A cell known by its path and value: all a comparison needs until it names the cell."""


# --- Paths and names -----------------------------------------------------------------------------


@cache
def application_path(key: str, column: int) -> str:
    """The path of a table 三 cell, e.g. applications/total/自然人."""
    return f"applications/{key}/{APPLICANT_COLUMNS[column].label}"


def review_path(block: str, result: str) -> str:
    """The path of a table 四 cell, e.g. reviews/reconsideration/total."""
    return f"reviews/{block}/{result}"


def active_path(row: str, column: str = "") -> str:
    """The path of a table 二 cell; a single-number row has no column part."""
    return f"active/{row}" + (f"/{column}" if column else "")


def _short_row_name(row: ApplicationRow) -> str:
    label = row.label
    # Drop a parenthetical after the numbering: （二）部分公开（区分处理的，…） → （二）部分公开.
    cut = label.rfind("（")
    if cut > 3 and label.endswith("）"):
        label = label[:cut]
    groups = {group.key: group.label for group in OUTCOME_GROUPS}
    if row.group in groups:
        return f"{groups[row.group]} {label}"
    return label


_ROW_NAMES = {row.key: _short_row_name(row) for row in APPLICATION_ROWS}


def row_name(key: str) -> str:
    """A table 三 row as printed, short enough for a message: （三）不予公开 1.属于国家秘密."""
    return _ROW_NAMES[key]


@cache
def application_name(key: str, column: int) -> str:
    """A table 三 cell as printed, for messages: （七）总计 自然人列."""
    return f"{row_name(key)} {column_name(column)}"


def column_name(column: int) -> str:
    """A table 三 column as printed, with 列: 自然人列, 总计列."""
    return f"{APPLICANT_COLUMNS[column].label}列"


@cache  # a catalogue lookup: the blocks and results are few, the cells asked many times
def review_name(block: str, result: str | None = None) -> str:
    """A table 四 block (and result) as printed: 行政诉讼·复议后起诉 总计."""
    found = next(b for b in REVIEW_BLOCKS if b.key == block)
    name = f"{found.parent}·{found.label}" if found.parent else found.label
    if result is None:
        return name
    return f"{name} {next(r.label for r in REVIEW_RESULTS if r.key == result)}"


def _text(value: Number | str | None) -> Value:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return value


def _mismatch(where: str, formula: str, expected: Number, actual: Number) -> str:
    return f"{where}：应为 {formula} = {_text(expected)}，报告为 {_text(actual)}"


def names(cells: Iterable[Cell], limit: int = 6) -> str:
    """Cell names joined with 、, the tail summarised as 等 N 个单元格."""
    listed = [cell.name for cell in cells]
    if len(listed) <= limit:
        return "、".join(listed)
    return "、".join(listed[:limit]) + f"等 {len(listed)} 个单元格"


# --- The tally: one rule's comparisons and findings ----------------------------------------------


class Tally:
    """Collects one rule's findings; unreadable cells become a single warning at the end."""

    def __init__(self, rule: str, blank: frozenset[str]) -> None:
        self.rule = rule
        self.blank = blank
        self._findings: list[Finding] = []
        self._unreadable: dict[str, Cell] = {}

    def cell(self, path: str, name: str, value: Number | None) -> Cell:
        """A cell of the report under check, marked blank if the reader read a blank."""
        return Cell(path, name, value, blank=path in self.blank)

    def add(
        self,
        severity: Severity,
        message: str,
        cells: Sequence[str] = (),
        expected: Number | str | None = None,
        actual: Number | str | None = None,
    ) -> None:
        """Record a finding; Decimal values become plain decimal strings."""
        finding = Finding(
            self.rule, severity, message, tuple(cells), _text(expected), _text(actual)
        )
        self._findings.append(finding)

    def readable(self, cells: Iterable[Cell]) -> bool:
        """True when every cell was read; otherwise remember the unreadable ones."""
        missing = [cell for cell in cells if cell.value is None]
        for cell in missing:
            self._unreadable.setdefault(cell.path, cell)
        return not missing

    def compare(
        self,
        where: str,
        target: Cell,
        parts: Sequence[tuple[int, Cell]],
        formula: str,
        *,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Check `target == Σ sign·part`; a failure a blank explains is only a warning."""
        if not self.readable([target, *(cell for _, cell in parts)]):
            return
        assert target.value is not None
        expected: Number = sum((sign * (cell.value or 0) for sign, cell in parts), 0)
        actual = target.value
        if expected == actual:
            return
        # Which blank cells could, read as a non-negative number, close the gap?
        if actual < expected:
            culprits = [target] if target.blank else []
            culprits += [cell for sign, cell in parts if sign < 0 and cell.blank]
        else:
            culprits = [cell for sign, cell in parts if sign > 0 and cell.blank]
        message = _mismatch(where, formula, expected, actual)
        if culprits:
            severity = Severity.WARNING
            if culprits == [target]:
                message += "（该单元格留空，按 0 计）"
                if target.path.endswith(("/总计", "/total")):
                    message = message.replace("该单元格留空", "总计留空")
            else:
                message += f"（单元格留空，按 0 计：{names(culprits)}）"
        self.add(
            severity,
            message,
            [target.path, *(cell.path for _, cell in parts)],
            _text(expected),
            _text(actual),
        )

    def compare_readings(
        self,
        where: str,
        target: Reading,
        parts: Sequence[tuple[int, Reading]],
        formula: str,
        names: Mapping[str, str],
        *,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """`compare` on cells given by path and value, named by path in `names`.

        A failed comparison of cells all read and none printed blank names no cell, so cells
        are built (and `compare` decides) only when one is unread or blank: building every
        cell of every failed comparison cost more than reading the report's tables.
        """
        path, actual = target
        paths = [path, *(part for _, (part, _) in parts)]
        read = all(value is not None for _, (_, value) in parts)
        if actual is not None and read and self.blank.isdisjoint(paths):
            expected: Number = sum(sign * (value or 0) for sign, (_, value) in parts)
            if expected != actual:
                message = _mismatch(where, formula, expected, actual)
                self.add(severity, message, paths, expected, actual)
            return
        self.compare(
            where,
            self.cell(path, names[path], actual),
            [(sign, self.cell(part, names[part], value)) for sign, (part, value) in parts],
            formula,
            severity=severity,
        )

    def findings(self) -> list[Finding]:
        """The findings in the order found, then one warning naming every unreadable cell."""
        out = list(self._findings)
        if self._unreadable:
            cells = list(self._unreadable.values())
            out.append(
                Finding(
                    self.rule,
                    Severity.WARNING,
                    f"以下单元格未能读出，相关比较未进行：{names(cells)}",
                    tuple(cell.path for cell in cells),
                )
            )
        return out
