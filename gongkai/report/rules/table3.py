"""Rules of table 三 (收到和处理政府信息公开申请情况): spec §6.1.

T3.subtotal (group subtotal rows （三）…（六） equal the sum of their children) is not here: the
model keeps no place for printed subtotals, so there is nothing to compare yet. Add it with
that place.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROW_KEYS,
    COLUMN_TOTAL,
    FOLDED_IN_2019,
    SummaryRow,
    outcome_keys,
)
from gongkai.report.model import AnnualReport
from gongkai.report.rules.context import Context, Row, seven_cells
from gongkai.report.rules.finding import (
    Cell,
    Finding,
    Reading,
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
    keys = outcome_keys(report.layout)
    unprinted = [key for key in SUB_ROWS_OF_OTHER if report.applications.get(key) is None]
    return tuple(key for key in keys if key not in unprinted) if unprinted else keys


def row_values(report: AnnualReport, key: str) -> list[int | None]:
    """A row's seven cells; a row not printed, or printed short, reads as unreadable cells."""
    return list(seven_cells(report.applications.get(key)))


NAMES = {
    application_path(key, column): application_name(key, column)
    for key in APPLICATION_ROW_KEYS
    for column in COLUMNS
}
"""Every cell of table 三 named for messages, by path."""


def _reading(context: Context, key: str, column: int) -> Reading:
    """A cell by path and value: a failed comparison builds a `Cell` only to name it."""
    return application_path(key, column), context.row(key)[column]


def _cell(tally: Tally, key: str, column: int, value: int | None) -> Cell:
    """One cell of table 三, to name in a message."""
    return tally.cell(application_path(key, column), application_name(key, column), value)


def _by_column(rows: Sequence[Row]) -> list[tuple[int | None, ...]]:
    """The rows' cells column by column: seven tuples, one cell of each row."""
    return list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS)


def _holds(target: int | None, parts: Sequence[int | None], minus: int | None = 0) -> bool:
    """Whether target = Σ parts − minus with every cell read: then there is nothing to report
    and no cell to build."""
    if target is None or minus is None or None in parts:
        return False
    return sum(parts) - minus == target  # type: ignore[arg-type]


def balance(context: Context) -> list[Finding]:
    """Per column: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理."""
    keys = (
        SummaryRow.TOTAL.value,
        SummaryRow.NEW.value,
        SummaryRow.CARRIED_OVER.value,
        SummaryRow.CARRIED_FORWARD.value,
    )
    total_, new_, over_, forward_ = (context.row(key) for key in keys)
    failing = [
        column
        for column in COLUMNS
        if not _holds(total_[column], (new_[column], over_[column]), forward_[column])
    ]
    if not failing:
        return []
    tally = context.tally("T3.balance")
    for column in failing:
        total, new, carried_over, carried_forward = (_reading(context, key, column) for key in keys)
        tally.compare_readings(
            f"表三 （七）总计 {column_name(column)}",
            total,
            [(1, new), (1, carried_over), (-1, carried_forward)],
            "一+二−四",
            NAMES,
        )
    return tally.findings()


def outcome_total(context: Context) -> list[Finding]:
    """Per column: （七）总计 = the sum of the outcome rows （一）…（六）."""
    keys = printed_outcomes(context.report)
    total_ = context.row(SummaryRow.TOTAL.value)
    outcomes_ = _by_column([context.row(key) for key in keys])
    failing = [column for column in COLUMNS if not _holds(total_[column], outcomes_[column])]
    if not failing:
        return []
    tally = context.tally("T3.outcome_total")
    for column in failing:
        tally.compare_readings(
            f"表三 （七）总计 {column_name(column)}",
            _reading(context, SummaryRow.TOTAL.value, column),
            [(1, _reading(context, key, column)) for key in keys],
            "（一）至（六）各项之和",
            NAMES,
        )
    return tally.findings()


def row_total(context: Context) -> list[Finding]:
    """Per printed row: the 总计 column = the sum of the six applicant columns."""
    tally = context.tally("T3.row_total")
    applications = context.report.applications
    for key in APPLICATION_ROW_KEYS:
        values = context.row(key)
        if _holds(values[COLUMN_TOTAL], values[:COLUMN_TOTAL]):
            continue
        if key in SUB_ROWS_OF_OTHER and applications.get(key) is None:
            continue
        readings = [(application_path(key, column), value) for column, value in enumerate(values)]
        tally.compare_readings(
            f"表三 {row_name(key)} 总计列",
            readings[COLUMN_TOTAL],
            [(1, reading) for reading in readings[:COLUMN_TOTAL]],
            "六类申请人之和",
            NAMES,
        )
    return tally.findings()


def non_negative(context: Context) -> list[Finding]:
    """Every cell of table 三 is a non-negative count (unreadable cells are other rules' news)."""
    applications = context.report.applications
    every = chain.from_iterable(applications.get(key) or () for key in APPLICATION_ROW_KEYS)
    if min(filter(None, every), default=0) >= 0:  # the usual table: nothing below zero
        return []
    tally = context.tally("T3.non_negative")
    for key in APPLICATION_ROW_KEYS:
        for column, value in enumerate(applications.get(key) or ()):
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
    new_ = context.row(SummaryRow.NEW.value)
    over_ = context.row(SummaryRow.CARRIED_OVER.value)
    keys = printed_outcomes(context.report)
    outcomes_ = _by_column([context.row(key) for key in keys])
    # only a column with an unread input, or nothing new or carried over, gives a finding
    columns = [
        column
        for column in COLUMNS
        if new_[column] is None
        or over_[column] is None
        or (not new_[column] and not over_[column] and any(outcomes_[column]))
    ]
    if not columns:
        return []
    tally = context.tally("T3.zero_input")
    for column in columns:
        inputs = [
            _cell(tally, SummaryRow.NEW.value, column, new_[column]),
            _cell(tally, SummaryRow.CARRIED_OVER.value, column, over_[column]),
        ]
        if not tally.readable(inputs) or any(cell.value for cell in inputs):
            continue
        outcomes = [_cell(tally, key, column, context.row(key)[column]) for key in keys]
        nonzero = [cell for cell in outcomes if cell.value]
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
    if not context.blank:
        return []
    blank = [
        key for key in APPLICATION_ROW_KEYS if application_path(key, COLUMN_TOTAL) in context.blank
    ]
    if not blank:
        return []
    tally = context.tally("T3.blank_total")
    tally.add(
        Severity.WARNING,
        f"表三 总计列留空（按 0 计）：{'、'.join(row_name(key) for key in blank)}",
        [application_path(key, COLUMN_TOTAL) for key in blank],
    )
    return tally.findings()
