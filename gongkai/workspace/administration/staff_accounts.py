"""The administrator's actions on a colleague's account, from the staff page (人员与岗位):
reset the password, lift a sign-in lockout, deactivate and reactivate. Thin views over
`gongkai.accounts.administration`, which checks who may and audits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.accounts.administration import (
    account_deactivate,
    account_reactivate,
    account_reset_password,
    account_unlock,
    may_manage_account,
)
from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import memberships_visible_to
from gongkai.form_errors import add_service_errors
from gongkai.workspace.administration.account_forms import DeactivateForm, PasswordResetForm
from gongkai.workspace.administration.agencies import administered_agency
from gongkai.workspace.signed_in import SignedInRequest


def managed_person(request: SignedInRequest, code: str, user_id: int) -> tuple[Agency, User]:
    """The agency in the address and one of its people whose account the user may manage."""
    agency = administered_agency(request, code)
    membership = (
        memberships_visible_to(user=request.user, agency=agency, include_revoked=True)
        .filter(user_id=user_id)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise Http404("该人员不在本机关。")
    person = membership.user
    if not may_manage_account(request.user, person, agency):
        raise PermissionDenied(f"无权管理{person}的账号。")
    return agency, person


def _back(agency: Agency, person: User) -> HttpResponse:
    return redirect("workspace:staff_detail", code=agency.code, user_id=person.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_password(request: SignedInRequest, code: str, user_id: int) -> HttpResponse:
    agency, person = managed_person(request, code, user_id)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_reset_password(
                actor=request.user,
                person=person,
                agency=agency,
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"已重置{person}的密码，并解除了登录锁定。请把新的初始密码当面告知本人；"
                "本人登录后须先修改密码。",
            )
            return _back(agency, person)
    context = {"agency": agency, "person": person, "form": form}
    return render(request, "workspace/administration/account_password.html", context)


@require_POST
@login_required
def account_unlock_view(request: SignedInRequest, code: str, user_id: int) -> HttpResponse:
    agency, person = managed_person(request, code, user_id)
    lifted = account_unlock(actor=request.user, person=person, agency=agency)
    if lifted:
        messages.success(request, f"已解除{person}的登录锁定。")
    else:
        messages.info(request, f"{person}没有被暂停登录。")
    return _back(agency, person)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_deactivate_view(request: SignedInRequest, code: str, user_id: int) -> HttpResponse:
    agency, person = managed_person(request, code, user_id)
    form = DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_deactivate(
                actor=request.user, person=person, agency=agency, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已停用{person}的账号。其岗位和办理记录均保留。")
            return _back(agency, person)
    context = {"agency": agency, "person": person, "form": form}
    return render(request, "workspace/administration/account_deactivate.html", context)


@require_POST
@login_required
def account_reactivate_view(request: SignedInRequest, code: str, user_id: int) -> HttpResponse:
    agency, person = managed_person(request, code, user_id)
    try:
        account_reactivate(actor=request.user, person=person, agency=agency)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已恢复{person}的账号。")
    return _back(agency, person)
