"""Extending the reply period: requested with reasons, approved or refused by the 负责人.

条例第三十三条第二款: 行政机关不能在20个工作日内答复的，经政府信息公开工作机构负责人同意并告知
申请人，可以延长答复期限，延长的期限最长不得超过20个工作日. In practice (and here) the handler or
the disclosure office asks, in writing and with reasons; the head — the approver role — approves
or refuses. Only the approval moves the clock (EXTENSION_GRANTED); after it the office issues the
延期答复告知书. Same conventions as `case`: keyword-only, `seen_version`, `on`, through `base.act`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.workflow import Action, WorkflowError
from gongkai.applications.selectors import application_clock, pending_extension_request
from gongkai.applications.services.base import ActionResult, NewEvent, act, event_date

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "MAX_EXTENSION_WORKDAYS",
    "application_approve_extension",
    "application_refuse_extension",
    "application_request_extension",
]

MAX_EXTENSION_WORKDAYS = 20  # 条例第三十三条第二款: 最长不得超过20个工作日, in total


def application_request_extension(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    workdays: int,
    reason: str,
    on: dt.date | None = None,
) -> ActionResult:
    """Ask the approver to extend the reply period by `workdays`, giving the reason.

    Refused while another request waits, when the total would pass 20 working days, or when
    the reply is already due (an extension is granted within the period).
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "请写明延期理由（延期答复告知书须载明）。"})
    if not 1 <= workdays <= MAX_EXTENSION_WORKDAYS:
        raise ValidationError({"workdays": "延长的期限为 1 至 20 个工作日。"})
    if pending_extension_request(application=application) is not None:
        raise WorkflowError("已有一项延期申请等待审批，请待审核人办理后再申请。")
    day = event_date(on)
    clock = application_clock(application=application, as_of=day)
    room = MAX_EXTENSION_WORKDAYS - clock.extended_by
    if workdays > room:
        raise ValidationError(
            {"workdays": f"已延长 {clock.extended_by} 个工作日，至多还可延长 {room} 个工作日。"}
        )
    if clock.reply_due is not None and day > clock.reply_due.date:
        due = clock.reply_due.date.isoformat()
        raise WorkflowError(f"答复期限（{due}）已届满，不能再申请延长。")
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.REQUEST_EXTENSION,
        events=[
            NewEvent(EventKind.EXTENSION_REQUESTED, day, {"workdays": workdays, "reason": reason})
        ],
        audit_details={"workdays": workdays},
    )


def _pending(application: Application) -> ApplicationEvent:
    request = pending_extension_request(application=application)
    if request is None:
        raise WorkflowError("本申请没有等待审批的延期申请。")
    return request


def application_approve_extension(
    *, application: Application, actor: User, seen_version: int, on: dt.date | None = None
) -> ActionResult:
    """Approve the pending request: the reply period grows by the working days asked.

    The clock refuses a grant after the due date in force or beyond 20 working days in total.
    """
    request = _pending(application)
    workdays = int(request.details["workdays"])
    details = {
        "workdays": workdays,
        "reason": str(request.details.get("reason", "")),
        "request": request.pk,
    }
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.EXTEND,
        events=[NewEvent(EventKind.EXTENSION_GRANTED, event_date(on), details)],
        audit_details={"workdays": workdays},
    )


def application_refuse_extension(
    *,
    application: Application,
    actor: User,
    seen_version: int,
    reason: str,
    on: dt.date | None = None,
) -> ActionResult:
    """Refuse the pending request, saying why; the reply stays due when it was."""
    request = _pending(application)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "请写明不批准的理由。"})
    return act(
        application=application,
        actor=actor,
        seen_version=seen_version,
        action=Action.REFUSE_EXTENSION,
        events=[
            NewEvent(
                EventKind.EXTENSION_REFUSED,
                event_date(on),
                {"reason": reason, "request": request.pk},
            )
        ],
    )
