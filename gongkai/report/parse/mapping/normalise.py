"""Text normalisation for matching printed labels and reading printed numbers (spec §9).

Everything here keeps the text's length character for character (`normalise`) or says how it
maps back (`compact`), so that a match found in normalised text can be cut out of the original.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "BLANK_MARKS",
    "IDEOGRAPH",
    "Compact",
    "compact",
    "label_key",
    "normalise",
    "parse_count",
    "parse_decimal",
    "simplifier",
    "to_simplified",
]

# Traditional characters frequent in annual reports; one of them present means "convert".
_TRADITIONAL_HINTS = frozenset(
    "國開報資訊關與處發統總計無規條區權複訴訟請實際數據務機構辦結轉這們會議門應當對內"
    "審義體產業術織綜廳縣當聯財稅營衛為於證書檔號廣來個時間"
)

# One character to one character, so positions survive: full-width forms, ideographic space,
# the many dashes, quotes dropped to a neutral mark, enumeration commas unified.
_TABLE: dict[int, str] = {}
for _code in range(0xFF01, 0xFF5F):
    _TABLE[_code] = chr(_code - 0xFEE0)
_TABLE.update(
    {
        0x3000: " ",
        0x00A0: " ",
        0x2002: " ",
        0x2003: " ",
        0x2009: " ",
        0x200B: " ",
        0xFEFF: " ",
        0x3001: ",",  # 、
        0xFF0C: ",",  # ，
        0xFE50: ",",
        0xFF0E: ".",  # ．
        0x3002: "。",
        0x2014: "—",  # — stays one dash
        0x2015: "—",
        0x2013: "—",
        0x2012: "—",
        0x2212: "-",
        0xFE63: "-",
        0x201C: '"',
        0x201D: '"',
        0x2018: "'",
        0x2019: "'",
        0x300C: '"',  # 「
        0x300D: '"',
        0x300E: '"',
        0x300F: '"',
        0x3010: "[",
        0x3011: "]",
        0x3014: "(",  # 〔
        0x3015: ")",
    }
)
_TABLE[0xFF08] = "("
_TABLE[0xFF09] = ")"
# The characters the table changes, found in C: str.translate with a dict looks up every
# character and raises (and drops) a KeyError for each one the table lacks, which is nearly
# every Chinese character; a report changes only 5–8 % of its characters, and a handful of
# distinct ones, each replaced by one str.replace. Every replacement is a character the table
# leaves as it is, so the order of the replacements does not matter.
_ENCLOSED_RANGES = "\u2460-\u24ff\u3200-\u33ff"
"""Circled and parenthesised forms: where one occurs, every character is folded by NFKC."""
_CHANGING = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + _ENCLOSED_RANGES + "]"
)
_SWAP = {chr(code): char for code, char in _TABLE.items()}
assert all(_SWAP.get(char, char) == char for char in _SWAP.values())

BLANK_MARKS = frozenset({"", "-", "—", "——", "--", "/", "／", "无", "不适用", "—/—", "/ "})
"""Cell texts that mean "nothing printed": read as 0 and recorded as blank (spec §9.6–9.7)."""

_SPACE_RUNS = re.compile(r"(\s+)")
_TRADITIONAL = re.compile("[" + "".join(sorted(_TRADITIONAL_HINTS)) + "]")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
"""A CJK unified ideograph: a cell holding one holds words. One pattern for the whole mapper,
as a class of 20 000 characters takes milliseconds to compile."""


def to_simplified(text: str) -> str:
    """The text in simplified characters; converts only if a traditional character is present."""
    if _TRADITIONAL.search(text) is None:
        return text
    return _t2s()(text)


TRADITIONAL_DOCUMENT_HITS = 5
"""Frequent traditional characters a document must hold to be read as a traditional copy.

