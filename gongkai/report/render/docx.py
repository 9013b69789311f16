"""Write an annual report as a Word document (DOCX) in the official layout.

A4 portrait; the title, the six numbered headings (Word heading styles, so the navigation pane
and a reader both find them), the narrative paragraphs, and tables 二, 三 and 四 drawn from the
shared layout with their merged header and row-label cells and grid borders. Chinese text is
set in 仿宋 (headings 黑体, title 宋体) through the eastAsia font slot.
"""

from __future__ import annotations

from io import BytesIO
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell

from gongkai.report.model import AnnualReport
from gongkai.report.render.grid import CellKind, TableLayout, placed_cells
from gongkai.report.render.layout import document_layout

__all__ = ["render"]

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "宋体"
LATIN_FONT = "Noto Serif CJK SC"
"""Latin and fallback face: present wherever fonts-noto-cjk is, and it has every CJK glyph."""

_PAGE_WIDTH, _PAGE_HEIGHT = Mm(210), Mm(297)
_MARGIN_TOP, _MARGIN_BOTTOM, _MARGIN_SIDE = Mm(25), Mm(22), Mm(20)
_TEXT_WIDTH_MM = 210 - 2 * 20

_LABEL_WIDTHS_MM: dict[int, tuple[float, ...]] = {0: (), 1: (58.0,), 3: (15.0, 16.0, 50.0)}
_TABLE_FONT_PT = {"active": 10.5, "applications": 9.0, "reviews": 8.0}


def render(report: AnnualReport) -> bytes:
    """The report as DOCX bytes."""
    layout = document_layout(report)
    document = Document()
    _page_setup(document)
    _styles(document)
    document.core_properties.title = layout.title
    document.core_properties.author = layout.agency
    document.core_properties.subject = "政府信息公开工作年度报告"
    document.core_properties.keywords = f"layout={layout.layout.value}"
    document.core_properties.comments = ""

    styles: dict[str, ParagraphStyle] = {}
    document.add_paragraph(layout.title, style="Title")
    for section in layout.sections:
        document.add_paragraph(section.title, style="Heading 1")
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph, style="Normal")
        if section.table is not None:
            _table(document, section.table, styles)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


# --- Page and styles ---------------------------------------------------------------------------


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = _PAGE_WIDTH, _PAGE_HEIGHT
    section.top_margin, section.bottom_margin = _MARGIN_TOP, _MARGIN_BOTTOM
    section.left_margin = section.right_margin = _MARGIN_SIDE


def _styles(document: DocxDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _style_font(normal, BODY_FONT, 12, bold=False)
    normal.paragraph_format.first_line_indent = Pt(24)
    normal.paragraph_format.line_spacing = 1.4
    normal.paragraph_format.space_after = Pt(0)

    title = styles["Title"]
    _style_font(title, TITLE_FONT, 18, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = Pt(18)
    _remove_border(title)

    heading = styles["Heading 1"]
    _style_font(heading, HEADING_FONT, 14, bold=False)
    heading.paragraph_format.first_line_indent = Pt(0)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True


def _style_font(style: ParagraphStyle, east_asia: str, size: float, *, bold: bool) -> None:
    font = style.font
    font.name = LATIN_FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _remove_border(style: ParagraphStyle) -> None:
    """Drop the underline border the default template draws below a Title."""
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


# --- Tables --------------------------------------------------------------------------------------


def _table(document: DocxDocument, layout: TableLayout, cache: dict[str, ParagraphStyle]) -> None:
    """Add `layout` as a grid table, merging cells by writing gridSpan and vMerge directly.

    python-docx's `Table.cell()` rescans the whole grid on every call, so merging through it
    is quadratic; the layout already knows every span.
    """
    rows = layout.rows()
    table: Table = document.add_table(rows=len(rows), cols=layout.width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _caption(table, layout.caption)
    widths = _column_widths(layout)
    for index, column in enumerate(table.columns):
        column.width = widths[index]
    size = _TABLE_FONT_PT.get(layout.key, 9.0)
    grid = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for r, c, cell in placed_cells(layout):
        span_width = Emu(sum(widths[c : c + cell.colspan]))
        for dr in range(cell.rowspan):
            tr = table._tbl.tr_lst[r + dr]
            tc = grid[r + dr][c]
            for covered in grid[r + dr][c + 1 : c + cell.colspan]:
                tr.remove(covered)
            if cell.colspan > 1:
                tc.grid_span = cell.colspan
            if cell.rowspan > 1:
                tc.vMerge = "restart" if dr == 0 else "continue"
            tc.width = span_width
        target = _Cell(grid[r][c], table)
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]  # a fresh cell holds one empty paragraph
        # the pStyle id directly: python-docx's style setter rescans every style per call
        paragraph._p.style = _cell_style(document, cache, cell.kind, size).style_id
        paragraph.add_run(cell.text)


def _column_widths(layout: TableLayout) -> list[Length]:
    labels = _LABEL_WIDTHS_MM.get(layout.label_columns, ())
    share = (_TEXT_WIDTH_MM - sum(labels)) / (layout.width - len(labels))
    return [Mm(width) for width in (*labels, *([share] * (layout.width - len(labels))))]


def _cell_style(
    document: DocxDocument, cache: dict[str, ParagraphStyle], kind: CellKind, size: float
) -> ParagraphStyle:
    """The paragraph style of a table cell of `kind` at `size` points, added on first use.

    Styles rather than direct formatting keep the file small and writing fast (python-docx
    builds several XML elements for each directly formatted property).
    """
    left = kind in (CellKind.ROW_LABEL, CellKind.NOTE, CellKind.ITEM)
    bold = kind in (CellKind.ITEM, CellKind.COLUMN_GROUP)
    name = f"表格{'标签' if left else '居中'}{'加粗' if bold else ''}{size:g}磅"
    cached = cache.get(name)
    if cached is not None:
        return cached
    styles = document.styles
    style = cast(ParagraphStyle, styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.paragraph_format.alignment = (
        WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    )
    style.paragraph_format.first_line_indent = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    style.paragraph_format.space_after = Pt(0)
    cache[name] = style
    return style


def _caption(table: Table, caption: str) -> None:
    """Give the table its accessible caption (w:tblCaption, Word's alt-text title)."""
    tbl_pr = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    tbl_pr.append(element)
