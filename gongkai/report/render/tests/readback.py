"""Read a rendered report back with real readers (lxml, python-docx, openpyxl, pdfplumber).

Each reader returns the document's paragraphs in order (title, headings, narrative) and its
tables as full grids: a merged cell's text at its origin, "" at the positions it covers, and
the merges themselves as (row, column, rowspan, colspan) where the format records them.
Whitespace inside a cell is removed (a PDF wraps long labels).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

Merge = tuple[int, int, int, int]


@dataclass
class Grid:
    cells: list[list[str]]
    merges: set[Merge] | None = None


@dataclass
class ReadBack:
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Grid] = field(default_factory=list)


def _clean(text: str | None) -> str:
    return "".join((text or "").split())


def _grid_from_spans(rows: list[list[tuple[str, int, int]]]) -> Grid:
    """Expand rows of (text, rowspan, colspan) into a grid, the way HTML tables are laid out."""
    placed: dict[tuple[int, int], str] = {}
    merges: set[Merge] = set()
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in placed:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = text if (dr, dc) == (0, 0) else ""
            if rowspan > 1 or colspan > 1:
                merges.add((r, c, rowspan, colspan))
            c += colspan
            width = max(width, c)
    cells = [[placed.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    return Grid(cells, merges)


def read_html(data: bytes) -> ReadBack:
    from lxml import html
    from lxml.html import HtmlElement

    root: HtmlElement = html.fromstring(data)
    out = ReadBack()
    element: HtmlElement
    for element in root.iter("h1", "h2", "p", "table"):
        if element.tag == "table":
            rows = [
                [
                    (
                        _clean(cell.text_content()),
                        int(cell.get("rowspan", 1)),
                        int(cell.get("colspan", 1)),
                    )
                    for cell in tr
                    if cell.tag in ("th", "td")
                ]
                for tr in element.iter("tr")
            ]
            out.tables.append(_grid_from_spans(rows))
        else:
            out.paragraphs.append(element.text_content().strip())
    return out


def read_docx(data: bytes) -> ReadBack:
    from docx import Document
    from docx.table import _Cell

    document = Document(BytesIO(data))
    out = ReadBack(paragraphs=[paragraph.text for paragraph in document.paragraphs])
    for table in document.tables:
        origins: dict[int, tuple[int, int, int]] = {}  # column → (row, rowspan, colspan)
        texts: dict[tuple[int, int], str] = {}
        merges: set[Merge] = set()
        spans: dict[tuple[int, int], list[int]] = {}
        for r, tr in enumerate(table._tbl.tr_lst):
            c = 0
            for tc in tr.tc_lst:
                colspan = tc.grid_span
                if tc.vMerge == "continue":
                    origin_row = origins[c][0]
                    spans[(origin_row, c)][0] += 1
                    for dc in range(colspan):
                        texts[(r, c + dc)] = ""
                else:
                    texts[(r, c)] = _clean(_Cell(tc, table).text)
                    for dc in range(1, colspan):
                        texts[(r, c + dc)] = ""
                    origins[c] = (r, 1, colspan)
                    spans[(r, c)] = [1, colspan]
                c += colspan
        for (r, c), (rowspan, colspan) in spans.items():
            if rowspan > 1 or colspan > 1:
                merges.add((r, c, rowspan, colspan))
        height = len(table._tbl.tr_lst)
        width = max(c for _, c in texts) + 1
        cells = [[texts.get((r, c), "") for c in range(width)] for r in range(height)]
        out.tables.append(Grid(cells, merges))
    return out


def read_xlsx(data: bytes) -> ReadBack:
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(data))
    out = ReadBack()
    info = workbook.worksheets[0]
    for key, value in info.iter_rows(values_only=True):
        if key == "标题":
            out.paragraphs.append(str(value))
        elif isinstance(key, str) and "、" in key:
            out.paragraphs.append(key)
            out.paragraphs.extend(str(value or "").splitlines())
    for sheet in workbook.worksheets[1:]:
        cells = [[_clean(_xlsx_text(cell)) for cell in row] for row in sheet.iter_rows()]
        merges = {
            (rng.min_row - 1, rng.min_col - 1, rng.size["rows"], rng.size["columns"])
            for rng in sheet.merged_cells.ranges
        }
        out.tables.append(Grid(cells, merges))
    return out


def _xlsx_text(cell: Any) -> str:
    """A cell as shown: a decimal number with the places its number format prints."""
    value = cell.value
    if value is None:
        return ""
    _, _, places = str(cell.number_format).partition(".")
    if isinstance(value, float) or (isinstance(value, int) and places):
        # openpyxl reads a whole decimal such as 12.0 back as the int 12; the format shows .0
        return f"{value:.{len(places)}f}"
    return str(value)


def read_pdf(data: bytes) -> ReadBack:
    import pdfplumber

    out = ReadBack()
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            found = page.find_tables()
            text_page = page
            for table in found:
                text_page = text_page.outside_bbox(table.bbox)
                rows = table.extract()
                out.tables.append(Grid([[_clean(cell) for cell in row] for row in rows]))
            out.paragraphs.extend(
                line.strip() for line in (text_page.extract_text() or "").splitlines()
            )
    return out


def read_text(data: bytes) -> ReadBack:
    out = ReadBack()
    for block in data.decode("utf-8").split("\n\n"):
        if "\t" in block:
            out.tables.append(
                Grid([[_clean(cell) for cell in line.split("\t")] for line in block.splitlines()])
            )
        elif block.strip():
            out.paragraphs.extend(line for line in block.splitlines() if line.strip())
    return out


READERS = {
    "html": read_html,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "pdf": read_pdf,
    "txt": read_text,
}
