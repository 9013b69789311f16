"""Read a text PDF into paragraphs and cell grids, in reading order, page breaks undone.

PDFium (pypdfium2) gives the text lines with their positions quickly; pdfplumber finds the
ruled tables, and only on pages that draw vector paths. Lines inside a table's box belong to
the table; the others are grouped into paragraphs by indentation, short last lines and
vertical gaps. A table that ends a page and one that starts the next are one table. Cell text
wrapped inside a cell is joined (CJK without spaces); everything else is left as printed.
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.text import extract_text

from gongkai.report.model import ReportError
from gongkai.report.parse.document import Block, Document, Table, join_wrapped
from gongkai.report.parse.readers.limits import (
    MAX_PAGES,
    MAX_PDF_PAGE_OBJECTS,
    MAX_PDF_TABLE_OBJECTS,
    TooLarge,
    check_chars,
    check_pdf_streams,
    check_time,
)

__all__ = ["read"]

_CJK = (
    "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
_CJK_SPACE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(第\s*)?\d+\s*(页)?\s*([/／]\s*\d+|共\s*\d+\s*页)?[-—–－\s]*$"
)
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_FORM_DEPTH = 16
"""How deep forms inside forms are counted (pdfminer follows them all)."""
_ERR_PASSWORD = 4
_ERR_SECURITY = 5


@dataclass(slots=True)
class _Line:
    text: str
    page: int
    left: float
    right: float
    top: float
    bottom: float


@dataclass(slots=True)
class _PageTable:
    rows: list[list[str]]
    top: float
    bottom: float
    left: float
    right: float
    page: int
    merged_down: frozenset[int] = frozenset()
    """Columns whose first-row cell spans the row below (a merged cell, maybe cut by a page)."""


def read(data: bytes) -> Document:
    """Read a PDF's text layer into a Document; ReportError for damaged or scanned files."""
    if not data.strip():
        raise ReportError("PDF 文件为空")
    if b"%PDF" not in data[:1024]:
        raise ReportError("文件不是 PDF")
    check_pdf_streams(data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (_ERR_PASSWORD, _ERR_SECURITY):
            raise ReportError("PDF 文件已加密，无法读取") from None
        raise ReportError("PDF 文件已损坏或被截断") from None
    try:
        pages = len(pdf)
        if pages == 0:
            raise ReportError("PDF 文件没有页面")
        if pages > MAX_PAGES:
            raise TooLarge(f"文件过大：页数超过 {MAX_PAGES} 页（共 {pages} 页）")
        lines: list[list[_Line]] = []
        ruled: list[int] = []
        characters = work = 0
        for number in range(pages):
            check_time()
            page = pdf[number]
            lines.append(_page_lines(page, number))
            on_page = sum(len(line.text) for line in lines[-1])
            characters += on_page
            check_chars(characters)
            if _may_hold_table(page):
                ruled.append(number)
                work += _table_work(page, number, on_page)
        title = str(pdf.get_metadata_dict().get("Title", "") or "").strip()
    except pdfium.PdfiumError:
        raise ReportError("PDF 文件已损坏或被截断") from None
    finally:
        pdf.close()
    if not any(line.text.strip() for page_lines in lines for line in page_lines):
        raise ReportError("PDF 没有文字层（可能是扫描件），无法读取")
    if work > MAX_PDF_TABLE_OBJECTS:
        raise TooLarge(
            f"文件过大：PDF 中待识别表格的页面过于复杂"
            f"（图形和文字合计超过 {MAX_PDF_TABLE_OBJECTS // 10_000} 万个）"
        )
    tables = _tables(data, ruled)
    blocks = _blocks(lines, tables)
    return Document(kind="pdf", blocks=blocks, pages=pages, title=title)


def _clean(text: str | None) -> str:
    """A cell's or line's text: wrapped lines joined, spaces between CJK characters removed."""
    if not text:
        return ""
    return _CJK_SPACE.sub("", join_wrapped(text.splitlines()))


def _table_work(page: pdfium.PdfPage, number: int, characters: int) -> int:
    """What looking for tables on the page will cost: its drawn objects (forms' included)
    and characters, each a Python object to pdfminer; TooLarge past the page's limit."""
    limit = MAX_PDF_PAGE_OBJECTS - characters
    objects = _count_objects(page.raw, limit)
    if objects > limit:
        raise TooLarge(
            f"文件过大：PDF 第 {number + 1} 页过于复杂"
            f"（图形和文字超过 {MAX_PDF_PAGE_OBJECTS // 10_000} 万个）"
        )
    return objects + characters


def _count_objects(parent: object, limit: int, *, level: int = 0) -> int:
    """The objects on a page (or in a form, below the page), the forms' own counted to
    _FORM_DEPTH levels; counting stops once past `limit`. Raw PDFium calls: a wrapper object
    per page object would cost more than the count."""
    if level:
        count, get = pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject
    else:
        count, get = pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
    total = objects = int(count(parent))
    if objects < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    if level + 1 >= _FORM_DEPTH:
        return total
    for index in range(objects):
        if total > limit:
            break
        obj = get(parent, index)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
            total += _count_objects(obj, limit - total, level=level + 1)
    return total


def _may_hold_table(page: pdfium.PdfPage) -> bool:
    """Whether the page draws something like a ruled grid: worth pdfplumber's slow parse.

    Two vertical rules, two boxes side by side, a many-segment path or a form XObject qualify;
    shaded text lines stacked one above the other (a common word-processor export) do not.
    """
    verticals = 0
    lefts_by_top: dict[int, set[int]] = {}
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return True
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if pdfium_c.FPDFPath_CountSegments(obj) > 12:
            return True
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        width, height = right.value - left.value, top.value - bottom.value
        if width <= 3 and height >= 8:
            verticals += 1
        elif width > 3 and height > 3:
            lefts_by_top.setdefault(round(top.value), set()).add(round(left.value))
        if verticals >= 2 or any(len(lefts) >= 2 for lefts in lefts_by_top.values()):
            return True
    return False


def _page_lines(page: pdfium.PdfPage, number: int) -> list[_Line]:
    """The page's text lines, top to bottom, pieces on one baseline joined."""
    height = page.get_height()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    pieces: list[_Line] = []
    start = 0
    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for chunk in text.split("\r\n"):
        lefts: list[float] = []
        rights: list[float] = []
        bottoms: list[float] = []
        tops: list[float] = []
        for index, char in enumerate(chunk, start):
            if char.isspace():
                continue
            if not pdfium_c.FPDFText_GetCharBox(raw, index, left, right, bottom, top):
                raise pdfium.PdfiumError("Failed to get charbox.")
            if right.value > left.value or top.value > bottom.value:
                lefts.append(left.value)
                rights.append(right.value)
                bottoms.append(bottom.value)
                tops.append(top.value)
        start += len(chunk) + 2
        if not lefts:
            continue
        pieces.append(
            _Line(
                text=chunk,
                page=number,
                left=min(lefts),
                right=max(rights),
                top=height - max(tops),
                bottom=height - min(bottoms),
            )
        )
    pieces.sort(key=lambda line: (line.top + line.bottom) / 2)
    merged: list[_Line] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        middle = (piece.top + piece.bottom) / 2
        if last is not None and last.top <= middle <= last.bottom:
            first, second = sorted((last, piece), key=lambda line: line.left)
            gap = " " if second.left - first.right > (first.bottom - first.top) else ""
            last.text = first.text.rstrip() + gap + second.text.lstrip()
            last.left, last.right = first.left, max(first.right, second.right)
            last.top, last.bottom = min(last.top, piece.top), max(last.bottom, piece.bottom)
        else:
            merged.append(piece)
    for line in merged:
        line.text = _CJK_SPACE.sub("", line.text.strip())
    return merged


def _tables(data: bytes, numbers: list[int]) -> dict[int, list[_PageTable]]:
    """Ruled data tables per page number; frames around plain text are not tables."""
    found: dict[int, list[_PageTable]] = {}
    if not numbers:
        return found
    try:
        with _quiet_pdfminer(), pdfplumber.open(io.BytesIO(data)) as plumber:
            for number in numbers:
                check_time()
                page = plumber.pages[number]
                found[number] = [
                    table
                    for table in (
                        _page_table(t, _extract(t, page.chars), number)
                        for t in page.find_tables(_TABLE_SETTINGS)
                    )
                    if table is not None
                ]
    except ReportError:
        raise
    except Exception as error:  # pdfminer raises many unrelated types on broken files
        raise ReportError("PDF 文件已损坏或被截断") from error
    return found


_CHATTY = ("pdfminer.psparser", "pdfminer.pdfinterp")
"""pdfminer's loggers that it calls for every token of a page's content (a debug call each
time, several per operator: some 5 % of reading a page even when the level drops them)."""


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer silent: it logs every damaged operator to stderr, and the caller wants one
    reason or none; its per-token debug calls on the chatty loggers cost nothing."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    chatty = [logging.getLogger(name) for name in _CHATTY]
    for each in chatty:
        each.debug = _ignore  # type: ignore[method-assign]
    try:
        yield
    finally:
        for each in chatty:
            vars(each).pop("debug", None)
        logger.setLevel(level)


def _ignore(*_args: object, **_kwargs: object) -> None:
    return None


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if cell)


