"""The sentences of the report's narrative that the data can write (条例第五十条), pure Python.

Section 一 (总体情况) opens with what the registers and cases say: （一）主动公开 — the items
published in the year by category and the 解读 among them; （二）依申请公开 — applications
received and concluded and how they ended, or a plain sentence when there were none. Section
六 always states the 信息处理费 (国办函〔2020〕109号), charged or not. The office edits the
rest; `carried_text` offers last year's text where there is one.

Each sentence is built from a template with named fields, so an agency can reword it; the
numbers are the tables' own, so `TXT.numbers` finds them equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.report.catalogue import APPLICATION_ROWS, OUTCOME_GROUPS
from gongkai.report.model import AnnualReport

__all__ = [
    "TEMPLATES",
    "PublishedFacts",
    "active_paragraph",
    "applications_paragraph",
    "fee_paragraph",
    "overview_text",
]

TOTAL = -1  # the 总计 column of table 三

TEMPLATES: Mapping[str, str] = {
    "active": "{year}年，全年共发布信息{total}条，包含{categories}。",
    "active_none": "{year}年，本机关未在政府信息公开平台发布信息。",
    "interpretations": "发布政策解读{interpretations}条。",
    "applications": (
        "{year}年，本机关新收政府信息公开申请{new}件，上年结转{carried_over}件；"
        "办结{concluded}件，其中{outcomes}；结转下年度继续办理{carried_forward}件。"
    ),
    "applications_none": (
        "{year}年，本机关未收到政府信息公开申请，也无上年结转的申请；"
        "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    ),
    "fee_none": "{year}年，本机关办理政府信息公开申请未收取信息处理费。",
    "fee_charged": "{year}年，本机关依照国办函〔2020〕109号收取信息处理费共计{amount}元。",
}


@dataclass(frozen=True, slots=True)
class PublishedFacts:
    """What the agency published in the year: the total, per category (name, count) in the
    portal's order, and how many of the items were interpretations (解读)."""

    total: int
    by_category: Sequence[tuple[str, int]]
    interpretations: int = 0


def active_paragraph(
    year: int, facts: PublishedFacts, templates: Mapping[str, str] = TEMPLATES
) -> str:
    """（一）主动公开: 「全年共发布信息 N 条，包含工作动态信息 N 条……」 and the 解读 count."""
    if facts.total == 0:
        return templates["active_none"].format(year=year)
    categories = "，".join(f"{name}信息{count}条" for name, count in facts.by_category if count)
    text = templates["active"].format(year=year, total=facts.total, categories=categories)
    if facts.interpretations:
        text += templates["interpretations"].format(interpretations=facts.interpretations)
    return text


def _plain(label: str) -> str:
    """A row's name without its numbering or the report's counting note: 部分公开."""
    return label.split("（", 1)[0] if not label.startswith("（") else label


_GROUP_NAMES = {group.key: _plain(group.label.split("）", 1)[1]) for group in OUTCOME_GROUPS}
_OUTCOME_GROUP_OF: Mapping[str, str] = {
    row.key: (row.group if row.group in _GROUP_NAMES else row.key)
    for row in APPLICATION_ROWS
    if row.outcome
}
# (group key, plain name) in printed order: 予以公开, 部分公开, 不予公开 … 其他处理.
_OUTCOME_GROUPS: tuple[tuple[str, str], ...] = tuple(
    dict.fromkeys(
        (group, _GROUP_NAMES.get(group) or _plain(row.short_label))
        for row in APPLICATION_ROWS
        if row.outcome and (group := _OUTCOME_GROUP_OF[row.key])
    )
)


def applications_paragraph(report: AnnualReport, templates: Mapping[str, str] = TEMPLATES) -> str:
    """（二）依申请公开: received, carried over, concluded by outcome group, carried forward."""
    year = report.year or 0
    new = _total(report, "new")
    carried_over = _total(report, "carried_over")
    if new == 0 and carried_over == 0:
        return templates["applications_none"].format(year=year)
    outcomes = "，".join(
        f"{label}{count}件" for key, label in _OUTCOME_GROUPS if (count := _group(report, key))
    )
    return templates["applications"].format(
        year=year,
        new=new,
        carried_over=carried_over,
        concluded=_total(report, "total"),
        outcomes=outcomes or "无",
        carried_forward=_total(report, "carried_forward"),
    )


def fee_paragraph(year: int, amount_yuan: Decimal, templates: Mapping[str, str] = TEMPLATES) -> str:
    """Section 六's statement of the 信息处理费: charged (with the amount) or none."""
    if amount_yuan <= 0:
        return templates["fee_none"].format(year=year)
    return templates["fee_charged"].format(year=year, amount=f"{amount_yuan:.2f}")


def overview_text(report: AnnualReport, facts: PublishedFacts, rest: str = "") -> str:
    """Section 一 as plain text: the two paragraphs from the data, then the office's own text
    (the parts from （三） on, carried from last year or written anew)."""
    year = report.year or 0
    parts = [
        "（一）主动公开",
        active_paragraph(year, facts),
        "（二）依申请公开",
        applications_paragraph(report),
    ]
    if rest.strip():
        parts.append(rest.strip())
    return "\n".join(parts)


def _total(report: AnnualReport, key: str) -> int:
    return int(report.row(key)[TOTAL] or 0)


def _group(report: AnnualReport, group: str) -> int:
    return sum(
        int(cells[TOTAL] or 0)
        for key, cells in report.applications.items()
        if cells is not None and _OUTCOME_GROUP_OF.get(key) == group
    )
