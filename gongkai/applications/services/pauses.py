"""The pauses of the reply clock: consultation (条例第三十二条、第三十四条) and the fee (109号).

Same conventions as `case`: keyword-only, `seen_version`, `on`, through `base.act`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from gongkai.applications.models import Application, ApplicationEvent, DeliveryForm
from gongkai.applications.procedure.deadlines import ConsultationAnswer, SubDeadlineKind
from gongkai.applications.procedure.fees import FeeMethod, FeeQuote, per_piece_fee, per_volume_fee
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.workflow import Action, State, WorkflowError
from gongkai.applications.selectors import pieces_earlier_this_month
from gongkai.applications.services.base import ActionResult, NewEvent, Resume, act, event_date
from gongkai.applications.services.case import _require_passed

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "PARTY_KINDS",
    "ConsultationAnswer",
    "ServedLetter",
    "application_accept_reasons",
    "application_answer_reasons",
    "application_continue_after_reasons",
    "application_end_consultation",
    "application_lapse_fee",
    "application_pay_fee",
    "application_record_service",
    "application_request_fee",
    "application_request_reasons",
    "application_start_consultation",
    "fee_quote",
]


def application_start_consultation(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    party: str,
    party_kind: str = "",
    on: dt.date | None = None,
) -> ActionResult:
    """Record a consultation letter sent to a third party or co-maker (条例第三十二条、第三十四条).

    `party_kind` (`PARTY_KINDS`): a third party (第三十二条), an agency that made the
    information jointly (第三十四条: silence counts as consent), or another agency consulted
    under 第三十三条第三款 (no deemed consent).

    The clock pauses from this day (第三十三条第三款) until the reply or the 15th working day
    after the party received the letter (`application_record_service`).
    """
    if party_kind and party_kind not in PARTY_KINDS:
        raise ValidationError("征求意见对象的类型应为第三方、共同制作的机关或其他机关。")
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.START_CONSULTATION,
        events=[
            NewEvent(
                EventKind.CONSULTATION_STARTED,
                event_date(on),
                {"party": party.strip(), "from_state": application.state}
                | ({"party_kind": party_kind} if party_kind else {}),
            )
        ],
    )


PARTY_KINDS = {
    "third_party": "第三方（条例第三十二条）",
    "co_maker": "共同制作的机关（条例第三十四条：逾期视为同意）",
    "other_agency": "其他机关（条例第三十三条第三款：不视为同意）",
}
"""Whom a consultation asks; only a co-maker's silence counts as consent (条例第三十四条)."""


def _resume_after_consultation(party: str) -> Resume:
    def resume(current: Application, past: list[ApplicationEvent]) -> State:
        open_parties: set[str] = set()
        spell_from = State.RECEIVED.value
        for event in past:
            who = str(event.details.get("party", ""))
            if event.kind == EventKind.CONSULTATION_STARTED:
                if not open_parties:
                    # The state before this spell of (possibly overlapping) consultations.
                    spell_from = str(event.details.get("from_state", State.RECEIVED.value))
                open_parties.add(who)
            elif event.kind == EventKind.CONSULTATION_ENDED:
                open_parties.discard(who)
        if party not in open_parties:
            raise WorkflowError(f"没有尚未结束的征求“{party}”意见")
        open_parties.discard(party)
        return State.CONSULTING if open_parties else State(spell_from)

    return resume


def application_end_consultation(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    party: str,
    answer: ConsultationAnswer | None = None,
    on: dt.date | None = None,
) -> ActionResult:
    """Record the end of the consultation of `party`; the case resumes where it was.

    `answer` NO_REPLY (逾期未答复; for a co-maker, deemed consent under 条例第三十四条) is refused
    until the letter's service is recorded and its 15 working days have passed on a certain
    calendar (the clock checks).
    """
    party = party.strip()
    details: dict[str, str] = {"party": party}
    if answer is not None:
        details["answer"] = answer.value
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.END_CONSULTATION,
        events=[NewEvent(EventKind.CONSULTATION_ENDED, event_date(on), details)],
        resume_from=_resume_after_consultation(party),
    )


