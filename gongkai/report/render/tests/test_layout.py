"""The shared layout: spans that tile each table, cell texts, title and sections."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.report.catalogue import SECTIONS, Layout
from gongkai.report.model import AnnualReport
from gongkai.report.render.grid import CellKind, cell_text, placed_cells, text_grid
from gongkai.report.render.layout import document_layout, report_title
from gongkai.report.render.tests.reports import BLANK_PATH, UNREADABLE_PATH, distinct_report


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (17, "17"),
        (-8, "-8"),
        (Decimal("0.35"), "0.35"),
        (Decimal("12.3500"), "12.3500"),
        (Decimal("1E+2"), "100"),
        (None, ""),
    ],
)
def test_cell_text_prints_numbers_plainly(value: int | Decimal | None, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize("layout", list(Layout))
def test_every_table_tiles_its_grid_exactly(layout: Layout) -> None:
    # given any report, when laid out, then each table's cells cover its grid once
    document = document_layout(distinct_report(layout))
    for table in document.tables():
        covered: set[tuple[int, int]] = set()
        for r, c, cell in placed_cells(table):
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in covered
                    covered.add((r + dr, c + dc))
        assert covered == {(r, c) for r in range(len(table.rows())) for c in range(table.width)}


def test_blank_and_unreadable_cells_print_empty_and_keep_no_number() -> None:
    # given a report with one cell printed blank and one unreadable
    document = document_layout(distinct_report(Layout.Y2021))

    # when its value cells are collected by path
    cells = {
        cell.path: cell
        for table in document.tables()
        for _, _, cell in placed_cells(table)
        if cell.kind is CellKind.VALUE
    }

    # then both are empty, and other cells keep their numbers
    for path in (BLANK_PATH, UNREADABLE_PATH):
        assert cells[path].text == "" and cells[path].number is None
    assert cells["active/fees_10k_yuan"].number == Decimal("12.3456")


def test_title_and_sections_follow_the_catalogue() -> None:
    report = distinct_report(Layout.Y2021)
    document = document_layout(report)
    assert document.title == "示例市测试局2023年政府信息公开工作年度报告"
    assert [section.title for section in document.sections] == [
        f"{section.number}、{section.heading}" for section in SECTIONS
    ]
    assert [section.table.sheet for section in document.sections if section.table] == [
        "表二",
        "表三",
        "表四",
    ]
    assert document.sections[4].paragraphs == tuple(report.text["problems"].splitlines())


def test_title_without_year_names_the_agency_only() -> None:
    report = AnnualReport.empty(agency="某局", year=None, layout=Layout.Y2021)
    assert report_title(report) == "某局政府信息公开工作年度报告"


def test_extra_rows_of_table_two_are_printed_after_the_official_rows() -> None:
    # given a report with a local row the parser kept
    report = AnnualReport.empty(agency="某局", year=2020, layout=Layout.Y2019)
    report.extra_rows = {"其他主动公开文件": ["5", "", "9"]}

    # when laid out
    grid = text_grid(document_layout(report).tables()[0])

    # then it is the last row of table 二, label first
    assert grid[-1] == ["其他主动公开文件", "5", "", "9"]
