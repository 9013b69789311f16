"""Glued digits the reader could not split (spec §9: a cell is never guessed).

A crawler's text export can glue a row's cells together ("00202000001324015"). The reader
splits them so that the row balances (table 三: the six applicant columns add up to 总计; table
四: 维持+纠正+其他+尚未审结 = 总计 in each block) and, where several splits do, by the column
equations. What is left is in `report.undecoded`:
- no split balances: the published numbers contradict each other, whatever the cells were. The
  other rules cannot see it (the cells are unread, so their comparisons are skipped), so this
  is an error that quotes the printed string.
- several splits balance and the table's equations do not choose: a warning naming them, so
  that a person can read the printed page and decide.
"""

from __future__ import annotations

from gongkai.report.catalogue import APPLICANT_COLUMNS, REVIEW_BLOCKS, REVIEW_RESULTS
from gongkai.report.model import Undecoded
from gongkai.report.rules.context import Context
from gongkai.report.rules.finding import (
    Finding,
    Severity,
    application_path,
    review_path,
    row_name,
)

__all__ = ["table3_runs", "table4_runs"]

SHOWN = 4
"""At most this many candidate splits are named in a message."""

_T3_PREFIX = "applications/"


def _splits(run: Undecoded) -> str:
    shown = "；".join("|".join(map(str, split)) for split in run.splits[:SHOWN])
    more = f"等 {len(run.splits)} 种" if len(run.splits) > SHOWN else ""
    return shown + more


def table3_runs(context: Context) -> list[Finding]:
    """Table 三 rows of glued digits that no split balances (error) or several do (warning)."""
    tally = context.tally("T3.glued")
    for run in context.report.undecoded:
        if not run.row.startswith(_T3_PREFIX):
            continue
        key = run.row[len(_T3_PREFIX) :]
        try:
            where = f"表三 {row_name(key)}"
        except KeyError:
            where = f"表三 {key}"
        cells = [application_path(key, column) for column in range(len(APPLICANT_COLUMNS))]
        if not run.splits:
            tally.add(
                Severity.ERROR,
                f"{where}：数字粘连，印为“{run.printed}”，任何拆分都不能使六类申请人之和等于总计"
                "（印出的数字自相矛盾），该行无法确定的单元格记为无法读取",
                cells,
                actual=run.printed,
            )
        else:
            tally.add(
                Severity.WARNING,
                f"{where}：数字粘连，印为“{run.printed}”，有 {len(run.splits)} 种拆分都能使"
                f"六类申请人之和等于总计（{_splits(run)}），各列勾稽关系也不能确定是哪一种，"
                "无法确定的单元格记为无法读取，请对照原件",
                cells,
                actual=run.printed,
            )
    return tally.findings()


def table4_runs(context: Context) -> list[Finding]:
    """Table 四 glued digits that no split balances (error) or several do (warning)."""
    tally = context.tally("T4.glued")
    for run in context.report.undecoded:
        if run.row != "reviews":
            continue
        cells = [
            review_path(block.key, result.key)
            for block in REVIEW_BLOCKS
            for result in REVIEW_RESULTS
        ]
        if not run.splits:
            tally.add(
                Severity.ERROR,
                f"表四：数字粘连，印为“{run.printed}”，任何拆分都不能使各栏"
                "维持+纠正+其他+尚未审结=总计（印出的数字自相矛盾），各单元格记为无法读取",
                cells,
                actual=run.printed,
            )
        else:
            tally.add(
                Severity.WARNING,
                f"表四：数字粘连，印为“{run.printed}”，有 {len(run.splits)} 种拆分都能使各栏"
                f"维持+纠正+其他+尚未审结=总计（{_splits(run)}），无法确定的单元格记为无法读取，"
                "请对照原件",
                cells,
                actual=run.printed,
            )
    return tally.findings()
