"""Rules of table 二 (主动公开政府信息情况): spec §6.3."""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.report.catalogue import Layout
from gongkai.report.model import active_rows
from gongkai.report.rules.context import Context
from gongkai.report.rules.crossyear import last_year
from gongkai.report.rules.finding import Cell, Finding, Severity, Tally, active_path

__all__ = ["fee_unit", "is_government", "layout", "non_negative", "stock"]

SIGNED_COLUMNS = frozenset({"change"})
"""2019 layout: 本年增/减 is a signed change, the one column allowed below zero."""


def _column_label(layout: Layout, row: str, column: str) -> tuple[str, str]:
    for entry in active_rows(layout):
        if entry.key == row:
            return entry.label, dict(entry.columns).get(column, "")
    return row, column


def _name(layout: Layout, row: str, column: str) -> str:
    label, header = _column_label(layout, row, column)
    return f"表二 {label} {header}".rstrip()


def non_negative(context: Context) -> list[Finding]:
    """Every count and the fee amount of table 二 is ≥ 0 (本年增/减 excepted)."""
    tally = context.tally("T2.non_negative")
    report = context.report
    for row in active_rows(report.layout):
        for column, _ in row.columns:
            value = report.active.get(row.key, {}).get(column)
            if column in SIGNED_COLUMNS or value is None or value >= 0:
                continue
            shown = str(value)
            tally.add(
                Severity.ERROR,
                f"{_name(report.layout, row.key, column)}：应不小于 0，报告为 {shown}",
                [active_path(row.key, column)],
                "≥0",
                shown if isinstance(value, Decimal) else value,
            )
    return tally.findings()


_DEPARTMENT = re.compile(r"(?:局|委|委员会|办|办公室|办公厅|厅|中心|院|所|站|队|署|馆|处)$")
_GOVERNMENT = re.compile(r"(?:人民政府|管委会|管理委员会)$")


def is_government(agency: str) -> bool:
    """True for a government's (or a zone's) consolidated report, judged by the agency name."""
    agency = agency.strip()
    if _GOVERNMENT.search(agency):
        return True
    return bool(agency) and not _DEPARTMENT.search(agency)


def fee_unit(context: Context) -> list[Finding]:
    """The fee amount is in 万元: warn when it looks like 元 (too large, or the reader saw 元)."""
    tally = context.tally("T2.fee_unit")
    report = context.report
    if report.layout is not Layout.Y2021:
        return []
    path = active_path("fees_10k_yuan")
    amount = report.active.get("fees_10k_yuan", {}).get("")
    government = is_government(report.agency)
    options = context.options
    limit = options.government_fee_limit_10k_yuan if government else options.fee_limit_10k_yuan
    where = "表二 行政事业性收费 本年收费金额（单位：万元）"
    if amount is not None and amount >= limit:
        tally.add(
            Severity.WARNING,
            f"{where}：报告为 {amount} 万元，不小于{'政府' if government else '部门'}报告的"
            f"上限 {limit} 万元，疑为按“元”填写",
            [path],
            f"<{limit}",
            str(amount),
        )
    # The reader keeps a unit it saw in the cell in `notes` (report-json.md): 元 without 万.
    for note in report.notes:
        if "收费" in note and "元" in note.replace("万元", ""):
            tally.add(Severity.WARNING, f"{where}：{note}", [path])
    return tally.findings()


def _cell(tally: Tally, row: str, column: str, cells: dict[str, int | Decimal | None]) -> Cell:
    return tally.cell(active_path(row, column), _name(Layout.Y2021, row, column), cells.get(column))


def stock(context: Context) -> list[Finding]:
    """现行有效件数 = last year's + 本年制发件数 − 本年废止件数 (a warning: amendments break it)."""
    tally = context.tally("T2.stock")
    report = context.report
    previous = last_year(context, None)  # X.carry_over reports a year mismatch once
    if previous is None:
        return tally.findings()
    if report.layout is not Layout.Y2021 or previous.layout is not Layout.Y2021:
        return tally.findings()
    for row in ("rules", "normative_documents"):
        here = report.active.get(row, {})
        before = previous.active.get(row, {})
        if not here or not before or all(value is None for value in before.values()):
            continue  # a row one of the years does not print (many departments print no 规章)

        old_path = "previous/" + active_path(row, "in_force")
        old = Cell(
            old_path,
            f"上年{_name(Layout.Y2021, row, 'in_force')}",
            before.get("in_force"),
            blank=active_path(row, "in_force") in previous.blank_cells,
        )
        tally.compare(
            _name(Layout.Y2021, row, "in_force"),
            _cell(tally, row, "in_force", here),
            [
                (1, old),
                (1, _cell(tally, row, "issued", here)),
                (-1, _cell(tally, row, "repealed", here)),
            ],
            "上年现行有效件数+本年制发件数−本年废止件数",
            severity=Severity.WARNING,
        )
    return tally.findings()


def layout(context: Context) -> list[Finding]:
    """A report on 2021 or later uses the 2021 tables; one on 2019–2020 the 2019 tables."""
    tally = context.tally("T2.layout")
    report = context.report
    if report.year is None or report.year < 2019:
        return []
    wanted = Layout.for_year(report.year)
    if report.layout is not wanted:
        issued = {
            Layout.Y2019: "国办公开办函〔2019〕60号",
            Layout.Y2021: "国办公开办函〔2021〕30号",
        }
        tally.add(
            Severity.WARNING,
            f"{report.year} 年度报告应使用 {wanted.value} 年格式（{issued[wanted]}）的表格，"
            f"报告使用的是 {report.layout.value} 年格式",
            ["active"],
            wanted.value,
            report.layout.value,
        )
    return tally.findings()
