"""Cut table 三's region into labelled rows, whether it is a grid or one run of text.

A grid row (from a table) keeps its cells: its label is the cells holding words, its values the
cells after the last of them. A line of text is cut at every row label found in it, so that a
crawler export whose whole table is one line ("…1.属于国家秘密00000002.其他法律…") yields one row
per label, its values being the digits that follow the label. Labels are recognised by phrases
from the catalogue's official labels (with the variants real reports print,
`catalogue.ROW_PHRASES`), after `label_key`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai.report.catalogue import APPLICATION_ROWS, OUTCOME_GROUPS, ROW_PHRASES, OutcomeHeading
from gongkai.report.parse.mapping.normalise import (
    IDEOGRAPH,
    Compact,
    compact,
    label_key,
    normalise,
)

__all__ = ["RawRow", "rows_of_grid", "rows_of_text"]

GROUP_PHRASES: dict[str, str] = {
    group.key: OutcomeHeading(group.key).label for group in OUTCOME_GROUPS
}
"""The merged group cells; only （六）其他处理 can carry numbers (printed as a single row)."""

ORDINALS: dict[str, str] = {}
for _row in APPLICATION_ROWS:
    _match = re.match(r"(\d)\.", _row.label)
    if _match:
        ORDINALS[_row.key] = _match.group(1)

_KEY_ORDER = {row.key: index for index, row in enumerate(APPLICATION_ROWS)}
_PHRASES: list[tuple[str, str]] = sorted(
    [(phrase, key) for key, phrases in ROW_PHRASES.items() for phrase in phrases]
    + [(phrase, "group:" + key) for key, phrase in GROUP_PHRASES.items()],
    key=lambda item: -len(item[0]),
)
_FULL_LABELS = {row.key: label_key(row.label) for row in APPLICATION_ROWS}
_GROUP_KEYS = {group.key for group in OUTCOME_GROUPS}
_VALUE_CHARS = frozenset("0123456789—-/+ \t")
_VALUE_RUN = re.compile(r"[0-9—/-][0-9—/+ \t-]*")
"""From the first character that may begin a value ("0123456789—-/") through the value
characters (`_VALUE_CHARS`) that follow it."""
_TRAILING_VALUES = re.compile(r"(?<=[^\d.,])\s+[\d\s—/-]*\d[\d\s—/-]*$")


@dataclass(slots=True)
class RawRow:
    """One printed row of table 三 before its cells are decoded.

    `keys` are the rows its label may be (catalogue order), empty for a row with no label;
    `group` names a group cell printed with numbers of its own. `cells` are grid cells (one
    value each) when `grid`, else one string of digits as printed in running text.
    """

    keys: list[str] = field(default_factory=list)
    group: str | None = None
    cells: list[str] = field(default_factory=list)
    grid: bool = False
    pending: bool = False
    """A label alone at the end of a text line: the values may follow on a later row (a group
    label's values are its subtotal, or the single row of （六） printed as one)."""

    @property
    def has_values(self) -> bool:
        return any(cell.strip() for cell in self.cells) if not self.grid else bool(self.cells)


_ANY_PHRASE = re.compile("|".join(re.escape(phrase) for phrase, _ in _PHRASES))


_TAKEN = [True] * max(len(phrase) for phrase, _ in _PHRASES)
_BY_FIRST: dict[str, list[int]] = {}
"""The phrases (by their place in `_PHRASES`, longest first) each character begins."""
for _index, (_phrase, _) in enumerate(_PHRASES):
    _BY_FIRST.setdefault(_phrase[0], []).append(_index)


def find_labels(text: str) -> list[tuple[int, int, str]]:
    """Every row or group phrase in compact `text` as (start, end, key), left to right.

    Longer phrases are taken first; a phrase overlapping one already taken is skipped.
    """
    if _ANY_PHRASE.search(text) is None:  # most lines name no row: one scan in C
        return []
    found: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    # only the phrases whose first character the text holds, in the order of `_PHRASES` (a
    # few dozen searches in C: a set of a long line's characters would cost more)
    starting = sorted(index for char in _BY_FIRST if char in text for index in _BY_FIRST[char])
    for index in starting:
        phrase, key = _PHRASES[index]
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not any(taken[start:end]):
                found.append((start, end, key))
                taken[start:end] = _TAKEN[: end - start]
            start = text.find(phrase, end)
    found.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, key in found:
        if merged and merged[-1][2] == key:
            # two phrases of one label ("逾期未按收费通知…缴纳费用"): one row
            merged[-1] = (merged[-1][0], end, key)
        else:
            merged.append((start, end, key))
    return merged


def rows_of_grid(cells: tuple[str, ...]) -> RawRow | None:
    """A grid row as a RawRow; None for a header or empty row."""
    last_label = -1
    for index, cell in enumerate(cells):
        if cell.isascii():  # a number, a dash or nothing: no words
            continue
        if IDEOGRAPH.search(cell) and ("无" not in cell or normalise(cell).strip() != "无"):
            last_label = index
    values = list(cells[last_label + 1 :])
    row = RawRow(cells=values, grid=True)
    if last_label >= 0:
        keys, row.group = _identify(cells[: last_label + 1])
        row.keys = list(keys)
        if not row.keys and row.group is None:
            return None
    if not any(cell.strip() for cell in values) and not row.keys:
        # （六）其他处理 printed as one row with every value cell empty is a row of blanks
        return row if row.group == OutcomeHeading.OTHER_HANDLING and values else None
    return row


@lru_cache(maxsize=2048)
def _identify(label_cells: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """The rows (or else the group) a grid row's label cells name.

    Remembered: the same official labels come back in every report of a batch.
    """
    labels = [key for _, _, key in find_labels(label_key("".join(label_cells)))]
    keys = [key for key in labels if not key.startswith("group:")]
    if keys:
        return tuple(keys[-1:]), None
    groups = [key[6:] for key in labels if key.startswith("group:")]
    fragments = _fragment_keys(label_cells)
    if fragments:
        return tuple(fragments), None
    return (), groups[-1] if groups else None


def _fragment_keys(label_cells: tuple[str, ...]) -> list[str]:
    """Rows whose official label contains every label fragment of at least 4 characters."""
    candidates: set[str] | None = None
    for cell in label_cells:
        fragment = label_key(cell).rstrip(",")
        fragment = re.sub(r"^(\d\.|\([一二三四五六七]\)?|[一二三四]\,)", "", fragment)
        if len(fragment) < 4:
            continue
        keys = {key for key, full in _FULL_LABELS.items() if fragment in full}
        if keys:
            candidates = keys if candidates is None else (candidates & keys) or candidates
    if not candidates:
        return []
    return sorted(candidates, key=_KEY_ORDER.__getitem__)


def rows_of_text(line: str, packed: Compact | None = None) -> list[RawRow]:
    """A text line cut at its row labels; a line of numbers alone is one unlabelled row.

    A line that names no row outright may hold a piece of a label broken over lines: it is a
    mention of the rows whose labels share the most three-character pieces with it.
    """
    if packed is None:  # the caller may have compacted the line already
        packed = compact(line)
    labels = find_labels(packed.text)
    if not labels:
        digits = packed.normalised.strip()
        if digits and all(char in _VALUE_CHARS for char in digits):
            return [RawRow(cells=[digits])]
        keys = loose_keys(packed.text)
        if not keys:
            return []
        # the end of a wrapped label, then its numbers: "形，不计其他情形） 144 145 … 879"
        numbers = _TRAILING_VALUES.search(packed.normalised)
        if numbers is not None and numbers.start() > 0:
            return [RawRow(keys=keys, pending=True), RawRow(cells=[numbers.group().strip()])]
        return [RawRow(keys=keys, pending=True)]
    rows: list[RawRow] = []
    if all(key.startswith("group:") for _, _, key in labels):
        # a group label glued to a piece of a row label ("不予公开2.其他法律"): the line names
        # that row, and the number row after it is the row's, not the group's subtotal
        tail = packed.normalised[packed.end(labels[-1][1]) :].strip()
        rest = "".join(packed.text[a:b] for a, b in _outside(labels, len(packed.text)))
        numbered = re.match(r"\d\s*[.,]", tail) is not None  # "4.保护…": an ordinal, no value
        keys = loose_keys(rest) if numbered or not _value_run(tail, "").strip() else []
        if keys:
            return [RawRow(group=labels[-1][2][6:]), RawRow(keys=keys, pending=True)]
    for number, (_, end, key) in enumerate(labels):
        stop = labels[number + 1][0] if number + 1 < len(labels) else len(packed.text)
        next_key = labels[number + 1][2] if number + 1 < len(labels) else ""
        start = packed.end(end)
        limit = packed.start(stop) if stop < len(packed.text) else len(line)
        run = _value_run(packed.normalised[start:limit], ORDINALS.get(next_key, ""))
        last = number + 1 == len(labels)
        row = RawRow(cells=[run] if run.strip() else [])
        if key.startswith("group:"):
            if not run.strip() and not last:
                continue
            row.group = key[6:]
            row.pending = not run.strip()
        else:
            row.keys = [key]
            row.pending = last and not run.strip()
        rows.append(row)
    return rows


def _outside(labels: list[tuple[int, int, str]], size: int) -> list[tuple[int, int]]:
    """The stretches of a text of `size` characters that no label covers."""
    stretches, start = [], 0
    for begin, end, _ in labels:
        stretches.append((start, begin))
        start = end
    stretches.append((start, size))
    return [(a, b) for a, b in stretches if b > a]


_NUMBERING = re.compile(r"^(?:[一二三四]、|\([一二三四五六七]\)|\d\.)")
_HEADER_WORDS = (
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "总计",
    "本年度办理结果",
)


def _grams(text: str) -> set[str]:
    return {text[index : index + 3] for index in range(len(text) - 2)}


_HEADER_GRAMS = set().union(*(_grams(word) for word in _HEADER_WORDS))
_GRAM_KEYS: dict[str, set[str]] = {}
for _row in APPLICATION_ROWS:
    for _gram in _grams(_NUMBERING.sub("", label_key(_row.label))) - _HEADER_GRAMS:
        _GRAM_KEYS.setdefault(_gram, set()).add(_row.key)


def loose_keys(text: str) -> list[str]:
    """Rows whose official label shares the most three-character pieces with compact `text`.

    For a label broken over lines ("5.属于三类内部事务信" / "息", "法提供行制作" with a piece of
    （四）无法提供 glued in): each piece still shares pieces with its own label only, or with a
    few labels when it is a common phrase such as 政府信息公开申请.
    """
    hits: dict[str, int] = {}
    for gram in _grams(label_key(text)):
        for key in _GRAM_KEYS.get(gram, ()):
            hits[key] = hits.get(key, 0) + 1
    if not hits:
        return []
    best = max(hits.values())
    return sorted((key for key, count in hits.items() if count == best), key=_KEY_ORDER.__getitem__)


def _value_run(segment: str, next_ordinal: str) -> str:
    """The digits that follow a label: from the first value character to the first word."""
    found = _VALUE_RUN.search(segment)
    if found is None:
        return ""
    run = found.group()
    tail = segment[found.end() : found.end() + 1]
    if next_ordinal and tail in (".", ",") and run.rstrip().endswith(next_ordinal):
        run = run.rstrip()[: -len(next_ordinal)]
    return run


def group_key(name: str) -> str:
    """The catalogue key of a group named in a RawRow."""
    assert name in _GROUP_KEYS
    return name
