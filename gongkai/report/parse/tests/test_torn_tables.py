"""Table 三 torn apart by a PDF→Markdown converter: number rows placed by order, labels, sums."""

from __future__ import annotations

import pytest

from gongkai.report.catalogue import Outcome, OutcomeHeading, application_row
from gongkai.report.parse import read_bytes
from gongkai.report.parse.mapping.placement import place
from gongkai.report.parse.mapping.rows import RawRow
from gongkai.report.parse.tests.damage import FIGURES, torn_markdown
from gongkai.report.rules import Severity, check

SEEDS = range(30)
ZERO_ROWS = (
    Outcome.WITHHELD_INTERNAL_AFFAIRS,
    Outcome.NOT_PROCESSED_EXCESSIVE,
    Outcome.OTHER_HANDLING_FEE_UNPAID,
)


def _read(text: str):
    return read_bytes(text.encode("utf-8"), "torn.md")


@pytest.mark.parametrize("seed", SEEDS)
def test_every_number_row_of_a_torn_table_is_placed(seed):
    # given table 三 torn into one small table per row, labels loose and broken over lines
    # before, after or around their numbers, group labels in fragments
    report = _read(torn_markdown(seed))

    # then every cell is read as printed, and the report is consistent
    assert report.applications == FIGURES
    assert not [f for f in check(report) if f.severity is Severity.ERROR]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_torn_table_with_rows_printed_without_numbers_is_never_misread(seed):
    # given the torn table with three zero rows printed as a label and no numbers at all
    report = _read(torn_markdown(seed, blank=ZERO_ROWS))

    # then no cell is read wrong: each is the printed number, or unread where the rows'
    # places are not unique, with a note naming the row
    for key, expected in FIGURES.items():
        cells = report.applications[key]
        assert cells is not None
        assert all(cell in (value, None) for cell, value in zip(cells, expected, strict=True))
        if None in cells:
            assert any("无法唯一确定" in note or "未找到" in note for note in report.notes)
    assert not [f for f in check(report) if f.severity is Severity.ERROR]


@pytest.mark.parametrize("seed", range(10))
def test_a_table_with_every_label_loose_and_six_blank_rows_is_never_misread(seed):
    # given a torn table where no row keeps its label in a cell and six rows have no numbers
    blank = (
        *ZERO_ROWS,
        Outcome.WITHHELD_STATE_SECRET,
        Outcome.WITHHELD_SECURITY_STABILITY,
        Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION,
    )
    report = _read(torn_markdown(seed, blank=blank, labelled=False))

    # then every cell read is the printed one (the others unread), and most are read
    cells = [
        (cell, value)
        for key, expected in FIGURES.items()
        for cell, value in zip(report.applications[key] or [], expected, strict=True)
    ]
    assert all(cell in (value, None) for cell, value in cells)
    assert sum(cell is not None for cell, _ in cells) >= 0.8 * len(cells)


def test_most_cells_of_torn_tables_with_blank_rows_are_read():
    # given thirty torn tables with three rows printed without numbers
    reports = [_read(torn_markdown(seed, blank=ZERO_ROWS)) for seed in SEEDS]

    # then at least 90 % of their cells are read; a row is listed as printed blank only where
    # every placement left it without numbers (a third of them here), and never a number row
    cells = [cell for r in reports for row in r.applications.values() for cell in row or ()]
    assert sum(cell is not None for cell in cells) >= 0.9 * len(cells)
    listed = [path.split("/")[1] for report in reports for path in report.blank_cells]
    grouped = (OutcomeHeading.WITHHELD, OutcomeHeading.NOT_PROCESSED, OutcomeHeading.OTHER_HANDLING)
    assert {key for key in listed if application_row(key).group in grouped} <= {
        key for key, values in FIGURES.items() if not any(values)
    }
    assert sum(key in ZERO_ROWS for key in listed) >= len(SEEDS) * len(ZERO_ROWS) * 7 // 3


def test_a_row_placed_by_order_alone_is_noted():
    # given a torn table where the label of 3.补正后申请内容仍不明确 was lost altogether
    text = torn_markdown(0)
    for piece in ("3.补", "正后申请内容仍不", "明确"):
        text = text.replace(f"\n{piece}\n", "\n\n", 1)

    # when it is read
    report = _read(text)

    # then the row is still read, by its place among the number rows, and a note says so
    assert report.applications == FIGURES
    assert any("补正后申请内容仍不明确" in note and "行序" in note for note in report.notes)


def test_a_number_row_between_two_labels_of_which_one_is_blank_is_left_unread():
    # given 4.保护第三方合法权益 (1, 1 … 2) and 5.属于三类内部事务信息 printed without numbers,
    # torn so that the one number row stands between the two labels
    lines = torn_markdown(0).splitlines()
    start = lines.index("| 1 | 1 | 0 | 0 | 0 | 0 | 2 |")
    end = next(i for i, line in enumerate(lines) if line.startswith("6."))
    torn = [
        "4.保护第三方合法权益",
        "| 1 | 1 | 0 | 0 | 0 | 0 | 2 |",
        "|---|---|---|---|---|---|---|",
        "5.属于三类内部事务信息",
        "",
    ]
    report = _read("\n".join(lines[:start] + torn + lines[end:]))

    # then neither row is guessed: the cells the two placements disagree on are unread
    unsure = [None, None, 0, 0, 0, 0, None]
    assert report.applications[Outcome.WITHHELD_THIRD_PARTY_RIGHTS] == unsure
    assert report.applications[Outcome.WITHHELD_INTERNAL_AFFAIRS] == unsure
    assert any("4.保护第三方合法权益" in note and "无法唯一确定" in note for note in report.notes)


def test_number_rows_without_any_label_are_not_placed_by_guess():
    # given twelve number rows and not one label: millions of in-order placements score alike
    rows = [RawRow(cells=["0"] * 7, grid=True) for _ in range(12)]

    # when they are placed
    placement = place(rows, lambda row: (0,) * 7)

    # then no row of the table is certain (the caller leaves them unread)
    assert all(len(possible) > 1 for possible in placement.rows.values())
