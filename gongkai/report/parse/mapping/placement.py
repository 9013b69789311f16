"""Put table 三's printed rows in their places: by label, by order, then by arithmetic.

A row printed with its label is an anchor: it goes where its label says. Between two anchors,
number rows without a label (a converter tore the table apart and left the labels as loose
text) take the catalogue rows between the two, in printed order, since converters keep the
order of the number rows. Where there are fewer number rows than places (a row printed with no
numbers at all), every way of placing them in order is tried and scored by the label text
standing next to each number row (the nearest loose label before it and after it: a wrapped
label straddles its numbers); the best-scored placements are then held against the table's
column equations (一+二 = (七)+四; the outcomes add up to (七)). What is left is returned as
alternatives; the caller keeps the cells they agree on and leaves the others unread.

A catalogue row left without a number row is blank (printed with empty cells, read as 0) when
its label stands in the text there, and missing otherwise.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.report.catalogue import (
    APPLICATION_ROW_KEYS,
    FOLDED_IN_2019,
    FOLDED_INTO,
    OUTCOME_KEYS,
    OutcomeHeading,
    SummaryRow,
    application_row,
)
from gongkai.report.parse.mapping.rows import RawRow

__all__ = ["BLANK", "Placement", "place"]

BLANK = RawRow()
"""Stands for a row whose label is printed with no numbers: seven blank cells."""

_ORDER = {key: index for index, key in enumerate(APPLICATION_ROW_KEYS)}
_OUTCOMES = [_ORDER[key] for key in OUTCOME_KEYS]
_BALANCE = (
    [_ORDER[SummaryRow.NEW.value], _ORDER[SummaryRow.CARRIED_OVER.value]],
    [_ORDER[SummaryRow.TOTAL.value], _ORDER[SummaryRow.CARRIED_FORWARD.value]],
)
_TOTAL = _ORDER[SummaryRow.TOTAL.value]
_OTHER = _ORDER[FOLDED_INTO]
_SUB_ROWS = tuple(_ORDER[key] for key in FOLDED_IN_2019)
_MAX_PLACEMENTS = 2000
_MAX_COMBINATIONS = 5000

Values = tuple[int, ...]


@dataclass(slots=True)
class _Item:
    row: RawRow
    kind: str
    """"anchor" (a labelled row), "number" (a row to place), or "mention" (label text alone)."""
    keys: tuple[int, ...] = ()
    """An anchor's place; the places a number row's own label allows (empty: any); the rows
    a mention may name."""


@dataclass(slots=True)
class Placement:
    """Where the printed rows go: one or more alternatives the labels and arithmetic allow."""

    rows: dict[str, list[RawRow | None]]
    """Each catalogue key's possible printed rows over the placements left: a row, BLANK, or
    None (missing). One entry: the place is certain."""
    one_row: RawRow | None = None
    """（六）其他处理 printed as one row, with its numbers (or blank cells)."""
    notes: list[str] = field(default_factory=list)


def _items(raw: list[RawRow]) -> tuple[list[_Item], RawRow | None]:
    """The rows as anchors, number rows and mentions; group rows taken out."""
    items: list[_Item] = []
    pending_group: str | None = None
    one_row: RawRow | None = None
    for row in raw:
        if row.group is not None:
            if row.group == OutcomeHeading.OTHER_HANDLING and row.has_values:
                one_row = row
            pending_group = row.group if row.pending else None
            continue
        if pending_group is not None and not row.keys:
            # the values of a group label printed alone on its line: a subtotal, or （六）
            if pending_group == OutcomeHeading.OTHER_HANDLING and row.has_values:
                one_row = row
            pending_group = None
            continue
        if pending_group == OutcomeHeading.OTHER_HANDLING and one_row is None:
            one_row = BLANK  # （六） alone, then the next row's label: printed with no numbers
        pending_group = None
        keys = tuple(sorted({_ORDER[key] for key in row.keys}))
        if row.keys and (row.pending or (row.grid and not row.cells)):
            items.append(_Item(row, "mention", keys))
        elif len(keys) == 1:
            items.append(_Item(row, "anchor", keys))
        elif keys or row.has_values:
            items.append(_Item(row, "number", keys))
    return items, one_row


def place(raw: list[RawRow], values: Callable[[RawRow], Values | None]) -> Placement:
    """The places of the rows in `raw`; `values` gives a row's cells when they are certain."""
    items, one_row = _items(raw)
    placement = Placement({key: [] for key in APPLICATION_ROW_KEYS}, one_row)
    anchors: list[tuple[int, int]] = [(-1, -1)]  # (item index, catalogue index)
    for index, item in enumerate(items):
        if item.kind == "anchor":
            if item.keys[0] > anchors[-1][1]:
                anchors.append((index, item.keys[0]))
            else:
                item.kind = "ignored"  # a label out of order: its row is already placed
    anchors.append((len(items), len(APPLICATION_ROW_KEYS)))
    fixed: dict[int, RawRow] = {key: items[index].row for index, key in anchors[1:-1]}
    gaps = [
        _Gap(items, start, end, low, high, placement.notes, one_row is not None)
        for (start, low), (end, high) in itertools.pairwise(anchors)
        if end - start > 1 or high - low > 1  # two anchors side by side leave nothing between
    ]
    choices = [gap.best() for gap in gaps]
    combos = _combinations(choices)
    if len(combos) > 1:
        combos = [c for c in combos if _holds(_chosen(fixed, gaps, c), one_row, values)] or combos
    for combo in combos:
        chosen = _chosen(fixed, gaps, combo)
        for index, key in enumerate(APPLICATION_ROW_KEYS):
            row = chosen.get(index)
            possible = placement.rows[key]
            if not any(row is seen for seen in possible):
                possible.append(row)
    for number, gap in enumerate(gaps):
        if gap.truncated:  # placements beyond counting: nothing in this stretch is certain
            for place in gap.places:
                placement.rows[APPLICATION_ROW_KEYS[place]] = [None, BLANK]
        elif all(combo[number] == combos[0][number] for combo in combos):
            gap.note_unsupported(combos[0][number])
    return placement


