"""The workspace's forms for a case's letters (the action forms are applications.action_forms).

Dates, amounts, parties and the reviewing bodies are not asked here: `letters.case_facts` takes
them from the case's events and clock and from the agency's letter settings. The form asks
only for the free text a template prints (reasons, provision, …) and the letter's date.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.applications.models import Application
from gongkai.letters.case_facts import available_kinds, case_facts, consultations
from gongkai.letters.kinds import LetterKind
from gongkai.letters.permissions import can_issue_letters
from gongkai.letters.selectors import REVIEW_ORGAN_MISSING, letter_settings_for

CONSULTATION_KINDS = (LetterKind.CONSULTATION_THIRD_PARTY, LetterKind.CONSULTATION_AGENCY)


def letter_kinds(case: Application, user: User) -> list[LetterKind]:
    """Return the letters the user may issue on the case now: the reply once decided, each
    notice once its act (补正, 延期, 征求意见, 收费) is recorded."""
    if case.receipt_date is None or not can_issue_letters(user, case.agency):
        return []
    return available_kinds(case)


class LetterIssueForm(forms.Form):
    """The letter's kind and date, and the free text its template asks for."""

    kind = forms.ChoiceField(label="文书种类")
    consultation = forms.TypedChoiceField(
        label="征求意见事项",
        coerce=int,
        required=False,
        help_text="征求意见书、征求意见函：所针对的一次征求意见。",
    )
    letter_date = forms.DateField(
        label="成文日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reasons = forms.CharField(
        label="理由或具体情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="答复书：不予公开部分的理由、无法提供或不予处理的具体情况；"
        "延期答复告知书不填则用延期时填写的理由。",
    )
    provision = forms.CharField(
        label="获取方式",
        required=False,
        max_length=500,
        help_text="予以公开、部分公开时：提供信息的方式，如“随本答复书附送”。",
    )
    responsible_agency = forms.CharField(
        label="负责公开的机关及联系方式", required=False, max_length=255
    )
    contact = forms.CharField(
        label="联系人及电话",
        required=False,
        max_length=128,
        help_text="答复书必须写明（申请人据此咨询）；告知书可不填。",
    )
    fee_payment_method = forms.CharField(
        label="缴费方式",
        required=False,
        max_length=500,
        help_text="收费通知书：不填则用本机关文书设置中的缴费方式。",
    )

    def __init__(
        self, *args: Any, kinds: list[LetterKind], case: Application, **kwargs: Any
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("prefix", "letter")
        super().__init__(*args, **kwargs)
        self.case = case
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k.value, k.label) for k in kinds]
        consultation = self.fields["consultation"]
        assert isinstance(consultation, forms.ChoiceField)
        if any(k in kinds for k in CONSULTATION_KINDS):
            consultation.choices = [
                (e.pk, f"{e.date:%Y-%m-%d} 征求“{e.details.get('party', '')}”意见")
                for e in consultations(case)
            ]
        else:
            del self.fields["consultation"]
        if LetterKind.FEE_NOTICE not in kinds:
            del self.fields["fee_payment_method"]
        self.fields["letter_date"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        organ = letter_settings_for(self.case.agency).reconsideration_organ
        if kind == LetterKind.REPLY and not organ:
            self.add_error(None, REVIEW_ORGAN_MISSING)
        if kind in CONSULTATION_KINDS and not data.get("consultation"):
            self.add_error("consultation", "请选择所针对的征求意见事项。")
        return data

    def facts(self) -> dict[str, Any]:
        """Return the letter's facts beyond the case's own (application_context's `facts`)."""
        d = self.cleaned_data
        return case_facts(
            self.case,
            LetterKind(d["kind"]),
            event_id=d.get("consultation") or None,
            reasons=d.get("reasons", ""),
            provision=d.get("provision", ""),
            responsible_agency=d.get("responsible_agency", ""),
            contact=d.get("contact", ""),
            fee_payment_method=d.get("fee_payment_method", ""),
        )