def _page_table(
    table: pdfplumber.table.Table, raw: list[list[str | None]], number: int
) -> _PageTable | None:
    rows = [[_clean(cell) for cell in row] for row in raw]
    if not rows or max(_filled(row) for row in rows) <= 1:
        return None  # a frame around text, or a single box
    # Leading one-cell rows are text framed with the table; the last of them is its caption.
    first = 0
    while first + 1 < len(rows) and _filled(rows[first]) <= 1 and _filled(rows[first + 1]) <= 1:
        first += 1
    merged_down = frozenset(
        column
        for column, cell in enumerate(raw[first])
        if cell is not None
        and first + 1 < len(raw)
        and column < len(raw[first + 1])
        and raw[first + 1][column] is None
    )
    while rows and not any(rows[-1]):
        rows.pop()
    row_boxes = table.rows
    top = row_boxes[first].bbox[1] if first < len(row_boxes) else table.bbox[1]
    x0, _, x1, bottom = table.bbox
    return _PageTable(
        rows=rows[first:],
        top=top,
        bottom=bottom,
        left=x0,
        right=x1,
        page=number,
        merged_down=merged_down,
    )


def _extract(table: pdfplumber.table.Table, chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """The table's cell texts, as pdfplumber's `Table.extract()` gives them, with the page's
    characters narrowed to the table's box first: `extract` tests every character of the page
    against every row. A character is in a box if its middle is (left and top edges included)."""
    x0, top, x1, bottom = table.bbox
    inside = [char for char in chars if _in_box(char, x0, top, x1, bottom)]
    rows: list[list[str | None]] = []
    for row in table.rows:
        row_chars = [char for char in inside if _in_box(char, *row.bbox)]
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            cell_chars = [char for char in row_chars if _in_box(char, *cell)]
            cells.append(extract_text(cell_chars) if cell_chars else "")
        rows.append(cells)
    return rows


def _in_box(char: dict[str, Any], x0: float, top: float, x1: float, bottom: float) -> bool:
    middle = (char["top"] + char["bottom"]) / 2
    centre = (char["x0"] + char["x1"]) / 2
    return bool(centre >= x0 and centre < x1 and middle >= top and middle < bottom)


def _inside(line: _Line, table: _PageTable) -> bool:
    middle = (line.top + line.bottom) / 2
    centre = (line.left + line.right) / 2
    return table.top <= middle <= table.bottom and table.left <= centre <= table.right


def _blocks(lines: list[list[_Line]], tables: dict[int, list[_PageTable]]) -> list[Block]:
    """Interleave paragraphs and tables in reading order, joining across page breaks."""
    items: list[_Line | _PageTable] = []
    for number, page_lines in enumerate(lines):
        page_tables = tables.get(number, [])
        kept = [
            line
            for line in page_lines
            if not any(_inside(line, table) for table in page_tables)
            and not _PAGE_NUMBER.match(line.text)
        ]
        page_items: list[tuple[float, _Line | _PageTable]] = [(line.top, line) for line in kept]
        page_items += [(table.top, table) for table in page_tables]
        page_items.sort(key=lambda item: item[0])
        items.extend(item for _, item in page_items)
    metrics = _Metrics([line for line in items if isinstance(line, _Line)])
    blocks: list[Block] = []
    paragraph: list[_Line] = []
    grid: list[list[str]] = []

    def flush() -> None:
        nonlocal grid
        if paragraph:
            blocks.append(join_wrapped(line.text for line in paragraph))
            paragraph.clear()
        if grid:
            width = max(len(row) for row in grid)
            blocks.append(Table(rows=tuple(tuple(row + [""] * (width - len(row))) for row in grid)))
            grid = []

    grid_page = -1
    for item in items:
        if isinstance(item, _PageTable):
            if paragraph or item.page == grid_page:
                flush()
            if grid:  # a table right after a page-ending table continues it
                _rejoin_cut_cells(grid[-1], item)
            grid.extend(item.rows)
            grid_page = item.page
        else:
            if grid or (paragraph and metrics.starts_paragraph(item, paragraph[-1])):
                flush()
            paragraph.append(item)
    flush()
    return blocks


_NUMBER = re.compile(r"^[\s\d.,+\-—–/%０-９]*$")
_ENUMERATION = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]")


