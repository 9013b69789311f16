"""The workspace's forms for complaints and review cases (table 四) and for letter settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.reviews.models import ComplaintSource, ReviewCaseResult, ReviewKind, ReviewRole

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _AgencyForm(forms.Form):
    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.agency = agency


class _LinkedForm(_AgencyForm):
    """A record that may name the application it concerns, by its tracking code."""

    tracking_code = forms.CharField(
        label="相关申请编号",
        required=False,
        max_length=32,
        help_text="可不填；须是向本机关提出的申请。",
    )

    def clean_tracking_code(self) -> Application | None:
        code = self.cleaned_data.get("tracking_code", "").strip().upper()
        if not code:
            return None
        found = Application.objects.filter(agency=self.agency, tracking_code=code).first()
        if found is None:
            raise forms.ValidationError("本机关没有这个编号的申请。")
        return found


class ComplaintForm(_LinkedForm):
    source = forms.ChoiceField(label="来源", choices=ComplaintSource.choices)
    received_on = forms.DateField(label="收到日期", widget=DATE)
    subject = forms.CharField(
        label="投诉举报事项", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = ("source", "received_on", "subject", "tracking_code")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class ComplaintCloseForm(forms.Form):
    outcome = forms.CharField(label="处理结果", widget=forms.Textarea(attrs={"rows": 3}))
    closed_on = forms.DateField(label="办结日期", widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()


class ReviewCaseForm(_LinkedForm):
    kind = forms.ChoiceField(label="类别", choices=ReviewKind.choices)
    our_role = forms.ChoiceField(
        label="本机关地位",
        choices=ReviewRole.choices,
        initial=ReviewRole.ORIGINAL_AGENCY,
        help_text="仅作为复议机关被列为共同被告的案件不计入本机关表四（国办公开办函〔2016〕201号）。",
    )
    filed_on = forms.DateField(label="申请或起诉日期", widget=DATE)
    case_number = forms.CharField(label="案号", max_length=64, required=False)
    subject = forms.CharField(label="案由", max_length=500, required=False)

    field_order = ("kind", "our_role", "filed_on", "case_number", "subject", "tracking_code")

    def clean_tracking_code(self) -> Application | None:
        # The reconsideration organ sued beside the original agency: the reply was not its own.
        if self.data.get(self.add_prefix("our_role")) == ReviewRole.CO_DEFENDANT:
            if self.cleaned_data.get("tracking_code", "").strip():
                raise forms.ValidationError("作为共同被告的案件不关联本机关的申请。")
            return None
        return super().clean_tracking_code()


class ReviewDecideForm(forms.Form):
    result = forms.ChoiceField(
        label="结果",
        choices=[(r.value, r.label) for r in ReviewCaseResult if r != ReviewCaseResult.PENDING],
    )
    decided_on = forms.DateField(
        label="审结日期", widget=DATE, help_text="复议决定书、判决书或裁定书的日期。"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()


class LetterSettingsForm(forms.Form):
    reconsideration_organ = forms.CharField(
        label="行政复议机关",
        max_length=128,
        required=False,
        help_text=(
            "答复书救济途径中的复议机关：一般为本级人民政府（行政复议法第二十四条），"
            "实行垂直领导的机关为上一级主管部门（第二十七条）。未填写时不能制发答复书。"
        ),
    )
    court = forms.CharField(
        label="人民法院", max_length=128, required=False, help_text="不填则写作“人民法院”。"
    )
    number_prefix = forms.CharField(
        label="文号前缀",
        max_length=32,
        required=False,
        help_text="机关代字，如“驻统公开”；文号为 驻统公开〔2026〕7号。不填则为“依申请公开”。",
    )
    fee_payment_method = forms.CharField(
        label="缴费方式",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="收费通知书载明的缴费方式，如缴款账户、缴费地点。",
    )
    office_address = forms.CharField(
        label="受理地点及通信地址",
        max_length=255,
        required=False,
        help_text="补正告知书载明的现场提交和邮寄地址，如“某路1号 统计局综合股，邮编463000”。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
