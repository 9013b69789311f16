"""Reading a file of monthly decision totals (行政许可/处罚/强制 月度数量): CSV or XLSX.

The first row holds the headers 年份, 月份, 类别, 数量, in any order (other columns are ignored);
类别 is 行政许可, 行政处罚 or 行政强制; 数量 a whole number ≥ 0. The file is taken whole or not at
all: every bad row is reported as `第N行: reason`, N as a spreadsheet shows it (the header is
第1行), like the application register import of cli-and-import.md.

No Django here: `read_totals(path, today=…)` returns typed rows or raises `TotalsFileError`
listing every problem; the import service writes them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongkai.report.model import ReportError
from gongkai.report.os_errors import os_reason
from gongkai.report.parse.readers.limits import MAX_FILE_BYTES
from gongkai.report.parse.readers.workbook import first_sheet_rows

__all__ = ["KIND_LABELS", "TotalRow", "TotalsFileError", "UnreadableTotalsFile", "read_totals"]

YEAR, MONTH, KIND, COUNT = "年份", "月份", "类别", "数量"
REQUIRED = (YEAR, MONTH, KIND, COUNT)
KIND_LABELS = {"行政许可": "licensing", "行政处罚": "penalty", "行政强制": "enforcement"}
"""类别 as written → the decision kind (the report's JSON key)."""

FIRST_YEAR = 2008


class TotalsFileError(ValueError):
    """A file that cannot be imported; `lines` holds one `第N行: reason` per bad row."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


class UnreadableTotalsFile(TotalsFileError):
    """A file that cannot be read at all (damaged, not what its name says, too large,
    unreadable on disk); `reason` is one Chinese line, `lines` holds it alone."""

    def __init__(self, reason: str) -> None:
        super().__init__([reason])
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TotalRow:
    """One month's total of one kind, checked."""

    line: int
    year: int
    month: int
    kind: str
    count: int


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).strip()


def _raw_rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise UnreadableTotalsFile(os_reason(error)) from None
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableTotalsFile(f"文件过大：超过 {MAX_FILE_BYTES >> 20} MB")
    if path.suffix.lower() == ".xlsx":
        try:
            for _, values in first_sheet_rows(data):
                yield [_cell_text(value) for value in values]
        except ReportError as error:
            raise UnreadableTotalsFile(str(error)) from None
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TotalsFileError(
            ["第1行: 文件不是 UTF-8 编码的 CSV，请另存为“CSV UTF-8”或 XLSX"]
        ) from error
    for record in csv.reader(io.StringIO(text, newline="")):
        yield [_cell_text(value) for value in record]


def _whole(text: str) -> int | None:
    """A whole number written plainly ("12", "12.0" from a spreadsheet), else None."""
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isascii() and text.isdigit() else None


def read_totals(path: Path, *, today: dt.date) -> list[TotalRow]:
    """The checked rows of the file at `path`, or TotalsFileError naming every bad row."""
    rows = iter(_raw_rows(path))
    header = next(rows, None)
    if header is None or not any(header):
        raise TotalsFileError(["第1行: 文件为空，缺少表头"])
    missing = [name for name in REQUIRED if name not in header]
    repeated = sorted({name for name in header if name in REQUIRED and header.count(name) > 1})
    if missing or repeated:
        reasons = [f"缺少必填列：{'、'.join(missing)}"] if missing else []
        if repeated:
            reasons.append(f"列名重复：{'、'.join(repeated)}")
        raise TotalsFileError([f"第1行: {'；'.join(reasons)}"])
    position = {name: header.index(name) for name in REQUIRED}
    errors: list[str] = []
    checked: list[TotalRow] = []
    seen: dict[tuple[int, int, str], int] = {}
    for line, values in enumerate(rows, start=2):
        if not any(values):
            continue
        cells = {name: (values[i] if i < len(values) else "") for name, i in position.items()}
        row, reasons = _check(line, cells, today)
        if row is not None:
            key = (row.year, row.month, row.kind)
            if key in seen:
                reasons.append(f"{row.year}年{row.month}月{cells[KIND]}与第{seen[key]}行重复")
            seen.setdefault(key, line)
        if reasons:
            errors.append(f"第{line}行: {'；'.join(reasons)}")
        elif row is not None:
            checked.append(row)
    if errors:
        raise TotalsFileError(errors)
    return checked


def _check(line: int, cells: dict[str, str], today: dt.date) -> tuple[TotalRow | None, list[str]]:
    reasons = [f"{name}为空" for name in REQUIRED if not cells[name]]
    year = _whole(cells[YEAR]) if cells[YEAR] else None
    if cells[YEAR] and (year is None or not FIRST_YEAR <= year <= today.year):
        reasons.append(f"年份“{cells[YEAR]}”无效（应为 {FIRST_YEAR}–{today.year} 年）")
        year = None
    month = _whole(cells[MONTH].removesuffix("月")) if cells[MONTH] else None
    if cells[MONTH] and (month is None or not 1 <= month <= 12):
        reasons.append(f"月份“{cells[MONTH]}”无效（应为 1–12）")
        month = None
    elif year is not None and month is not None and (year, month) > (today.year, today.month):
        reasons.append(f"{year}年{month}月尚未到来")
    kind = KIND_LABELS.get(cells[KIND])
    if cells[KIND] and kind is None:
        reasons.append(f"类别“{cells[KIND]}”无效（可选：{'、'.join(KIND_LABELS)}）")
    count = _whole(cells[COUNT]) if cells[COUNT] else None
    if cells[COUNT] and count is None:
        reasons.append(f"数量“{cells[COUNT]}”应为不小于 0 的整数")
    if year is None or month is None or kind is None or count is None:
        return None, reasons
    return TotalRow(line=line, year=year, month=month, kind=kind, count=count), reasons
