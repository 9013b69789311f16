"""Forms of sign-in and of accounts: one's own (password, e-mail) and the administrator's;
the API tokens another system uses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils import timezone
from django.utils.html import escape

from gongkai.accounts.administration import REASON_MAX_LENGTH
from gongkai.accounts.api_tokens import SYSTEM_NAME_MAX_LENGTH, valid_through
from gongkai.accounts.models import ApiTokenPermission, User
from gongkai.accounts.sign_in import sign_in_refusal
from gongkai.workspace.forms import WorkspaceForm

PASSWORD_HELP = escape("".join(password_validators_help_texts()))


class SignInForm(AuthenticationForm):
    """Django's sign-in form; a deactivated or roleless account is refused with its reason."""

    error_messages = {  # noqa: RUF012 (Django reads it as a class attribute)
        "invalid_login": "用户名或密码不正确。请注意区分大小写。",
        "inactive": "该账号已停用，不能登录。",
    }

    def confirm_login_allowed(self, user: Any) -> None:
        refusal = sign_in_refusal(user) if isinstance(user, User) else None
        if refusal is not None:
            raise forms.ValidationError(refusal, code="refused")


def _password(label: str, autocomplete: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class TwoPasswordsForm(WorkspaceForm):
    """A new password typed twice; the service checks its strength."""

    first_label = "新密码"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"] = _password(self.first_label, "new-password", PASSWORD_HELP)
        self.fields["password2"] = _password(f"再次输入{self.first_label}", "new-password")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "两次输入的密码不一致。")
        return cleaned


class PasswordChangeForm(TwoPasswordsForm):
    old_password = _password("当前密码", "current-password")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["old_password", "password1", "password2"])


class PasswordResetForm(TwoPasswordsForm):
    first_label = "新的初始密码"


class EmailForm(WorkspaceForm):
    email = forms.CharField(
        label="电子邮箱",
        max_length=254,
        required=False,
        help_text="到期提醒等通知发送到这里。留空则不发送。",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class DeactivateForm(WorkspaceForm):
    reason = forms.CharField(
        label="停用原因",
        max_length=REASON_MAX_LENGTH,
        help_text="如“调离本机关”“退休”。记入操作记录。",
    )


class ApiTokenForm(WorkspaceForm):
    """A new API token: the system it is for, what it may do, until when."""

    system_name = forms.CharField(
        label="对接系统",
        max_length=SYSTEM_NAME_MAX_LENGTH,
        help_text="使用该令牌的系统，如“政务服务平台”“12345 热线”。",
    )
    permissions = forms.MultipleChoiceField(
        label="权限",
        choices=ApiTokenPermission.choices,
        initial=[ApiTokenPermission.READ_APPLICATIONS.value],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一项权限。"},
        help_text="令牌只能读取，不能办理申请；申请人的个人信息一律脱敏。",
    )
    expires_on = forms.DateField(
        label="有效期至（含当日）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "请填写日期，格式为 YYYY-MM-DD。"},
        help_text="不填则长期有效，直到撤销。",
    )

    def clean_expires_on(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("expires_on")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError("有效期不能早于今天。")
        return value

    def expires_at(self) -> dt.datetime | None:
        """The end of the last valid day, in the platform's time zone."""
        last_day: dt.date | None = self.cleaned_data.get("expires_on")
        return valid_through(last_day) if last_day is not None else None
