"""Rules of table 三 (收到和处理政府信息公开申请情况): spec §6.1.

T3.subtotal (group subtotal rows （三）…（六） equal the sum of their children) is not here: the
model keeps no place for printed subtotals, so there is nothing to compare yet. Add it with
that place.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROW_KEYS,
    COLUMN_TOTAL,
    FOLDED_IN_2019,
    SummaryRow,
    outcome_keys,
)
from gongkai.report.model import AnnualReport
from gongkai.report.rules.context import Context
from gongkai.report.rules.finding import (
    Cell,
    Finding,
    Severity,
    Tally,
    application_name,
    application_path,
    column_name,
    names,
    row_name,
)

__all__ = [
    "balance",
    "blank_total",
    "non_negative",
    "outcome_total",
    "printed_outcomes",
    "row_total",
    "row_values",
    "zero_input",
]

COLUMNS = range(len(APPLICANT_COLUMNS))
SUB_ROWS_OF_OTHER = FOLDED_IN_2019  # （六）1–2: the rows the 2019 layout folds into 3.其他


def printed_outcomes(report: AnnualReport) -> tuple[str, ...]:
    """The outcome rows whose sum is （七）总计 in this report.

    In the 2019 layout, and in 2021-layout reports that print （六）其他处理 as one row, the
    parser files （六） under `other_handling.other` and leaves the other two rows null; such
    rows are not printed, not unreadable.
    """
    return tuple(
        key
        for key in outcome_keys(report.layout)
        if not (key in SUB_ROWS_OF_OTHER and report.applications.get(key) is None)
    )


def row_values(report: AnnualReport, key: str) -> list[int | None]:
    """A row's seven cells; a row not printed, or printed short, reads as unreadable cells."""
    values = report.row(key)[: len(APPLICANT_COLUMNS)]
    return values + [None] * (len(APPLICANT_COLUMNS) - len(values))


def _cells(tally: Tally, report: AnnualReport, key: str) -> list[Cell]:
    """The seven cells of a row (a row not printed reads as seven unreadable cells)."""
    return [
        tally.cell(application_path(key, column), application_name(key, column), value)
        for column, value in enumerate(row_values(report, key))
    ]


def _holds(target: int | None, parts: Sequence[int | None], minus: int | None = 0) -> bool:
    """Whether target = Σ parts − minus with every cell read: then there is nothing to report
    and no cell to build (building them for every comparison cost more than reading)."""
    if target is None or minus is None or None in parts:
        return False
    return sum(parts) - minus == target  # type: ignore[arg-type]


def balance(context: Context) -> list[Finding]:
    """Per column: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理."""
    report = context.report
    keys = (
        SummaryRow.TOTAL.value,
        SummaryRow.NEW.value,
        SummaryRow.CARRIED_OVER.value,
        SummaryRow.CARRIED_FORWARD.value,
    )
    total_, new_, over_, forward_ = (row_values(report, key) for key in keys)
    failing = [
        column
        for column in COLUMNS
        if not _holds(total_[column], (new_[column], over_[column]), forward_[column])
    ]
    if not failing:
        return []
    tally = context.tally("T3.balance")
    total, new, carried_over, carried_forward = (_cells(tally, report, key) for key in keys)
    for column in failing:
        tally.compare(
            f"表三 （七）总计 {column_name(column)}",
            total[column],
            [(1, new[column]), (1, carried_over[column]), (-1, carried_forward[column])],
            "一+二−四",
        )
    return tally.findings()


def outcome_total(context: Context) -> list[Finding]:
    """Per column: （七）总计 = the sum of the outcome rows （一）…（六）."""
    report = context.report
    keys = printed_outcomes(report)
    total_ = row_values(report, SummaryRow.TOTAL.value)
    rows = [row_values(report, key) for key in keys]
    failing = [
        column for column in COLUMNS if not _holds(total_[column], [row[column] for row in rows])
    ]
    if not failing:
        return []
    tally = context.tally("T3.outcome_total")
    total = _cells(tally, report, SummaryRow.TOTAL.value)
    outcomes = [_cells(tally, report, key) for key in keys]
    for column in failing:
        tally.compare(
            f"表三 （七）总计 {column_name(column)}",
            total[column],
            [(1, row[column]) for row in outcomes],
            "（一）至（六）各项之和",
        )
    return tally.findings()


