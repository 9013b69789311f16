"""Read an Excel workbook (XLSX) into paragraphs and cell grids, sheet by sheet.

Each visible sheet is cut at empty rows into blocks. A block of at most two cells a row
(a facts sheet: 标题 | …, section heading | text) becomes paragraphs; any wider block is a
`Table`, whose leading one-cell rows are paragraphs except the last, kept as its caption.
Merged ranges follow `Table`'s convention: the covered cells are empty. Numbers
are written as printed: with the decimal places the cell's number format shows.
"""

from __future__ import annotations

import bisect
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

import openpyxl
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from gongkai.report.model import ReportError
from gongkai.report.parse.document import Block, Document, Table, join_wrapped
from gongkai.report.parse.readers.limits import (
    MAX_CELLS,
    MAX_GRID,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_XML_BYTES,
    TooLarge,
    check_time,
    check_zip,
)

__all__ = ["read"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_FIXED_FORMAT = re.compile(r"^#?,?#*0(?:\.(0+))?$")
_SHORT_LABEL = 4
_SHEET_REFERENCE = re.compile(r"见工作表[“\"'「]([^”\"'」]+)[”\"'」]")
_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def read(data: bytes) -> Document:
    """Read an XLSX workbook into a Document; ReportError for encrypted, old or damaged files."""
    _check_container(data)
    try:
        # Read-only: the sheets are parsed as streams when read, not into grids of cells.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types on damaged parts
        raise ReportError("XLSX 文件已损坏，无法读取") from error
    try:
        counter = _Counter()
        sheets = {
            sheet.title: list(_sheet_blocks(_filled_cells(sheet, counter)))
            for sheet in workbook.worksheets
            if isinstance(sheet, ReadOnlyWorksheet) and sheet.sheet_state == "visible"
        }
        title = (workbook.properties.title or "").strip()
    except ReportError:
        raise
    except Exception as error:
        raise ReportError("XLSX 文件已损坏，无法读取") from error
    finally:
        workbook.close()
    blocks = _spliced(sheets)
    if not blocks:
        raise ReportError("XLSX 工作簿中没有内容")
    return Document(kind="xlsx", blocks=blocks, title=title)


def _spliced(sheets: dict[str, list[Block]]) -> list[Block]:
    """All sheets' blocks in order; a paragraph 见工作表“X” is replaced by sheet X's blocks.

    The project's own workbooks keep the narrative on one sheet and point to each table's
    sheet from its section, so splicing restores the report's reading order.
    """
    referenced = {
        match.group(1)
        for blocks in sheets.values()
        for block in blocks
        if isinstance(block, str) and (match := _SHEET_REFERENCE.fullmatch(block))
    }
    out: list[Block] = []
    for name, blocks in sheets.items():
        if name in referenced:
            continue
        for block in blocks:
            match = _SHEET_REFERENCE.fullmatch(block) if isinstance(block, str) else None
            if match and match.group(1) in sheets:
                out.extend(sheets[match.group(1)])
            else:
                out.append(block)
    return out


def _check_container(data: bytes) -> None:
    """Refuse what is not an XLSX package before openpyxl sees it, naming the reason."""
    if not data.strip():
        raise ReportError("XLSX 文件为空")
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise ReportError("XLSX 文件已加密，无法读取")
        raise ReportError("这是旧版 Excel 文件（.xls），请另存为 .xlsx 后再读取")
    if not data.startswith(b"PK"):
        raise ReportError("文件不是 XLSX（Excel）工作簿")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise ReportError("压缩包不是 XLSX（Excel）工作簿")
            check_zip(
                package,
                data,
                kind="XLSX",
                part_limit=MAX_XLSX_PART_BYTES,
                xml_limit=MAX_XLSX_XML_BYTES,
            )
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ReportError("XLSX 文件已损坏或被截断") from None


def _cell_text(cell: ReadOnlyCell) -> str:
    """A cell's value as printed: numbers with their shown decimals, text with wraps joined."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal):
        fixed = _FIXED_FORMAT.match(str(cell.number_format or ""))
        if fixed:
            places = len(fixed.group(1) or "")
            return f"{Decimal(str(value)):.{places}f}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return join_wrapped(str(value).splitlines())


class _Counter:
    """The workbook's filled cells so far, against MAX_CELLS."""

    def __init__(self) -> None:
        self.cells = 0

    def add(self, count: int) -> None:
        self.cells += count
        if self.cells > MAX_CELLS:
            raise TooLarge(f"文件过大：工作簿中有文字的单元格超过 {MAX_CELLS // 10_000} 万个")


_Cells = dict[int, dict[int, tuple[str, str]]]
"""Row number → column number → (text as printed, text with line breaks kept); filled only."""


def _filled_cells(sheet: ReadOnlyWorksheet, counter: _Counter) -> _Cells:
    """The sheet's filled cells, read as a stream: only what the file holds is kept, so a
    far cell (XFD1048576) costs one entry, not a grid up to it.

    As openpyxl's full load: a cell written twice keeps its last value, and the cells a merged
    range covers (all but its top left) are empty.
    """
    workbook = sheet.parent
    rows: _Cells = {}
    # What ReadOnlyWorksheet._cells_by_row reads with, without its padding of every row to
    # the sheet's width (openpyxl's stubs do not declare these private attributes).
    with sheet._get_source() as source:  # type: ignore[attr-defined]
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,  # type: ignore[attr-defined]
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,  # type: ignore[attr-defined]
            timedelta_formats=workbook._timedelta_formats,  # type: ignore[attr-defined]
        )
        for _, row in parser.parse():
            check_time()
            filled = 0
            for cell in row:
                number, column, value = cell["row"], cell["column"], cell["value"]
                read = ReadOnlyCell(
                    sheet, number, column, value, cell["data_type"], cell["style_id"]
                )
                text = _cell_text(read)
                if not text:
                    rows.get(number, {}).pop(column, None)
                    continue
                raw = value if isinstance(value, str) else text
                rows.setdefault(number, {})[column] = (text, raw)
                filled += 1
            counter.add(filled)
        merged = parser.merged_cells
    if merged:
        _empty_merged(rows, [CellRange(m.ref) for m in merged.mergeCell])
    return {number: cells for number, cells in rows.items() if cells}


