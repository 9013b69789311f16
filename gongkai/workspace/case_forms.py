"""The workspace's forms for a case's letters (the action forms are applications.action_forms)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.applications.history import EventKind
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.remedies import ReviewBodies
from gongkai.letters.kinds import LetterKind
from gongkai.letters.permissions import can_issue_letters


def letter_kinds(case: Application, user: User) -> list[LetterKind]:
    """Return the letters the user may issue on the case now.

    A 补正告知书 once a clarification was requested; the reply (答复书) once decided. (The
    extension, consultation and fee letters are not offered here yet.)
    """
    if case.receipt_date is None or not can_issue_letters(user, case.agency):
        return []
    kinds = []
    if case.outcome:
        kinds.append(LetterKind.REPLY)
    if ApplicationEvent.objects.filter(
        application=case, kind=EventKind.CLARIFICATION_REQUESTED
    ).exists():
        kinds.append(LetterKind.CLARIFICATION)
    return kinds


class LetterIssueForm(forms.Form):
    """The facts a letter needs that the case does not hold."""

    kind = forms.ChoiceField(label="文书种类")
    letter_date = forms.DateField(
        label="成文日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reasons = forms.CharField(
        label="理由或具体情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="答复书：不予公开部分的理由、无法提供或不予处理的具体情况。",
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
    contact = forms.CharField(label="联系人及电话", required=False, max_length=128)
    reconsideration_organ = forms.CharField(
        label="行政复议机关",
        required=False,
        max_length=128,
        help_text="答复书须写明救济途径，如“驻马店市人民政府”。",
    )
    court = forms.CharField(
        label="人民法院", required=False, max_length=128, help_text="可不填，写作“人民法院”。"
    )

    def __init__(self, *args: Any, kinds: list[LetterKind], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("prefix", "letter")
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k.value, k.label) for k in kinds]
        self.fields["letter_date"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == LetterKind.REPLY and not data.get("reconsideration_organ"):
            self.add_error("reconsideration_organ", "答复书须写明行政复议机关。")
        return data

    def facts(self, case: Application) -> dict[str, Any]:
        """Return the letter's facts beyond the case's own (application_context's `facts`)."""
        d = self.cleaned_data
        kind = LetterKind(d["kind"])
        facts: dict[str, Any] = {"contact": d.get("contact", "")}
        if kind is LetterKind.CLARIFICATION:
            asked = (
                ApplicationEvent.objects.filter(
                    application=case, kind=EventKind.CLARIFICATION_REQUESTED
                )
                .order_by("-date", "-id")
                .first()
            )
            assert asked is not None
            facts["clarification_items"] = tuple(asked.details.get("items", []))
            facts["clarification_deadline"] = dt.date.fromisoformat(
                str(asked.details["answer_due"])
            )
        if kind is LetterKind.REPLY:
            facts |= {
                "outcome": case.outcome or "",
                "reasons": d.get("reasons", ""),
                "provision": d.get("provision", ""),
                "responsible_agency": d.get("responsible_agency", ""),
                "review_bodies": ReviewBodies(
                    reconsideration_organ=d["reconsideration_organ"], court=d.get("court", "")
                ),
            }
        return facts
