"""What every reader produces: a document as paragraphs and cell grids in reading order.

Readers (`gongkai.report.parse.readers`: text, Markdown, HTML, DOCX, PDF, XLSX) know their file
format and nothing about the annual report; the mapper (`gongkai.report.parse.mapping`) knows the
report and nothing about file formats. This module is the seam between them, with the two
helpers several readers share: joining the pieces of wrapped text (`join_wrapped`) and laying
out merged cells as a full grid (`grid_rows`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

__all__ = [
    "CJK",
    "SPACES",
    "Block",
    "Document",
    "Table",
    "grid_rows",
    "join_tidied",
    "join_wrapped",
]

CJK = (
    "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
"""A character class body: CJK characters and punctuation, no space is put between them."""
SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


@dataclass(frozen=True, slots=True)
class Table:
    """A table as printed: rows of cell texts, merged cells expanded.

    A cell spanning several columns appears once, followed by empty strings for the columns it
    covers; a cell spanning several rows appears in its first row only (empty below), so that
    every row has the grid's full width, as a PDF's text extraction shows it.
    """

    rows: tuple[tuple[str, ...], ...]

    def lines(self) -> Iterator[str]:
        for row in self.rows:
            yield "\t".join(row)


Block = str | Table
"""A paragraph of text, or a table."""


@dataclass(slots=True)
class Document:
    """A document's content in reading order, as its reader found it."""

    kind: str
    """The source type: "text", "markdown", "html", "docx", "pdf", "xlsx"."""
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    title: str = ""
    """A title the container states outside the body (HTML <title>, DOCX core properties)."""
    notes: list[str] = field(default_factory=list)
    """What the reader had to repair to read the file (an invalid byte replaced, …), in
    Chinese; they become notes of the report."""

    def lines(self) -> Iterator[str]:
        """The whole document as lines of text; table rows become tab-separated lines."""
        for block in self.blocks:
            if isinstance(block, Table):
                yield from block.lines()
            else:
                yield from block.splitlines()

    def text(self) -> str:
        return "\n".join(self.lines())

    def characters(self) -> int:
        """How many characters the blocks hold, table cells included."""
        return sum(
            sum(map(len, map("".join, block.rows))) if isinstance(block, Table) else len(block)
            for block in self.blocks
        )

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]


@cache
def _cjk_char() -> re.Pattern[str]:
    """Compiled when first needed: a class of large ranges costs milliseconds to compile, and
    reading a text file never joins wrapped text."""
    return re.compile(f"[{CJK}]")


def join_wrapped(parts: Iterable[str]) -> str:
    """Join pieces of one wrapped text: nothing between CJK characters, a space elsewhere."""
    return join_tidied(SPACES.sub(" ", part).strip() for part in parts)


def join_tidied(pieces: Iterable[str]) -> str:
    """`join_wrapped` of pieces already tidied (single spaces, stripped), as the HTML reader's
    paragraphs are: they are not tidied a second time."""
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if out and not (_cjk_char().match(out[-1]) or _cjk_char().match(piece[0])):
            out += " "
        out += piece
    return out


def grid_rows(cells: list[list[tuple[str, int, int]]]) -> tuple[tuple[str, ...], ...]:
    """Lay out rows of (text, rowspan, colspan) cells as a full grid, per `Table`'s convention.

    A cell spanning columns is followed by empty strings; a cell spanning rows is empty in the
    rows below; every row is padded to the widest row.
    """
    taken: dict[tuple[int, int], str] = {}
    for r, row in enumerate(cells):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = text if dr == 0 and dc == 0 else ""
            c += colspan
    height = max((r for r, _ in taken), default=-1) + 1
    width = max((c for _, c in taken), default=-1) + 1
    return tuple(tuple(taken.get((r, c), "") for c in range(width)) for r in range(height))