class ServedLetter(StrEnum):
    """The letters whose addressee has a period of its own, counted from its receipt."""

    FEE_NOTICE = "fee_notice"  # 109号: 收到收费通知的次日起20个工作日内
    CONSULTATION = "consultation"  # 条例第三十二条、第三十四条: 自收到征求意见书之日起
    REASONS_REQUEST = "reasons_request"  # 条例第三十五条

    @property
    def label(self) -> str:
        return {
            "fee_notice": "收费通知书",
            "consultation": "征求意见书（函）",
            "reasons_request": "说明理由告知书",
        }[self.value]


_SERVED_KINDS = {
    ServedLetter.FEE_NOTICE: EventKind.FEE_NOTICE_SERVED,
    ServedLetter.CONSULTATION: EventKind.CONSULTATION_SERVED,
    ServedLetter.REASONS_REQUEST: EventKind.REASONS_REQUEST_SERVED,
}


_SENT_KINDS = {
    ServedLetter.FEE_NOTICE: [EventKind.FEE_NOTICE_SENT],
    ServedLetter.CONSULTATION: [EventKind.CONSULTATION_STARTED],
    ServedLetter.REASONS_REQUEST: [EventKind.REASONS_REQUESTED],
}


def application_record_service(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    letter: ServedLetter,
    on: dt.date,
    party: str = "",
) -> ActionResult:
    """Record the day the addressee received `letter` (签收之日; for post, the day signed for).

    The addressee's period runs from the next day. Service is often learned later (the return
    receipt), so `on` may lie before acts recorded since; never before the letter was sent.
    """
    details: dict[str, str] = {}
    if letter is ServedLetter.CONSULTATION:
        party = party.strip()
        if not party:
            raise ValidationError("请选择送达的征求意见对象。")
        details["party"] = party
    day = event_date(on)
    sent = (
        ApplicationEvent.objects.filter(application=application, kind__in=_SENT_KINDS[letter])
        .filter(
            **({"details__party": party} if party and letter is ServedLetter.CONSULTATION else {})
        )
        .order_by("-date", "-id")
        .first()
    )
    if sent is not None and day < sent.date:
        raise WorkflowError(
            f"送达日期 {day.isoformat()} 早于{letter.label}的发出日期 {sent.date.isoformat()}"
        )
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.RECORD_SERVICE,
        events=[NewEvent(_SERVED_KINDS[letter], day, details)],
    )


def fee_quote(
    *, application: Application, method: FeeMethod, pieces: int = 1, pages: int = 0
) -> FeeQuote:
    """Return the 109号 fee for the case (per piece: counting this month's earlier pieces)."""
    if method is FeeMethod.PER_PIECE:
        earlier = pieces_earlier_this_month(application=application)
        return per_piece_fee(pieces=pieces, earlier_this_month=earlier)
    return per_volume_fee(pages=pages)


def application_request_fee(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    method: FeeMethod,
    pieces: int = 1,
    pages: int = 0,
    on: dt.date | None = None,
) -> ActionResult:
    """Record the fee notice (收费通知书) sent on `on`, with the amount computed.

    The 20 working days to pay run from the day after the applicant receives it, recorded
    apart (`application_record_service`). Refused when the fee would be zero.
    """
    if method is FeeMethod.PER_VOLUME and application.delivery_form == DeliveryForm.INSPECTION:
        # 109号第五条: 按量计收 only where the information is provided on paper, by e-mail or
        # as copied electronic data; inspection on site (当场查阅、抄录) is charged per piece.
        raise ValidationError(
            "申请人要求当场查阅、抄录，不适用按量计收（国办函〔2020〕109号第五条：仅适用于提供纸质件、"
            "发送电子邮件、复制电子数据等情形），请改为按件计收。"
        )
    quote = fee_quote(application=application, method=method, pieces=pieces, pages=pages)
    if quote.amount <= 0:
        raise ValidationError("按国办函〔2020〕109号，本申请不收费，无需发出收费通知。")
    details = {
        "method": method.value,
        "pieces": pieces,
        "pages": pages,
        "amount": str(quote.amount),
        "bands": [[b.first, b.last, str(b.rate)] for b in quote.bands],
        "from_state": application.state,
    }
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.REQUEST_FEE,
        events=[NewEvent(EventKind.FEE_NOTICE_SENT, event_date(on), details)],
        audit_details={"fee_amount": str(quote.amount), "fee_method": method.value},
    )


