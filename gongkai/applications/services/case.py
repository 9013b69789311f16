"""The actions on a received case, one function each (application-procedure.md §4–§14).

Every function is keyword-only, takes the version of the case the actor saw (`seen_version`)
and the day the act happened (`on`, default today), and goes through `base.act`: workflow
check for the actor's roles, optimistic lock, the event, the clock replayed, one audit event.
They return an `ActionResult` (the case, and the clock's warnings such as 补正告知超期).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Membership, Section
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.procedure.deadlines import SubDeadlineKind, lapse_refusal
from gongkai.applications.procedure.grounds import GroundError, ground_basis
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.workflow import Action, WorkflowError
from gongkai.applications.selectors import application_clock
from gongkai.applications.services.base import ActionResult, NewEvent, act, event_date
from gongkai.applications.services.intake import store_attachment

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "CLARIFICATION_ABOUT",
    "ServiceMethod",
    "application_answer_clarification",
    "application_archive",
    "application_assign",
    "application_close",
    "application_decide",
    "application_lapse_clarification",
    "application_request_clarification",
    "application_serve",
    "application_submit_clarification",
    "application_withdraw",
]


CLARIFICATION_ABOUT = {
    "content": "申请内容不明确（条例第三十条）",
    "identity": "未提供身份证明（条例第二十九条第二款第（一）项）",
}
"""Why a 补正 is asked; 补正后申请内容仍不明确 presupposes a 补正 about the content."""


class ServiceMethod(StrEnum):
    """How the reply letter was served (国办公开办函〔2016〕235号)."""

    DIRECT = "direct"  # 直接送达: the signature date counts
    POST = "post"  # 邮寄送达 (postal enterprise): 交邮之日 counts
    ELECTRONIC = "electronic"  # 电子送达, the route the applicant chose: the sending day

    @property
    def label(self) -> str:
        return {"direct": "直接送达", "post": "邮寄送达", "electronic": "电子送达"}[self.value]


def application_assign(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    section: Section,
    handler: User | None = None,
    on: dt.date | None = None,
) -> ActionResult:
    """Hand the case to a section (承办股室) and, optionally, a handler in the agency."""
    if section.agency_id != application.agency_id:
        raise ValidationError("承办股室不属于本机关。")
    if (
        handler is not None
        and not Membership.objects.filter(
            user=handler, agency_id=application.agency_id, revoked_at__isnull=True
        ).exists()
    ):
        raise ValidationError("承办人不在本机关任职。")
    if handler is not None and not handler.is_active:
        raise ValidationError("该承办人的账号已停用，不能交办。")
    details = {"section": section.pk, "handler": handler.pk if handler else None}
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.ASSIGN,
        events=[NewEvent(EventKind.ASSIGNED, event_date(on), details)],
        changes={"section": section, "handler": handler},
        audit_details=details,
    )


def application_request_clarification(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    items: Sequence[str],
    answer_due: dt.date,
    about: Sequence[str] = ("content",),
    on: dt.date | None = None,
) -> ActionResult:
    """Serve the one 补正 notice listing everything missing (条例第三十条).

    `about` says what is missing (`CLARIFICATION_ABOUT`): the request's content is unclear,
    and/or the identity proof 条例第二十九条第二款第（一）项 requires is missing.

    Only once per case (the clock refuses a second); later than 7 working days after receipt
    it is recorded with the warning 补正告知超期.
    """
    listed = [item.strip() for item in items if item.strip()]
    if not listed:
        raise ValidationError("补正告知书须一次性列明需要补正的全部事项。")
    reasons = [reason for reason in CLARIFICATION_ABOUT if reason in about]
    if not reasons or len(reasons) != len(set(about)):
        raise ValidationError("请选择补正的原因：申请内容不明确，或未提供身份证明。")
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.REQUEST_CLARIFICATION,
        events=[
            NewEvent(
                EventKind.CLARIFICATION_REQUESTED,
                event_date(on),
                {"answer_due": answer_due.isoformat(), "items": listed, "about": reasons},
            )
        ],
    )


def _clarification_due(application: Application) -> dt.date | None:
    """Return the 补正期限 set in the case's 补正 notice, or None when none was sent."""
    notice = (
        ApplicationEvent.objects.filter(
            application=application, kind=EventKind.CLARIFICATION_REQUESTED
        )
        .order_by("-date", "-id")
        .first()
    )
    return dt.date.fromisoformat(str(notice.details["answer_due"])) if notice else None


def _answer(
    *,
    application: Application,
    actor: User | None,
    seen_version: int,
    day: dt.date,
    details: dict[str, Any],
    attachments: Sequence[UploadedFile[bytes]],
) -> ActionResult:
    with transaction.atomic():
        stored = [
            store_attachment(application=application, upload=upload, actor=actor)
            for upload in attachments
        ]
        return act(
            application=application,
            actor=actor,
            seen_version=seen_version,
            action=Action.ANSWER_CLARIFICATION,
            events=[
                NewEvent(
                    EventKind.CLARIFICATION_ANSWERED,
                    day,
                    {**details, "attachments": [a.pk for a in stored]},
                )
            ],
            audit_details={"channel": details["channel"], "attachments": len(stored)},
            as_applicant=actor is None,
        )


