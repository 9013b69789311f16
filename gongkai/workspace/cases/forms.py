"""The workspace's forms for a case's letters (the action forms are applications.action_forms).

One form per letter kind, each with only the fields its kind prints: a notice names the one
recorded act it rests on (`event`: the 补正 request, the approved extension, the consultation,
the fee notice), a reply rests on the decision. Dates, amounts, parties and the reviewing
bodies are not asked: `letters.case_facts` takes them from that act, the case's clock and the
agency's letter settings. What is asked is the letter's date and the free text its template
prints (reasons, provision, …). A field that does not apply to the kind is not in its form, so
it is neither shown nor submitted (issue 11, item 1: a consultation select on every letter made
the 补正、延期 and 收费 notices look for their act under the consultation's id).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.procedure.history import EventKind
from gongkai.letters.case_facts import available_kinds, case_facts, source_events
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.permissions import can_issue_letters
from gongkai.letters.selectors import REVIEW_ORGAN_MISSING, letter_settings_for

K = LetterKind
# The free text each kind's template prints, beyond what the case records.
TEXT_FIELDS: dict[LetterKind, tuple[str, ...]] = {
    K.REPLY: ("reasons", "provision", "responsible_agency", "contact"),
    K.CORRECTION_REPLY: ("reasons", "responsible_agency", "contact"),
    K.CLARIFICATION: ("contact",),
    K.EXTENSION: ("reasons", "contact"),
    K.CONSULTATION_THIRD_PARTY: ("reasons", "contact"),
    K.CONSULTATION_AGENCY: ("reasons", "contact"),
    K.FEE_NOTICE: ("fee_payment_method", "contact"),
    K.REASONS_REQUEST: ("reasons", "contact"),
    K.DELAYED_DEADLINE: ("reasons", "contact"),
    K.DISCLOSURE_NOTICE: ("provision", "reasons", "contact"),
}
REASONS_HELP: dict[LetterKind, tuple[str, str]] = {
    K.REPLY: (
        "理由或具体情况",
        "不予公开部分的理由、无法提供或不予处理的具体情况。",
    ),
    K.CORRECTION_REPLY: (
        "理由或更正情况",
        "不予更正须写明理由；予以更正时可写明更正的内容。",
    ),
    K.EXTENSION: ("延期理由", "不填则用批准延期时的理由。"),
    K.CONSULTATION_THIRD_PARTY: ("具体情况", "选填：需要对方了解的情况。"),
    K.CONSULTATION_AGENCY: ("具体情况", "选填：需要对方了解的情况。"),
    K.REASONS_REQUEST: ("具体情况", "选填：申请的数量、频次等情况。"),
    K.DELAYED_DEADLINE: ("具体情况", "选填。"),
    K.DISCLOSURE_NOTICE: (
        "决定公开的理由",
        "条例第三十二条：不公开可能对公共利益造成重大影响的理由。",
    ),
}


def letter_kinds(case: Application, user: User) -> list[LetterKind]:
    """Return the letters the user may issue on the case now: the reply once decided, each
    notice once its act (补正, 延期, 征求意见, 收费) is recorded."""
    if case.receipt_date is None or not can_issue_letters(user, case.agency):
        return []
    return available_kinds(case)


def event_label(event: ApplicationEvent) -> str:
    """Return how the act a notice rests on is named in the form's list."""
    d = event.details or {}
    day = f"{event.date:%Y-%m-%d}"
    match EventKind(event.kind):
        case EventKind.CONSULTATION_STARTED:
            return f"{day} 征求“{d.get('party', '')}”意见"
        case EventKind.EXTENSION_GRANTED:
            return f"{day} 延长答复期限 {d.get('workdays', '')} 个工作日"
        case EventKind.FEE_NOTICE_SENT | EventKind.FEE_NOTICE_SERVED:
            return f"{day} 收费通知（{d.get('amount', '')} 元）"
        case EventKind.CONSULTATION_ENDED:
            return f"{day} 征求“{d.get('party', '')}”意见结束（不同意公开）"
        case kind:
            return f"{day} {kind.label}"


class LetterIssueForm(forms.Form):
    """The letter of one `kind`: the act it rests on, its date and its kind's free text."""

    event = forms.TypedChoiceField(label="所依据的事项", coerce=int)
    letter_date = forms.DateField(
        label="成文日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reasons = forms.CharField(
        label="理由或具体情况", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    provision = forms.CharField(
        label="获取方式",
        required=False,
        max_length=500,
        help_text="予以公开、部分公开时：提供信息的方式，如“随本答复书附送”。",
    )
    responsible_agency = forms.CharField(
        label="负责公开的机关及联系方式",
        required=False,
        max_length=255,
        help_text="本机关不掌握、该信息由其他机关负责公开时填写（条例第三十六条第（五）项）。",
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
        help_text="不填则用本机关文书设置中的缴费方式。",
    )

    def __init__(
        self,
        *args: Any,
        kind: LetterKind,
        case: Application,
        tracking_url: str = "",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("prefix", f"letter-{kind.value}")
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.case = case
        self.tracking_url = tracking_url
        keep = {"letter_date", *TEXT_FIELDS[kind]}
        if not kind.is_reply:
            keep.add("event")
            event = self.fields["event"]
            assert isinstance(event, forms.ChoiceField)
            events = source_events(case, kind)
            event.choices = [(e.pk, event_label(e)) for e in events]
            if events:
                event.initial = events[0].pk
        for name in [name for name in self.fields if name not in keep]:
            del self.fields[name]
        if kind in REASONS_HELP and "reasons" in self.fields:
            label, help_text = REASONS_HELP[kind]
            self.fields["reasons"].label = label
            self.fields["reasons"].help_text = help_text
        if kind is LetterKind.CORRECTION_REPLY:
            self.fields["responsible_agency"].label = "有权更正的机关及联系方式"
            self.fields["responsible_agency"].help_text = "转送或者告知向有权机关提出时必填。"
        self.fields["letter_date"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organ = letter_settings_for(self.case.agency).reconsideration_organ
        if self.kind.has_remedies and not organ:
            self.add_error(None, REVIEW_ORGAN_MISSING)
        return data

    def facts(self) -> dict[str, Any]:
        """Return the letter's facts beyond the case's own (application_context's `facts`)."""
        d = self.cleaned_data
        return case_facts(
            self.case,
            self.kind,
            event_id=d.get("event"),
            reasons=d.get("reasons", ""),
            provision=d.get("provision", ""),
            responsible_agency=d.get("responsible_agency", ""),
            contact=d.get("contact", ""),
            fee_payment_method=d.get("fee_payment_method", ""),
            tracking_url=self.tracking_url,
        )