A simplified page often carries a stray one (a "繁體" switch in the site's header); a
traditional copy of a report holds hundreds."""


def simplifier(texts: Iterable[str]) -> Callable[[str], str]:
    """A converter to simplified characters for a whole document, or `str` if none is needed.

    Decided once per document: a traditional copy has lines ("行政許可", "穩定") whose only
    traditional characters are not among the frequent ones that trigger `to_simplified`.
    """
    hits = _TRADITIONAL.finditer("\n".join(texts))  # one scan, not one per paragraph
    if len(list(itertools.islice(hits, TRADITIONAL_DOCUMENT_HITS))) == TRADITIONAL_DOCUMENT_HITS:
        return _t2s()
    return str


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc  # heavy: imported only for traditional-character input

    converter = opencc.OpenCC("t2s")
    return lambda text: str(converter.convert(text))


def normalise(text: str) -> str:
    """Full-width forms, odd spaces, dashes and quotes unified; same length as `text`.

    Characters outside the table that NFKC would change (e.g. circled digits) are folded one by
    one only when such a character occurs, keeping the common path a single substitution.
    """
    if text.isascii():  # the table and the folding change only other characters
        return text
    out = text
    enclosed = False
    for char in set(_CHANGING.findall(text)):  # one scan finds both kinds
        swap = _SWAP.get(char)
        if swap is None:
            enclosed = True
        else:
            out = out.replace(char, swap)
    if enclosed:
        out = "".join(_fold(char) for char in out)
    return out


def _fold(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


class Compact:
    """A normalised text with all whitespace removed, and where each character came from.

    The way back is kept as runs (where each run of non-space characters starts, in both
    texts) and worked out only when first asked: most compacted lines are only searched, and a
    position per character would cost more than the compacting itself.
    """

    __slots__ = ("_at", "_runs", "normalised", "text")

    def __init__(self, text: str, normalised: str) -> None:
        self.text = text
        self.normalised = normalised
        """`normalise` of the original text: same length, its whitespace still in place."""
        self._runs: list[int] = []
        """Compact index where each run starts; `_at` holds where it starts in `normalised`."""
        self._at: list[int] = []

    def _map(self) -> tuple[list[int], list[int]]:
        if self.text and not self._runs:
            self._runs, self._at = _runs(self.normalised, len(self.text))
        return self._runs, self._at

    def start(self, index: int) -> int:
        """The position in the original text of compact character `index`."""
        if index >= len(self.text):
            return self.end_of_source()
        runs, at = self._map()
        run = bisect.bisect_right(runs, index) - 1
        return at[run] + index - runs[run]

    def end(self, index: int) -> int:
        """The original position just after compact character `index - 1`."""
        if index <= 0:
            return 0
        return self.start(index - 1) + 1

    def end_of_source(self) -> int:
        return self.start(len(self.text) - 1) + 1 if self.text else 0

    def index(self, position: int) -> int:
        """The compact index of the first character at or after original `position`."""
        runs, at = self._map()
        run = bisect.bisect_right(at, position) - 1
        if run < 0:
            return 0
        inside = position - at[run]
        following = runs[run + 1] if run + 1 < len(runs) else len(self.text)
        return min(runs[run] + inside, following)

    @property
    def origin(self) -> list[int]:
        """The position in the original text of every compact character."""
        return [self.start(index) for index in range(len(self.text))]


def _runs(normalised: str, compacted: int) -> tuple[list[int], list[int]]:
    """Where each run of non-space characters starts, in the compact text and in `normalised`.

    Measured in C: where the only spaces are " ", tabs and line breaks (nearly always), by
    splitting at single spaces; else at every run of whitespace with a regular expression,
    which looks at each character in turn and costs several times more.
    """
    parts = normalised.replace("\n", " ").replace("\t", " ").split(" ")
    lengths = list(map(len, parts))
    if sum(lengths) != compacted:  # other whitespace: \r, \v, \u2028…
        lengths = list(map(len, _SPACE_RUNS.split(normalised)))
        every = list(itertools.accumulate(lengths, initial=0))
        return list(itertools.accumulate(lengths[0::2], initial=0))[:-1], every[0::2]
    # part i starts after the parts before it and a space after each; empty parts are no runs
    before = itertools.compress(itertools.accumulate(lengths, initial=0), lengths)
    spaces = itertools.compress(itertools.count(), lengths)
    at = list(map(operator.add, before, spaces))
    runs = list(itertools.accumulate(itertools.compress(lengths, lengths), initial=0))[:-1]
    return runs, at


def compact(text: str) -> Compact:
    """`text` normalised and stripped of whitespace, with a map back to `text`'s positions."""
    norm = normalise(text)
    return Compact("".join(norm.split()), norm)


def label_key(text: str) -> str:
    """A label reduced for matching: simplified, normalised, no whitespace, no quotes."""
    key = "".join(normalise(to_simplified(text)).split())
    return key.replace('"', "").replace("'", "").replace("。", "")


def parse_count(cell: str) -> tuple[int | None, bool]:
    """A printed count cell as (value, blank); blank/dash cells are (0, True), junk (None, False).

    Thousands separators and a trailing 件/个/条 are accepted; a signed value ("+12", "-3") is
    returned with its sign (the 2019 layout's 本年增/减).
    """
    if cell.isascii() and cell.isdigit():  # the common cell: plain digits
        return int(cell), False
    if not cell:  # the other common one: nothing printed
        return 0, True
    text = "".join(normalise(cell).split()).replace(",", "")
    if text in BLANK_MARKS:
        return 0, True
    text = text.rstrip("件个条项次")
    if text.startswith("+"):
        text = text[1:]
    if text.lstrip("-").isdigit():
        return int(text), False
    return None, False


def parse_decimal(cell: str) -> tuple[Decimal | None, bool, str]:
    """A printed amount as (value, blank, unit); the unit is the text after the number."""
    text = "".join(normalise(cell).split()).replace(",", "")
    if text in BLANK_MARKS:
        return Decimal(0), True, ""
    match = _NUMBER.match(text)
    if match is None:
        return None, False, ""
    try:
        value = Decimal(match.group())
    except InvalidOperation:  # pragma: no cover - the pattern only admits numbers
        return None, False, ""
    return value, False, text[match.end() :]
