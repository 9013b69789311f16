"""Write an annual report as an Excel workbook: one sheet per table, plus the report's facts.

Sheet 报告信息 holds the title, agency, year and layout version and the narrative sections;
sheets 表二, 表三 and 表四 hold the tables from A1 in the official layout, merged header and
label cells merged, counts as numbers and the fee as a decimal number showing its printed
decimal places. A cell the report printed blank (or could not be read) stays empty.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.report.model import AnnualReport
from gongkai.report.render.grid import (
    Cell,
    CellKind,
    DocumentLayout,
    TableLayout,
    placed_cells,
)
from gongkai.report.render.layout import document_layout

__all__ = ["INFO_SHEET", "render"]

INFO_SHEET = "报告信息"
FONT_NAME = "宋体"

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_LABEL_WIDTHS: dict[int, tuple[float, ...]] = {0: (), 1: (26.0,), 3: (10.0, 12.0, 40.0)}


def render(report: AnnualReport) -> bytes:
    """The report as XLSX bytes."""
    layout = document_layout(report)
    workbook = Workbook()
    info = workbook.active
    assert info is not None
    info.title = INFO_SHEET
    _info_sheet(info, layout)
    for table in layout.tables():
        _table_sheet(workbook.create_sheet(table.sheet), table, layout.title)
    workbook.properties.title = layout.title
    workbook.properties.creator = layout.agency
    workbook.properties.subject = "政府信息公开工作年度报告"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _info_sheet(sheet: Worksheet, layout: DocumentLayout) -> None:
    """Key/value rows (标题, 机关, 年度, 格式版本), then each section's heading and text."""
    wrap = Alignment(wrap_text=True, vertical="top")
    rows: list[tuple[str, str | int | None]] = [
        ("标题", layout.title),
        ("机关", layout.agency),
        ("年度", layout.year),
        ("格式版本", layout.layout.value),
    ]
    for key, value in rows:
        sheet.append([key, value])
    sheet.append([])
    for section in layout.sections:
        if section.table is None:
            sheet.append([section.title, "\n".join(section.paragraphs) or None])
        else:
            sheet.append([section.title, f"见工作表“{section.table.sheet}”"])
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
            cell.font = Font(name=FONT_NAME, size=11, bold=cell.column == 1)
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 90


def _table_sheet(sheet: Worksheet, table: TableLayout, title: str) -> None:
    for r, c, cell in placed_cells(table):
        row, column = r + 1, c + 1
        target = sheet.cell(row=row, column=column)
        target.value = _value(cell)
        target.font = Font(
            name=FONT_NAME,
            size=9 if table.key == "reviews" else 10,
            bold=cell.kind in (CellKind.ITEM, CellKind.COLUMN_GROUP),
        )
        left = cell.kind in (CellKind.ROW_LABEL, CellKind.NOTE, CellKind.ITEM)
        target.alignment = Alignment(
            horizontal="left" if left else "center", vertical="center", wrap_text=True
        )
        if cell.kind is CellKind.ITEM:
            target.fill = _HEADER_FILL
        if isinstance(cell.number, Decimal):
            target.number_format = _decimal_format(cell.number)
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                sheet.cell(row=row + dr, column=column + dc).border = _BORDER
        if cell.colspan > 1 or cell.rowspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + cell.rowspan - 1,
                end_column=column + cell.colspan - 1,
            )
    labels = _LABEL_WIDTHS.get(table.label_columns, ())
    for index in range(table.width):
        width = labels[index] if index < len(labels) else 11.0
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    header = sheet.oddHeader
    if header is not None:
        header.center.text = f"{title}　{table.caption}"
    sheet.print_title_rows = None


def _value(cell: Cell) -> str | int | Decimal | None:
    """Numbers as numbers; an empty value cell as no value at all; labels as text."""
    if cell.kind is CellKind.VALUE:
        if cell.number is not None:
            return cell.number
        return cell.text or None
    return cell.text or None


def _decimal_format(value: Decimal) -> str:
    """An Excel number format that shows the decimal places the value carries (0.35 → 0.00)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"
