"""What a rendered report must show, stated from the catalogue and the report alone.

These checks do not use the layout module: they restate the official format (positions of the
header cells, label columns of depth 1–3, merged spans) so that a fault in the shared layout
fails here too.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    OUTCOME_GROUPS,
    REVIEW_BLOCKS,
    REVIEW_RESULTS,
    SECTIONS,
    T3_BALANCE_NOTE,
    Layout,
    Outcome,
    OutcomeHeading,
    SummaryRow,
)
from gongkai.report.model import AnnualReport, active_rows
from gongkai.report.render.tests.readback import Grid, Merge, ReadBack

GROUP_LABELS = {group.key: group.label for group in OUTCOME_GROUPS}
RESULTS_LABEL = "三、本年度办理结果"


class Printed:
    """The text each cell must show: empty when unreadable or printed blank."""

    def __init__(self, report: AnnualReport) -> None:
        self.values = dict(report.numbers())
        self.blank = set(report.blank_cells)

    def __call__(self, path: str) -> str:
        value = None if path in self.blank else self.values.get(path)
        return _number_text(value)


def _number_text(value: int | Decimal | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def title(report: AnnualReport) -> str:
    return f"{report.agency}{report.year}年政府信息公开工作年度报告"


def assert_document(read: ReadBack, report: AnnualReport, *, merges: bool) -> None:
    """Title, headings in order with their narrative, then tables 二, 三, 四 in place."""
    squeeze = ["".join(text.split()) for text in read.paragraphs]
    assert squeeze[0] == title(report)
    position = 0
    for section in SECTIONS:
        heading = f"{section.number}、{section.heading}"
        assert heading in squeeze[position:], heading
        position = squeeze.index(heading, position) + 1
        if section.text_key and section.text_key in report.text:
            for paragraph in report.text[section.text_key].splitlines():
                assert squeeze[position] == "".join(paragraph.split()), paragraph
                position += 1
    assert len(read.tables) == 3
    active, applications, reviews = read.tables
    assert_active(active, report, merges=merges)
    assert_applications(applications, report, merges=merges)
    assert_reviews(reviews, report, merges=merges)


def _assert_spans(grid: Grid, expected: set[Merge], *, merges: bool) -> None:
    """Each expected merge shows nothing at the positions it covers (its origin may be empty)."""
    for r, c, rowspan, colspan in expected:
        for dr in range(rowspan):
            for dc in range(colspan):
                if (dr, dc) != (0, 0):
                    assert grid.cells[r + dr][c + dc] == "", (r + dr, c + dc)
    if merges:
        assert grid.merges == expected


def assert_active(grid: Grid, report: AnnualReport, *, merges: bool) -> None:
    printed = Printed(report)
    rows = active_rows(report.layout)
    width = 4
    expected: set[Merge] = set()
    labels = [cells[0] for cells in grid.cells]
    previous = -1
    for row in rows:
        r = labels.index(row.label)
        assert r > previous, row.label
        previous = r
        values = [
            printed(f"active/{row.key}" + (f"/{col}" if col else "")) for col, _ in row.columns
        ]
        assert grid.cells[r][1 : 1 + len(values)] == values, row.key
        header = next(i for i in range(r, -1, -1) if grid.cells[i][0] == "信息内容")
        assert grid.cells[header][1 : 1 + len(values)] == [label for _, label in row.columns]
        assert grid.cells[header - 1][0] == row.item
        expected.add((header - 1, 0, 1, width))
        if len(values) < width - 1:
            for i in (header, r):
                expected.add((i, len(values), 1, width - len(values)))
    _assert_spans(grid, expected, merges=merges)


def _printed_rows(report: AnnualReport) -> list[tuple[str, str | None, str]]:
    """(key, group key or None, label) of table 三's printed data rows, in order."""
    single = report.layout is Layout.Y2019 or (
        report.applications.get(Outcome.OTHER_HANDLING_NO_CLARIFICATION) is None
        and report.applications.get(Outcome.OTHER_HANDLING_FEE_UNPAID) is None
    )
    rows: list[tuple[str, str | None, str]] = []
    for row in APPLICATION_ROWS:
        if row.group == OutcomeHeading.OTHER_HANDLING and single:
            if row.key == Outcome.OTHER_HANDLING_OTHER:
                rows.append((row.key, None, GROUP_LABELS[OutcomeHeading.OTHER_HANDLING]))
            continue
        rows.append((row.key, row.group, row.label))
    return rows


def assert_applications(grid: Grid, report: AnnualReport, *, merges: bool) -> None:
    printed = Printed(report)
    columns = [column.label for column in APPLICANT_COLUMNS]
    assert grid.cells[0][0] == "".join(T3_BALANCE_NOTE.split())
    assert grid.cells[0][3] == "申请人情况"
    assert grid.cells[1][3] == columns[0]
    assert grid.cells[1][4] == "法人或其他组织"
    assert grid.cells[1][9] == columns[6]
    assert grid.cells[2][4:9] == columns[1:6]
    expected: set[Merge] = {(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1)}
    rows = _printed_rows(report)
    top_level = (SummaryRow.NEW, SummaryRow.CARRIED_OVER, SummaryRow.CARRIED_FORWARD)
    results_rows = [i for i, (key, _, _) in enumerate(rows) if key not in top_level]
    first_result = 3 + results_rows[0]
    assert grid.cells[first_result][0] == RESULTS_LABEL
    expected.add((first_result, 0, len(results_rows), 1))
    seen: set[str] = set()
    assert len(grid.cells) == 3 + len(rows)
    for i, (key, group, label) in enumerate(rows):
        r = 3 + i
        cells = grid.cells[r]
        values = [printed(f"applications/{key}/{column}") for column in columns]
        assert cells[3:10] == values, key
        if key in top_level:
            assert cells[0] == label
            expected.add((r, 0, 1, 3))
        elif group is None or group == RESULTS_LABEL:
            assert cells[1] == "".join(label.split()), key
            expected.add((r, 1, 1, 2))
        else:
            assert cells[2] == label, key
            if group not in seen:
                seen.add(group)
                size = sum(1 for _, g, _ in rows if g == group)
                assert cells[1] == GROUP_LABELS[group]
                expected.add((r, 1, size, 1))
    _assert_spans(grid, expected, merges=merges)


def assert_reviews(grid: Grid, report: AnnualReport, *, merges: bool) -> None:
    printed = Printed(report)
    results = [result.label for result in REVIEW_RESULTS]
    assert grid.cells[0][0] == REVIEW_BLOCKS[0].label
    assert grid.cells[0][5] == "行政诉讼"
    assert grid.cells[1][0:5] == results
    assert grid.cells[1][5] == REVIEW_BLOCKS[1].label
    assert grid.cells[1][10] == REVIEW_BLOCKS[2].label
    assert grid.cells[2][5:15] == results * 2
    assert grid.cells[3] == [
        printed(f"reviews/{block.key}/{result.key}")
        for block in REVIEW_BLOCKS
        for result in REVIEW_RESULTS
    ]
    expected: set[Merge] = {(0, 0, 1, 5), (0, 5, 1, 10), (1, 5, 1, 5), (1, 10, 1, 5)}
    expected |= {(1, c, 2, 1) for c in range(5)}
    _assert_spans(grid, expected, merges=merges)
