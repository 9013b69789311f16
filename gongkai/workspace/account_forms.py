"""Forms of sign-in and of accounts: one's own (password, e-mail) and the administrator's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.html import escape

from gongkai.accounts.administration import REASON_MAX_LENGTH
from gongkai.accounts.models import User
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
