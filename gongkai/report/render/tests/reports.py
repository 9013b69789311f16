"""Reports for the writer tests: every cell a different number, so a swap cannot hide."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.catalogue import Layout, SummaryRow
from gongkai.report.model import AnnualReport

BLANK_PATH = f"applications/{SummaryRow.CARRIED_FORWARD}/科研机构"
"""A zero cell the source report printed blank: every writer must leave it empty."""
UNREADABLE_PATH = "reviews/litigation_direct/pending"
"""A cell that could not be read (None): every writer must leave it empty."""

NARRATIVE = {
    "overview": (
        "（一）主动公开\n"
        "本单位按照年初制定的公开清单逐项发布信息，全年更新栏目内容一百余次。\n"
        "（二）依申请公开\n"
        "申请受理、登记、答复和归档各环节均有专人负责，答复均在法定期限内作出。"
    ),
    "problems": "部分栏目更新不够及时。\n下一步将建立每月自查机制，逐项整改。",
    "other_matters": "本年度未收取信息处理费。",
}


def distinct_report(layout: Layout, *, with_gaps: bool = True) -> AnnualReport:
    """A report whose cells all hold different numbers (101, 102, …), in both layouts.

    With `with_gaps`, one zero cell is listed as printed blank and one cell is unreadable.
    """
    year = 2020 if layout is Layout.Y2019 else 2023
    report = AnnualReport.empty(agency="示例市测试局", year=year, layout=layout)
    counter = iter(range(101, 10_000))
    for cells in report.active.values():
        for column in cells:
            cells[column] = next(counter)
    if layout is Layout.Y2021:
        report.active["fees_10k_yuan"][""] = Decimal("12.3456")
    else:
        report.active["licensing"]["change"] = -7
        report.active["procurement"]["amount"] = Decimal("88.05")
    for key, row in report.applications.items():
        if row is not None:
            report.applications[key] = [next(counter) for _ in row]
    for results in report.reviews.values():
        for result in results:
            results[result] = next(counter)
    report.text = dict(NARRATIVE)
    if with_gaps:
        row = report.applications[SummaryRow.CARRIED_FORWARD]
        assert row is not None
        row[2] = 0
        report.blank_cells = [BLANK_PATH]
        report.reviews["litigation_direct"]["pending"] = None
    return report
