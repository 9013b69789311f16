"""我的账号: each person changes their own password and the e-mail their reminders go to.

A person whose password was chosen by an administrator (`must_change_password`) is sent to the
password page first by `password_gate.PasswordChangeRequiredMiddleware`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from gongkai.accounts.services import password_change, user_set_email
from gongkai.agencies.selectors import memberships_of
from gongkai.form_errors import add_service_errors
from gongkai.workspace.administration.account_forms import EmailForm, PasswordChangeForm
from gongkai.workspace.signed_in import SignedInRequest


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def my_account(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = EmailForm(request.POST or None, initial={"email": user.email})
    if request.method == "POST" and form.is_valid():
        try:
            user_set_email(user=user, email=form.cleaned_data["email"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已保存电子邮箱。")
            return redirect("workspace:my_account")
    context = {"form": form, "memberships": memberships_of(user=user).select_related("section")}
    return render(request, "workspace/account/my_account.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def my_password(request: SignedInRequest) -> HttpResponse:
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_change(
                user=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Django ties sessions to the password: keep this one, end the others.
            update_session_auth_hash(request, user)
            messages.success(request, "已修改密码。下次登录请使用新密码。")
            return redirect(next_url or "workspace:home")
    context = {"form": form, "next": next_url, "required": user.must_change_password}
    return render(request, "workspace/account/password.html", context)
