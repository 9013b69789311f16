"""Rules of table 四 (政府信息公开行政复议、行政诉讼情况): spec §6.2."""

from __future__ import annotations

from gongkai.report.catalogue import REVIEW_BLOCKS, REVIEW_RESULTS
from gongkai.report.rules.context import Context
from gongkai.report.rules.finding import Cell, Finding, Severity, Tally, review_name, review_path

__all__ = ["blank_total", "non_negative", "total"]

PARTS = ("upheld", "corrected", "other", "pending")


def _cell(tally: Tally, context: Context, block: str, result: str) -> Cell:
    return tally.cell(
        review_path(block, result),
        review_name(block, result),
        context.report.reviews.get(block, {}).get(result),
    )


def total(context: Context) -> list[Finding]:
    """Per block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    tally = context.tally("T4.total")
    formula = "+".join(result.label for result in REVIEW_RESULTS if result.key in PARTS)
    for block in REVIEW_BLOCKS:
        values = context.report.reviews.get(block.key, {})
        parts = [values.get(part) for part in PARTS]
        total_ = values.get("total")
        if total_ is not None and None not in parts and sum(parts) == total_:  # type: ignore[arg-type]
            continue  # nothing to report, no cell to build
        tally.compare(
            f"表四 {review_name(block.key, 'total')}",
            _cell(tally, context, block.key, "total"),
            [(1, _cell(tally, context, block.key, part)) for part in PARTS],
            formula,
        )
    return tally.findings()


def non_negative(context: Context) -> list[Finding]:
    """Every cell of table 四 is a non-negative count."""
    tally = context.tally("T4.non_negative")
    for block in REVIEW_BLOCKS:
        for result in REVIEW_RESULTS:
            value = context.report.reviews.get(block.key, {}).get(result.key)
            if value is not None and value < 0:
                tally.add(
                    Severity.ERROR,
                    f"表四 {review_name(block.key, result.key)}：应为非负整数，报告为 {value}",
                    [review_path(block.key, result.key)],
                    "≥0",
                    value,
                )
    return tally.findings()


def blank_total(context: Context) -> list[Finding]:
    """A 总计 cell of table 四 printed blank is read as 0 and reported (warning)."""
    tally = context.tally("T4.blank_total")
    blank = [block for block in REVIEW_BLOCKS if review_path(block.key, "total") in tally.blank]
    if blank:
        tally.add(
            Severity.WARNING,
            "表四 总计留空（按 0 计）：" + "、".join(review_name(block.key) for block in blank),
            [review_path(block.key, "total") for block in blank],
        )
    return tally.findings()
