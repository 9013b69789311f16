"""Forms of the publishing path: the draft, and one small form per workflow action.

Each form carries the item's version as the person saw it; `perform` calls the one service
of its action with it, so a change made in between is refused by the service (nothing written).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.publications.models import (
    Category,
    DisclosureCatalogueEntry,
    ItemRevision,
    PublishedItem,
    Validity,
)
from gongkai.publications.scan import Finding
from gongkai.publications.services import (
    ItemContent,
    ReviewChecklist,
    item_approve,
    item_findings,
    item_publish,
    item_reject,
    item_retire,
    item_review_clear,
    item_review_reject,
    item_revise,
    item_submit,
    item_withdraw,
)
from gongkai.publications.workflow import Action

__all__ = ["FORMS", "ActionForm", "ItemDraftForm", "action_form"]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The 解读 select lists the latest public items (an interpretation is published with or soon
# after its document); any public item of the agency is accepted, and the current one listed.
EXPLAINER_CHOICES = 200


class ItemDraftForm(forms.Form):
    """The draft's title, category, body and document fields, and one attachment a save."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="标题", max_length=255)
    category = forms.ModelChoiceField(label="信息分类", queryset=Category.objects.none())
    body = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text="可直接输入文字（空一行另起一段），或使用段落、小标题、列表、表格、链接等标记；"
        "保存时会清除其他标记。",
    )
    date_written = forms.DateField(label="成文日期", required=False, widget=DATE)
    subject = forms.CharField(label="主题分类", max_length=64, required=False)
    document_number = forms.CharField(label="文号", max_length=64, required=False)
    is_normative_document = forms.BooleanField(label="行政规范性文件", required=False)
    explainer = forms.ModelChoiceField(
        label="解读",
        queryset=PublishedItem.objects.none(),
        required=False,
        empty_label="（不关联解读）",
        help_text="政策文件可选择解读它的信息：须为本机关已在门户网站公开的信息，"
        f"列出最近发布的 {EXPLAINER_CHOICES} 条。门户网站在两者的页面上互相链接。",
        error_messages={"invalid_choice": "解读须为本机关已在门户网站公开的其他信息，请重新选择。"},
    )
    catalogue_entry = forms.ModelChoiceField(
        label="对应的政务公开事项",
        queryset=DisclosureCatalogueEntry.objects.none(),
        required=False,
        help_text="目录中的事项按期检查是否已公开。",
    )
    attachment = forms.FileField(label="添加附件", required=False)

    def __init__(
        self, *args: Any, agency_id: int, item_id: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Category.objects.filter(agency_id=agency_id).order_by("order", "id")
        entries = self.fields["catalogue_entry"]
        assert isinstance(entries, forms.ModelChoiceField)
        entries.queryset = DisclosureCatalogueEntry.objects.filter(
            agency_id=agency_id, active=True
        ).order_by("id")
        self._limit_explainers(agency_id, item_id)

    def _limit_explainers(self, agency_id: int, item_id: int | None) -> None:
        """Accept any public item of the agency but the item itself; list the latest ones."""
        field = self.fields["explainer"]
        assert isinstance(field, forms.ModelChoiceField)
        explainers = PublishedItem.objects.filter(agency_id=agency_id, is_public=True)
        if item_id is not None:
            explainers = explainers.exclude(pk=item_id)
        field.queryset = explainers.order_by("-published_at", "-id")
        listed = list(field.queryset.only("id", "title", "index_number")[:EXPLAINER_CHOICES])
        current = self.initial.get("explainer")
        if current and all(option.pk != current for option in listed):
            listed.extend(field.queryset.filter(pk=current).only("id", "title", "index_number"))
        field.choices = [
            ("", field.empty_label or ""),
            *((option.pk, f"{option.title}（{option.index_number}）") for option in listed),
        ]

    def content(self, base: ItemRevision | None = None) -> ItemContent:
        """The content to save; what the form does not show (the issuer) is kept from `base`."""
        data = self.cleaned_data
        kept = base.metadata if base is not None else {}
        return ItemContent(
            issuer=kept.get("issuer", ""),
            explainer=data["explainer"],
            catalogue_entry=data["catalogue_entry"],
            title=data["title"],
            body=data["body"],
            category=data["category"],
            date_written=data["date_written"],
            subject=data["subject"],
            document_number=data["document_number"],
            is_normative_document=data["is_normative_document"],
        )

    @staticmethod
    def initial_for(item: PublishedItem, revision: ItemRevision) -> dict[str, Any]:
        """The form's values: the latest revision (a published item's new version included)."""
        meta = revision.metadata
        return {
            "version": item.version,
            "title": revision.title,
            "category": meta.get("category"),
            "body": revision.body,
            "date_written": meta.get("date_written"),
            "subject": meta.get("subject", ""),
            "document_number": meta.get("document_number", ""),
            "is_normative_document": meta.get("is_normative_document", False),
            "explainer": meta.get("explainer"),
            "catalogue_entry": meta.get("catalogue_entry"),
        }


class ActionForm(forms.Form):
    """The version seen; subclasses add the action's own fields and call its service."""

    action: Action
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, item: PublishedItem, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["version"] = item.version
        kwargs.setdefault("prefix", self.action.value)
        super().__init__(*args, **kwargs)
        self.item = item

    @property
    def label(self) -> str:
        return self.action.label

    def perform(self, *, actor: User) -> PublishedItem:
        raise NotImplementedError

    def _seen(self) -> dict[str, Any]:
        return {"item": self.item, "seen_version": self.cleaned_data["version"]}


class SubmitForm(ActionForm):
    action = Action.SUBMIT

    def perform(self, *, actor: User) -> PublishedItem:
        return item_submit(actor=actor, **self._seen())


class ApproveForm(ActionForm):
    action = Action.APPROVE
    note = forms.CharField(
        label="审核意见（可不填）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def perform(self, *, actor: User) -> PublishedItem:
        return item_approve(actor=actor, note=self.cleaned_data["note"], **self._seen())


class _ReasonForm(ActionForm):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(_ReasonForm):
    action = Action.REJECT

    def perform(self, *, actor: User) -> PublishedItem:
        return item_reject(actor=actor, reason=self.cleaned_data["reason"], **self._seen())


class ReviewClearForm(ActionForm):
    """保密审查: the checklist, and a reason for each scan finding that may be published."""

    action = Action.REVIEW_CLEAR
    no_state_secrets = forms.BooleanField(label="已审查，不涉及国家秘密", required=False)
    no_personal_information = forms.BooleanField(label="已审查，不涉及个人隐私", required=False)
    no_trade_secrets = forms.BooleanField(label="已审查，不涉及商业秘密", required=False)
    note = forms.CharField(
        label="审查意见（可不填）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, item: PublishedItem, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.findings: tuple[Finding, ...] = item_findings(item)
        for n, finding in enumerate(self.findings):
            self.fields[f"override_{n}"] = forms.CharField(
                label=f"{finding.kind.label}（{finding.excerpt}）：确认可以公开的理由",
                required=False,
                help_text="不填写则须退回修改。",
            )

    def perform(self, *, actor: User) -> PublishedItem:
        data = self.cleaned_data
        overrides = {
            finding.key: data[f"override_{n}"]
            for n, finding in enumerate(self.findings)
            if data.get(f"override_{n}", "").strip()
        }
        return item_review_clear(
            actor=actor,
            checklist=ReviewChecklist(
                no_state_secrets=data["no_state_secrets"],
                no_personal_information=data["no_personal_information"],
                no_trade_secrets=data["no_trade_secrets"],
            ),
            overrides=overrides,
            note=data["note"],
            **self._seen(),
        )


class ReviewRejectForm(_ReasonForm):
    action = Action.REVIEW_REJECT

    def perform(self, *, actor: User) -> PublishedItem:
        return item_review_reject(actor=actor, reason=self.cleaned_data["reason"], **self._seen())


class PublishForm(ActionForm):
    """发布: now, or at a later time (定时发布)."""

    action = Action.PUBLISH
    at = forms.DateTimeField(
        label="定时发布时间（不填则立即发布）",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_at(self) -> dt.datetime | None:
        at: dt.datetime | None = self.cleaned_data["at"]
        if at is not None and at <= timezone.now():
            raise forms.ValidationError("定时发布时间须晚于现在")
        return at

    def perform(self, *, actor: User) -> PublishedItem:
        return item_publish(actor=actor, at=self.cleaned_data["at"], **self._seen())


class ReviseForm(_ReasonForm):
    action = Action.REVISE

    def perform(self, *, actor: User) -> PublishedItem:
        return item_revise(actor=actor, reason=self.cleaned_data["reason"], **self._seen())


class WithdrawForm(_ReasonForm):
    action = Action.WITHDRAW
    reason = forms.CharField(
        label="撤回理由（将在门户网站公示）", widget=forms.Textarea(attrs={"rows": 3})
    )

    def perform(self, *, actor: User) -> PublishedItem:
        return item_withdraw(actor=actor, reason=self.cleaned_data["reason"], **self._seen())


class RetireForm(_ReasonForm):
    action = Action.RETIRE
    validity = forms.ChoiceField(
        label="效力状态",
        choices=[
            (Validity.RETIRED.value, Validity.RETIRED.label),
            (Validity.REPEALED.value, Validity.REPEALED.label),
        ],
    )
    on = forms.DateField(label="失效或废止日期", widget=DATE)

    def perform(self, *, actor: User) -> PublishedItem:
        data = self.cleaned_data
        return item_retire(
            actor=actor,
            validity=Validity(data["validity"]),
            on=data["on"],
            reason=data["reason"],
            **self._seen(),
        )


FORMS: dict[Action, type[ActionForm]] = {
    form.action: form
    for form in (
        SubmitForm, ApproveForm, RejectForm, ReviewClearForm, ReviewRejectForm, PublishForm,
        ReviseForm, WithdrawForm, RetireForm,
    )
}  # fmt: skip


def action_form(action: Action, *, item: PublishedItem, data: Any = None) -> ActionForm | None:
    """The form of `action` on `item` (bound when `data` is given); None for actions taken
    elsewhere (UPDATE: the edit page; SCHEDULE: the publish form's time; PUBLISH_DUE: cron)."""
    form_class = FORMS.get(action)
    return form_class(data, item=item) if form_class is not None else None
