"""Map a read document onto the annual report: title, layout, tables 二/三/四, narrative.

The mapper knows the report and nothing about file formats. It sees the document as lines (a
grid row or a line of text) and finds everything by the official labels: the three tables by
their row labels, the narrative sections by their headings. Whatever it had to assume goes to
`report.notes`; cells printed blank or as a dash go to `report.blank_cells`.
"""

from __future__ import annotations

import re

from gongkai.report.catalogue import APPLICANT_COLUMNS, FOLDED_IN_2019, Layout
from gongkai.report.model import AnnualReport, ReportError, Undecoded
from gongkai.report.parse.document import Document, Table
from gongkai.report.parse.mapping.narrative import read_narrative
from gongkai.report.parse.mapping.normalise import Compact, compact, simplifier
from gongkai.report.parse.mapping.table2 import read_table2
from gongkai.report.parse.mapping.table3 import Unit, read_table3
from gongkai.report.parse.mapping.table4 import read_table4

__all__ = ["map_document"]

_TITLE = re.compile(r"(\d{4})年度?")
_TITLE_YEAR_AFTER = re.compile(r"[(\[]?(\d{4})年?度?[)\]]")
_TITLE_END = re.compile(r"政府信息公开(?:工作)?(?:年度)?报告")
_T4_START = re.compile(r"行政复议")
_T5_START = re.compile(r"存在的?主要问题|存在问题|五,")
_COLUMN_LABELS = [column.label for column in APPLICANT_COLUMNS]


def map_document(doc: Document, *, name: str = "") -> AnnualReport:
    """The annual report in `doc`; ReportError (one line, in Chinese) if it is not one."""
    units = _units(doc)
    flat = "\n".join(_line(cells, grid) for cells, grid in units)
    if not flat.strip():
        raise ReportError("文件内容为空")
    packed = compact(flat)
    text = packed.text
    t2_start = text.find("第二十条第")
    # table 三 after table 二: a page's sidebar may mention 本年新收 before the report
    t3_start = text.find("本年新收", max(t2_start, 0))
    if t3_start < 0:
        t3_start = text.find("本年新收")
    # the table's header: a torn table may print a row's numbers before its label
    if t3_start >= 0:
        t3_header = text.rfind("申请人情况", max(t2_start, 0), t3_start)
    else:
        t3_start = t3_header = text.find("申请人情况", max(t2_start, 0))  # 本年新收 torn apart
    if t3_start < 0 and t2_start < 0:
        raise ReportError("不是政府信息公开工作年度报告（未找到表二、表三）")
    if t3_start < 0:
        raise ReportError("未找到表三（收到和处理政府信息公开申请情况）")
    if t2_start < 0 or t2_start > t3_start:
        raise ReportError("未找到表二（主动公开政府信息情况）")
    carried = text.find("结转下年度", t3_start)
    t4_match = _T4_START.search(text, carried if carried >= 0 else t3_start)
    if t4_match is None:
        raise ReportError("未找到表四（政府信息公开行政复议、行政诉讼情况）")
    t4_start = t4_match.start()
    t5_match = _T5_START.search(text, t4_start)
    t4_end = t5_match.start() if t5_match else len(text)

    agency, year = _title(flat, packed)
    layout = _layout(text[t2_start:t3_start], text, year)
    report = AnnualReport.empty(agency=agency, year=year, layout=layout)
    if year is None:
        report.notes.append("未能从标题中读出报告年度")
    if not agency:
        report.notes.append("未能从标题中读出机关名称")

    t2_text = flat[packed.start(t2_start) : packed.start(t3_start)]
    t2 = read_table2(t2_text, compact(t2_text), layout)
    report.active.update(t2.active)
    report.blank_cells.extend(t2.blank)
    report.notes.extend(t2.notes)
    if t2.found == 0:
        raise ReportError("未找到表二（主动公开政府信息情况）的数据行")

    t3_region = t3_header if t3_header >= 0 else t3_start
    t3 = read_table3(_region(flat, packed, t3_region, t4_start))
    if t3.found < 5:
        raise ReportError("未能读出表三（收到和处理政府信息公开申请情况）")
    for key, cells in t3.rows.items():
        report.applications[key] = cells
    if t3.collapsed or layout is Layout.Y2019:
        report.applications.update(dict.fromkeys(FOLDED_IN_2019))
    if t3.collapsed and layout is Layout.Y2021:
        report.notes.append("表三“（六）其他处理”印为一行，记入“3.其他”，另两行记为未印出")
    report.blank_cells.extend(
        f"applications/{key}/{_COLUMN_LABELS[column]}" for key, column in t3.blank
    )
    report.notes.extend(t3.notes)
    report.undecoded.extend(
        Undecoded(f"applications/{key}", printed, splits) for key, printed, splits in t3.undecoded
    )

    t4 = read_table4(_region(flat, packed, t4_start, t4_end))
    if not t4.found:
        raise ReportError("未能读出表四（政府信息公开行政复议、行政诉讼情况）")
    report.reviews = t4.reviews
    report.blank_cells.extend(f"reviews/{block}/{result}" for block, result in t4.blank)
    report.notes.extend(t4.notes)
    if t4.undecoded is not None:
        report.undecoded.append(Undecoded("reviews", *t4.undecoded))

    report.text = read_narrative(flat, packed, t2_start, t4_end)
    if name:
        report.notes = list(dict.fromkeys(report.notes))
    return report