def row_total(context: Context) -> list[Finding]:
    """Per printed row: the 总计 column = the sum of the six applicant columns."""
    tally = context.tally("T3.row_total")
    report = context.report
    for key in APPLICATION_ROW_KEYS:
        if key in SUB_ROWS_OF_OTHER and report.applications.get(key) is None:
            continue
        values = row_values(report, key)
        if _holds(values[COLUMN_TOTAL], values[:COLUMN_TOTAL]):
            continue
        cells = _cells(tally, report, key)
        tally.compare(
            f"表三 {row_name(key)} 总计列",
            cells[COLUMN_TOTAL],
            [(1, cell) for cell in cells[:COLUMN_TOTAL]],
            "六类申请人之和",
        )
    return tally.findings()


def non_negative(context: Context) -> list[Finding]:
    """Every cell of table 三 is a non-negative count (unreadable cells are other rules' news)."""
    tally = context.tally("T3.non_negative")
    for key in APPLICATION_ROW_KEYS:
        for column, value in enumerate(context.report.applications.get(key) or ()):
            if value is not None and value < 0:
                tally.add(
                    Severity.ERROR,
                    f"表三 {row_name(key)} {column_name(column)}：应为非负整数，报告为 {value}",
                    [application_path(key, column)],
                    "≥0",
                    value,
                )
    return tally.findings()


def zero_input(context: Context) -> list[Finding]:
    """Per column: with no new and no carried-over application, every outcome is 0 (warning)."""
    report = context.report
    new_, over_ = (
        row_values(report, SummaryRow.NEW.value),
        row_values(report, SummaryRow.CARRIED_OVER.value),
    )
    keys = printed_outcomes(report)
    rows = [row_values(report, key) for key in keys]
    # only a column with an unread input, or nothing new or carried over, gives a finding
    columns = [
        column
        for column in COLUMNS
        if new_[column] is None
        or over_[column] is None
        or (not new_[column] and not over_[column] and any(row[column] for row in rows))
    ]
    if not columns:
        return []
    tally = context.tally("T3.zero_input")
    new, carried_over = (
        _cells(tally, report, SummaryRow.NEW.value),
        _cells(tally, report, SummaryRow.CARRIED_OVER.value),
    )
    outcomes = [_cells(tally, report, key) for key in keys]
    for column in columns:
        inputs = [new[column], carried_over[column]]
        if not tally.readable(inputs) or any(cell.value for cell in inputs):
            continue
        nonzero = [row[column] for row in outcomes if row[column].value]
        if not nonzero:
            continue
        handled = sum(cell.value or 0 for cell in nonzero)
        tally.add(
            Severity.WARNING,
            f"表三 {column_name(column)}：一、本年新收与二、上年结转均为 0，"
            f"办理结果应为 0，报告为 {handled}（{names(nonzero)}）",
            [cell.path for cell in inputs + nonzero],
            0,
            handled,
        )
    return tally.findings()


def blank_total(context: Context) -> list[Finding]:
    """A 总计 cell of table 三 printed blank is read as 0 and reported (warning)."""
    tally = context.tally("T3.blank_total")
    report = context.report
    blank = [
        _cells(tally, report, key)[COLUMN_TOTAL]
        for key in APPLICATION_ROW_KEYS
        if application_path(key, COLUMN_TOTAL) in tally.blank
    ]
    if blank:
        rows = "、".join(row_name(path_key) for path_key in _keys(blank))
        tally.add(
            Severity.WARNING,
            f"表三 总计列留空（按 0 计）：{rows}",
            [cell.path for cell in blank],
        )
    return tally.findings()


def _keys(cells: list[Cell]) -> list[str]:
    return [cell.path.split("/")[1] for cell in cells]
