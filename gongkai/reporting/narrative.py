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

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.report.catalogue import APPLICATION_ROWS, OUTCOME_GROUPS, SummaryRow
from gongkai.report.model import AnnualReport

__all__ = [
    "TEMPLATES",
    "TEMPLATE_FIELDS",
    "TEMPLATE_LABELS",
    "PublishedFacts",
    "TemplateError",
    "active_paragraph",
    "applications_paragraph",
    "check_template",
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


TEMPLATE_LABELS: Mapping[str, str] = {
    "active": "（一）主动公开：发布了信息",
    "active_none": "（一）主动公开：全年未发布信息",
    "interpretations": "（一）主动公开：政策解读（有解读时接在上句之后）",
    "applications": "（二）依申请公开：有申请",
    "applications_none": "（二）依申请公开：无申请",
    "fee_none": "第六部分：未收取信息处理费",
    "fee_charged": "第六部分：收取了信息处理费",
}

TEMPLATE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "active": ("year", "total", "categories"),
    "active_none": ("year",),
    "interpretations": ("interpretations",),
    "applications": (
        "year",
        SummaryRow.NEW.value,
        SummaryRow.CARRIED_OVER.value,
        "concluded",
        "outcomes",
        SummaryRow.CARRIED_FORWARD.value,
    ),
    "applications_none": ("year",),
    "fee_none": ("year",),
    "fee_charged": ("year", "amount"),
}  # fmt: skip
"""The fields each template may use, written {name}: the numbers come from the tables."""

_FIELD = re.compile(r"\{([^{}]*)\}")


class TemplateError(ValueError):
    """A template the office wrote that cannot be filled; the message (Chinese) says why."""


def check_template(name: str, text: str) -> str:
    """Return `text` if it is a usable template for `name`, else raise TemplateError."""
    allowed = TEMPLATE_FIELDS[name]
    text = text.strip()
    if not text:
        raise TemplateError(f"“{TEMPLATE_LABELS[name]}”的模板不能为空。")
    unknown = [field for field in _FIELD.findall(text) if field not in allowed]
    if unknown:
        names = "、".join("{" + field + "}" for field in allowed)
        label = TEMPLATE_LABELS[name]
        raise TemplateError(
            f"“{label}”的模板中 {{{unknown[0]}}} 不是可用的数据项（可用：{names}）。"
        )
    try:
        text.format(**dict.fromkeys(allowed, "0"))
    except (ValueError, IndexError, KeyError):
        raise TemplateError(
            f"“{TEMPLATE_LABELS[name]}”的模板中花括号不成对：数据项写作 {{year}} 这样的形式。"
        ) from None
    return text


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
    new = _total(report, SummaryRow.NEW.value)
    carried_over = _total(report, SummaryRow.CARRIED_OVER.value)
    if new == 0 and carried_over == 0:
        return templates["applications_none"].format(year=year)
    outcomes = "，".join(
        f"{label}{count}件" for key, label in _OUTCOME_GROUPS if (count := _group(report, key))
    )
    return templates["applications"].format(
        year=year,
        new=new,
        carried_over=carried_over,
        concluded=_total(report, SummaryRow.TOTAL.value),
        outcomes=outcomes or "无",
        carried_forward=_total(report, SummaryRow.CARRIED_FORWARD.value),
    )


def fee_paragraph(year: int, amount_yuan: Decimal, templates: Mapping[str, str] = TEMPLATES) -> str:
    """Section 六's statement of the 信息处理费: charged (with the amount) or none."""
    if amount_yuan <= 0:
        return templates["fee_none"].format(year=year)
    return templates["fee_charged"].format(year=year, amount=f"{amount_yuan:.2f}")


def overview_text(
    report: AnnualReport,
    facts: PublishedFacts,
    rest: str = "",
    templates: Mapping[str, str] = TEMPLATES,
) -> str:
    """Section 一 as plain text: the two paragraphs from the data, then the office's own text
    (the parts from （三） on, carried from last year or written anew)."""
    year = report.year or 0
    parts = [
        "（一）主动公开",
        active_paragraph(year, facts, templates),
        "（二）依申请公开",
        applications_paragraph(report, templates),
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