def application_answer_clarification(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    content: str = "",
    attachments: Sequence[UploadedFile[bytes]] = (),
    late_reason: str = "",
    on: dt.date | None = None,
) -> ActionResult:
    """Record the supplement received on paper, in person or by post: its content and scans.

    The 20 working days run afresh from `on` (条例第三十条). After the 补正期限 the supplement
    is taken only with the 正当理由 staff accept (`late_reason`, printed on the case); without
    one the applicant is deemed to have abandoned the application (docs/decisions/0009).
    """
    day = event_date(on)
    due = _clarification_due(application)
    late = due is not None and day > due
    late_reason = late_reason.strip()
    if late and not late_reason:
        raise WorkflowError(
            f"补正期限（{due}）已届满。无正当理由逾期不补正的，视为放弃申请（条例第三十条）："
            "如申请人有正当理由，请写明逾期的正当理由；否则请办理“逾期不补正，不再处理”。"
        )
    details = {"channel": "paper", "content": content.strip()}
    if late:
        details["late_reason"] = late_reason
    return _answer(
        application=application,
        actor=actor,
        seen_version=seen_version,
        day=day,
        details=details,
        attachments=attachments,
    )


def application_submit_clarification(
    *,
    application: Application,
    seen_version: int,
    content: str,
    attachments: Sequence[UploadedFile[bytes]] = (),
) -> ActionResult:
    """The applicant hands in the supplement on the portal's tracking page, today.

    Received the day it is submitted: the page confirms it to the applicant at once
    (条例第三十一条第（三）项 by analogy), and the 20 working days run afresh (条例第三十条).
    Closed after the 补正期限: whether a late supplement has a 正当理由 is for staff to judge
    (`application_answer_clarification`), so the page sends the applicant to the office.
    """
    day = timezone.localdate()
    due = _clarification_due(application)
    if due is not None and day > due:
        raise WorkflowError(
            f"补正期限（{due}）已届满，不能再在网上提交补正。"
            "如有正当理由，请与本机关政府信息公开工作机构联系。"
        )
    if not content.strip() and not attachments:
        raise ValidationError("请填写补正内容或上传补正材料。")
    return _answer(
        application=application,
        actor=None,
        seen_version=seen_version,
        day=day,
        details={"channel": "online", "content": content.strip()},
        attachments=attachments,
    )


def _require_passed(application: Application, kind: SubDeadlineKind, day: dt.date) -> None:
    """Refuse a lapse unless the period is served, passed and certain (`lapse_refusal`)."""
    refusal = lapse_refusal(application_clock(application=application, as_of=day), kind)
    if refusal is not None:
        raise WorkflowError(refusal)


def application_lapse_clarification(
    *, application: Application, actor: User, seen_version: int, on: dt.date | None = None
) -> ActionResult:
    """Close a case whose applicant did not supplement in time: （六）1 逾期不补正."""
    day = event_date(on)
    _require_passed(application, SubDeadlineKind.CLARIFICATION_ANSWER, day)
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.LAPSE_CLARIFICATION,
        events=[NewEvent(EventKind.CLARIFICATION_LAPSED, day)],
    )


def application_withdraw(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    on: dt.date | None = None,
) -> ActionResult:
    """Record the applicant's withdrawal; closing it later counts it under （六）3 其他."""
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.WITHDRAW,
        events=[NewEvent(EventKind.WITHDRAWN, event_date(on))],
    )


def application_decide(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    outcome: str,
    ground: str = "",
    on: dt.date | None = None,
) -> ActionResult:
    """Approve the reply with exactly one table 三 outcome; `on` is the 答复日期 that decides
    the year it is counted in. `ground` names the article where the outcome's row covers
    several (`grounds.GROUNDS`: 第三十六条第（一）/（二）项, 第（四）/（五）项, the withheld part
    of 部分公开); the reply cites it alone."""
    details = {"outcome": outcome}
    if ground:
        try:
            ground_basis(outcome, ground)
        except GroundError as error:
            raise ValidationError(str(error)) from error
        details["ground"] = ground
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.DECIDE,
        outcome=outcome,
        events=[NewEvent(EventKind.DECIDED, event_date(on), details)],
    )


def application_serve(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    method: ServiceMethod,
    on: dt.date,
    tracking_number: str = "",
) -> ActionResult:
    """Record service of the reply: `on` is the signature date, or 交邮之日 for post (235号)."""
    if method is ServiceMethod.POST and not tracking_number.strip():
        raise ValidationError("邮寄送达须填写邮件号（须经邮政企业寄送）。")
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.SERVE,
        events=[
            NewEvent(
                EventKind.REPLY_SERVED,
                event_date(on),
                {"method": method.value, "tracking_number": tracking_number.strip()},
            )
        ],
    )


def application_close(
    *, application: Application, actor: User, seen_version: int, on: dt.date | None = None
) -> ActionResult:
    """Close a served case, or a withdrawn one (recording （六）3 其他 on that day)."""
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.CLOSE,
        events=[NewEvent(EventKind.CLOSED, event_date(on))],
    )


def application_archive(
    *, application: Application, actor: User, seen_version: int, on: dt.date | None = None
) -> ActionResult:
    """File the closed case (条例第四十五条: one archive file per application)."""
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.ARCHIVE,
        events=[NewEvent(EventKind.ARCHIVED, event_date(on))],
    )
