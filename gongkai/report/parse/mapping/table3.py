"""Read table 三 (收到和处理政府信息公开申请情况): rows by label and order, cells by arithmetic.

Rows are filed by their labels; a row whose label was lost (damaged conversions) takes the
place its order gives it. Each row's cells are then read: grid cells one by one, glued digits
by every split that makes the six applicant columns add up to 总计, and where a row has several
such splits (or none, because the report's own numbers disagree) by the column equations of
the table (一 + 二 = (七) + 四; the outcome rows add up to (七)).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROW_KEYS,
    FOLDED_IN_2019,
    FOLDED_INTO,
    OUTCOME_KEYS,
    SummaryRow,
    application_row,
)
from gongkai.report.parse.mapping import glued
from gongkai.report.parse.mapping.normalise import compact, parse_count
from gongkai.report.parse.mapping.placement import BLANK, place
from gongkai.report.parse.mapping.rows import RawRow, find_labels, rows_of_grid, rows_of_text

__all__ = ["Table3", "Unit", "read_table3"]

WIDTH = len(APPLICANT_COLUMNS)
_ONE_ROW = FOLDED_INTO
_SUB_ROWS = FOLDED_IN_2019

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
    placed_unsure: bool = False
    """The candidates are the rows this place may hold, not the splits of one row."""


def read_table3(units: Sequence[Unit]) -> Table3:
    """Table 三 from the lines of its region."""
    raw = _raw_rows(units)
    decoded_rows: dict[int, _Cells] = {}

    def decode(row: RawRow) -> _Cells:
        """A row's cells, decoded once (placing may ask, then filing does)."""
        cells = decoded_rows.get(id(row))
        if cells is None:
            cells = decoded_rows[id(row)] = _decode(row)
        return cells

    def certain(row: RawRow) -> Values | None:
        cells = decode(row)
        return cells.candidates[0] if len(cells.candidates) == 1 else None

    placement = place(raw, certain)
    table = Table3(rows=dict.fromkeys(APPLICATION_ROW_KEYS), notes=placement.notes)
    decoded: dict[str, _Cells] = {}
    for key, possible in placement.rows.items():
        if possible and possible != [None]:
            decoded[key] = _possible(possible, key, table.notes, decode)
    table.found = len(decoded)
    one_row = placement.one_row
    if one_row is not None and not any(key in decoded for key in (*_SUB_ROWS, _ONE_ROW)):
        decoded[_ONE_ROW] = _decode(one_row)
        table.found += 1
        table.collapsed = True
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
        if len(found.candidates) > 1 and not found.placed_unsure:
            table.notes.append(f"表三“{key}”行的数字粘连且有多种拆分，无法确定的单元格记为无法读取")
        if found.printed and len(found.candidates) != 1:
            # several splits left: the printed row is ambiguous (balanced) or wrong (not)
            splits = tuple(found.candidates) if found.balanced else ()
            table.undecoded.append((key, found.printed, splits))
        table.blank.extend((key, column) for column in sorted(found.blank))
    return table


def _raw_rows(units: Sequence[Unit]) -> list[RawRow]:
    """The region's printed rows, with the labels broken over lines of label text alone.

    A label broken over lines ("（一" / "）予以公开", "4.保护第三方" / "合法权益") is found in the
    lines joined; it is a mention after the line where it ends (its numbers may stand before or
    after it in a torn table).
    """
    raw: list[RawRow] = []
    block: list[tuple[str, list[RawRow], str]] = []  # a label line, its rows, its compact text

    def flush() -> None:
        if len(block) > 1:
            spanning = _spanning_labels([packed for _, _, packed in block])
            for index, (_, rows, _) in enumerate(block):
                raw.extend(rows)
                raw.extend(RawRow(keys=[key], pending=True) for key in spanning.get(index, ()))
        elif block:
            raw.extend(block[0][1])
        block.clear()

    for line, grid in units:
        packed = None if grid else compact(line[0])
        rows = [] if packed is None else rows_of_text(line[0], packed)
        if packed is not None and all(
            not row.has_values and (row.pending or not row.keys) for row in rows
        ):
            block.append((line[0], rows, packed.text))
            continue
        if block and not grid and not any(row.keys and row.has_values for row in rows):
            # the last line of a wrapped label carries the numbers ("获取信息 256 … 1551")
            joined = _wrapped([text for text, _, _ in block] + [line[0]])
            if joined:
                block.clear()
                raw.extend(joined)
                continue
        flush()
        if grid:
            row = rows_of_grid(line)
            if row is not None:
                raw.append(row)
        else:
            raw.extend(rows)
    flush()
    return raw


