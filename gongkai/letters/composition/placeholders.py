"""The named placeholders a letter template may use, and the check run when one is saved.

Templates are plain text with `${name}` placeholders (string.Template syntax: `$$` prints a
dollar sign). An administrator edits them, so `template_problems` lists, in Chinese, every
placeholder that is unknown or does not fit the letter's kind; saving refuses such a text.
Rendering never fails on a template: what it cannot fill it leaves visible and reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Template

from gongkai.letters.composition.kinds import LetterKind

__all__ = [
    "PLACEHOLDERS",
    "LetterTemplateText",
    "Placeholder",
    "placeholder_label",
    "placeholder_names",
    "template_problems",
    "used_names",
]

K = LetterKind
_ALL = frozenset(LetterKind)
_CONSULTATION = frozenset({K.CONSULTATION_THIRD_PARTY, K.CONSULTATION_AGENCY})
_REPLIES = frozenset({K.REPLY, K.CORRECTION_REPLY})


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One fillable name: its Chinese label (shown to the administrator) and where it fits."""

    name: str
    label: str
    kinds: frozenset[LetterKind]


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("agency_name", "本机关名称", _ALL),
    Placeholder("letter_number", "文号", _ALL),
    Placeholder("letter_date", "成文日期", _ALL),
    Placeholder("recipient", "收件人（称谓）", _ALL),
    Placeholder("applicant_name", "申请人姓名或名称", _ALL),
    Placeholder("tracking_code", "申请编号", _ALL),
    Placeholder("receipt_date", "收到申请之日", _ALL),
    Placeholder("information_requested", "申请公开的信息", _ALL),
    Placeholder("legal_basis", "法律依据", _ALL),
    Placeholder("reasons", "理由（承办人填写）", _ALL),
    Placeholder("contact", "本机关联系人及电话", _ALL),
    Placeholder("clarification_items", "需要补正的事项", frozenset({K.CLARIFICATION})),
    Placeholder("clarification_deadline", "补正期限", frozenset({K.CLARIFICATION})),
    Placeholder("clarification_reason", "需要补正的原因", frozenset({K.CLARIFICATION})),
    Placeholder("clarification_channels", "提交补正的方式", frozenset({K.CLARIFICATION})),
    Placeholder("due_date", "原答复期限", frozenset({K.EXTENSION})),
    Placeholder("new_due_date", "延长后的答复期限", frozenset({K.EXTENSION})),
    Placeholder("consulted_party", "被征求意见方", _CONSULTATION | {K.DISCLOSURE_NOTICE}),
    Placeholder("consultation_reply_due", "提出意见的期限（送达后才有日期）", _CONSULTATION),
    Placeholder("consultation_reply_period", "提出意见的期限（含规则）", _CONSULTATION),
    Placeholder(
        "deemed_consent", "逾期视为同意（仅共同制作的信息）", frozenset({K.CONSULTATION_AGENCY})
    ),
    Placeholder("delayed_due", "延迟答复的期限", frozenset({K.DELAYED_DEADLINE})),
    Placeholder("fee_method", "计收方式", frozenset({K.FEE_NOTICE})),
    Placeholder("fee_standard", "收费标准及计算", frozenset({K.FEE_NOTICE})),
    Placeholder("fee_amount", "收费金额", frozenset({K.FEE_NOTICE})),
    Placeholder("fee_payment_deadline", "缴费期限（送达后才有日期）", frozenset({K.FEE_NOTICE})),
    Placeholder("fee_payment_period", "缴费期限（含规则）", frozenset({K.FEE_NOTICE})),
    Placeholder("fee_payment_method", "缴费方式", frozenset({K.FEE_NOTICE})),
    Placeholder("outcome_label", "办理结果", _REPLIES),
    Placeholder("outcome_grounds", "不予公开等情形的事由", frozenset({K.REPLY})),
    Placeholder(
        "provision",
        "提供方式（获取信息的方式、途径和时间）；公开决定告知书：决定公开的内容",
        frozenset({K.REPLY, K.DISCLOSURE_NOTICE}),
    ),
    Placeholder("responsible_agency", "负责公开（更正）的机关及联系方式", _REPLIES),
    Placeholder("correction_requested", "不准确之处及更正请求", frozenset({K.CORRECTION_REPLY})),
    Placeholder("remedies", "救济途径", _REPLIES),
)
_BY_NAME = {placeholder.name: placeholder for placeholder in PLACEHOLDERS}


def placeholder_names(kind: LetterKind) -> tuple[str, ...]:
    """Return the names a template of `kind` may use, in the order of PLACEHOLDERS."""
    return tuple(p.name for p in PLACEHOLDERS if kind in p.kinds)


def placeholder_label(name: str) -> str:
    """Return the Chinese label of placeholder `name` (the name itself when unknown)."""
    placeholder = _BY_NAME.get(name)
    return placeholder.label if placeholder is not None else name


class LetterTemplateText(Template):
    """`${name}` or `$name`, names in lower-case ASCII; `$$` is a literal dollar sign."""

    idpattern = r"[a-z][a-z0-9_]*"
    flags = re.ASCII  # not IGNORECASE: `${Receipt_Date}` is reported, not silently matched


def used_names(text: str) -> list[str]:
    """Return the placeholder names `text` uses, first occurrence order, without repeats."""
    names: list[str] = []
    for match in LetterTemplateText.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name and name not in names:
            names.append(name)
    return names


def template_problems(text: str, kind: LetterKind) -> list[str]:
    """Return what is wrong with template `text` for a letter of `kind`, in Chinese; [] if none."""
    problems: list[str] = []
    for match in LetterTemplateText.pattern.finditer(text):
        if match.group("invalid") is not None:
            line = text.count("\n", 0, match.start()) + 1
            snippet = text[match.start() : match.start() + 12].splitlines()[0]
            problems.append(
                f"第{line}行“{snippet}”：“$”后应是用花括号括起的占位符名称，"
                "如 ${receipt_date}；如需印出“$”本身，请写作“$$”。"
            )
    allowed = placeholder_names(kind)
    for name in used_names(text):
        placeholder = _BY_NAME.get(name)
        if placeholder is None:
            problems.append(
                f"未知的占位符 ${{{name}}}。{kind.label}可用的占位符："
                + "、".join(f"${{{n}}}（{placeholder_label(n)}）" for n in allowed)
                + "。"
            )
        elif kind not in placeholder.kinds:
            problems.append(f"占位符 ${{{name}}}（{placeholder.label}）不适用于{kind.label}。")
    return problems
