"""`/api/applications/`: the scoped list, one case, and its actions (the services)."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from pydantic import Field

from gongkai.api.callers import WRITE_AUTH, caller_cases, token_of
from gongkai.api.schemas import (
    ActionIn,
    ApplicantOut,
    ApplicationDetailOut,
    ApplicationPageOut,
    ApplicationSummaryOut,
    ErrorOut,
    EventOut,
)
from gongkai.applications.access import applicant_shown, case_actions, may_see_personal_data
from gongkai.applications.action_forms import action_form
from gongkai.applications.listing import with_clocks
from gongkai.applications.models import Application
from gongkai.applications.procedure.deadlines import Clock
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.workflow import Action, State
from gongkai.applications.selectors import application_clock

router = Router(tags=["依申请公开"])

MAX_LIMIT = 200
# Far above any agency's number of cases, far below the databases' 64-bit limit (an offset
# of 2^63 made SQLite and PostgreSQL fail, and the API answer an HTML 500).
MAX_OFFSET = 1_000_000_000
# Every answer but 200 is an ErrorOut (gongkai.api.errors): documented in the OpenAPI.
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 422), ErrorOut)
LIST_ERRORS: dict[int, Any] = {401: ErrorOut, 422: ErrorOut}


def _summary(case: Application, clock: Clock, *, full: bool) -> dict[str, Any]:
    shown = applicant_shown(case, full=full)
    due = clock.reply_due
    return {
        "tracking_code": case.tracking_code,
        "agency": case.agency.name,
        "state": case.state,
        "state_label": State(case.state).label,
        "outcome": case.outcome,
        "receipt_date": case.receipt_date,
        "due_date": due.date if due is not None else None,
        "due_date_provisional": bool(due is not None and due.provisional),
        "section": case.section.name if case.section else None,
        "handler": (case.handler.full_name or case.handler.username) if case.handler else None,
        "applicant": ApplicantOut(**{k: getattr(shown, k) for k in ApplicantOut.model_fields}),
        "version": case.version,
    }


def _case(request: HttpRequest, tracking_code: str) -> Application:
    return get_object_or_404(caller_cases(request), tracking_code=tracking_code)


def _detail(request: HttpRequest, case: Application, warnings: tuple[str, ...] = ()) -> Any:
    clock = application_clock(application=case)
    events = case.events.select_related("actor").order_by("date", "id")
    # Another system's token sees personal data masked, as every list does (decision 0016).
    full = token_of(request) is None and may_see_personal_data(request.user, case)
    return ApplicationDetailOut(
        **_summary(case, clock, full=full),
        description=case.description,
        delivery_form=case.delivery_form,
        delivery_route=case.delivery_route,
        clock_status=clock.status.value,
        overdue=clock.overdue,
        allowed_actions=[a.value for a in case_actions(request.user, case)],
        events=[
            EventOut(
                kind=e.kind,
                label=EventKind(e.kind).label,
                date=e.date,
                actor=(e.actor.full_name or e.actor.username) if e.actor else None,
            )
            for e in events
        ],
        warnings=list(warnings),
    )


@router.get(
    "/",
    response={200: ApplicationPageOut, **LIST_ERRORS},
    summary="申请列表（按权限范围；个人信息脱敏）",
)
def application_list(
    request: HttpRequest,
    state: str | None = None,
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = 0,
    limit: int = 50,
) -> Any:
    cases = caller_cases(request)
    if state:
        cases = cases.filter(state=state)
    limit = max(1, min(limit, MAX_LIMIT))
    page = list(cases[offset : offset + limit])
    return {
        "count": cases.count(),
        "items": [
            ApplicationSummaryOut(**_summary(listed.application, listed.clock, full=False))
            for listed in with_clocks(page)
        ],
    }


@router.get(
    "/{tracking_code}",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="申请详情（个人信息仅对承办人和公开办完整显示；API 令牌只见脱敏信息）",
)
def application_detail(request: HttpRequest, tracking_code: str) -> Any:
    return _detail(request, _case(request, tracking_code))


@router.post(
    "/{tracking_code}/actions/{action}",
    response={200: ApplicationDetailOut, **ERRORS},
    auth=WRITE_AUTH,
    summary="办理操作（须带 version；他人已更新时返回 409；API 令牌不能办理）",
)
def application_act(
    request: HttpRequest, tracking_code: str, action: Action, body: ActionIn
) -> Any:
    case = _case(request, tracking_code)
    if action not in case_actions(request.user, case):
        raise PermissionDenied(f"您现在不能对该申请“{action.label}”。")
    data = {k: v for k, v in body.model_dump().items() if v is not None}
    if isinstance(data.get("items"), list):
        data["items"] = "\n".join(data["items"])
    form = action_form(action, application=case, data=data, prefix="")
    if not form.is_valid():
        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    result = form.perform(actor=request.user)  # type: ignore[arg-type]
    return _detail(request, result.application, result.warnings)