def _rejoin_cut_cells(last_row: list[str], continuation: _PageTable) -> None:
    """Give back to a merged cell the text a page break moved to the next page's first row.

    A label cell spanning several rows and cut by the page break prints its first characters
    above the break ("（四）无") and the rest below ("法提供"), where the rest still spans rows.
    """
    if not continuation.rows:
        return
    first = continuation.rows[0]
    for column in continuation.merged_down:
        if column >= len(first) or column >= len(last_row):
            continue
        above, below = last_row[column], first[column]
        if (
            above
            and below
            and not _NUMBER.match(above)
            and not _NUMBER.match(below)
            and not _ENUMERATION.match(below)
        ):
            last_row[column] = join_wrapped([above, below])
            first[column] = ""


class _Metrics:
    """The body text's margins and line height, to tell where a paragraph starts."""

    def __init__(self, lines: list[_Line]) -> None:
        if lines:
            self.size = statistics.median(line.bottom - line.top for line in lines)
            self.left = _margin([line.left for line in lines], self.size)
            self.right = _right_margin([line.right for line in lines], self.size)
        else:
            self.left, self.right, self.size = 0.0, 0.0, 10.0

    def starts_paragraph(self, line: _Line, previous: _Line) -> bool:
        indent = 0.8 * self.size
        if line.left > self.left + indent:
            return True  # first-line indent, or a centred heading
        if previous.right < self.right - 1.5 * self.size - _lead_width(line.text, self.size):
            return True  # the previous line stopped short, not for want of room: it ended
        return line.page == previous.page and line.top - previous.bottom > 1.2 * self.size