def _chosen(
    fixed: dict[int, RawRow], gaps: list[_Gap], combo: tuple[tuple[int, ...], ...]
) -> dict[int, RawRow]:
    chosen = dict(fixed)
    for gap, option in zip(gaps, combo, strict=True):
        chosen.update(gap.rows(option))
    return chosen


def _holds(
    chosen: dict[int, RawRow], one_row: RawRow | None, values: Callable[[RawRow], Values | None]
) -> bool:
    """Whether the column equations hold where every cell they need is certain.

    A row left missing counts as 0 here: a placement that leaves a number row's place empty
    and puts the row elsewhere must balance with that place empty.
    """
    known: dict[int, Values | None] = {}
    zeros = (0,) * 7
    for key, row in chosen.items():
        known[key] = zeros if row is BLANK else values(row)
    if one_row is not None and not any(k in chosen for k in (*_SUB_ROWS, _OTHER)):
        known[_OTHER] = zeros if one_row is BLANK else values(one_row)

    def cells(keys: list[int]) -> list[Values] | None:
        found = [known.get(key, zeros) for key in keys]
        return None if any(row is None for row in found) else found  # type: ignore[return-value]

    outcomes, total = cells(_OUTCOMES), cells([_TOTAL])
    if (
        outcomes is not None
        and total is not None
        and any(sum(row[c] for row in outcomes) != total[0][c] for c in range(7))
    ):
        return False
    left, right = cells(_BALANCE[0]), cells(_BALANCE[1])
    if left is not None and right is not None:
        for column in range(7):
            if sum(row[column] for row in left) != sum(row[column] for row in right):
                return False
    return True