def _empty_merged(rows: _Cells, ranges: list[CellRange]) -> None:
    """Empty the cells each range covers but its top left one, visiting only filled cells."""
    numbers = sorted(rows)
    for span in ranges:
        check_time()
        low = bisect.bisect_left(numbers, span.min_row)
        high = bisect.bisect_right(numbers, span.max_row)
        for number in numbers[low:high]:
            cells = rows[number]
            for column in [c for c in cells if span.min_col <= c <= span.max_col]:
                if (number, column) != (span.min_row, span.min_col):
                    del cells[column]


def _sheet_blocks(rows: _Cells) -> Iterator[Block]:
    """Blocks of runs of consecutive filled rows (a row with no filled cell separates them)."""
    segment: list[int] = []
    for number in sorted(rows):
        if segment and number != segment[-1] + 1:
            yield from _run_blocks(rows, segment)
            segment = []
        segment.append(number)
    if segment:
        yield from _run_blocks(rows, segment)


def _run_blocks(rows: _Cells, numbers: list[int]) -> Iterator[Block]:
    """The blocks of one run of rows, laid out over the columns the run fills."""
    first = min(min(rows[number]) for number in numbers)
    last = max(max(rows[number]) for number in numbers)
    width = last - first + 1
    if width * len(numbers) > MAX_GRID:
        raise TooLarge(f"文件过大：工作表中的表格超过 {MAX_GRID // 10_000} 万格")
    texts: list[list[str]] = []
    raws: list[list[str]] = []
    for number in numbers:
        text_row, raw_row = [""] * width, [""] * width
        for column, (text, raw) in rows[number].items():
            text_row[column - first], raw_row[column - first] = text, raw
        texts.append(text_row)
        raws.append(raw_row)
    yield from _segment_blocks(texts, raws)


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if cell)


def _segment_blocks(rows: list[list[str]], raw: list[list[str]]) -> Iterator[Block]:
    if max(_filled(row) for row in rows) <= 2:
        for raw_row in raw:
            yield from _text_row(raw_row)
        return
    first = 0
    while first + 1 < len(rows) and _filled(rows[first]) <= 1 and _filled(rows[first + 1]) <= 1:
        yield from _text_row(raw[first])
        first += 1
    body = rows[first:]
    # Trim empty columns on both sides, shared by every row.
    used = [c for row in body for c, text in enumerate(row) if text]
    start, end = min(used), max(used) + 1
    yield Table(rows=tuple(tuple(row[start:end]) for row in body))


def _text_row(row: list[str]) -> Iterator[str]:
    """Paragraphs of a text row; a short label and a one-line value become "label：value"."""
    cells = [cell.strip() for cell in row if cell.strip()]
    if (
        len(cells) == 2
        and len(cells[0]) <= _SHORT_LABEL
        and not _HEADING.match(cells[0])
        and "\n" not in cells[0]
        and "\n" not in cells[1]
    ):
        yield f"{cells[0]}：{cells[1]}"
        return
    for cell in cells:
        for paragraph in cell.splitlines():
            text = join_wrapped([paragraph])
            if text:
                yield text
