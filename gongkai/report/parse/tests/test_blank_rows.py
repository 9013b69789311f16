"""A table 三 row printed with empty cells is a row of blanks (0, listed), not a missing row."""

from __future__ import annotations

import pytest

from gongkai.report.catalogue import APPLICANT_COLUMNS, Layout, Outcome, SummaryRow, outcome_keys
from gongkai.report.model import AnnualReport
from gongkai.report.parse import read_bytes
from gongkai.report.render import render
from gongkai.report.render.tests.reports import distinct_report
from gongkai.report.rules import Severity, check


def _with_blank_rows(layout: Layout, keys: tuple[str, ...]) -> AnnualReport:
    """Our distinct-figures report with `keys` printed blank, its totals made to add up."""
    report = distinct_report(layout, with_gaps=False)
    width = len(APPLICANT_COLUMNS)
    rows: dict[str, list[int]] = {
        key: [value or 0 for value in cells]
        for key, cells in report.applications.items()
        if cells is not None
    }
    for key in keys:
        rows[key] = [0] * width
        report.blank_cells += [f"applications/{key}/{column.label}" for column in APPLICANT_COLUMNS]
    for row in rows.values():
        row[6] = sum(row[:6])
    outcomes = [key for key in outcome_keys(layout) if key in rows]
    total = [sum(rows[key][column] for key in outcomes) for column in range(width)]
    over, forward = rows[SummaryRow.CARRIED_OVER], rows[SummaryRow.CARRIED_FORWARD]
    new = [total[column] + forward[column] - over[column] for column in range(6)]
    rows[SummaryRow.TOTAL], rows[SummaryRow.NEW] = total, [*new, sum(new)]
    report.applications.update({key: list(cells) for key, cells in rows.items()})
    return report


def _assert_read_back(read: AnnualReport, printed: AnnualReport, keys: tuple[str, ...]) -> None:
    for key, cells in printed.applications.items():
        assert read.applications[key] == cells, key
    for key in keys:
        for column in APPLICANT_COLUMNS:
            assert f"applications/{key}/{column.label}" in read.blank_cells


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "txt"])
def test_the_2019_layout_other_row_printed_with_empty_cells_is_blank(fmt):
    # given a 2019-layout report whose （六）其他处理 row has every value cell empty
    printed = _with_blank_rows(Layout.Y2019, (Outcome.OTHER_HANDLING_OTHER,))
    data = render(printed, fmt)

    # when it is read back
    read = read_bytes(data, f"report.{fmt}")

    # then （六） is a row of blanks, read as 0 and listed, and the report is consistent
    _assert_read_back(read, printed, (Outcome.OTHER_HANDLING_OTHER,))
    assert not [f for f in check(read) if f.severity is Severity.ERROR and f.rule[:3] == "T3."]


OFFICE_CSS = (
    "<style>table, td, th { border: none !important; } td { vertical-align: middle; }"
    " col:first-child { width: 4em }</style>"
)


@pytest.mark.parametrize(
    ("layout", "keys"),
    [
        (
            Layout.Y2019,
            (
                Outcome.OTHER_HANDLING_OTHER,
                Outcome.WITHHELD_INTERNAL_AFFAIRS,
                Outcome.NOT_PROCESSED_REPEATED,
            ),
        ),
        (
            Layout.Y2021,
            (
                Outcome.OTHER_HANDLING_FEE_UNPAID,
                Outcome.WITHHELD_INTERNAL_AFFAIRS,
                Outcome.NOT_PROCESSED_CONFIRMATION_REQUESTED,
            ),
        ),
        (
            Layout.Y2021,
            (
                Outcome.WITHHELD_STATE_SECRET,
                Outcome.WITHHELD_PROHIBITED_BY_LAW,
                SummaryRow.CARRIED_FORWARD,
            ),
        ),
    ],
)
def test_rows_printed_empty_in_an_office_suite_pdf_are_blank(layout, keys):
    # given a web page printed to PDF by an office suite: no ruled lines, so the table comes
    # out as lines of text, labels wrapped onto a second line, three rows with no numbers
    weasyprint = pytest.importorskip("weasyprint")
    from gongkai.report.render.html import report_html

    printed = _with_blank_rows(layout, keys)
    page = report_html(printed).replace("</head>", OFFICE_CSS + "</head>")
    data = weasyprint.HTML(string=page).write_pdf()

    # when it is read
    read = read_bytes(data, "report.pdf")

    # then the three rows are blanks (0, listed) and every other row is read as printed
    _assert_read_back(read, printed, keys)
    assert not [f for f in check(read) if f.severity is Severity.ERROR and f.rule[:3] == "T3."]
