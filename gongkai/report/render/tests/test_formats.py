"""Every format, read back with a real reader, shows every label and value in its place."""

from __future__ import annotations

import pytest

from gongkai.report.catalogue import Layout, Outcome
from gongkai.report.render import render
from gongkai.report.render.tests.expectations import assert_document
from gongkai.report.render.tests.readback import READERS
from gongkai.report.render.tests.reports import distinct_report

# Formats whose reader reports merged cells; text and PDF only show them as empty positions.
MERGES_RECORDED = {"html": True, "docx": True, "xlsx": True, "pdf": False, "txt": False}


@pytest.mark.parametrize("layout", list(Layout))
@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "txt", "pdf"])
def test_every_label_and_value_is_in_its_place(fmt: str, layout: Layout) -> None:
    # given a report whose cells all differ, one printed blank and one unreadable
    report = distinct_report(layout)

    # when it is rendered and read back
    read = READERS[fmt](render(report, fmt))

    # then title, headings, narrative, labels, values and merged cells are as printed
    assert_document(read, report, merges=MERGES_RECORDED[fmt])


def test_2021_report_without_other_handling_subrows_prints_one_other_row() -> None:
    # given a 2021-layout report whose （六） was printed as a single row
    report = distinct_report(Layout.Y2021)
    report.applications[Outcome.OTHER_HANDLING_NO_CLARIFICATION] = None
    report.applications[Outcome.OTHER_HANDLING_FEE_UNPAID] = None

    # when it is rendered as text and read back
    read = READERS["txt"](render(report, "txt"))

    # then （六）其他处理 is one row carrying other_handling.other's numbers
    assert_document(read, report, merges=False)
    assert not any("申请人无正当理由" in cell for row in read.tables[1].cells for cell in row)