class _Gap:
    """The number rows and label text between two anchors, and the places between them."""

    def __init__(
        self,
        items: list[_Item],
        start: int,
        end: int,
        low: int,
        high: int,
        notes: list[str],
        one_row: bool,
    ) -> None:
        self.items = items
        self.places = list(range(low + 1, high))
        self.numbers = [i for i in range(start + 1, end) if items[i].kind == "number"]
        self.notes = notes
        self.mentions = {
            i: tuple(key for key in items[i].keys if low < key < high)
            for i in range(start + 1, end)
            if items[i].kind == "mention"
        }
        self.named = {keys[0] for keys in self.mentions.values() if len(keys) == 1}
        # （六） printed as one row stands for its three rows: none of them is missing
        self.optional = {*_SUB_ROWS, _OTHER} if one_row else set()
        self.truncated = False
        """Too many placements score best to list: the gap's places are left unread."""
        if len(self.numbers) > len(self.places):
            notes.append("表三有多余的数据行，已忽略")
            self.numbers = self.numbers[: len(self.places)]

    def best(self) -> list[tuple[int, ...]]:
        """The in-order placements of the number rows that the label text supports most.

        A placement scores the label text naming each number row's place beside it (0–2 a
        row), less 2 for each place left with neither numbers nor a label of its own: every
        row of the table is printed, its label at least, so a placement that leaves a row
        with nothing (moving each number row onto the label after it) is worse than one that
        puts a number row where the label was lost. The best score is found by dynamic
        programming over (number row, place); the placements reaching it are then listed.
        """
        count, size = len(self.numbers), len(self.places)
        if not count:
            return [()]
        if count == size and not any(self.items[i].keys for i in self.numbers):
            return [tuple(self.places)]
        weight: list[list[int | None]] = [
            [self._weight(number, place) for place in self.places] for number in self.numbers
        ]
        low = -(10**9)
        best = [[low] * (size + 1) for _ in range(count)] + [[0] * (size + 1)]
        for i in range(count - 1, -1, -1):
            for j in range(size - 1, -1, -1):
                take = weight[i][j]
                taken = take + best[i + 1][j + 1] if take is not None else low
                best[i][j] = max(best[i][j + 1], taken if best[i + 1][j + 1] > low else low)
        if best[0][0] <= low // 2:  # labels that cannot all hold: fall back on order alone
            return [tuple(self.places[:count])]
        found: list[tuple[int, ...]] = []
        chosen: list[int] = []

        def walk(i: int, j: int) -> None:
            if len(found) >= _MAX_PLACEMENTS:
                return
            if i == count:
                found.append(tuple(chosen))
                return
            take = weight[i][j]
            if take is not None and take + best[i + 1][j + 1] == best[i][j]:
                chosen.append(self.places[j])
                walk(i + 1, j + 1)
                chosen.pop()
            if size - (j + 1) >= count - i and best[i][j + 1] == best[i][j]:
                walk(i, j + 1)

        walk(0, 0)
        self.truncated = len(found) >= _MAX_PLACEMENTS
        return found

    def _weight(self, number: int, place: int) -> int | None:
        """What placing a number row at `place` adds to the score; None if its label forbids."""
        allowed = self.items[number].keys
        if allowed and place not in allowed:
            return None
        unlabelled = place not in self.named and place not in self.optional
        return self.support(number, place) + (2 if unlabelled else 0)

    def sides(self, number: int, key: int) -> tuple[bool, bool]:
        """Whether the nearest label text before, and after, a number row names `key`.

        Only text naming one row of the gap counts: a common phrase (政府信息公开申请) could be
        any of several labels and would tip a placement the labels do not decide.
        """
        found = [False, False]
        for side, step in enumerate((-1, 1)):
            index = number + step
            while 0 <= index < len(self.items) and self.items[index].kind == "mention":
                named = self.mentions.get(index, ())
                if len(named) == 1:
                    found[side] = named[0] == key
                    break
                index += step
        return found[0], found[1]

    def support(self, number: int, key: int) -> int:
        """How much the label text next to a number row names `key` (0–2)."""
        return sum(self.sides(number, key))

    def rows(self, option: tuple[int, ...]) -> dict[int, RawRow]:
        """Catalogue index → printed row (or BLANK) for one placement of this gap."""
        chosen = {key: self.items[i].row for i, key in zip(self.numbers, option, strict=True)}
        for key in self.places:
            if key not in chosen and key in self.named:
                chosen[key] = BLANK
        return chosen

    def note_unsupported(self, option: tuple[int, ...]) -> None:
        """Say which rows were placed by order and arithmetic alone."""
        for number, key in zip(self.numbers, option, strict=True):
            if not self.support(number, key) and not self.items[number].keys:
                label = application_row(APPLICATION_ROW_KEYS[key]).label
                self.notes.append(f"表三“{label}”行的数字旁未见行名，按行序与勾稽关系放置")


def _combinations(choices: list[list[tuple[int, ...]]]) -> list[tuple[tuple[int, ...], ...]]:
    """Every way to combine the gaps' placements; too many: each gap's options on their own.

    The gaps hold different rows, so the second form still shows every row's possible places,
    only without the arithmetic across gaps to narrow them.
    """
    size = 1
    for options in choices:
        size *= len(options)
    if size <= _MAX_COMBINATIONS:
        return list(itertools.product(*choices))
    base = tuple(options[0] for options in choices)
    combos = [base]
    for number, options in enumerate(choices):
        combos.extend((*base[:number], option, *base[number + 1 :]) for option in options[1:])
    return combos
