"""Lay an annual report out as the official format prints it, once, for every writer.

The layout is data computed from the catalogue: the title, the six sections in order, and for
tables 二, 三 and 四 their rows of cells with the merged spans of the official format (the
勾稽关系 note in table 三's top-left cell, the label cells of depth 1–3, table 四's three-row
header). The HTML, DOCX, XLSX and text writers only draw it; none of them names a row. What
it is made of (cells, rows, tables, sections) and how cells land on a table's grid: `grid`.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    FOLDED_IN_2019,
    FOLDED_INTO,
    OUTCOME_GROUPS,
    REVIEW_BLOCKS,
    REVIEW_RESULTS,
    SECTIONS,
    T3_BALANCE_NOTE,
    ApplicationRow,
    Layout,
    Outcome,
    application_row,
)
from gongkai.report.model import AnnualReport, active_rows
from gongkai.report.render.grid import (
    Cell,
    CellKind,
    DocumentLayout,
    Row,
    SectionLayout,
    TableLayout,
    cell_text,
)

__all__ = ["document_layout", "report_title"]


# --- The document ------------------------------------------------------------------------------


def report_title(report: AnnualReport) -> str:
    """The conventional title: <机关><年份>年政府信息公开工作年度报告."""
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.agency}{year}政府信息公开工作年度报告"


def document_layout(report: AnnualReport) -> DocumentLayout:
    """The whole report as printed: title, then the six sections with text or a table."""
    values = _Values(report)
    builders = {"二": _active_table, "三": _applications_table, "四": _reviews_table}
    sections = []
    for section in SECTIONS:
        paragraphs: tuple[str, ...] = ()
        table = None
        if section.text_key is not None:
            paragraphs = _paragraphs(report.text.get(section.text_key, ""))
        else:
            table = builders[section.number](report, values, section.number, section.heading)
        sections.append(SectionLayout(section.number, section.heading, paragraphs, table))
    return DocumentLayout(
        title=report_title(report),
        agency=report.agency,
        year=report.year,
        layout=report.layout,
        sections=tuple(sections),
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class _Values:
    """The report's cells by path, with blank-printed cells reading as empty."""

    def __init__(self, report: AnnualReport) -> None:
        self._values = dict(report.numbers())
        self._blank = set(report.blank_cells)

    def cell(self, path: str) -> Cell:
        value = None if path in self._blank else self._values.get(path)
        return Cell(cell_text(value), CellKind.VALUE, path=path, number=value)


def _caption(number: str, heading: str) -> str:
    return f"表{number}　{heading}"


# --- Table 二 ------------------------------------------------------------------------------------


def _active_table(report: AnnualReport, values: _Values, number: str, heading: str) -> TableLayout:
    rows = active_rows(report.layout)
    width = 1 + max(len(row.columns) for row in rows)
    if report.extra_rows:
        width = max(width, 1 + max(len(cells) for cells in report.extra_rows.values()))
    bodies: list[tuple[Row, ...]] = []
    items: list[str] = []
    for row in rows:
        if row.item not in items:
            items.append(row.item)
    for item in items:
        members = [row for row in rows if row.item == item]
        columns = members[0].columns
        spans = _spans(len(columns), width - 1)
        body = [
            Row((Cell(item, CellKind.ITEM, colspan=width),)),
            Row(
                (
                    Cell("信息内容", CellKind.COLUMN),
                    *(
                        Cell(label, CellKind.COLUMN, colspan=span)
                        for (_, label), span in zip(columns, spans, strict=True)
                    ),
                )
            ),
        ]
        for member in members:
            cells = [Cell(member.label, CellKind.ROW_LABEL)]
            for (col, _), span in zip(member.columns, spans, strict=True):
                path = f"active/{member.key}" + (f"/{col}" if col else "")
                cell = values.cell(path)
                cells.append(Cell(cell.text, cell.kind, span, 1, cell.path, cell.number))
            body.append(Row(tuple(cells)))
        bodies.append(tuple(body))
    if report.extra_rows:
        extra = []
        for label, raw in report.extra_rows.items():
            spans = _spans(len(raw), width - 1) if raw else []
            cells = [Cell(label, CellKind.ROW_LABEL, colspan=1 if raw else width)]
            cells.extend(
                Cell(text, CellKind.VALUE, colspan=span)
                for text, span in zip(raw, spans, strict=True)
            )
            extra.append(Row(tuple(cells)))
        bodies.append(tuple(extra))
    return TableLayout(
        key="active",
        sheet=f"表{number}",
        caption=_caption(number, heading),
        width=width,
        head=(),
        bodies=tuple(bodies),
        label_columns=1,
    )


def _spans(count: int, width: int) -> list[int]:
    """Column spans for `count` cells filling `width` grid columns: the last one stretches."""
    return [1] * (count - 1) + [width - count + 1]


# --- Table 三 ------------------------------------------------------------------------------------

_LABEL_COLUMNS_T3 = 3


