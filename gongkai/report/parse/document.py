"""What every reader produces: a document as paragraphs and cell grids in reading order.

Readers (text, Markdown, HTML, DOCX, PDF, XLSX) know their file format and nothing about the
annual report; the mapper (`gongkai.report.parse.mapper`) knows the report and nothing about
file formats. This module is the seam between them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Block", "Document", "Table"]


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
            sum(len(cell) for row in block.rows for cell in row)
            if isinstance(block, Table)
            else len(block)
            for block in self.blocks
        )

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
