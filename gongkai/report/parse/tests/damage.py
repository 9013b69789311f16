"""Reports damaged the way PDF→Markdown converters and office-suite PDFs damage table 三.

Our own figures and our own layout (no real report's text): a small agency's table in the
2021 layout, printed as Markdown whose table 三 a converter tore into many small tables, with
labels as loose paragraphs broken over lines before, after or around their number row, and
group labels in fragments glued to the row labels beside them.
"""

from __future__ import annotations

import itertools
import random

from gongkai.report.catalogue import (
    APPLICATION_ROW_KEYS,
    APPLICATION_ROWS,
    OUTCOME_GROUPS,
    Outcome,
    SummaryRow,
)

__all__ = ["FIGURES", "torn_markdown"]

# 30 new, 4 carried over; every outcome a different small figure so that a row put in the wrong
# place changes the cells read. Index = catalogue order (25 rows of the 2021 layout).
FIGURES: dict[str, list[int]] = {
    SummaryRow.NEW: [24, 3, 1, 0, 1, 1, 30],
    SummaryRow.CARRIED_OVER: [4, 0, 0, 0, 0, 0, 4],
    "granted": [9, 1, 0, 0, 0, 0, 10],
    Outcome.PARTIALLY_GRANTED: [2, 0, 0, 0, 0, 0, 2],
    Outcome.WITHHELD_STATE_SECRET: [0, 0, 0, 0, 0, 0, 0],
    Outcome.WITHHELD_PROHIBITED_BY_LAW: [1, 0, 0, 0, 0, 0, 1],
    Outcome.WITHHELD_SECURITY_STABILITY: [0, 0, 0, 0, 0, 0, 0],
    Outcome.WITHHELD_THIRD_PARTY_RIGHTS: [1, 1, 0, 0, 0, 0, 2],
    Outcome.WITHHELD_INTERNAL_AFFAIRS: [0, 0, 0, 0, 0, 0, 0],
    Outcome.WITHHELD_PROCESS_INFORMATION: [3, 0, 0, 0, 0, 0, 3],
    Outcome.WITHHELD_ENFORCEMENT_CASE_FILE: [0, 0, 0, 0, 0, 0, 0],
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: [1, 0, 0, 0, 0, 0, 1],
    Outcome.UNAVAILABLE_NOT_HELD: [5, 1, 0, 0, 1, 0, 7],
    Outcome.UNAVAILABLE_NEEDS_CREATION: [1, 0, 0, 0, 0, 0, 1],
    Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION: [0, 0, 0, 0, 0, 0, 0],
    Outcome.NOT_PROCESSED_PETITION_OR_COMPLAINT: [2, 0, 0, 0, 0, 0, 2],
    Outcome.NOT_PROCESSED_REPEATED: [1, 0, 0, 0, 0, 0, 1],
    Outcome.NOT_PROCESSED_PUBLICATION_REQUESTED: [0, 0, 0, 0, 0, 0, 0],
    Outcome.NOT_PROCESSED_EXCESSIVE: [0, 0, 0, 0, 0, 0, 0],
    Outcome.NOT_PROCESSED_CONFIRMATION_REQUESTED: [0, 0, 0, 0, 0, 0, 0],
    Outcome.OTHER_HANDLING_NO_CLARIFICATION: [1, 0, 0, 0, 0, 0, 1],
    Outcome.OTHER_HANDLING_FEE_UNPAID: [0, 0, 0, 0, 0, 0, 0],
    Outcome.OTHER_HANDLING_OTHER: [1, 0, 0, 0, 0, 1, 2],
    SummaryRow.TOTAL: [28, 3, 0, 0, 1, 1, 33],
    SummaryRow.CARRIED_FORWARD: [0, 0, 1, 0, 0, 0, 1],
}

_GROUPS = {group.key: group.label for group in OUTCOME_GROUPS}
_FIRST_OF_GROUP = {
    next(row.key for row in APPLICATION_ROWS if row.group == group): group for group in _GROUPS
}

_HEAD = """# 测试市统计局2024年政府信息公开工作年度报告

## 一、总体情况

本年度共收到政府信息公开申请30件，均已按时答复。

## 二、主动公开政府信息情况

| 第二十条第（一）项 | | | |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 2 | 1 | 14 |
| 第二十条第（五）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 36 | | |
| 第二十条第（六）项 | | | |
| 行政处罚 | 5 | | |
| 行政强制 | 0 | | |
| 第二十条第（八）项 | | | |
| 行政事业性收费 | 0 | | |

## 三、收到和处理政府信息公开申请情况

| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | | | | | | |
|---|---|---|---|---|---|---|---|
| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
"""

_RESULTS = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 "
_TAIL = (
    """
## 四、政府信息公开行政复议、行政诉讼情况

| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
"""
    + _RESULTS * 3
    + """|
| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

## 五、存在的主要问题及改进情况

政策解读形式还不够丰富。

## 六、其他需要报告的事项

本年度未收取信息处理费。
"""
)


def _pieces(label: str, rng: random.Random) -> list[str]:
    """A label broken over one to three lines, as a narrow cell wraps it."""
    count = rng.choice((1, 2, 2, 3)) if len(label) > 6 else 1
    cuts = sorted(rng.sample(range(2, len(label) - 1), count - 1)) if count > 1 else []
    bounds = [0, *cuts, len(label)]
    return [label[start:end] for start, end in itertools.pairwise(bounds)]


def _number_row(values: list[int] | None) -> list[str]:
    cells = ["" for _ in range(7)] if values is None else [str(value) for value in values]
    return ["| " + " | ".join(cells) + " |", "|" + "---|" * 7]


def torn_markdown(
    seed: int,
    *,
    blank: tuple[str, ...] = (),
    figures: dict[str, list[int]] | None = None,
    labelled: bool = True,
) -> str:
    """Our small agency's report as Markdown with table 三 torn apart (`seed` picks the damage).

    Rows in `blank` are printed with no numbers at all: their label stands alone. Without
    `labelled`, no row keeps its label in its own cell.
    """
    rng = random.Random(seed)
    figures = figures or FIGURES
    lines: list[str] = []
    group_left: str | None = None  # the rest of a group label, glued to the next label line
    for key in APPLICATION_ROW_KEYS:
        row = next(entry for entry in APPLICATION_ROWS if entry.key == key)
        values = None if key in blank else figures[key]
        pieces = _pieces(row.label, rng)
        if key in _FIRST_OF_GROUP:
            group = _GROUPS[_FIRST_OF_GROUP[key]]
            cut = rng.randrange(3, len(group))
            pieces[0] = group[:cut] + pieces[0]
            group_left = group[cut:]
        elif group_left is not None and rng.random() < 0.7:
            pieces[0] = group_left + pieces[0]
            group_left = None
        mode = "label" if values is None else rng.choice(("cell", "before", "after", "around"))
        if mode == "cell" and len(pieces) == 1 and labelled:
            lines.append(f"| {row.label} | " + " | ".join(map(str, values or [])) + " |")
            lines.append("|" + "---|" * 8)
            continue
        if mode == "cell":
            mode = "around"
        split = {"before": len(pieces), "after": 0, "label": len(pieces)}.get(
            mode, max(1, len(pieces) // 2)
        )
        lines.append("")
        lines.extend(pieces[:split])
        if values is not None:
            lines.extend(_number_row(values))
        lines.extend(pieces[split:])
        lines.append("")
    return _HEAD + "\n".join(lines) + "\n" + _TAIL
