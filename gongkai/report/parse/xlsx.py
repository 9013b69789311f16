"""Read an Excel workbook (XLSX) into paragraphs and cell grids, sheet by sheet.

Each visible sheet is cut at empty rows into blocks. A block of at most two cells a row
(a facts sheet: 标题 | …, section heading | text) becomes paragraphs; any wider block is a
`Table`, whose leading one-cell rows are paragraphs except the last, kept as its caption.
Merged ranges follow `Table`'s convention: openpyxl leaves the covered cells empty. Numbers
are written as printed: with the decimal places the cell's number format shows.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

import openpyxl
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.report.model import ReportError
from gongkai.report.parse.document import Block, Document, Table
from gongkai.report.parse.html import join_wrapped

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
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many types on damaged parts
        raise ReportError("XLSX 文件已损坏，无法读取") from error
    sheets = {
        sheet.title: list(_sheet_blocks(sheet))
        for sheet in workbook.worksheets
        if sheet.sheet_state == "visible"
    }
    blocks = _spliced(sheets)
    if not blocks:
        raise ReportError("XLSX 工作簿中没有内容")
    title = (workbook.properties.title or "").strip()
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
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ReportError("XLSX 文件已损坏或被截断") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ReportError("压缩包不是 XLSX（Excel）工作簿")


def _cell_text(cell: Cell | MergedCell) -> str:
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


def _sheet_blocks(sheet: Worksheet) -> Iterator[Block]:
    grid = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows()]
    segment: list[list[str]] = []
    raw: list[list[str]] = []
    for row, raw_row in zip(grid, _raw_rows(sheet), strict=True):
        if any(row):
            segment.append(row)
            raw.append(raw_row)
        elif segment:
            yield from _segment_blocks(segment, raw)
            segment, raw = [], []
    if segment:
        yield from _segment_blocks(segment, raw)


def _raw_rows(sheet: Worksheet) -> Iterator[list[str]]:
    """Rows of cell texts with line breaks kept, for paragraphs split where the author did."""
    for row in sheet.iter_rows():
        yield [str(cell.value) if isinstance(cell.value, str) else _cell_text(cell) for cell in row]


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
