"""Read table 三 (收到和处理政府信息公开申请情况): rows by label and order, cells by arithmetic.

Rows are filed by their labels; a row whose label was lost (damaged conversions) takes the
place its order gives it. Each row's cells are then read: grid cells one by one, glued digits
by every split that makes the six applicant columns add up to 总计, and where a row has several
such splits (or none, because the report's own numbers disagree) by the column equations of
the table (一 + 二 = (七) + 四; the outcome rows add up to (七)).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.report.catalogue import APPLICANT_COLUMNS, APPLICATION_ROW_KEYS, OUTCOME_KEYS
from gongkai.report.parse import glued
from gongkai.report.parse.normalise import parse_count
from gongkai.report.parse.rows import RawRow, rows_of_grid, rows_of_text

__all__ = ["Table3", "Unit", "read_table3"]

WIDTH = len(APPLICANT_COLUMNS)
_ONE_ROW = "other_handling.other"
_SUB_ROWS = ("other_handling.no_clarification", "other_handling.fee_unpaid")

Unit = tuple[tuple[str, ...], bool]
"""A line of the document: its cells, and whether it is a grid row (else one text line)."""

Values = tuple[int, ...]


@dataclass(slots=True)
class Table3:
    """Table 三 as read: cells by row key, blank cells, whether （六） was one row, notes."""

    rows: dict[str, list[int | None] | None]
    blank: list[tuple[str, int]] = field(default_factory=list)
    collapsed: bool = False
    notes: list[str] = field(default_factory=list)
    found: int = 0
    undecoded: list[tuple[str, str, tuple[Values, ...]]] = field(default_factory=list)
    """Rows of glued digits left undecided: (key, digits as printed, the splits that balance)."""


@dataclass(slots=True)
class _Cells:
    candidates: list[Values]
    blank: set[int] = field(default_factory=set)
    balanced: bool = True
    printed: str = ""
    """The glued digits the candidates split, if the row was printed so."""


def read_table3(units: Sequence[Unit]) -> Table3:
    """Table 三 from the lines of its region."""
    raw: list[RawRow] = []
    for line, grid in units:
        if grid:
            row = rows_of_grid(line)
            if row is not None:
                raw.append(row)
        else:
            raw.extend(rows_of_text(line[0]))
    placed, one_row, notes = _place(raw)
    table = Table3(rows=dict.fromkeys(APPLICATION_ROW_KEYS), notes=notes)
    table.found = len(placed)
    if one_row is not None and not any(key in placed for key in (*_SUB_ROWS, _ONE_ROW)):
        placed[_ONE_ROW] = one_row
        table.collapsed = True
    decoded = {key: _decode(row) for key, row in placed.items()}
    _resolve(decoded, table.collapsed)
    for key in APPLICATION_ROW_KEYS:
        if table.collapsed and key in _SUB_ROWS:
            continue
        found = decoded.get(key)
        if found is None:
            table.rows[key] = [None] * WIDTH
            table.notes.append(f"表三未找到“{key}”行，其单元格记为无法读取")
            continue
        table.rows[key] = _agreed(found.candidates)
        if len(found.candidates) > 1:
            table.notes.append(f"表三“{key}”行的数字粘连且有多种拆分，无法确定的单元格记为无法读取")
        if found.printed and len(found.candidates) != 1:
            # several splits left: the printed row is ambiguous (balanced) or wrong (not)
            splits = tuple(found.candidates) if found.balanced else ()
            table.undecoded.append((key, found.printed, splits))
        table.blank.extend((key, column) for column in sorted(found.blank))
    return table


def _place(raw: list[RawRow]) -> tuple[dict[str, RawRow], RawRow | None, list[str]]:
    """File rows under catalogue keys: by label where it has one, else by order."""
    keys = list(APPLICATION_ROW_KEYS)
    order = {key: index for index, key in enumerate(keys)}
    placed: dict[str, RawRow] = {}
    notes: list[str] = []
    pointer = 0
    pending: int | None = None
    pending_group: str | None = None
    one_row: RawRow | None = None
    for row in raw:
        if row.group is not None:
            if row.group == "other_handling" and row.has_values:
                one_row = row
            pending_group = row.group if row.pending else None
            continue
        if pending_group is not None and not row.keys:
            # the values of a group label printed alone on its line: a subtotal, or （六）
            if pending_group == "other_handling" and row.has_values:
                one_row = row
            pending_group = None
            continue
        pending_group = None
        if row.keys:
            later = [order[key] for key in row.keys if order[key] >= pointer]
            if not later:
                continue
            index = later[0]
            if row.pending or (row.grid and not row.has_values and _pending_grid(row)):
                pending = index
                continue
        elif not row.has_values:
            continue
        else:
            index = pending if pending is not None and pending >= pointer else pointer
            if index >= len(keys):
                notes.append("表三有多余的数据行，已忽略")
                continue
        placed[keys[index]] = row
        pointer = index + 1
        pending = None
    return placed, one_row, notes


def _pending_grid(row: RawRow) -> bool:
    return not row.cells


def _decode(row: RawRow) -> _Cells:
    if row.grid:
        return _decode_grid(row.cells)
    if not row.cells:
        return _Cells([(0,) * WIDTH], blank=set(range(WIDTH)))
    return _decode_run(row.cells[0])


def _decode_grid(cells: list[str]) -> _Cells:
    values = list(cells)
    while len(values) > WIDTH and not values[0].strip():
        values.pop(0)
    while len(values) > WIDTH and not values[-1].strip():
        values.pop()
    if len(values) < WIDTH:
        spread = [part for cell in values for part in (cell.split() or [""])]
        if len(spread) == WIDTH:
            values = spread
    if len(values) > WIDTH:
        values = values[-WIDTH:]
    parsed = [parse_count(cell) for cell in values]
    if len(parsed) == WIDTH:
        blank = {index for index, (_, is_blank) in enumerate(parsed) if is_blank}
        if any(value is None for value, _ in parsed):
            return _Cells([], blank)
        numbers = tuple(value or 0 for value, _ in parsed)
        return _Cells([numbers], blank, _balances(numbers))
    return _place_blanks([value for value, blank in parsed if not blank and value is not None])


def _decode_run(run: str) -> _Cells:
    tokens = run.split()
    if len(tokens) == WIDTH and all(_is_cell(token) for token in tokens):
        parsed = [parse_count(token) for token in tokens]
        numbers = tuple(value or 0 for value, _ in parsed)
        blank = {index for index, (_, is_blank) in enumerate(parsed) if is_blank}
        return _Cells([numbers], blank, _balances(numbers))
    if not all(token.isdigit() for token in tokens):
        return _Cells([])
    digits = glued.run_of(tokens)
    if len(digits) <= WIDTH:
        singles = [int(char) for char in digits.digits]
        if len(singles) == WIDTH:  # one digit a cell: the only split, balanced or not
            return _Cells([tuple(singles)], balanced=_balances(tuple(singles)))
        return _place_blanks(singles)
    balanced = [values for values, _ in glued.balanced_splits(digits, WIDTH)]
    if balanced:
        return _Cells(balanced, printed=run.strip())
    return _Cells(list(glued.splits(digits, WIDTH)), balanced=False, printed=run.strip())


def _is_cell(token: str) -> bool:
    value, blank = parse_count(token)
    return blank or value is not None


def _balances(numbers: Values) -> bool:
    return sum(numbers[:-1]) == numbers[-1]


def _place_blanks(numbers: list[int]) -> _Cells:
    """Seven cells from fewer printed numbers: where the blanks were, by the usual shapes.

    Six numbers: a blank 总计 (some reports leave it empty), unless the sixth is the sum of the
    first five, then the last applicant column is blank. Two numbers: 自然人 and 总计 with
    the five 法人或其他组织 columns blank. None: the whole row blank.
    """
    count = len(numbers)
    if count == 0:
        return _Cells([(0,) * WIDTH], blank=set(range(WIDTH)))
    if count == WIDTH - 1:
        if numbers[-1] and sum(numbers[:-1]) == numbers[-1]:
            return _Cells([(*numbers[:-1], 0, numbers[-1])], blank={WIDTH - 2})
        return _Cells([(*numbers, 0)], blank={WIDTH - 1})
    if count == 2:
        return _Cells([(numbers[0], 0, 0, 0, 0, 0, numbers[1])], blank=set(range(1, WIDTH - 1)))
    return _Cells([])


def _agreed(candidates: list[Values]) -> list[int | None]:
    """The cells all candidate readings agree on; None where they differ or none exists."""
    if not candidates:
        return [None] * WIDTH
    first = candidates[0]
    return [
        first[column] if all(values[column] == first[column] for values in candidates) else None
        for column in range(WIDTH)
    ]


def _resolve(decoded: dict[str, _Cells], collapsed: bool) -> None:
    """Narrow ambiguous rows by the column equations until nothing changes."""
    outcomes = [key for key in OUTCOME_KEYS if not (collapsed and key in _SUB_ROWS)]
    equations = [
        (["new", "carried_over"], ["total", "carried_forward"]),
        (outcomes, ["total"]),
    ]
    for _ in range(4):
        changed = False
        for left, right in equations:
            changed |= _narrow(decoded, left, right)
        if not changed:
            return


def _narrow(decoded: dict[str, _Cells], left: list[str], right: list[str]) -> bool:
    rows = [key for key in (*left, *right) if key in decoded]
    if len(rows) < len(left) + len(right):
        return False
    open_rows = [key for key in rows if len(decoded[key].candidates) > 1]
    if not open_rows or any(not decoded[key].candidates for key in rows):
        return False
    size = 1
    for key in open_rows:
        size *= len(decoded[key].candidates)
    if size > 20000:
        return False
    fixed = {key: decoded[key].candidates[0] for key in rows if key not in open_rows}
    keep: dict[str, set[Values]] = {key: set() for key in open_rows}
    for combo in itertools.product(*(decoded[key].candidates for key in open_rows)):
        chosen = dict(fixed)
        chosen.update(zip(open_rows, combo, strict=True))
        if all(
            sum(chosen[key][column] for key in left) == sum(chosen[key][column] for key in right)
            for column in range(WIDTH)
        ):
            for key, values in zip(open_rows, combo, strict=True):
                keep[key].add(values)
    if not any(keep.values()):
        return False
    changed = False
    for key in open_rows:
        narrowed = [values for values in decoded[key].candidates if values in keep[key]]
        if narrowed and len(narrowed) < len(decoded[key].candidates):
            decoded[key].candidates = narrowed
            changed = True
    return changed
