"""The workspace's forms for the registers behind table 二: documents, opening balances,
decisions (one by one, a month's total, a totals file) and fees. The services check the rest
(dates not in the future, unique 文号, a month that has begun) and the pages show their refusals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.registers.models import FIRST_YEAR, DecisionKind, DocumentKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TOTALS_FILE_LIMIT = 2 * 1024 * 1024
"""A year of monthly totals is a few dozen rows: 2 MB is generous and keeps uploads small."""
TOTALS_FILE_SUFFIXES = (".xlsx", ".csv")


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _year_field(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=FIRST_YEAR, max_value=2100, help_text=help_text
    )


class DocumentForm(_Form):
    kind = forms.ChoiceField(label="类别", choices=DocumentKind.choices)
    title = forms.CharField(label="标题", max_length=500)
    document_number = forms.CharField(
        label="文号", max_length=100, required=False, help_text="如“驻统规〔2025〕1号”；可不填。"
    )
    issued_on = forms.DateField(label="制发日期", widget=DATE)
    repealed_on = forms.DateField(
        label="废止日期",
        widget=DATE,
        required=False,
        help_text="登记已废止（失效）的旧文件时填写；现行有效的文件不填。",
    )
    notes = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RepealForm(_Form):
    repealed_on = forms.DateField(
        label="废止日期", widget=DATE, help_text="文件废止或失效之日，计入该年度的本年废止件数。"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["repealed_on"].initial = timezone.localdate()


class OpeningBalanceForm(_Form):
    kind = forms.ChoiceField(label="类别", choices=DocumentKind.choices)
    year = _year_field("年度", "已结束的年度，如本机关开始使用本系统的前一年。")
    in_force = forms.IntegerField(label="年末现行有效件数", min_value=0)
    notes = forms.CharField(
        label="依据",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如“2024年政府信息公开工作年度报告表二”。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1


class DecisionForm(_Form):
    kind = forms.ChoiceField(label="类别", choices=DecisionKind.choices)
    decided_on = forms.DateField(label="决定日期", widget=DATE)
    reference = forms.CharField(
        label="决定书文号", max_length=100, required=False, help_text="可不填；填写的不能重复。"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()


class MonthlyTotalForm(_Form):
    kind = forms.ChoiceField(label="类别", choices=DecisionKind.choices)
    year = _year_field("年份")
    month = forms.TypedChoiceField(
        label="月份", coerce=int, choices=[(m, f"{m}月") for m in range(1, 13)]
    )
    count = forms.IntegerField(
        label="数量",
        min_value=0,
        help_text="该月的决定总数。填报后，该月逐件登记的决定不再另计，以免重复。",
    )


class TotalsFileForm(_Form):
    file = forms.FileField(
        label="月度数量文件",
        help_text="XLSX 或 CSV（UTF-8）；第1行为表头：年份、月份、类别、数量。"
        "类别为行政许可、行政处罚或行政强制。全部无误才导入，有误则一行也不导入。",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(TOTALS_FILE_SUFFIXES)}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(TOTALS_FILE_SUFFIXES):
            raise forms.ValidationError("只能上传 .xlsx 或 .csv 文件。")
        if upload.size > TOTALS_FILE_LIMIT:
            raise forms.ValidationError("文件不能超过 2 MB。")
        return upload


class FeeForm(_Form):
    collected_on = forms.DateField(label="收费日期", widget=DATE)
    amount_yuan = forms.DecimalField(
        label="金额（元）",
        max_digits=16,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="以元为单位，最多两位小数；年度报告表二按万元合计。",
    )
    item = forms.CharField(label="收费项目", max_length=200)
    basis = forms.CharField(label="收费依据", max_length=500, required=False)
    receipt_number = forms.CharField(
        label="票据号", max_length=64, required=False, help_text="可不填；填写的不能重复。"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collected_on"].initial = timezone.localdate()
