"""The workspace's forms: they parse and check input; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.db.models import QuerySet
from django.utils.html import escape

from gongkai import workdays
from gongkai.accounts.models import User
from gongkai.agencies.models import CODE_VALIDATOR, Agency, AgencyKind, Role, Section
from gongkai.pages.markup import MARKUP_HELP
from gongkai.pages.services import TITLE_MAX_LENGTH


class WorkspaceForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Labels stand above their fields: no colon after them.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class AgencyForm(WorkspaceForm):
    code = forms.CharField(label="机关代码", max_length=32, validators=[CODE_VALIDATOR])
    name = forms.CharField(label="机关名称", max_length=128)
    kind = forms.ChoiceField(label="机关类型", choices=AgencyKind.choices)
    parent = forms.ModelChoiceField(
        label="上级机关",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="（无：顶级机关）",
    )
    index_prefix = forms.CharField(
        label="索引号前缀",
        max_length=40,
        required=False,
        help_text="通常为本机关的统一社会信用代码或组织机构代码；不填则用机关代码。",
    )

    def __init__(
        self, *args: Any, parents: QuerySet[Agency], top_level_allowed: bool, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        parent_field = self.fields["parent"]
        assert isinstance(parent_field, forms.ModelChoiceField)
        parent_field.queryset = parents
        parent_field.required = not top_level_allowed
        if not top_level_allowed:
            parent_field.empty_label = None


class SectionForm(WorkspaceForm):
    name = forms.CharField(label="股室名称", max_length=64)


class SectionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Section) -> str:
        # The agency is already named on the page: show the section's own name.
        return obj.name


def _role_field() -> forms.ChoiceField:
    # No role is preselected: the first in the list is 系统管理员, the most powerful.
    return forms.ChoiceField(
        label="岗位",
        choices=[("", "（请选择岗位）"), *Role.choices],
        error_messages={"required": "请选择岗位。", "invalid_choice": "请选择列出的岗位。"},
    )


def _section_field(agency: Agency) -> SectionChoiceField:
    return SectionChoiceField(
        label="股室",
        queryset=Section.objects.filter(agency=agency),
        required=False,
        empty_label="（不限股室）",
    )


class StaffCreateForm(WorkspaceForm):
    username = forms.CharField(
        label="用户名", max_length=150, help_text="登录用，可用字母、数字和 @ . + - _。"
    )
    full_name = forms.CharField(label="姓名", max_length=64)
    password1 = forms.CharField(
        label="初始密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        # Django renders help text unescaped: escape it here.
        help_text=escape("".join(password_validators_help_texts())),
    )
    password2 = forms.CharField(
        label="再次输入初始密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field()
        self.fields["section"] = _section_field(agency)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        User.username_validator(username)
        if User.objects.filter(username=username).exists():
            raise forms.ValidationError(f"用户名 {username} 已被使用。")
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "两次输入的密码不一致。")
        elif first:
            probe = User(
                username=cleaned.get("username", ""), full_name=cleaned.get("full_name", "")
            )
            try:
                validate_password(first, probe)
            except forms.ValidationError as error:
                # Chinese messages: the validators are gongkai.accounts.passwords.
                self.add_error("password1", error)
        return cleaned


class MembershipGrantForm(WorkspaceForm):
    def __init__(self, *args: Any, agency: Agency, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field()
        self.fields["section"] = _section_field(agency)


class PageForm(WorkspaceForm):
    """The guide or policies as the office types them: paragraphs and a tiny markup, no HTML."""

    title = forms.CharField(label="标题", max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 24}),
        strip=False,
        help_text=escape(MARKUP_HELP),
    )


class CalendarDayForm(WorkspaceForm):
    """One day of the official calendar, as an administrator sets it."""

    date = forms.DateField(
        label="日期",
        help_text="如 2025-10-01。",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    is_off_day = forms.TypedChoiceField(
        label="这一天",
        choices=[("true", "放假"), ("false", "上班（调休上班日，或恢复为工作日）")],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label="节日名称",
        max_length=workdays.NAME_MAX_LENGTH,
        help_text="如“春节”“国庆节”。调休上班日也写所属节日。",
    )


# A notice lists a few dozen days; anything much larger is not a notice.
NOTICE_MAX_BYTES = 256 * 1024


class NoticeUploadForm(WorkspaceForm):
    """A year's State Council holiday notice as a JSON file (cli-and-import.md, workdays load)."""

    file = forms.FileField(
        label="放假通知文件（JSON）",
        help_text=escape(
            '每项一个日期：{"date": "2026-01-01", "is_off_day": true, "name": "元旦"}；'
            "is_off_day 为 true 表示放假，false 表示调休上班。"
        ),
    )

    def clean_file(self) -> list[workdays.OfficialDay]:
        upload = self.cleaned_data["file"]
        if upload.size > NOTICE_MAX_BYTES:
            raise forms.ValidationError(
                f"文件太大（超过 {NOTICE_MAX_BYTES // 1024} KB），不是放假通知文件。"
            )
        try:
            days = workdays.parse_notice(upload.read())
        except workdays.NoticeError as error:
            raise forms.ValidationError(f"通知文件有误，未载入任何日期：{error}。") from None
        return days