def _units(doc: Document) -> list[Unit]:
    """The document as lines: grid rows and lines of text, in simplified characters."""
    simplify = simplifier(
        [doc.title, *(block for block in doc.blocks if isinstance(block, str))]
        + ["".join(map("".join, table.rows)) for table in doc.tables()]
    )
    units: list[Unit] = []
    for block in doc.blocks:
        if isinstance(block, Table) and simplify is str:  # a simplified copy: cells as read
            units.extend((row, True) for row in block.rows)
        elif isinstance(block, Table):
            units.extend((tuple(simplify(cell) for cell in row), True) for row in block.rows)
        elif simplify is str:
            lines = block.splitlines()
            if len(lines) == 1:  # most paragraphs
                units.append(((lines[0],), False))
            else:
                units.extend(((line,), False) for line in lines)
        else:
            units.extend(((simplify(line),), False) for line in block.splitlines())
    if doc.title:
        units.insert(0, ((simplify(doc.title),), False))
    return units


def _line(cells: tuple[str, ...], grid: bool) -> str:
    if grid:
        line = "\t".join(cells)
        if "\n" not in line and line.count("\t") == len(cells) - 1:  # no cell holds either
            return line
        return "\t".join(cell.replace("\n", " ").replace("\t", " ") for cell in cells)
    return cells[0].replace("\t", " ")


def _region(flat: str, packed: Compact, start: int, end: int) -> list[Unit]:
    """The lines between two compact positions, as units again (tab lines are grid rows)."""
    piece = flat[packed.start(start) : packed.start(end)]
    return [
        ((tuple(line.split("\t")), True) if "\t" in line else ((line,), False))
        for line in piece.split("\n")
        if line.strip()
    ]


def _title(flat: str, packed: Compact) -> tuple[str, int | None]:
    """Agency and year from the title: "<机关><YYYY>年…报告", "<YYYY>年<机关>…报告" or
    "<机关>…报告（YYYY年度）", the agency maybe on the line above "<YYYY>年…报告"."""
    head = packed.text[:3000]
    for match in _TITLE_END.finditer(head):
        line = _line_start(flat, packed, match.start())
        before = _title_words(head[max(line, match.start() - 60) : match.start()])
        year = _TITLE.search(before)
        trailing = _TITLE_YEAR_AFTER.match(head, match.end())
        if year is None and (trailing is None or not before):
            continue
        if year is not None:
            agency = before[: year.start()].strip(",. ") or before[year.end() :].strip(",. ")
        else:
            agency = before.strip(",. ")
        if not agency and line > 0:
            above = _title_words(head[_line_start(flat, packed, line - 1) : line])
            if len(above) <= 40 and not _TITLE_END.search(above) and not _TITLE.search(above):
                agency = above.strip(",. ")
        found = year if year is not None else trailing
        assert found is not None
        return agency, int(found.group(1))
    return "", None


def _title_words(text: str) -> str:
    """A title line without what a page or a crawler puts before it."""
    text = re.sub(r"^.*(?:标题:|[。:;!?>》])", "", text)
    return re.sub(r"^(?:正文|当前位置.*首页)", "", text)


def _line_start(flat: str, packed: Compact, index: int) -> int:
    """The compact position where the line holding compact character `index` starts."""
    start = flat.rfind("\n", 0, packed.start(index)) + 1
    return packed.index(start)


def _layout(table2: str, text: str, year: int | None) -> Layout:
    """The table layout: by table 二's column headers, then （六）'s sub-rows, then the year."""
    if any(word in table2 for word in ("本年新制作数量", "第二十条第(九)项", "上一年项目数量")):
        return Layout.Y2019
    if any(word in table2 for word in ("本年制发件数", "本年收费金额", "本年处理决定数量")):
        return Layout.Y2021
    if "逾期不补正" in text:
        return Layout.Y2021
    if year is not None:
        return Layout.for_year(year)
    raise ReportError("无法识别报告格式版本（既不是2019年格式也不是2021年格式）")
