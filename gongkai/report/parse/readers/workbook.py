"""The rows of a workbook's first sheet, read within the report readers' limits.

For the register imports (申请登记台账, 行政决定月度数量), which come from outside like the
reports: a file renamed to .xlsx, a truncated sheet, a ZIP bomb, a DTD or a far cell
(XFD1048576) gets a one-line Chinese reason (`ReportError`), never a traceback, a 500 or a grid
of a billion cells.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator

from gongkai.report.model import ReportError
from gongkai.report.parse.readers.limits import (
    MAX_FILE_BYTES,
    MAX_GRID,
    TooLarge,
    check_zip,
)

__all__ = ["MAX_SHEET_BYTES", "READ_SECONDS", "first_sheet_rows"]

MAX_SHEET_BYTES = 16 << 20
"""One XML part once inflated: a register of some 100,000 rows; read as a stream."""
READ_SECONDS = 20.0
"""A register is read whole before anything is stored; well within a web worker's timeout."""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS = "请用 Excel 或 WPS 另存为 .xlsx 后重新导入"


def first_sheet_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    """(row number, cell values) for every row of the first sheet from 1 to its last filled
    one, a missing row as an empty list; each row as long as its last cell, values as openpyxl
    reads them (data only: a formula's cached value). ReportError says why the file cannot be
    read, at the first row or later if the sheet breaks off."""
    deadline = time.monotonic() + READ_SECONDS
    _check(data)
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types on damaged parts
        raise ReportError(f"XLSX 文件已损坏，无法读取，{_SAVE_AS}") from None
    try:
        sheets = [sheet for sheet in book.worksheets if isinstance(sheet, ReadOnlyWorksheet)]
        if not sheets:
            raise ReportError("工作簿中没有工作表")
        sheet = sheets[0]
        next_number, cells = 1, 0
        # What ReadOnlyWorksheet._cells_by_row reads with, without its padding of every row
        # to the sheet's width (openpyxl's stubs do not declare these private attributes).
        with sheet._get_source() as source:  # type: ignore[attr-defined]
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,  # type: ignore[attr-defined]
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,  # type: ignore[attr-defined]
                timedelta_formats=book._timedelta_formats,  # type: ignore[attr-defined]
            )
            for number, row in parser.parse():
                if time.monotonic() > deadline:
                    raise TooLarge(f"文件过大：读取超过 {READ_SECONDS:g} 秒仍未完成")
                width = max((cell["column"] for cell in row), default=0)
                cells += max(width, 1) + max(0, number - next_number)
                if cells > MAX_GRID:
                    raise TooLarge(f"文件过大：工作表超过 {MAX_GRID // 10_000} 万格")
                while next_number < number:
                    yield next_number, []
                    next_number += 1
                values: list[object] = [None] * width
                for cell in row:
                    values[cell["column"] - 1] = cell["value"]
                yield number, values
                next_number = number + 1
    except ReportError:
        raise
    except Exception:  # a sheet cut short, a malformed cell
        raise ReportError(f"XLSX 文件已损坏或不完整，{_SAVE_AS}") from None
    finally:
        book.close()


def _check(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(f"文件过大：超过 {MAX_FILE_BYTES >> 20} MB")
    if not data.strip():
        raise ReportError("文件为空")
    if data.startswith(_OLE):
        raise ReportError(f"这是旧版 Excel 文件（.xls）或已加密的文件，{_SAVE_AS}")
    if not data.startswith(b"PK"):
        raise ReportError(f"文件不是 XLSX 工作簿（扩展名是 .xlsx，内容却不是），{_SAVE_AS}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if not any(name.startswith("xl/") for name in names):
                raise ReportError(f"压缩包不是 XLSX 工作簿，{_SAVE_AS}")
            check_zip(
                package,
                data,
                kind="XLSX",
                part_limit=MAX_SHEET_BYTES,
                xml_limit=2 * MAX_SHEET_BYTES,
            )
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ReportError(f"XLSX 文件已损坏或不完整，{_SAVE_AS}") from None
