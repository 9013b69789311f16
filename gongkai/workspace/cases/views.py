"""The staff's cases (依申请公开): the list, one case, and its actions. Thin views.

Who sees which case is `application_list_for` (a case outside it is 404, not 403: its
existence is not disclosed); who sees personal data, and which buttons, is
`applications.access`. Every action form carries the version the person saw; a case changed
in between is refused by the service and nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from gongkai.agencies.models import Membership, Role
from gongkai.applications.access import (
    applicant_shown,
    case_actions,
    may_see_personal_data,
)
from gongkai.applications.action_forms import ActionForm, action_form
from gongkai.applications.listing import with_clocks
from gongkai.applications.models import STATE_CHOICES, Application
from gongkai.applications.procedure.correction import CORRECTION_SERVICE_STANDARD
from gongkai.applications.procedure.deadlines import SubDeadlineKind
from gongkai.applications.procedure.workflow import Action, State, rule
from gongkai.applications.selectors import (
    application_explanation,
    application_list_for,
    pending_extension_request,
)
from gongkai.applications.services import ConcurrentChange, WorkflowError
from gongkai.form_errors import add_service_errors
from gongkai.letters.selectors import issued_letters
from gongkai.workspace.cases.events import timeline_rows
from gongkai.workspace.cases.forms import LetterIssueForm, letter_kinds
from gongkai.workspace.queues import first_words
from gongkai.workspace.signed_in import SignedInRequest

PAGE_SIZE = 50
CONFLICT = "该申请已被他人更新，请刷新后重试。"
# Roles that work on or oversee cases (an administrator administers accounts only).
CASE_ROLES = frozenset(Role) - {Role.ADMINISTRATOR}
SUB_DEADLINE_LABELS = {
    SubDeadlineKind.CLARIFICATION_ANSWER: "补正期限",
    SubDeadlineKind.CONSULTATION_REPLY: "征求意见答复期限",
    SubDeadlineKind.FEE_PAYMENT: "缴费期限",
}


def may_list_cases(user: Any) -> bool:
    """Return whether the user holds a role that sees cases (or is the platform's superuser)."""
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user_id=user.pk, revoked_at__isnull=True, role__in=list(CASE_ROLES)
    ).exists()


def visible_case(request: SignedInRequest, tracking_code: str) -> Application:
    """The case in the address, if the user may see it; else 404."""
    return get_object_or_404(application_list_for(user=request.user), tracking_code=tracking_code)


@require_safe
@login_required
def case_list(request: SignedInRequest) -> HttpResponse:
    """The cases the user may see, newest first; personal data masked."""
    if not may_list_cases(request.user):
        raise PermissionDenied("无权查看政府信息公开申请。")
    cases = application_list_for(user=request.user)
    state = request.GET.get("state", "")
    if state in dict(STATE_CHOICES):
        cases = cases.filter(state=state)
    query = request.GET.get("q", "").strip().upper()
    if query:
        cases = cases.filter(tracking_code__startswith=query)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "listed": listed,
            "applicant": applicant_shown(listed.application, full=False),
            "words": first_words(listed.application.description),
        }
        for listed in with_clocks(list(page.object_list))
    ]
    context = {
        "page": page,
        "rows": rows,
        "states": STATE_CHOICES,
        "state": state,
        "q": query,
        "may_register": registering_memberships(request.user).exists(),
    }
    return render(request, "workspace/cases/list.html", context)


def registering_memberships(user: Any) -> Any:
    """The user's memberships in which it registers applications (the disclosure office)."""
    return Membership.objects.filter(
        user_id=user.pk, revoked_at__isnull=True, role=Role.DISCLOSURE_OFFICE
    )


def detail_context(
    request: SignedInRequest,
    case: Application,
    *,
    bound: ActionForm | None = None,
    letter_form: LetterIssueForm | None = None,
) -> dict[str, Any]:
    """Everything the case page shows; `bound` replaces the blank form of its action."""
    user = request.user
    full = may_see_personal_data(user, case)
    forms = [
        bound
        if bound is not None and bound.action is action
        else action_form(action, application=case)
        for action in case_actions(user, case)
    ]
    # A letter prints the applicant in full: composed and read only with the unmasked case.
    letter_forms = [
        letter_form
        if letter_form is not None and letter_form.kind is kind
        else LetterIssueForm(kind=kind, case=case)
        for kind in (letter_kinds(case, user) if full else [])
    ]
    explanation = application_explanation(application=case)
    clock = explanation.clock
    return {
        "case": case,
        "explanation": explanation,
        "open_deadlines": [(SUB_DEADLINE_LABELS[s.kind], s) for s in clock.open_deadlines],
        "applicant": applicant_shown(case, full=full),
        "full": full,
        "clock": clock,
        "events": timeline_rows(case, full=full),
        "attachments": list(case.attachments.order_by("id")) if full else [],
        "attachment_count": case.attachments.count(),
        "letters": issued_letters(application=case),
        "action_forms": forms,
        "letter_forms": letter_forms,
        "pending_extension": pending_extension_request(application=case) if case.is_open else None,
        # The approval is a transition from RECEIVED or EXTENDED only (a paused case waits).
        "extension_waits": rule(State(case.state), Action.EXTEND) is None,
        # 条例第四十一条 sets no period: the 20 working days are a service standard (0015).
        "correction_standard": CORRECTION_SERVICE_STANDARD,
    }


@require_safe
@login_required
def case_detail(request: SignedInRequest, tracking_code: str) -> HttpResponse:
    case = visible_case(request, tracking_code)
    return render(request, "workspace/cases/detail.html", detail_context(request, case))


@require_POST
@login_required
def case_act(request: SignedInRequest, tracking_code: str, action: str) -> HttpResponse:
    """Take one action on the case with the version the person saw."""
    case = visible_case(request, tracking_code)
    try:
        chosen = Action(action)
    except ValueError as error:
        raise Http404 from error
    if chosen not in case_actions(request.user, case):
        raise PermissionDenied(f"您现在不能对该申请“{chosen.label}”。")
    form = action_form(chosen, application=case, data=request.POST, files=request.FILES)
    if form.is_valid():
        try:
            result = form.perform(actor=request.user)
        except ConcurrentChange:
            messages.error(request, CONFLICT)
            return redirect("workspace:case_detail", tracking_code=case.tracking_code)
        except (WorkflowError, PermissionDenied) as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已办理：{chosen.label}。")
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("workspace:case_detail", tracking_code=case.tracking_code)
    context = detail_context(request, case, bound=form)
    return render(request, "workspace/cases/detail.html", context, status=400)
