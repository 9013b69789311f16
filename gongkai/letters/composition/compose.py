"""Compose a letter from its facts (`LetterContext`) and an editable template text.

Pure: no Django, no I/O. `compose_letter` never raises on a template: a placeholder it cannot
fill is printed as 【…】 and listed in `Letter.problems`, and the service that issues letters
refuses a letter with problems. It does raise `LetterError` on facts no letter can be written
from (a reply without an outcome).

A body line that starts with “?” (or “？”) is optional: it is left out when one of its
placeholders has nothing to print (e.g. `?联系人及电话：${contact}`).

Two things a template cannot drop (application-procedure.md §13): the legal basis — appended
as its own line when the template does not print `${legal_basis}` — and, on a reply, the
remedies paragraph in force on the letter's date (`gongkai.applications.procedure.remedies`),
appended when the template does not print `${remedies}`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from gongkai.applications.procedure.correction import (
    CORRECTION_DECISIONS,
    correction_outcome,
    outcome_name,
)
from gongkai.applications.procedure.fees import FeeMethod, FeeQuote
from gongkai.applications.procedure.grounds import GroundError, ground_basis
from gongkai.applications.procedure.remedies import RemedyError, ReviewBodies, remedies_paragraph
from gongkai.letters.composition.kinds import OUTCOME_GROUNDS, LetterKind
from gongkai.letters.composition.placeholders import (
    LetterTemplateText,
    placeholder_label,
    template_problems,
    used_names,
)
from gongkai.report.catalogue import OUTCOME_KEYS, application_row

__all__ = [
    "OPTIONAL_MARKS",
    "Letter",
    "LetterContext",
    "LetterError",
    "TemplateText",
    "chinese_date",
    "compose_letter",
    "fee_standard_text",
]


OPTIONAL_MARKS = ("?", "？")
"""A body line starting with one of these is left out when any of its placeholders is empty."""


class LetterError(ValueError):
    """Facts a letter cannot be written from; the message (Chinese) says which."""


@dataclass(frozen=True, slots=True)
class TemplateText:
    """An editable template: the title and the body, one paragraph a line."""

    title: str
    body: str


@dataclass(frozen=True, slots=True)
class LetterContext:
    """Everything a letter may print. Personal data: only the applicant's name, never more.

    Dates are dates; the letter prints them as 2024年1月2日. Free text (`reasons`,
    `provision`, `responsible_agency`, `clarification_items`) is what the handler wrote.
    `recipient` defaults to the applicant's name (to the consulted party on a consultation).
    """

    kind: LetterKind
    agency_name: str
    letter_number: str
    letter_date: dt.date
    applicant_name: str
    tracking_code: str
    receipt_date: dt.date
    information_requested: str
    recipient: str = ""
    reasons: str = ""
    contact: str = ""
    clarification_items: tuple[str, ...] = ()
    clarification_deadline: dt.date | None = None
    clarification_channels: tuple[str, ...] = ()
    due_date: dt.date | None = None
    new_due_date: dt.date | None = None
    consulted_party: str = ""
    consultation_reply_due: dt.date | None = None
    fee: FeeQuote | None = None
    fee_payment_deadline: dt.date | None = None
    delayed_due: dt.date | None = None
    # The names of the date fields above that are provisional (a year whose 放假调休 notice is
    # not loaded): printed with 暂定 and explained at the end of the letter.
    provisional: frozenset[str] = frozenset()
    fee_payment_method: str = ""
    outcome: str = ""
    # The decision's ground where the outcome's row covers several articles (grounds.GROUNDS).
    ground: str = ""
    outcome_grounds: str = ""
    provision: str = ""
    responsible_agency: str = ""
    review_bodies: ReviewBodies | None = None
    # 条例第四十一条: what a 更正申请 says is inaccurate and how it should read.
    correction_requested: str = ""


@dataclass(frozen=True, slots=True)
class Letter:
    """A composed letter, ready for a writer: heading, number, title, body, signature."""

    kind: LetterKind
    agency_name: str
    number: str
    title: str
    recipient: str
    paragraphs: tuple[str, ...]
    legal_basis: str
    remedies: str
    date_text: str
    problems: tuple[str, ...] = field(default=())

    def plain_text(self) -> str:
        """Return the letter as plain text, one paragraph a line (for storage and search)."""
        lines = [self.agency_name, self.number, self.title, f"{self.recipient}："]
        return "\n".join([*lines, *self.paragraphs, self.agency_name, self.date_text])


def chinese_date(day: dt.date) -> str:
    """Return `day` as printed in official documents (GB/T 9704: 2024年1月2日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def fee_standard_text(quote: FeeQuote) -> str:
    """Return the bands of `quote` as the fee notice states its standard and computation."""
    unit, measure = ("件", "每件") if quote.method is FeeMethod.PER_PIECE else ("页", "每页")
    scope = "本月累计第" if quote.method is FeeMethod.PER_PIECE else "第"
    parts = []
    for band in quote.bands:
        span = f"{scope}{band.first}至{band.last}{unit}"
        if band.rate == 0:
            parts.append(f"{span}免费")
        else:
            parts.append(
                f"{span}{measure}{band.rate:.0f}元，计{band.units}{unit}{band.amount:.0f}元"
            )
    return "；".join(parts) + "。"


def compose_letter(context: LetterContext, template: TemplateText) -> Letter:
    """Return the letter `template` makes of `context`; unfillable placeholders in `problems`."""
    kind = context.kind
    legal_basis = _legal_basis(context)
    remedies, problems = "", []
    if kind.has_remedies:
        if context.review_bodies is None:
            problems.append("未配置行政复议机关，无法写明救济途径。")
        else:
            try:
                remedies = remedies_paragraph(
                    letter_date=context.letter_date,
                    outcome=context.outcome,
                    bodies=context.review_bodies,
                )
            except RemedyError as error:
                problems.append(f"{error}，无法写明救济途径。")
    values = _values(context, legal_basis=legal_basis, remedies=remedies)
    problems.extend(template_problems(template.title + "\n" + template.body, kind))

    title = _fill(template.title, values, problems).strip() or kind.default_title
    paragraphs: list[str] = []
    for line in template.body.splitlines():
        if line.startswith(OPTIONAL_MARKS):
            line = line[1:]
            if any(values.get(name) is None for name in used_names(line)):
                continue  # an optional line whose facts are missing is left out
        filled = _fill(line, values, problems)
        paragraphs.extend(part.strip() for part in filled.splitlines() if part.strip())
    used = template.body
    shown = {name for name in context.provisional if name in used_names(used)}
    shown |= {
        period
        for period, date in _PERIODS.items()
        if date in context.provisional and period in used_names(used)
    }
    if shown:
        paragraphs.append(_PROVISIONAL_NOTE)
    if legal_basis and "legal_basis}" not in used and "$legal_basis" not in used:
        paragraphs.append(f"依据：{legal_basis}。")
    if remedies and "remedies}" not in used and "$remedies" not in used:
        paragraphs.append(remedies)
    return Letter(
        kind=kind,
        agency_name=context.agency_name,
        number=context.letter_number,
        title=title,
        recipient=values["recipient"] or "",
        paragraphs=tuple(paragraphs),
        legal_basis=legal_basis,
        remedies=remedies,
        date_text=chinese_date(context.letter_date),
        problems=tuple(dict.fromkeys(problems)),
    )


def _legal_basis(context: LetterContext) -> str:
    if context.kind is LetterKind.CONSULTATION_AGENCY and context.ground == "other_agency":
        # Information obtained from another agency, not made jointly: no deemed consent.
        return "《条例》第三十三条第三款"
    if context.kind is LetterKind.CORRECTION_REPLY:
        if correction_outcome(context.outcome) not in CORRECTION_DECISIONS:
            raise LetterError(
                f"更正申请答复书须写明办理结果；“{context.outcome}”不是更正申请的办理结果。"
            )
        return context.kind.legal_basis
    if context.kind is not LetterKind.REPLY:
        return context.kind.legal_basis
    if context.outcome not in OUTCOME_KEYS:
        raise LetterError(f"答复书须写明办理结果；“{context.outcome}”不是年度报告表三的办理结果。")
    if context.ground:
        try:
            return ground_basis(context.outcome, context.ground)
        except GroundError as error:
            raise LetterError(str(error)) from error
    return application_row(context.outcome).legal_basis


def _date(day: dt.date | None) -> str | None:
    return chinese_date(day) if day is not None else None


# A period placeholder prints its date field when known, else how the period is counted
# (109号: 收到收费通知的次日起20个工作日内; 条例第三十二条、第三十四条: 自收到之日起15个工作日内).
_PERIODS = {
    "fee_payment_period": "fee_payment_deadline",
    "consultation_reply_period": "consultation_reply_due",
}
_PERIOD_RULES = {
    "fee_payment_period": "自收到本通知书次日起20个工作日内",
    "consultation_reply_period": "自收到本{letter}之日起15个工作日内",
}
_PROVISIONAL_NOTE = (
    "注：文中标明“暂定”的日期，所在年度的放假调休安排尚未公布，已按法定节假日计算；"
    "国务院公布当年放假安排后如有变化，以按公布的安排计算的日期为准。"
)


def _period(context: LetterContext, name: str) -> str:
    """Return the text of a period placeholder: the dated period, or the rule without a date."""
    field_name = _PERIODS[name]
    day = getattr(context, field_name)
    letter = "意见书" if context.kind is LetterKind.CONSULTATION_THIRD_PARTY else "函"
    rule = _PERIOD_RULES[name].format(letter=letter)
    if day is None:
        return rule
    mark = "，暂定" if field_name in context.provisional else ""
    return f"于{chinese_date(day)}前（含当日{mark}；即{rule}）"


_CLARIFICATION_REASONS = {
    "content": "您的申请内容不够明确，本机关无法据此确定您所需要的政府信息",
    # 条例第二十九条第二款第（一）项: the application includes the applicant's identity proof.
    "identity": "您的申请未提供申请人的身份证明",
}


def _clarification_reason(context: LetterContext) -> str | None:
    if context.kind is not LetterKind.CLARIFICATION:
        return None
    about = [a for a in (context.ground or "content").split(",") if a in _CLARIFICATION_REASONS]
    return "；".join(_CLARIFICATION_REASONS[a] for a in about) or None


def _dated(context: LetterContext, name: str) -> str | None:
    """Return the date field `name` as printed, marked 暂定 when provisional."""
    text = _date(getattr(context, name))
    if text is not None and name in context.provisional:
        return f"{text}（暂定）"
    return text


def _values(context: LetterContext, *, legal_basis: str, remedies: str) -> dict[str, str | None]:
    """Return each placeholder's text; None where the facts are missing."""
    fee = context.fee
    default_recipient = (
        context.applicant_name if context.kind.to_applicant else context.consulted_party
    )
    items = "\n".join(
        f"{number}. {item.strip()}"
        for number, item in enumerate(context.clarification_items, start=1)
        if item.strip()
    )
    known = context.outcome in OUTCOME_KEYS or correction_outcome(context.outcome) is not None
    outcome_label = outcome_name(context.outcome) if known else ""
    raw: dict[str, str | None] = {
        "agency_name": context.agency_name,
        "letter_number": context.letter_number,
        "letter_date": _date(context.letter_date),
        "recipient": context.recipient or default_recipient,
        "applicant_name": context.applicant_name,
        "tracking_code": context.tracking_code,
        "receipt_date": _date(context.receipt_date),
        "information_requested": context.information_requested,
        "legal_basis": legal_basis,
        "reasons": context.reasons,
        "contact": context.contact,
        "clarification_items": items,
        "clarification_deadline": _date(context.clarification_deadline),
        "clarification_channels": "\n".join(context.clarification_channels),
        "due_date": _dated(context, "due_date"),
        "new_due_date": _dated(context, "new_due_date"),
        "consulted_party": context.consulted_party,
        "consultation_reply_due": _dated(context, "consultation_reply_due"),
        "consultation_reply_period": _period(context, "consultation_reply_period"),
        "clarification_reason": _clarification_reason(context),
        "deemed_consent": (
            "逾期未提出意见的，视为同意公开。"
            if context.kind is LetterKind.CONSULTATION_AGENCY and context.ground != "other_agency"
            else None
        ),
        "fee_method": fee.method.label if fee is not None else None,
        "fee_standard": fee_standard_text(fee) if fee is not None else None,
        "fee_amount": f"人民币{fee.amount:.2f}元" if fee is not None else None,
        "fee_payment_deadline": _dated(context, "fee_payment_deadline"),
        "delayed_due": _dated(context, "delayed_due"),
        "fee_payment_period": _period(context, "fee_payment_period"),
        "fee_payment_method": context.fee_payment_method,
        "outcome_label": outcome_label,
        "outcome_grounds": context.outcome_grounds or OUTCOME_GROUNDS.get(context.outcome, ""),
        "provision": context.provision,
        "responsible_agency": context.responsible_agency,
        "correction_requested": context.correction_requested,
        "remedies": remedies,
    }
    return {name: (value.strip() if value else None) or None for name, value in raw.items()}


SENTENCE_TEXT = frozenset(
    {
        "reasons",
        "provision",
        "responsible_agency",
        "fee_payment_method",
        "outcome_grounds",
        "correction_requested",
    }
)
"""Free text a person writes that the letter prints inside or at the end of a sentence."""
_CLOSING = "。．.；;，,、 \t"
_FINAL = ("。", "！", "？", "!", "?", "…")


def _punctuated(value: str, *, ends_line: bool) -> str:
    """Return free text fitted to its place: its own final stop dropped, since the template
    goes on (因仍需核对。，→ 因仍需核对，); a 。 added where it ends the paragraph."""
    trimmed = value.rstrip(_CLOSING)
    if not ends_line:
        return trimmed
    return trimmed if trimmed.endswith(_FINAL) else trimmed + "。"


def _fill(text: str, values: dict[str, str | None], problems: list[str]) -> str:
    """Substitute `text`; a name without a value prints as 【未填写：…】 and is reported."""

    def replace(match: re.Match[str]) -> str:
        if match.group("escaped") is not None:
            return "$"
        name = match.group("named") or match.group("braced")
        if name in SENTENCE_TEXT and values.get(name):
            return _punctuated(str(values[name]), ends_line=not text[match.end() :].strip())
        if name is None:  # a stray "$": printed as written (reported by template_problems)
            return str(match.group(0))
        if name not in values:
            return str(match.group(0))
        value = values[name]
        if value is None:
            label = placeholder_label(name)
            problems.append(f"缺少“{label}”（${{{name}}}），请先填写。")
            return f"【未填写：{label}】"
        return value

    return LetterTemplateText.pattern.sub(replace, text)
