"""Forms of the 政务公开事项目录: one entry, and a file of entries (docs/catalogue-import.md)."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.agencies.models import Agency, Section
from gongkai.publications.catalogue_file import MAX_WORKDAYS
from gongkai.publications.models import CatalogueTiming, Category
from gongkai.workspace.forms import SectionChoiceField, WorkspaceForm

CATALOGUE_FILE_LIMIT = 2 * 1024 * 1024
"""A catalogue is a few hundred lines: 2 MB is generous."""
CATALOGUE_FILE_SUFFIXES = (".xlsx", ".csv")


class CategoryChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Category) -> str:
        return obj.name


class CatalogueEntryForm(WorkspaceForm):
    title = forms.CharField(label="公开事项", max_length=255, help_text="如“统计执法检查结果”。")
    category = CategoryChoiceField(
        label="公开栏目", queryset=Category.objects.none(), required=False, empty_label="（不指定）"
    )
    section = SectionChoiceField(
        label="责任股室", queryset=Section.objects.none(), required=False, empty_label="（不指定）"
    )
    legal_basis = forms.CharField(
        label="公开依据",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如“《中华人民共和国政府信息公开条例》第二十条”。",
    )
    timing = forms.ChoiceField(
        label="公开时限类型",
        choices=CatalogueTiming.choices,
        help_text="限期公开：信息形成或变更之日起按下列工作日数公开；按期：每期结束后按下列工作日数公开。",
    )
    workdays = forms.IntegerField(
        label="时限（工作日）",
        min_value=1,
        max_value=MAX_WORKDAYS,
        initial=20,
        help_text="条例第二十六条：一般为 20 个工作日。",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = Category.objects.filter(agency=agency).order_by("order", "id")
        section = self.fields["section"]
        assert isinstance(section, forms.ModelChoiceField)
        section.queryset = Section.objects.filter(agency=agency).order_by("name")


class CatalogueFileForm(WorkspaceForm):
    file = forms.FileField(
        label="目录文件（XLSX 或 CSV）",
        help_text="第一行为表头：公开事项（必填）、公开栏目、责任股室、公开依据、公开时限类型、"
        "时限（工作日）。任何一行有误则不导入任何事项。",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(CATALOGUE_FILE_SUFFIXES):
            raise forms.ValidationError("请上传 .xlsx 或 .csv 文件。")
        if upload.size > CATALOGUE_FILE_LIMIT:
            megabytes = CATALOGUE_FILE_LIMIT // 1024 // 1024
            raise forms.ValidationError(f"文件过大（超过 {megabytes} MB），不是一份公开事项目录。")
        return upload
