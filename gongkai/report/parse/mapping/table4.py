"""Read table 四 (行政复议、行政诉讼): fifteen numbers in three blocks of five.

The numbers are the last ones printed in the table's region: a grid row of numeric cells, or
the digits after the header words in running text. Glued digits are split so that in every
block 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.report.catalogue import REVIEW_BLOCKS, REVIEW_RESULTS
from gongkai.report.parse.mapping import glued
from gongkai.report.parse.mapping.normalise import IDEOGRAPH, normalise, parse_count

__all__ = ["Table4", "read_table4"]

SIZE = len(REVIEW_BLOCKS) * len(REVIEW_RESULTS)
_RESULT_WORDS = ("维持", "纠正", "其他结果", "尚未审结", "总计")
_RUN = re.compile(r"[0-9—/\- \t]*$")


def _words(cell: str) -> bool:
    """Whether a cell holds words (a Chinese character or a bracket), not only numbers."""
    if "(" in cell or ")" in cell:
        return True
    return not cell.isascii() and IDEOGRAPH.search(cell) is not None


@dataclass(slots=True)
class Table4:
    """The fifteen cells by block and result; blank cells as (block, result) pairs."""

    reviews: dict[str, dict[str, int | None]]
    blank: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    found: bool = False
    undecoded: tuple[str, tuple[tuple[int, ...], ...]] | None = None
    """Glued digits left undecided: as printed, and the splits that balance (none: no split)."""


def read_table4(units: Sequence[tuple[tuple[str, ...], bool]]) -> Table4:
    """Table 四 from the lines of its region."""
    cells: list[str] = []
    trimmed: list[str] = []
    run = ""
    transposed = _transposed(units)
    for row, grid in units:
        if grid:
            if row and all(not _words(cell) for cell in row) and any(c.strip() for c in row):
                cells.extend(row)
                trimmed.extend(_trim(row))
        else:
            tail = _RUN.search(normalise(row[0]))
            text = tail.group().strip() if tail else ""
            if text:
                run = text
    table = Table4(reviews={b.key: {r.key: None for r in REVIEW_RESULTS} for b in REVIEW_BLOCKS})
    values: list[int | None] = []
    blank: set[int] = set()
    if len(trimmed) == SIZE and len(cells) > SIZE:
        cells = trimmed  # the blocks printed as rows of five on a wider grid
    if transposed is not None:
        cells = transposed
    if cells:
        while len(cells) > SIZE and not cells[0].strip():
            cells.pop(0)
        while len(cells) > SIZE and not cells[-1].strip():
            cells.pop()
        cells = cells[-SIZE:]
        if len(cells) < SIZE:
            cells = [part for cell in cells for part in (cell.split() or [""])]
        if len(cells) == SIZE:
            for index, cell in enumerate(cells):
                value, is_blank = parse_count(cell)
                values.append(value)
                if is_blank:
                    blank.add(index)
    if not values and run:
        values, blank = _from_run(run, table)
    if len(values) != SIZE:
        return table
    table.found = True
    index = 0
    for block in REVIEW_BLOCKS:
        for result in REVIEW_RESULTS:
            table.reviews[block.key][result.key] = values[index]
            if index in blank:
                table.blank.append((block.key, result.key))
            index += 1
    return table


def _trim(row: tuple[str, ...]) -> list[str]:
    cells = list(row)
    while cells and not cells[-1].strip():
        cells.pop()
    while cells and not cells[0].strip():
        cells.pop(0)
    return cells


def _transposed(units: Sequence[tuple[tuple[str, ...], bool]]) -> list[str] | None:
    """The fifteen cells of a table printed one result a row ("结果维持 | 2 | 0 | 1").

    Each of the five result rows then holds the three blocks' cells, in block order.
    """
    found: dict[int, list[str]] = {}
    for row, grid in units:
        cells = list(row) if grid else normalise(row[0]).split()
        label = next((cell for cell in cells if _words(cell)), "")
        values = [cell for cell in cells[cells.index(label) + 1 :] if cell.strip()] if label else []
        key = "".join(label.split())
        numeric = not any(_words(value) for value in values)
        for index, word in enumerate(_RESULT_WORDS):
            if key.endswith(word) and numeric and len(values) == len(REVIEW_BLOCKS):
                found[index] = values
    if len(found) != len(REVIEW_RESULTS):
        return None
    return [found[result][block] for block in range(len(REVIEW_BLOCKS)) for result in range(5)]


def _from_run(run: str, table: Table4) -> tuple[list[int | None], set[int]]:
    tokens = run.split()
    if len(tokens) == SIZE:
        parsed = [parse_count(token) for token in tokens]
        return [value for value, _ in parsed], {i for i, (_, b) in enumerate(parsed) if b}
    if not all(token.isdigit() for token in tokens):
        return [], set()
    digits = glued.run_of(tokens)
    found: list[tuple[int, ...]] = []
    # each block is five numbers, so at least five digits: a block leaves room for the rest
    for first, end in glued.balanced_splits(digits, 5, to_end=False, leave=10):
        for second, end2 in glued.balanced_splits(digits, 5, end, to_end=False, leave=5):
            for third, _ in glued.balanced_splits(digits, 5, end2):
                found.append((*first, *second, *third))
                if len(found) > 50:
                    break
    if not found and len(digits) == SIZE:
        found = [tuple(int(char) for char in digits.digits)]
    if not found:
        table.notes.append("表四的数字粘连且无法按“维持+纠正+其他+尚未审结=总计”拆分，记为无法读取")
        table.undecoded = (run, ())
        return [None] * SIZE, set()
    if len(found) > 1:
        table.notes.append("表四的数字粘连且有多种拆分，无法确定的单元格记为无法读取")
        table.undecoded = (run, tuple(found))
    return [
        found[0][i] if all(option[i] == found[0][i] for option in found) else None
        for i in range(SIZE)
    ], set()
