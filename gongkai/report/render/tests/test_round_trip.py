"""Render → parse gives back the same JSON, for every format and both layouts."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.report.catalogue import Layout
from gongkai.report.model import AnnualReport, report_to_json
from gongkai.report.render import FORMATS, render
from gongkai.report.render.tests.reports import distinct_report

parse = pytest.importorskip("gongkai.report.parse")


def _contract(report: AnnualReport) -> dict[str, Any]:
    """The report's JSON without what only a reader adds (where it read from, what it assumed)."""
    data = report_to_json(report)
    data.pop("source", None)
    data.pop("notes", None)
    return data


@pytest.mark.parametrize("layout", list(Layout))
@pytest.mark.parametrize("fmt", FORMATS)
def test_rendered_report_reads_back_as_the_same_json(fmt: str, layout: Layout) -> None:
    # given a report whose cells all differ, with its narrative
    report = distinct_report(layout, with_gaps=False)

    # when rendered and parsed back
    read = parse.read_bytes(render(report, fmt), f"report.{fmt}")

    # then the JSON is the same
    assert _contract(read) == _contract(report)


@pytest.mark.parametrize("fmt", ["txt"])
def test_blank_cell_in_table_two_reads_back_as_blank_zero(fmt: str) -> None:
    # given a report whose 规章 本年制发件数 was printed blank
    report = distinct_report(Layout.Y2021, with_gaps=False)
    report.active["rules"]["issued"] = 0
    report.blank_cells = ["active/rules/issued"]

    # when rendered and parsed back
    read = parse.read_bytes(render(report, fmt), f"report.{fmt}")

    # then the cell is 0, marked blank, and its row keeps its other numbers
    assert _contract(read) == _contract(report)
