"""A supervising office's consolidated tables: the cell-by-cell sum of its agencies' reports.

Pure: no database. The rule for unreadable cells (None): a sum is None only when the cell is
None in every report; otherwise the readable values are added and `notes` names the cell and
how many reports lacked it, so nobody mistakes a partial sum for a whole one.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gongkai.report.catalogue import Layout
from gongkai.report.model import AnnualReport

__all__ = ["sum_reports"]


def sum_reports(
    reports: Sequence[AnnualReport], *, agency: str, year: int | None, layout: Layout
) -> AnnualReport:
    """One report whose every cell is the sum of that cell over `reports` (all in `layout`)."""
    if any(report.layout is not layout for report in reports):
        raise ValueError("reports of different layouts cannot be added up")
    total = AnnualReport.empty(agency=agency, year=year, layout=layout)
    cells = [dict(report.numbers()) for report in reports]
    partial: list[str] = []
    for path, _ in total.numbers():
        present = [value for value in (c.get(path) for c in cells) if value is not None]
        if not present:
            total.set_cell(path, None)
            continue
        if len(present) < len(reports):
            partial.append(f"{path}（{len(reports) - len(present)} 个机关无数据）")
        if any(isinstance(value, Decimal) for value in present):
            total.set_cell(path, sum((Decimal(value) for value in present), Decimal(0)))
        else:
            total.set_cell(path, sum(int(value) for value in present))
    for report in reports:
        for note in report.notes:
            if note not in total.notes:
                total.notes.append(note)
    if partial:
        total.notes.append("汇总时部分机关无数据的单元格（按已有数据相加）：" + "；".join(partial))
    return total
