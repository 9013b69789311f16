"""The facts of a case's letters, taken from its events and its clock — never retyped.

Each notice is about one act recorded on the case (`SOURCE_EVENTS`): the 补正告知书 about the
clarification request (its items and deadline), the 延期答复告知书 about the extension (the due
dates the clock gives just before and just after it, and the reason given), the consultation
letters about one consultation (the party, and the reply due 15 working days on, from the
clock), the 收费通知书 about the fee notice (the quote stored with it, the payment deadline
from the clock). The reply takes the case's outcome and the agency's reviewing bodies
(`letter_settings_for`). What the handler adds is free text where a template asks for it
(reasons, provision, the responsible agency, contact).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.procedure.correction import CORRECTION_DECISIONS, correction_outcome
from gongkai.applications.procedure.deadlines import SubDeadlineKind
from gongkai.applications.procedure.fees import BandCharge, FeeMethod, FeeQuote
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.selectors import application_clock
from gongkai.letters.composition.compose import Letter, TemplateText, compose_letter
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.selectors import application_context, letter_settings_for, template_for
from gongkai.report.catalogue import Outcome

__all__ = [
    "SOURCE_EVENTS",
    "available_kinds",
    "case_facts",
    "clarification_channels",
    "reply_draft",
    "source_event",
    "source_events",
]

SOURCE_EVENTS: dict[LetterKind, EventKind] = {
    LetterKind.CLARIFICATION: EventKind.CLARIFICATION_REQUESTED,
    LetterKind.EXTENSION: EventKind.EXTENSION_GRANTED,
    LetterKind.CONSULTATION_THIRD_PARTY: EventKind.CONSULTATION_STARTED,
    LetterKind.CONSULTATION_AGENCY: EventKind.CONSULTATION_STARTED,
    LetterKind.FEE_NOTICE: EventKind.FEE_NOTICE_SENT,
    LetterKind.REASONS_REQUEST: EventKind.REASONS_REQUESTED,
    LetterKind.DELAYED_DEADLINE: EventKind.DELAYED_DEADLINE_SET,
    LetterKind.DISCLOSURE_NOTICE: EventKind.CONSULTATION_ENDED,
}
"""The act each notice is about: the notice can be issued once the case records it."""


def available_kinds(application: Application) -> list[LetterKind]:
    """Return the letters the case's record supports now: the reply once decided, each notice
    once its act is recorded (in LetterKind's order, the reply first)."""
    if application.receipt_date is None:
        return []
    if application.is_correction:
        # 条例第四十一条: the one letter of a 更正申请 is its reply (none when it was withdrawn).
        decided = correction_outcome(application.outcome) in CORRECTION_DECISIONS
        return [LetterKind.CORRECTION_REPLY] if decided else []
    recorded = set(
        ApplicationEvent.objects.filter(
            application=application, kind__in=set(SOURCE_EVENTS.values())
        ).values_list("kind", flat=True)
    )
    if ApplicationEvent.objects.filter(
        application=application, kind=EventKind.FEE_NOTICE_SERVED, details__has_key="amount"
    ).exists():
        recorded.add(EventKind.FEE_NOTICE_SENT)
    kinds = [LetterKind.REPLY] if application.outcome else []
    kinds += [
        kind
        for kind, event in SOURCE_EVENTS.items()
        if event in recorded and kind is not LetterKind.DISCLOSURE_NOTICE
    ]
    # 条例第三十二条: disclosed although a consulted third party objected.
    if application.outcome in _DISCLOSED and _objections(application).exists():
        kinds.append(LetterKind.DISCLOSURE_NOTICE)
    return kinds


_DISCLOSED = (Outcome.GRANTED, Outcome.PARTIALLY_GRANTED)


def _objections(application: Application) -> QuerySet[ApplicationEvent]:
    return ApplicationEvent.objects.filter(
        application=application, kind=EventKind.CONSULTATION_ENDED, details__answer="objected"
    )


def _candidates(application: Application, kind: LetterKind) -> QuerySet[ApplicationEvent]:
    """The recorded acts the notice `kind` may rest on."""
    found: QuerySet[ApplicationEvent] = ApplicationEvent.objects.filter(
        application=application, kind=SOURCE_EVENTS[kind]
    )
    if kind is LetterKind.DISCLOSURE_NOTICE:
        found = _objections(application)
    if kind is LetterKind.FEE_NOTICE:
        # A fee notice recorded before sending and service were apart carries its quote.
        older = ApplicationEvent.objects.filter(
            application=application, kind=EventKind.FEE_NOTICE_SERVED, details__has_key="amount"
        )
        found = found | older
    return found


def source_events(application: Application, kind: LetterKind) -> list[ApplicationEvent]:
    """Return the recorded acts a notice `kind` may rest on, newest first: one letter each."""
    return list(_candidates(application, kind).order_by("-date", "-id"))


def source_event(
    application: Application, kind: LetterKind, *, event_id: int | None = None
) -> ApplicationEvent:
    """Return the act the notice `kind` is about: the latest one, or the one `event_id` names.

    `event_id` must name an act of the notice's own kind (the 补正 request for a 补正告知书, …).
    Raises ValueError (Chinese) when the case records no such act.
    """
    found = _candidates(application, kind)
    if event_id is not None:
        event = found.filter(pk=event_id).first()
        if event is None:
            label = SOURCE_EVENTS[kind].label
            raise ValueError(f"所选事项不是本申请“{label}”的记录，不能据以制发{kind.label}。")
        return event
    event = found.order_by("-date", "-id").first()
    if event is None:
        raise ValueError(f"本申请尚无“{SOURCE_EVENTS[kind].label}”的记录，不能制发{kind.label}。")
    return event


def clarification_channels(application: Application, *, tracking_url: str = "") -> tuple[str, ...]:
    """Return the ways the applicant may hand in the 补正, as the 补正告知书 lists them.

    Online on the portal's tracking page (`tracking_url`, the portal's 查询办理进度 address) with
    the tracking and query codes, and in person or by post at the office's address (letter
    settings). 条例第二十八条: the agency keeps its channels open and says what they are.
    """
    where = tracking_url.strip() or "本机关门户网站“查询办理进度”页面"
    address = letter_settings_for(application.agency).office_address or (
        f"{application.agency.name}政府信息公开工作机构"
    )
    return (
        f"（一）网上提交：访问{where}，输入申请编号{application.tracking_code}和查询码，"
        "在办理进度页面填写补正内容、上传补正材料；",
        f"（二）现场提交或者邮寄：{address}，邮寄的请在信封上注明“政府信息公开申请补正”。",
    )


def _quote(details: dict[str, Any]) -> FeeQuote:
    """Return the quote stored with a fee notice event (by `application_request_fee`)."""
    bands = tuple(
        BandCharge(first=int(first), last=int(last), rate=Decimal(str(rate)))
        for first, last, rate in details.get("bands", [])
    )
    return FeeQuote(method=FeeMethod(str(details["method"])), bands=bands)


def case_facts(
    application: Application,
    kind: LetterKind,
    *,
    event_id: int | None = None,
    reasons: str = "",
    provision: str = "",
    responsible_agency: str = "",
    contact: str = "",
    fee_payment_method: str = "",
    tracking_url: str = "",
) -> dict[str, Any]:
    """Return the facts of the letter `kind` on the case (`application_context`'s `facts`).

    Dates and amounts come from the case's events and its clock; the free text is the
    handler's. `event_id` names the act a notice rests on (default the latest of its kind).
    Raises ValueError (Chinese) when the case does not support the letter.
    """
    kind = LetterKind(kind)
    facts: dict[str, Any] = {"contact": contact.strip(), "reasons": reasons.strip()}
    if kind is LetterKind.CORRECTION_REPLY:
        if correction_outcome(application.outcome) not in CORRECTION_DECISIONS:
            raise ValueError("本更正申请尚未作出答复决定，不能制发更正申请答复书。")
        return facts | {
            "outcome": application.outcome,
            "responsible_agency": responsible_agency.strip(),
            "review_bodies": letter_settings_for(application.agency).review_bodies,
        }
    if kind is LetterKind.REPLY:
        if not application.outcome:
            raise ValueError("本申请尚未作出答复决定，不能制发答复书。")
        settings = letter_settings_for(application.agency)
        decided = (
            ApplicationEvent.objects.filter(application=application, kind=EventKind.DECIDED)
            .order_by("-date", "-id")
            .first()
        )
        return facts | {
            "outcome": application.outcome,
            "ground": str(decided.details.get("ground", "")) if decided is not None else "",
            "provision": provision.strip(),
            "responsible_agency": responsible_agency.strip(),
            "review_bodies": settings.review_bodies,
        }
    event = source_event(application, kind, event_id=event_id)
    details = event.details
    if kind is LetterKind.CLARIFICATION:
        facts["clarification_items"] = tuple(str(item) for item in details.get("items", []))
        facts["clarification_deadline"] = dt.date.fromisoformat(str(details["answer_due"]))
        facts["ground"] = ",".join(str(a) for a in details.get("about", ["content"]))
        facts["clarification_channels"] = clarification_channels(
            application, tracking_url=tracking_url
        )
    elif kind is LetterKind.EXTENSION:
        before = application_clock(application=application, as_of=event.date, before=event)
        after = application_clock(application=application, as_of=event.date, through=event)
        facts["due_date"] = before.reply_due.date if before.reply_due else None
        facts["new_due_date"] = after.reply_due.date if after.reply_due else None
        facts["provisional"] = frozenset(
            name
            for name, due in (("due_date", before.reply_due), ("new_due_date", after.reply_due))
            if due is not None and due.provisional
        )
        facts["reasons"] = facts["reasons"] or str(details.get("reason", ""))
    elif kind in (LetterKind.CONSULTATION_THIRD_PARTY, LetterKind.CONSULTATION_AGENCY):
        party = str(details.get("party", ""))
        # The party's 15 working days run from its receipt: dated only once service is
        # recorded (the letter otherwise states the rule, 自收到之日起15个工作日内).
        now = application_clock(application=application)
        reply = next(
            (
                sub
                for sub in now.open_deadlines
                if sub.kind is SubDeadlineKind.CONSULTATION_REPLY and sub.party == party
            ),
            None,
        )
        facts["consulted_party"] = party
        # 条例第三十四条 (co-maker: silence is consent) or 第三十三条第三款 (another agency: not).
        facts["ground"] = str(details.get("party_kind", ""))
        facts["consultation_reply_due"] = reply.due.date if reply is not None else None
        if reply is not None and reply.due.provisional:
            facts["provisional"] = frozenset({"consultation_reply_due"})
    elif kind is LetterKind.DISCLOSURE_NOTICE:
        facts["consulted_party"] = str(details.get("party", ""))
        facts["provision"] = provision.strip()
    elif kind is LetterKind.DELAYED_DEADLINE:
        facts["delayed_due"] = dt.date.fromisoformat(str(details["due"]))
    elif kind is LetterKind.FEE_NOTICE:
        # 109号: 20 working days from the day after the applicant received the notice: dated
        # only once service is recorded (the notice otherwise states the rule without a date).
        payment = application_clock(application=application).sub_deadline(
            SubDeadlineKind.FEE_PAYMENT
        )
        facts["fee"] = _quote(details)
        facts["fee_payment_deadline"] = payment.due.date if payment is not None else None
        if payment is not None and payment.due.provisional:
            facts["provisional"] = frozenset({"fee_payment_deadline"})
        facts["fee_payment_method"] = (
            fee_payment_method.strip() or letter_settings_for(application.agency).fee_payment_method
        )
    return facts


DRAFT_NUMBER = "（文号待编）"


def reply_draft(
    application: Application,
    *,
    outcome: str,
    ground: str = "",
    letter_date: dt.date,
    applicant_name: str | None = None,
) -> Letter:
    """Return the reply the case would get if decided with `outcome` (and `ground`): composed
    from the template in force and the case's facts, neither numbered nor stored.

    What the approver reads before deciding. The handler writes the free text (reasons,
    provision, contact) when issuing the reply: until then those places print as 【…】 and are
    listed in `problems`. `applicant_name` replaces the name for a reader who sees the case
    masked. A 更正申请 gets its own reply (政府信息更正申请答复书, 条例第四十一条).
    """
    kind = LetterKind.CORRECTION_REPLY if application.is_correction else LetterKind.REPLY
    context = application_context(
        application,
        kind=kind,
        letter_date=letter_date,
        letter_number=DRAFT_NUMBER,
        outcome=outcome,
        ground=ground,
        review_bodies=letter_settings_for(application.agency).review_bodies,
    )
    if applicant_name is not None:
        context = dataclasses.replace(context, applicant_name=applicant_name)
    template = template_for(agency=application.agency, kind=kind, outcome=outcome, ground=ground)
    return compose_letter(context, TemplateText(template.title, template.body))