def _applications_table(
    report: AnnualReport, values: _Values, number: str, heading: str
) -> TableLayout:
    width = _LABEL_COLUMNS_T3 + len(APPLICANT_COLUMNS)
    people, *organisations, total = APPLICANT_COLUMNS
    head = (
        Row(
            (
                Cell(T3_BALANCE_NOTE, CellKind.NOTE, colspan=_LABEL_COLUMNS_T3, rowspan=3),
                Cell("申请人情况", CellKind.COLUMN_GROUP, colspan=len(APPLICANT_COLUMNS)),
            )
        ),
        Row(
            (
                Cell(people.label, CellKind.COLUMN, rowspan=2),
                Cell("法人或其他组织", CellKind.COLUMN_GROUP, colspan=len(organisations)),
                Cell(total.label, CellKind.COLUMN, rowspan=2),
            )
        ),
        Row(tuple(Cell(column.label, CellKind.COLUMN) for column in organisations)),
    )
    body = [
        Row(_label_cells(labels) + _application_values(values, row))
        for row, labels in _application_label_plan(report)
    ]
    return TableLayout(
        key="applications",
        sheet=f"表{number}",
        caption=_caption(number, heading),
        width=width,
        head=head,
        bodies=(tuple(body),),
        label_columns=_LABEL_COLUMNS_T3,
    )


def _application_values(values: _Values, row: ApplicationRow) -> tuple[Cell, ...]:
    return tuple(
        values.cell(f"applications/{row.key}/{column.label}") for column in APPLICANT_COLUMNS
    )


def _label_cells(labels: list[tuple[str, int, int]]) -> tuple[Cell, ...]:
    return tuple(
        Cell(text, CellKind.ROW_LABEL, colspan=colspan, rowspan=rowspan)
        for text, colspan, rowspan in labels
    )


_OUTCOME_GROUP_LABELS = {group.key: group.label for group in OUTCOME_GROUPS}


def _printed_rows(report: AnnualReport) -> list[tuple[ApplicationRow, str | None, str]]:
    """The printed rows of table 三 as (row, outcome group label or None, own label).

    A （六）其他处理 printed as a single row (always in the 2019 layout; in the 2021 layout when
    the report has no numbers for its first two sub-rows) is the group's label on the row
    `other_handling.other`.
    """
    single_other = report.layout is Layout.Y2019 or all(
        report.applications.get(key) is None for key in FOLDED_IN_2019
    )
    other = application_row(FOLDED_INTO)
    other_group = _OUTCOME_GROUP_LABELS[other.group or ""]
    printed: list[tuple[ApplicationRow, str | None, str]] = []
    for row in APPLICATION_ROWS:
        if row.group == other.group and single_other:
            if row.key == other.key:
                printed.append((row, None, other_group))
            continue
        if report.layout not in row.layouts:
            continue
        group = _OUTCOME_GROUP_LABELS.get(row.group or "")
        printed.append((row, group, row.label))
    return printed


def _application_label_plan(
    report: AnnualReport,
) -> Iterator[tuple[ApplicationRow, list[tuple[str, int, int]]]]:
    """For each printed row of table 三, its label cells as (text, colspan, rowspan).

    Depth 1 (一、…, 二、…, 四、…) spans the three label columns; rows under 三、本年度办理结果
    start with that merged cell on the first of them; rows of an outcome group (（三）…（六）)
    carry the group's merged cell on its first row, then their own label.
    """
    printed = _printed_rows(report)
    outer_rows = [row for row, _, _ in printed if _outer_group(row) is not None]
    group_sizes: dict[str, int] = {}
    for _, group, _ in printed:
        if group is not None:
            group_sizes[group] = group_sizes.get(group, 0) + 1
    seen_outer: set[str] = set()
    seen_groups: set[str] = set()
    for row, group, label in printed:
        labels: list[tuple[str, int, int]] = []
        outer = _outer_group(row)
        if outer is None:
            yield row, [(label, _LABEL_COLUMNS_T3, 1)]
            continue
        if outer not in seen_outer:
            seen_outer.add(outer)
            labels.append((outer, 1, len(outer_rows)))
        if group is None:
            labels.append((label, 2, 1))
        else:
            if group not in seen_groups:
                seen_groups.add(group)
                labels.append((group, 1, group_sizes[group]))
            labels.append((label, 1, 1))
        yield row, labels


def _outer_group(row: ApplicationRow) -> str | None:
    """The depth-1 merged label a row sits under (三、本年度办理结果), if any.

    The catalogue names it as the group of the rows directly under it; the outcome groups
    （三）…（六） sit inside it too.
    """
    if row.group is None:
        return None
    if row.group in _OUTCOME_GROUP_LABELS:
        return application_row(Outcome.GRANTED).group
    return row.group


# --- Table 四 ------------------------------------------------------------------------------------


def _reviews_table(report: AnnualReport, values: _Values, number: str, heading: str) -> TableLayout:
    results = len(REVIEW_RESULTS)
    top = REVIEW_BLOCKS[0]
    nested = [block for block in REVIEW_BLOCKS if block.parent is not None]
    parent = nested[0].parent or ""
    head = (
        Row(
            (
                Cell(top.label, CellKind.COLUMN_GROUP, colspan=results),
                Cell(parent, CellKind.COLUMN_GROUP, colspan=results * len(nested)),
            )
        ),
        Row(
            (
                *(Cell(result.label, CellKind.COLUMN, rowspan=2) for result in REVIEW_RESULTS),
                *(Cell(block.label, CellKind.COLUMN_GROUP, colspan=results) for block in nested),
            )
        ),
        Row(
            tuple(Cell(result.label, CellKind.COLUMN) for _ in nested for result in REVIEW_RESULTS)
        ),
    )
    body = Row(
        tuple(
            values.cell(f"reviews/{block.key}/{result.key}")
            for block in REVIEW_BLOCKS
            for result in REVIEW_RESULTS
        )
    )
    return TableLayout(
        key="reviews",
        sheet=f"表{number}",
        caption=_caption(number, heading),
        width=results * len(REVIEW_BLOCKS),
        head=head,
        bodies=((body,),),
        label_columns=0,
    )
