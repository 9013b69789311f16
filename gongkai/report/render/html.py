"""Write an annual report as one self-contained, accessible HTML page in the official layout.

Semantic tables (<caption>, <thead>, <th scope>, colspan/rowspan as printed), lang="zh-CN",
embedded CSS and no external resource, so the page prints on A4 as it shows and WeasyPrint can
turn it into the PDF. Each value cell carries its cell path in `data-path`.
"""

from __future__ import annotations

from html import escape

from gongkai.report.model import AnnualReport
from gongkai.report.render.grid import (
    Cell,
    CellKind,
    DocumentLayout,
    Row,
    SectionLayout,
    TableLayout,
)
from gongkai.report.render.layout import document_layout

__all__ = ["CSS", "FONT_STACK", "render", "report_article", "report_html"]

FONT_STACK = '"FangSong", "仿宋", "STFangsong", "SimSun", "宋体", "Noto Serif CJK SC"'
"""The official 仿宋 first, then 宋体; every list ends in Noto Serif CJK SC (no tofu on Linux)."""

_TITLE_STACK = '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC"'

CSS = f"""
@page {{ size: A4 portrait; margin: 25mm 20mm 22mm 20mm;
  @bottom-center {{ content: counter(page); font-size: 9pt; }} }}
html {{ font-family: {FONT_STACK}, serif; font-size: 12pt; line-height: 1.6; color: #000; }}
body {{ margin: 0; }}
article {{ max-width: 170mm; margin: 0 auto; }}
h1 {{ font-family: {_TITLE_STACK}, serif; font-size: 18pt; font-weight: bold;
  text-align: center; line-height: 1.4; margin: 0 0 1em; }}
h2 {{ font-size: 14pt; font-weight: bold; margin: 1.2em 0 0.5em; break-after: avoid; }}
p {{ text-indent: 2em; margin: 0 0 0.4em; text-align: justify; }}
table {{ border-collapse: collapse; table-layout: fixed; width: 100%; font-size: 9pt;
  line-height: 1.3; margin: 0.5em 0 1em; }}
table.applications {{ break-inside: avoid; }}
table.reviews {{ font-size: 8pt; }}
table.reviews th, table.reviews td {{ padding: 2pt 1pt; }}
caption {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }}
thead {{ display: table-row-group; }}
tr {{ break-inside: avoid; }}
th, td {{ border: 0.75pt solid #000; padding: 2pt 3pt; text-align: center;
  vertical-align: middle; }}
th {{ font-weight: normal; }}
th[scope="colgroup"], th.item {{ font-weight: bold; }}
th[scope="row"] {{ text-align: left; }}
td {{ font-variant-numeric: tabular-nums; }}
td.note {{ font-size: 8pt; text-align: left; }}
table.active th.item {{ text-align: left; background: #f2f2f2; }}
@media screen {{ body {{ padding: 1.5em; }} }}
@media print {{ caption {{ display: none; }} }}
"""


def report_html(report: AnnualReport) -> str:
    """The report as a complete HTML document (text)."""
    return _document(document_layout(report))


def report_article(report: AnnualReport) -> str:
    """The report's title, sections and tables as one <article> (no page, no style), for a
    page of its own site to embed (the portal's annual-report page)."""
    document = document_layout(report)
    return "\n".join(_article(document))


def render(report: AnnualReport) -> bytes:
    """The report as UTF-8 HTML."""
    return report_html(report).encode("utf-8")


def _document(document: DocumentLayout) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        f'<meta name="gongkai:agency" content="{escape(document.agency)}">',
        f'<meta name="gongkai:year" content="{document.year if document.year else ""}">',
        f'<meta name="gongkai:layout" content="{document.layout.value}">',
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *_article(document),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _article(document: DocumentLayout) -> list[str]:
    parts = ["<article>", f"<h1>{escape(document.title)}</h1>"]
    for index, section in enumerate(document.sections, start=1):
        parts.append(_section(section, f"s{index}"))
    parts.append("</article>")
    return parts


def _section(section: SectionLayout, anchor: str) -> str:
    parts = [
        f'<section aria-labelledby="{anchor}">',
        f'<h2 id="{anchor}">{escape(section.title)}</h2>',
    ]
    parts.extend(f"<p>{escape(paragraph)}</p>" for paragraph in section.paragraphs)
    if section.table is not None:
        parts.append(_table(section.table))
    parts.append("</section>")
    return "\n".join(parts)


def _table(table: TableLayout) -> str:
    parts = [
        f'<table class="{table.key}">',
        f"<caption>{escape(table.caption)}</caption>",
        _colgroup(table),
    ]
    if table.head:
        parts.append("<thead>")
        parts.extend(_row(row) for row in table.head)
        parts.append("</thead>")
    for body in table.bodies:
        parts.append("<tbody>")
        parts.extend(_row(row) for row in body)
        parts.append("</tbody>")
    parts.append("</table>")
    return "\n".join(parts)


def _colgroup(table: TableLayout) -> str:
    """Column widths in percent: label columns wide enough for the official labels."""
    labels = _LABEL_WIDTHS.get(table.label_columns, ())
    rest = table.width - len(labels)
    share = (100 - sum(labels)) / rest
    widths = [*labels, *([share] * rest)]
    cols = "".join(f'<col style="width: {width:.2f}%">' for width in widths)
    return f"<colgroup>{cols}</colgroup>"


_LABEL_WIDTHS: dict[int, tuple[float, ...]] = {0: (), 1: (34.0,), 3: (9.0, 9.0, 30.0)}


def _row(row: Row) -> str:
    return "<tr>" + "".join(_cell(cell) for cell in row.cells) + "</tr>"


_SCOPES = {
    CellKind.ITEM: "colgroup",
    CellKind.COLUMN_GROUP: "colgroup",
    CellKind.COLUMN: "col",
    CellKind.ROW_LABEL: "row",
}


def _cell(cell: Cell) -> str:
    attrs = []
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    scope = _SCOPES.get(cell.kind)
    if scope is not None:
        tag = "th"
        attrs.insert(0, f'scope="{scope}"')
        if cell.kind is CellKind.ITEM:
            attrs.append('class="item"')
    else:
        tag = "td"
        if cell.kind is CellKind.NOTE:
            attrs.append('class="note"')
        if cell.path is not None:
            attrs.append(f'data-path="{escape(cell.path)}"')
    opening = " ".join([tag, *attrs])
    return f"<{opening}>{escape(cell.text)}</{tag}>"
