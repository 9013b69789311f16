"""API tokens of an agency (系统管理员): list, create (the secret shown once), revoke.

Thin views over `gongkai.accounts.api_tokens`, which checks who may and audits. Every page
needs `can_administer` on the agency in its address, as the other administration pages do.
The new token's secret is rendered in the answer to the POST itself — never put in the
session or a message, never in an address — and the answer is not stored (no-store).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.accounts.api_tokens import (
    api_token_create,
    api_token_revoke,
    api_token_status,
    api_tokens_of,
)
from gongkai.form_errors import add_service_errors
from gongkai.workspace.administration.account_forms import ApiTokenForm
from gongkai.workspace.administration.agencies import administered_agency
from gongkai.workspace.signed_in import SignedInRequest


@require_safe
@login_required
def api_token_list(request: SignedInRequest, code: str) -> HttpResponse:
    agency = administered_agency(request, code)
    now = timezone.now()
    rows = [(token, api_token_status(token, now=now)) for token in api_tokens_of(agency=agency)]
    return render(
        request,
        "workspace/administration/api_token_list.html",
        {
            "agency": agency,
            "active": [(t, s) for t, s in rows if s == "有效"],
            "ended": [(t, s) for t, s in rows if s != "有效"],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def api_token_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = administered_agency(request, code)
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = api_token_create(
                actor=request.user,
                agency=agency,
                system_name=form.cleaned_data["system_name"],
                permissions=form.cleaned_data["permissions"],
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            context = {"agency": agency, "token": issued.token, "secret": issued.secret}
            return render(request, "workspace/administration/api_token_created.html", context)
    return render(
        request, "workspace/administration/api_token_form.html", {"agency": agency, "form": form}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def api_token_revoke_view(request: SignedInRequest, code: str, token_id: int) -> HttpResponse:
    """Ask first (GET: which token, which system stops); revoke on POST."""
    agency = administered_agency(request, code)
    token = get_object_or_404(api_tokens_of(agency=agency), pk=token_id)
    if request.method != "POST":
        if token.revoked_at is not None:
            messages.info(request, "该 API 令牌已撤销。")
            return redirect("workspace:api_token_list", code=agency.code)
        return render(
            request,
            "workspace/administration/api_token_revoke.html",
            {"agency": agency, "token": token},
        )
    try:
        api_token_revoke(actor=request.user, token=token)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(
            request, f"已撤销{token.system_name}的 API 令牌（{token.hint}…）：该令牌立即失效。"
        )
    return redirect("workspace:api_token_list", code=agency.code)
