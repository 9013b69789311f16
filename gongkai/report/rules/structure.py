"""Presence of the report's parts: spec §6.5 `S.structure` (a warning, never an error).

What is checked from the data: table 二 and 三 rows and table 四 blocks the reader did not find
(all cells null), （六）其他处理 printed as one row in a 2021-layout report, and narrative sections
missing when the reader extracted any narrative at all. What only the reader knows comes from
its `notes`: a note that begins with 缺少 (e.g. "缺少表四") is reported as it stands.
"""

from __future__ import annotations

from gongkai.report.catalogue import (
    APPLICATION_ROW_KEYS,
    FOLDED_INTO,
    REVIEW_BLOCKS,
    SECTIONS,
    ActiveRow,
    Layout,
)
from gongkai.report.model import ActiveValue, active_rows
from gongkai.report.rules.context import Context
from gongkai.report.rules.finding import Finding, Severity, active_path, review_name, row_name
from gongkai.report.rules.table3 import SUB_ROWS_OF_OTHER

__all__ = ["MISSING_NOTE_PREFIX", "structure"]

MISSING_NOTE_PREFIX = "缺少"


def structure(context: Context) -> list[Finding]:
    """Every official table row, table 四 block and narrative section is present (warning)."""
    tally = context.tally("S.structure")
    report = context.report
    unread = [row for row in active_rows(report.layout) if _unread(report.active.get(row.key), row)]
    if unread:
        tally.add(
            Severity.WARNING,
            "表二 以下行未能读出（未印出或无法拆分）：" + "、".join(row.label for row in unread),
            [active_path(row.key) for row in unread],
        )
    collapsed = report.layout is Layout.Y2021 and all(
        report.applications.get(key) is None for key in SUB_ROWS_OF_OTHER
    )
    if collapsed and report.applications.get(FOLDED_INTO) is not None:
        tally.add(
            Severity.WARNING,
            "表三 （六）其他处理 印为一行，2021 年格式应分列 1.逾期不补正、2.逾期未缴费、3.其他",
            [f"applications/{key}" for key in SUB_ROWS_OF_OTHER],
        )
    unprinted = SUB_ROWS_OF_OTHER if collapsed or report.layout is Layout.Y2019 else ()
    for key in APPLICATION_ROW_KEYS:
        if report.applications.get(key) is None and key not in unprinted:
            tally.add(Severity.WARNING, f"表三 未读到“{row_name(key)}”行", [f"applications/{key}"])
    for block in REVIEW_BLOCKS:
        if all(value is None for value in report.reviews.get(block.key, {}).values()):
            tally.add(
                Severity.WARNING,
                f"表四 “{review_name(block.key)}”各栏未能读出",
                [f"reviews/{block.key}"],
            )
    if report.text:
        for section in SECTIONS:
            if section.text_key is not None and not report.text.get(section.text_key):
                tally.add(
                    Severity.WARNING,
                    f"未读到第{section.number}部分“{section.heading}”",
                    [f"text/{section.text_key}"],
                )
    for note in report.notes:
        if note.startswith(MISSING_NOTE_PREFIX):
            tally.add(Severity.WARNING, note)
    return tally.findings()


def _unread(cells: dict[str, ActiveValue] | None, row: ActiveRow) -> bool:
    """Whether no cell of table 二's `row` was read (a row printed is read at its first cell)."""
    if not cells:
        return True
    if cells.get(row.columns[0][0]) is not None:
        return False
    return all(cells.get(column) is None for column, _ in row.columns)
