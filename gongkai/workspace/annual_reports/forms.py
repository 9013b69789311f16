"""Forms of the annual-report pages: they parse input; the reporting services write."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.workspace.forms import WorkspaceForm

MAX_TEXT = 20_000
MAX_FILE = 20 * 1024 * 1024


class DraftForm(WorkspaceForm):
    year = forms.IntegerField(label="报告年度", min_value=2019, max_value=2100)


class TextForm(WorkspaceForm):
    overview = forms.CharField(
        label="一、总体情况", widget=forms.Textarea(attrs={"rows": 14}), max_length=MAX_TEXT
    )
    problems = forms.CharField(
        label="五、存在的主要问题及改进情况",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        required=False,
    )
    other_matters = forms.CharField(
        label="六、其他需要报告的事项",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        required=False,
        help_text="须写明信息处理费的收取情况（收取的写明金额，未收取的写明未收取）。",
    )


class ExplainForm(WorkspaceForm):
    """One text field per warning, named after the finding's position."""

    def __init__(self, *args: Any, warnings: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys: dict[str, str] = {}
        for index, finding in enumerate(warnings):
            name = f"w{index}"
            self.keys[name] = finding["key"]
            self.fields[name] = forms.CharField(
                label=finding["message"],
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
            )

    def explanations(self) -> dict[str, str]:
        return {self.keys[name]: value for name, value in self.cleaned_data.items() if value}


class ReasonForm(WorkspaceForm):
    reason = forms.CharField(
        label="理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ImportForm(WorkspaceForm):
    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100)
    published_on = forms.DateField(
        label="原发布日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label="报告文件",
        help_text="已在原网站发布的报告：PDF、Word、网页、Excel 或文本文件，20 MB 以内。",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE:
            raise forms.ValidationError("文件过大：不能超过 20 MB。")
        return upload


class TemplatesForm(WorkspaceForm):
    """One text field per narrative template, with the fields it may use as its help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.reporting.narrative import TEMPLATE_FIELDS, TEMPLATE_LABELS

        super().__init__(*args, **kwargs)
        for name, label in TEMPLATE_LABELS.items():
            fields = "、".join("{" + field + "}" for field in TEMPLATE_FIELDS[name])
            self.fields[name] = forms.CharField(
                label=label,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=2000,
                help_text=f"可用的数据项：{fields}",
            )
