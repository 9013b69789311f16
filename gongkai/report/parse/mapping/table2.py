"""Read table 二 (主动公开政府信息情况) from its region's text, row label by row label.

Each row is found by its label after the 第二十条 item it belongs to; its cells are the numbers
that follow the label up to the next word. Glued digits are split only where the split is
unique (a row of table 二 has no sum to check); otherwise the cells are unreadable (None).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.report.catalogue import ActiveRow, Layout
from gongkai.report.model import ActiveValue, active_rows
from gongkai.report.parse.mapping import glued
from gongkai.report.parse.mapping.normalise import (
    IDEOGRAPH,
    Compact,
    normalise,
    parse_count,
    parse_decimal,
)

__all__ = ["Table2", "read_table2"]

_LABELS: dict[str, tuple[str, ...]] = {
    "normative_documents": ("行政规范性文件", "规范性文件"),
    "other_services": ("其他对外管理服务事项",),
}
_VALUE = re.compile(r"[\s]*([0-9０-９][0-9.,\s+\-—/]*|[+\-][0-9][0-9.,\s+\-—/]*|[—/\-])")
_UNIT = re.compile(r"\s*(万元|亿元|千元|元)")
_LOOSE = re.compile(r"^\s*(\d+)\s*$")
_COLUMN_WORDS = {
    "issued": ("修订", "制发", "新制定", "出台", "印发"),
    "repealed": ("废止", "失效", "废除"),
    "in_force": ("现行有效", "有效"),
}


@dataclass(slots=True)
class Table2:
    """Table 二's cells by row and column key, blank cells, notes, and the rows found."""

    active: dict[str, dict[str, ActiveValue]]
    blank: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    found: int = 0


def read_table2(text: str, packed: Compact, layout: Layout) -> Table2:
    """Table 二 from the original region text and its compact form."""
    table = Table2(active={})
    cursor = 0
    missing: list[ActiveRow] = []
    for row in active_rows(layout):
        # a row is looked for after its own 第二十条 item: damaged copies move rows about
        marker = packed.text.find(_item_key(row.item))
        if marker >= 0:
            cursor = marker
        labels = _LABELS.get(row.key, (row.label,))
        hit = -1
        label = ""
        for label in labels:
            hit = _find(packed.text, label, cursor, row)
            if hit >= 0:
                break
        cells: dict[str, ActiveValue] = {col: None for col, _ in row.columns}
        table.active[row.key] = cells
        if hit < 0:
            continue
        table.found += 1
        cursor = hit + len(label)
        start = packed.end(cursor)
        grid_cells = _grid_cells(text, start, len(row.columns))
        if grid_cells is not None and all(
            _readable(row, col, cell) or not IDEOGRAPH.search(cell)
            for (col, _), cell in zip(row.columns, grid_cells, strict=True)
        ):
            _fill_grid(row, grid_cells, cells, table)
            continue
        window = normalise(text[start : start + 120])
        match = _VALUE.match(window)
        run = match.group(1).strip() if match else ""
        if not _fill(row, run, cells, table):
            missing.append(row)
        unit = _UNIT.match(window, match.end()) if match else None
        if unit is not None and _money(row, row.columns[-1][0]):
            cell = f"{run.split()[-1] if run.split() else ''}{unit.group(1)}"
            table.notes.append(f"表二“{row.label}”的金额印有单位“{unit.group(1)}”（{cell}）")
    if missing:
        _repair_from_loose(text, missing, table)
    return table


@functools.cache
def _item_key(item: str) -> str:
    """A 第二十条 item as it stands in compact text; the catalogue's few items, normalised once."""
    return normalise(item)


def _find(compact_text: str, label: str, cursor: int, row: ActiveRow) -> int:
    """The label's position after `cursor`, not inside a longer label (规范性文件 in 行政…)."""
    position = compact_text.find(label, cursor)
    while _inside_longer(compact_text, label, position):
        position = compact_text.find(label, position + 1)
    if row.key == "rules" and position >= 0:
        # 规章 only counts as the row when it stands before the normative documents row
        after = compact_text.find("规范性文件", cursor)
        if after >= 0 and position > after:
            return -1
    return position


def _inside_longer(compact_text: str, label: str, position: int) -> bool:
    preceding = compact_text[max(0, position - 2) : position]
    return label == "规范性文件" and preceding == "行政"


