"""Adding reports up: cell by cell; a cell is None only when every report lacks it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.report.catalogue import Layout, Outcome, SummaryRow
from gongkai.report.consolidate import sum_reports
from gongkai.report.model import AnnualReport


def report(name: str, layout: Layout = Layout.Y2021) -> AnnualReport:
    return AnnualReport.empty(agency=name, year=2024, layout=layout)


def test_cells_add_up_with_fees_as_decimals():
    a, b = report("甲"), report("乙")
    a.active["fees_10k_yuan"][""] = Decimal("0.35")
    b.active["fees_10k_yuan"][""] = Decimal("1.2")
    a.applications[SummaryRow.NEW] = [1, 2, 0, 0, 0, 0, 3]
    b.applications[SummaryRow.NEW] = [4, 0, 0, 0, 0, 1, 5]
    a.reviews["reconsideration"]["pending"] = 2
    total = sum_reports([a, b], agency="汇总", year=2024, layout=Layout.Y2021)
    assert total.agency == "汇总"
    assert total.active["fees_10k_yuan"][""] == Decimal("1.55")
    assert total.applications[SummaryRow.NEW] == [5, 2, 0, 0, 0, 1, 8]
    assert total.reviews["reconsideration"]["pending"] == 2
    assert not any("无数据" in note for note in total.notes)


def test_a_cell_missing_in_some_reports_adds_the_others_and_says_so():
    a, b, c = report("甲"), report("乙"), report("丙")
    a.reviews["litigation_direct"]["upheld"] = None
    b.reviews["litigation_direct"]["upheld"] = 2
    for r in (a, b, c):
        r.reviews["reconsideration"]["other"] = None
    total = sum_reports([a, b, c], agency="汇总", year=2024, layout=Layout.Y2021)
    assert total.reviews["litigation_direct"]["upheld"] == 2
    assert total.reviews["reconsideration"]["other"] is None
    assert any("reviews/litigation_direct/upheld（1 个机关无数据）" in n for n in total.notes)
    assert not any("reviews/reconsideration/other" in n for n in total.notes)


def test_rows_the_2019_layout_does_not_print_stay_unprinted():
    total = sum_reports(
        [report("甲", Layout.Y2019), report("乙", Layout.Y2019)],
        agency="汇总",
        year=2020,
        layout=Layout.Y2019,
    )
    assert total.applications[Outcome.OTHER_HANDLING_FEE_UNPAID] is None
    assert total.applications[Outcome.OTHER_HANDLING_OTHER] == [0] * 7


def test_reports_of_different_layouts_are_refused():
    with pytest.raises(ValueError):
        sum_reports(
            [report("甲", Layout.Y2019), report("乙")],
            agency="汇总",
            year=2024,
            layout=Layout.Y2021,
        )