_LATIN_LEAD = re.compile(r"^[（(《“\"]?[0-9A-Za-z.,:/@_%+\-]+")
_UNBREAKABLE = frozenset("，。、；：？！）》」』”’,.;:?!)（《「『“‘(\"'")


def _lead_width(text: str, size: float) -> float:
    """How far short a full line may stop because the next line's start could not be cut.

    A Latin word or number ("2025", a web address) is moved whole to the next line, and a
    line may neither start with closing punctuation nor end with an opening quote, so the
    characters around a quote or bracket near the start move with it.
    """
    lead = _LATIN_LEAD.match(text)
    if lead:
        return len(lead.group()) * 0.6 * size
    marks = [index for index, char in enumerate(text[:4]) if char in _UNBREAKABLE]
    return (marks[-1] + 1) * size if marks else 0.0


def _right_margin(rights: list[float], size: float) -> float:
    """Where full lines end: the rightmost run of line ends (ragged by under half a character
    from one to the next) that at least two lines share; a lone outlier does not count."""
    runs: list[list[float]] = []
    for right in sorted(rights):
        if runs and right - runs[-1][-1] <= size / 2:
            runs[-1].append(right)
        else:
            runs.append([right])
    shared = [run for run in runs if len(run) >= 2] or runs
    return statistics.median(shared[-1])


def _margin(lefts: list[float], size: float) -> float:
    """The body's left margin: where most lines start, or one indent (about 2em) left of it.

    Where most paragraphs fit on one or two lines the indented first lines outnumber the
    others, so the most frequent start is the indent; continuation lines and headings then
    start two characters further left. Starts within half a character are one column (PDF
    positions jitter).
    """
    columns: list[list[float]] = []
    for left in sorted(lefts):
        if columns and left - columns[-1][0] <= size / 2:
            columns[-1].append(left)
        else:
            columns.append([left])
    fullest = statistics.median(sorted(columns, key=len)[-1])
    for column in columns:
        start = statistics.median(column)
        if len(column) >= 2 and 1.4 * size <= fullest - start <= 2.8 * size:
            return start
    return fullest
