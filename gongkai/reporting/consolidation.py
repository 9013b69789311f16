"""A supervising office's consolidated tables: the cell-by-cell sum of its agencies' reports.

Pure: no database. The rule for unreadable cells (None): a sum is None only when the cell is
None in every report; otherwise the readable values are added and `notes` names the cell and
how many reports lacked it, so nobody mistakes a partial sum for a whole one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from gongkai.report.catalogue import APPLICANT_COLUMNS, Layout
from gongkai.report.model import ActiveValue, AnnualReport

__all__ = ["sum_reports"]


def sum_reports(
    reports: Sequence[AnnualReport], *, agency: str, year: int, layout: Layout
) -> AnnualReport:
    """One report whose every cell is the sum of that cell over `reports` (all in `layout`)."""
    if any(report.layout is not layout for report in reports):
        raise ValueError("reports of different layouts cannot be added up")
    total = AnnualReport.empty(agency=agency, year=year, layout=layout)
    partial: list[str] = []

    def add(path: str, values: Iterable[ActiveValue]) -> ActiveValue:
        present = [value for value in values if value is not None]
        missing = len(reports) - len(present)
        if not present:
            return None
        if missing:
            partial.append(f"{path}（{missing} 个机关无数据）")
        if any(isinstance(value, Decimal) for value in present):
            return sum((Decimal(value) for value in present), Decimal(0))
        return sum(int(value) for value in present)

    for key, cells in total.active.items():
        for column in cells:
            path = f"active/{key}" + (f"/{column}" if column else "")
            cells[column] = add(path, (r.active.get(key, {}).get(column) for r in reports))
    for key, row in total.applications.items():
        if row is None:
            continue  # not printed in this layout
        rows = [r.applications.get(key) for r in reports]
        for index, applicant in enumerate(APPLICANT_COLUMNS):
            value = add(
                f"applications/{key}/{applicant.label}",
                (None if cells is None else cells[index] for cells in rows),
            )
            row[index] = None if value is None else int(value)
    for block, results in total.reviews.items():
        for result in results:
            value = add(
                f"reviews/{block}/{result}",
                (r.reviews.get(block, {}).get(result) for r in reports),
            )
            results[result] = None if value is None else int(value)
    for report in reports:
        for note in report.notes:
            if note not in total.notes:
                total.notes.append(note)
    if partial:
        total.notes.append("汇总时部分机关无数据的单元格（按已有数据相加）：" + "；".join(partial))
    return total