def _grid_cells(text: str, start: int, width: int) -> list[str] | None:
    """The value cells of a grid row whose label ends at `start`; None if not a grid row.

    The rest of the label cell is dropped; trailing empty cells (the grid is as wide as its
    widest row) and leading ones (a label spanning two columns) are trimmed down to `width`.
    """
    end = text.find("\n", start)
    segment = text[start : end if end >= 0 else len(text)]
    if "\t" not in segment:
        return None
    cells = [cell.strip() for cell in segment.split("\t")[1:]]
    while len(cells) > width and not cells[-1]:
        cells.pop()
    while len(cells) > width and not cells[0]:
        cells.pop(0)
    return cells if len(cells) == width else None


def _money(row: ActiveRow, column: str) -> bool:
    return row.key == "fees_10k_yuan" or column == "amount"


def _readable(row: ActiveRow, column: str, cell: str) -> bool:
    if _money(row, column):
        return parse_decimal(cell)[0] is not None
    return parse_count(cell)[0] is not None


def _fill_grid(
    row: ActiveRow, grid: list[str], cells: dict[str, ActiveValue], table: Table2
) -> None:
    """Read a grid row's cells one by one: a blank one is 0 and recorded, junk is None."""
    for (col, _), cell in zip(row.columns, grid, strict=True):
        if _money(row, col):
            amount, blank, unit = parse_decimal(cell)
            cells[col] = amount
            if unit:
                table.notes.append(f"表二“{row.label}”的金额印有单位“{unit}”（{cell}）")
        else:
            cells[col], blank = parse_count(cell)
        if blank:
            table.blank.append(_path(row, col))


def _fill(row: ActiveRow, run: str, cells: dict[str, ActiveValue], table: Table2) -> bool:
    """Put the run's numbers in the row's cells; False when cells are missing."""
    columns = [col for col, _ in row.columns]
    money = {col for col in columns if row.key in ("fees_10k_yuan",) or col == "amount"}
    tokens = re.findall(r"[+\-]?\d+(?:\.\d+)?|[—/]|-(?!\d)", run.replace(",", ""))
    if not tokens:
        for col in columns:
            cells[col] = Decimal(0) if col in money else 0
            table.blank.append(_path(row, col))
        return True
    if len(tokens) < len(columns) and len(tokens) == 1 and tokens[0].isdigit():
        options = list(itertools.islice(glued.splits(glued.run_of(tokens), len(columns)), 2))
        if len(options) == 1:
            tokens = [str(value) for value in options[0]]
        else:
            table.notes.append(f"表二“{row.label}”行的数字粘连（{tokens[0]}），无法确定拆分")
            return True
    if len(tokens) < len(columns):
        return False
    for col, token in zip(columns, tokens, strict=False):
        if col in money:
            amount, blank, _ = parse_decimal(token)
            cells[col] = amount
        else:
            count, blank = parse_count(token)
            cells[col] = count
        if blank:
            table.blank.append(_path(row, col))
    return True


def _repair_from_loose(text: str, rows: list[ActiveRow], table: Table2) -> None:
    """Fill rows that lost a cell from lone numbers printed apart (a multi-line cell).

    A PDF→Markdown conversion may move a cell holding "22（其中修订16件）" out of the table as
    loose lines; the words in its note tell which column it was (修订 → 制发, 失效 → 废止).
    """
    lines = [line.strip() for line in normalise(text).splitlines()]
    loose: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = _LOOSE.match(line)
        if match:
            note = lines[index + 1] if index + 1 < len(lines) else ""
            loose.append((int(match.group(1)), note))
    for row, (value, note) in zip(rows, loose, strict=False):
        column = next(
            (col for col, words in _COLUMN_WORDS.items() if any(w in note for w in words)), None
        )
        cells = table.active[row.key]
        match = _VALUE.match(normalise(text[_label_end(text, row) :][:120]))
        run = match.group(1) if match else ""
        tokens = re.findall(r"\d+", run)
        columns = [col for col, _ in row.columns]
        if column is None or column not in columns or len(tokens) != len(columns) - 1:
            continue
        rest = iter(tokens)
        for col in columns:
            cells[col] = value if col == column else int(next(rest))
        table.notes.append(f"表二“{row.label}”行缺一个单元格，按表外的“{value}{note}”补入")


def _label_end(text: str, row: ActiveRow) -> int:
    for label in _LABELS.get(row.key, (row.label,)):
        position = text.find(label)
        if position >= 0:
            return position + len(label)
    return len(text)


def _path(row: ActiveRow, column: str) -> str:
    return f"active/{row.key}" + (f"/{column}" if column else "")
