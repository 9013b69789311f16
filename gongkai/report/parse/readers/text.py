"""Read plain text: PDF text extractions (cells separated by tabs) and crawler text exports.

Runs of lines that contain a tab become tables (one row per line, cells split at tabs);
every other non-empty line is a paragraph of its own. A crawler export whose body is one long
line stays one paragraph: the mapper finds the tables inside it by their labels.
"""

from __future__ import annotations

import re

from gongkai.report.parse.document import Block, Document, Table
from gongkai.report.parse.readers.decode import decode_text
from gongkai.report.parse.readers.limits import check_chars

__all__ = ["read"]

_NUMBER_CELL = re.compile(r"^\s*(?:[+\-]?[0-9０-９][0-9０-９,，.．]*|[—\-/／]{1,2})\s*$")


def read(data: bytes) -> Document:
    """The text file `data` as paragraphs and tab-separated tables."""
    notes: list[str] = []
    text = decode_text(data, notes)
    check_chars(len(text))
    return Document(kind="text", blocks=blocks_of(text), notes=notes)


def blocks_of(text: str) -> list[Block]:
    """Paragraph lines and tables of tab-separated lines, in reading order.

    A table printed one cell per line (spec §9.9) has each number on a line of its own:
    consecutive such lines are one line of space-separated numbers, as the row printed them.
    """
    blocks: list[Block] = []
    rows: list[list[str]] = []
    numbers: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            blocks.append(grid(rows))
            rows = []
        if _NUMBER_CELL.match(line):
            numbers.append(line.strip())
            continue
        if numbers:
            blocks.append(" ".join(numbers))
            numbers = []
        if line.strip():
            blocks.append(line.strip())
    if numbers:
        blocks.append(" ".join(numbers))
    if rows:
        blocks.append(grid(rows))
    return blocks


def grid(rows: list[list[str]]) -> Table:
    """A table of `rows`, each padded with empty cells to the widest row."""
    width = max(len(row) for row in rows)
    return Table(
        tuple(tuple(cell.strip() for cell in row) + ("",) * (width - len(row)) for row in rows)
    )