def _wrapped(lines: list[str]) -> list[RawRow]:
    """Lines read as one whose last label carries numbers; earlier labels become mentions."""
    rows = rows_of_text("".join(lines))
    if not rows or not rows[-1].keys or not rows[-1].has_values:
        return []
    for row in rows[:-1]:
        if row.keys:
            row.pending = True
            row.cells = []
    return rows


def _spanning_labels(texts: list[str]) -> dict[int, list[str]]:
    """Row labels found only across line ends, by the index of the line where each ends.

    `texts` are the lines' compact texts."""
    ends = list(itertools.accumulate(len(text) for text in texts))
    found: dict[int, list[str]] = {}
    for start, end, key in find_labels("".join(texts)):
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(ends, end)
        if first != last and not key.startswith("group:"):
            found.setdefault(last, []).append(key)
    return found


def _possible(
    possible: list[RawRow | None],
    key: str,
    notes: list[str],
    decode: Callable[[RawRow], _Cells],
) -> _Cells:
    """A place's cells: its row's, or where the place is uncertain what the rows agree on.

    A row's cells are its own (the placing is done), except BLANK's, shared by many places.
    """
    if len(possible) == 1:
        row = possible[0]
        assert row is not None
        return _decode(row) if row is BLANK else decode(row)
    label = application_row(key).label
    notes.append(f"表三“{label}”行的数字无法唯一确定放在哪一行，各种放置下不同的单元格记为无法读取")
    candidates: list[Values] = []
    blank: set[int] | None = None
    for row in possible:
        cells = decode(row) if row is not None else _Cells([])
        if len(cells.candidates) != 1:
            return _Cells([], placed_unsure=True)
        if cells.candidates[0] not in candidates:
            candidates.append(cells.candidates[0])
        blank = cells.blank if blank is None else blank & cells.blank
    return _Cells(candidates, blank or set(), placed_unsure=True)


def _decode(row: RawRow) -> _Cells:
    if row is BLANK:
        return _Cells([(0,) * WIDTH], blank=set(range(WIDTH)))
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
    if len(values) == WIDTH:
        digits = "".join(values)
        if digits.isascii() and (digits.isdigit() or not digits):  # plain numbers and blanks
            if all(values):
                numbers, blank = tuple(map(int, values)), set()
            else:
                numbers = tuple(int(cell) if cell else 0 for cell in values)
                blank = {index for index, cell in enumerate(values) if not cell}
            return _Cells([numbers], blank, _balances(numbers))
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
    if len(candidates) == 1:
        return list(candidates[0])
    columns = list(zip(*candidates, strict=True))[:WIDTH]  # every candidate is a whole row
    return [column[0] if column.count(column[0]) == len(column) else None for column in columns]


def _resolve(decoded: dict[str, _Cells], collapsed: bool) -> None:
    """Narrow ambiguous rows by the column equations until nothing changes."""
    outcomes = [key for key in OUTCOME_KEYS if not (collapsed and key in _SUB_ROWS)]
    equations = [
        (
            [SummaryRow.NEW.value, SummaryRow.CARRIED_OVER.value],
            [SummaryRow.TOTAL.value, SummaryRow.CARRIED_FORWARD.value],
        ),
        (outcomes, [SummaryRow.TOTAL.value]),
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
    if any(decoded[key].placed_unsure for key in open_rows):
        return False  # one printed row that may sit in two places: weighed when placing it
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
