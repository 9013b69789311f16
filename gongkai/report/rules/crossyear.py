"""Rules across two years' reports of one agency: spec §6.4."""

from __future__ import annotations

from gongkai.report.catalogue import SummaryRow
from gongkai.report.model import AnnualReport
from gongkai.report.rules.context import Context
from gongkai.report.rules.finding import (
    Cell,
    Finding,
    Severity,
    Tally,
    application_path,
    column_name,
    row_name,
)
from gongkai.report.rules.table3 import COLUMNS, row_values

__all__ = ["carry_over", "last_year"]


def last_year(context: Context, tally: Tally | None) -> AnnualReport | None:
    """Last year's report when given and really for the year before; a mismatch is reported."""
    previous, report = context.previous, context.report
    if previous is None:
        return None
    if previous.year is not None and report.year is not None and previous.year != report.year - 1:
        if tally is not None:
            tally.add(
                Severity.WARNING,
                f"上年报告为 {previous.year} 年度，不是 {report.year - 1} 年度，跨年比较未进行",
                expected=report.year - 1,
                actual=previous.year,
            )
        return None
    return previous


def carry_over(context: Context) -> list[Finding]:
    """Per column: this year's 二、上年结转 = last year's 四、结转下年度继续办理 (warning).

    Holds across the 2020→2021 format change: both layouts print the same two rows.
    """
    tally = context.tally("X.carry_over")
    previous = last_year(context, tally)
    if previous is None:
        return tally.findings()
    report = context.report
    for column in COLUMNS:
        old_path = application_path(SummaryRow.CARRIED_FORWARD.value, column)
        before = Cell(
            "previous/" + old_path,
            f"上年报告 {row_name(SummaryRow.CARRIED_FORWARD.value)} {column_name(column)}",
            row_values(previous, SummaryRow.CARRIED_FORWARD.value)[column],
            blank=old_path in previous.blank_cells,
        )
        here = tally.cell(
            application_path(SummaryRow.CARRIED_OVER.value, column),
            f"{row_name(SummaryRow.CARRIED_OVER.value)} {column_name(column)}",
            row_values(report, SummaryRow.CARRIED_OVER.value)[column],
        )
        tally.compare(
            f"表三 {row_name(SummaryRow.CARRIED_OVER.value)} {column_name(column)}",
            here,
            [(1, before)],
            "上年报告 四、结转下年度继续办理",
            severity=Severity.WARNING,
        )
    return tally.findings()