def _resume_after_fee(current: Application, past: list[ApplicationEvent]) -> State:
    notice = next(
        e
        for e in reversed(past)
        if e.kind == EventKind.FEE_NOTICE_SENT
        or (e.kind == EventKind.FEE_NOTICE_SERVED and "amount" in e.details)
    )
    return State(str(notice.details.get("from_state", State.RECEIVED.value)))


def application_pay_fee(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    receipt_number: str = "",
    on: dt.date | None = None,
) -> ActionResult:
    """Record the payment; the case resumes the state it was in before the notice."""
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.PAY_FEE,
        events=[NewEvent(EventKind.FEE_PAID, event_date(on), {"receipt": receipt_number})],
        resume_from=_resume_after_fee,
    )


def application_lapse_fee(
    *, application: Application, actor: User, seen_version: int, on: dt.date | None = None
) -> ActionResult:
    """Close an unpaid case after its 20 working days: （六）2 逾期未缴费 (109号)."""
    day = event_date(on)
    _require_passed(application, SubDeadlineKind.FEE_PAYMENT, day)
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.LAPSE_FEE,
        events=[NewEvent(EventKind.FEE_LAPSED, day)],
    )


def application_request_reasons(
    *, application: Application, actor: User, seen_version: int, on: dt.date | None = None
) -> ActionResult:
    """Ask the applicant to state reasons for obviously excessive requests (条例第三十五条).

    Unreasonable reasons: an approver decides 不予处理/无正当理由大量反复申请. Reasonable ones:
    `application_accept_reasons` sets a delayed deadline. The national text does not pause the
    clock meanwhile (`ClockRules.reasons_pause_clock`).
    """
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.REQUEST_REASONS,
        events=[
            NewEvent(EventKind.REASONS_REQUESTED, event_date(on), {"from_state": application.state})
        ],
    )


def application_answer_reasons(
    *, application: Application, actor: User, seen_version: int, on: dt.date | None = None
) -> ActionResult:
    """Record the applicant's reasons received on `on` (条例第三十五条)."""
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.ANSWER_REASONS,
        events=[NewEvent(EventKind.REASONS_ANSWERED, event_date(on))],
    )


def _resume_after_reasons(current: Application, past: list[ApplicationEvent]) -> State:
    asked = next(e for e in reversed(past) if e.kind == EventKind.REASONS_REQUESTED)
    return State(str(asked.details.get("from_state", State.RECEIVED.value)))


def application_continue_after_reasons(
    *, application: Application, actor: User, seen_version: int, on: dt.date | None = None
) -> ActionResult:
    """The reasons are reasonable and the 第三十三条 periods can be met: continue without a
    delayed deadline (条例第三十五条); the case returns to where it was."""
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.CONTINUE_AFTER_REASONS,
        events=[NewEvent(EventKind.REASONS_ACCEPTED, event_date(on))],
        resume_from=_resume_after_reasons,
    )


def application_accept_reasons(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    due: dt.date,
    on: dt.date | None = None,
) -> ActionResult:
    """Accept the reasons and notify a reasonable delayed deadline `due` (条例第三十五条)."""
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.ACCEPT_REASONS,
        events=[NewEvent(EventKind.DELAYED_DEADLINE_SET, event_date(on), {"due": due.isoformat()})],
    )
