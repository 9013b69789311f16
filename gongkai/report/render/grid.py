"""The printed grid every writer draws: cells with their spans, rows, tables and sections.

`layout.document_layout` fills it from a report; `placed_cells` and `text_grid` put each cell
at its place on a table's grid, for the writers that address cells by row and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from gongkai.report.catalogue import Layout

__all__ = [
    "Cell",
    "CellKind",
    "DocumentLayout",
    "Row",
    "SectionLayout",
    "TableLayout",
    "cell_text",
    "placed_cells",
    "text_grid",
]

Number = int | Decimal


class CellKind(StrEnum):
    """What a printed cell is, which decides how each writer draws it."""

    NOTE = "note"  # table 三's 勾稽关系 note (top-left merged cell)
    ITEM = "item"  # table 二's 第二十条第（…）项 caption row
    COLUMN_GROUP = "column_group"  # a header cell over several columns (申请人情况, 行政诉讼…)
    COLUMN = "column"  # a header cell naming one column
    ROW_LABEL = "row_label"  # a row's label, possibly merged over the rows of its group
    VALUE = "value"  # a number (or an empty cell where the report printed none)


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell: its text, spans, kind, and for a value cell its path and number.

    `number` is the value to store where a format keeps numbers (XLSX); it is None when the
    cell prints empty (unreadable, or printed blank in the source report).
    """

    text: str
    kind: CellKind
    colspan: int = 1
    rowspan: int = 1
    path: str | None = None
    number: Number | None = None

    @property
    def header(self) -> bool:
        """True for every cell but a value: labels, notes and headers."""
        return self.kind is not CellKind.VALUE


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class TableLayout:
    """A table as printed: `head` rows (a header block) then `bodies` (groups of rows).

    `width` is the number of grid columns; every row's cells, with their spans and the
    row-spanning cells of the rows above, cover exactly that many.
    """

    key: str
    sheet: str
    caption: str
    width: int
    head: tuple[Row, ...]
    bodies: tuple[tuple[Row, ...], ...]
    label_columns: int

    def rows(self) -> tuple[Row, ...]:
        """Every row in printed order, header block first."""
        return self.head + tuple(row for body in self.bodies for row in body)


@dataclass(frozen=True, slots=True)
class SectionLayout:
    """A numbered section: its heading, its narrative paragraphs, or its table."""

    number: str
    heading: str
    paragraphs: tuple[str, ...]
    table: TableLayout | None

    @property
    def title(self) -> str:
        """The heading as printed, e.g. 一、总体情况."""
        return f"{self.number}、{self.heading}"


@dataclass(frozen=True, slots=True)
class DocumentLayout:
    title: str
    agency: str
    year: int | None
    layout: Layout
    sections: tuple[SectionLayout, ...]

    def tables(self) -> tuple[TableLayout, ...]:
        return tuple(section.table for section in self.sections if section.table is not None)


def cell_text(value: Number | None) -> str:
    """A value as printed: an int as digits, a Decimal as plain decimal text, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


# --- Placing cells on the grid -----------------------------------------------------------------


def placed_cells(table: TableLayout) -> Iterator[tuple[int, int, Cell]]:
    """Every cell with its (row, column) origin on the grid, skipping positions already covered.

    ValueError if a row does not fill the table's width: the layout would be wrong.
    """
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows()):
        c = 0
        for cell in row.cells:
            while (r, c) in covered:
                c += 1
            yield r, c, cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan
        while (r, c) in covered:
            c += 1
        if c != table.width:
            raise ValueError(f"{table.sheet} 第{r + 1}行宽度为{c}，应为{table.width}")


def text_grid(table: TableLayout) -> list[list[str]]:
    """The table as a full grid of texts: a merged cell's text at its origin, empty elsewhere."""
    rows = table.rows()
    grid = [[""] * table.width for _ in rows]
    for r, c, cell in placed_cells(table):
        grid[r][c] = cell.text
    return grid
