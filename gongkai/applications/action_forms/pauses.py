"""The forms of the acts that pause, extend or move the reply clock: 补正, 征求意见, service
of a letter, 说明理由 (条例第三十五条), extensions and fees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.applications.action_forms.base import ActionForm
from gongkai.applications.intake_forms import MultipleFileField, checked_attachments
from gongkai.applications.models import Application
from gongkai.applications.procedure.deadlines import ConsultationAnswer
from gongkai.applications.procedure.fees import FeeMethod
from gongkai.applications.procedure.workflow import Action
from gongkai.applications.selectors import open_consultations
from gongkai.applications.services import (
    ServedLetter,
    application_accept_reasons,
    application_answer_clarification,
    application_answer_reasons,
    application_approve_extension,
    application_continue_after_reasons,
    application_end_consultation,
    application_lapse_clarification,
    application_lapse_fee,
    application_pay_fee,
    application_record_service,
    application_refuse_extension,
    application_request_clarification,
    application_request_extension,
    application_request_fee,
    application_request_reasons,
    application_start_consultation,
)
from gongkai.applications.services.case import CLARIFICATION_ABOUT
from gongkai.applications.services.pauses import PARTY_KINDS


class RequestClarificationForm(ActionForm):
    action = Action.REQUEST_CLARIFICATION
    service = staticmethod(application_request_clarification)
    items = forms.CharField(
        label="需要补正的事项",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一项；须一次性列明需要补正的全部事项（条例第三十条）。",
    )
    answer_due = forms.DateField(
        label="补正期限", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    about = forms.MultipleChoiceField(
        label="补正原因",
        choices=list(CLARIFICATION_ABOUT.items()),
        initial=["content"],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_items(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError("请列明需要补正的事项。")
        return lines

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "on": data.get("on"),
            "items": data["items"],
            "answer_due": data["answer_due"],
            "about": data.get("about") or ["content"],
        }


class AnswerClarificationForm(ActionForm):
    """A supplement received on paper, in person or by post: what it says and its scans."""

    action = Action.ANSWER_CLARIFICATION
    service = staticmethod(application_answer_clarification)
    content = forms.CharField(
        label="补正内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="申请人补正的内容（摘录或概述）。",
    )
    scans = MultipleFileField(
        label="补正材料扫描件", required=False, help_text="可选多个文件（PDF 或图片等）。"
    )
    late_reason = forms.CharField(
        label="逾期的正当理由",
        required=False,
        max_length=500,
        help_text="补正期限届满后收到的，须写明本机关认可的正当理由（条例第三十条）。",
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.fields["on"].label = "收到补正日期"

    def clean_scans(self) -> list[Any]:
        return checked_attachments(self.cleaned_data.get("scans") or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("content", "").strip() and not data.get("scans"):
            self.add_error("content", "请填写补正内容或上传补正材料的扫描件。")
        return data

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "on": data.get("on"),
            "content": data.get("content", ""),
            "attachments": data.get("scans") or [],
            "late_reason": data.get("late_reason", ""),
        }


class LapseClarificationForm(ActionForm):
    action = Action.LAPSE_CLARIFICATION
    service = staticmethod(application_lapse_clarification)


class StartConsultationForm(ActionForm):
    action = Action.START_CONSULTATION
    service = staticmethod(application_start_consultation)
    party = forms.CharField(label="征求意见对象", max_length=128)
    party_kind = forms.ChoiceField(
        label="对象类型",
        choices=list(PARTY_KINDS.items()),
        initial="third_party",
        required=False,
        help_text="只有共同制作该信息的机关逾期未答复的，才视为同意公开（条例第三十四条）。",
    )

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "on": data.get("on"),
            "party": data["party"],
            "party_kind": data.get("party_kind") or "",
        }


class EndConsultationForm(ActionForm):
    """Which open consultation ended, and what the party answered (not retyped)."""

    action = Action.END_CONSULTATION
    service = staticmethod(application_end_consultation)
    party = forms.ChoiceField(label="结束的征求意见")
    answer = forms.ChoiceField(
        label="对方意见",
        choices=[("", "（请选择）"), *((a.value, a.label) for a in ConsultationAnswer)],
        help_text=(
            "逾期未答复：自对方收到征求意见书（函）之日起15个工作日届满仍未答复；须先记录送达日期。"
        ),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        party = self.fields["party"]
        assert isinstance(party, forms.ChoiceField)
        party.choices = [(p, p) for p in open_consultations(application=application)]

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "on": data.get("on"),
            "party": data["party"],
            "answer": ConsultationAnswer(data["answer"]),
        }


class RecordServiceForm(ActionForm):
    """The day the addressee received a letter: its own period runs from the next day."""

    action = Action.RECORD_SERVICE
    service = staticmethod(application_record_service)
    letter = forms.ChoiceField(
        label="送达的文书", choices=[(s.value, s.label) for s in ServedLetter]
    )
    party = forms.ChoiceField(
        label="征求意见对象", required=False, help_text="送达征求意见书（函）时选择。"
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        party = self.fields["party"]
        assert isinstance(party, forms.ChoiceField)
        # the open consultations, chosen rather than retyped (as when one ends)
        party.choices = [
            ("", "（不适用）"),
            *((p, p) for p in open_consultations(application=application)),
        ]
        self.fields["on"].label = "送达日期"
        self.fields["on"].help_text = "对方签收之日。不填则为今天。"

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        on: dt.date = data.get("on") or timezone.localdate()
        return {"on": on, "letter": ServedLetter(data["letter"]), "party": data.get("party", "")}


class RequestReasonsForm(ActionForm):
    """条例第三十五条: the requests are obviously excessive; the applicant is asked for reasons."""

    action = Action.REQUEST_REASONS
    service = staticmethod(application_request_reasons)


class AnswerReasonsForm(ActionForm):
    action = Action.ANSWER_REASONS
    service = staticmethod(application_answer_reasons)


class ContinueAfterReasonsForm(ActionForm):
    """条例第三十五条: the reasons are reasonable and the normal periods can be met."""

    action = Action.CONTINUE_AFTER_REASONS
    service = staticmethod(application_continue_after_reasons)


class AcceptReasonsForm(ActionForm):
    """条例第三十五条: the reasons are reasonable; a delayed reply deadline is notified."""

    action = Action.ACCEPT_REASONS
    service = staticmethod(application_accept_reasons)
    due = forms.DateField(
        label="延迟答复期限",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="告知申请人的合理的延迟答复期限（条例第三十五条）。",
    )

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.get("on"), "due": data["due"]}


class RequestExtensionForm(ActionForm):
    """条例第三十三条第二款: staff ask the 负责人 to extend, with the reasons the notice prints."""

    action = Action.REQUEST_EXTENSION
    service = staticmethod(application_request_extension)
    workdays = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(
        label="延期理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="报审核人（负责人）批准；批准后印入延期答复告知书。",
    )

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.get("on"), "workdays": data["workdays"], "reason": data["reason"]}


class ExtendForm(ActionForm):
    """The approver approves the pending request: the reply period grows by the days asked."""

    action = Action.EXTEND
    service = staticmethod(application_approve_extension)


class RefuseExtensionForm(ActionForm):
    action = Action.REFUSE_EXTENSION
    service = staticmethod(application_refuse_extension)
    reason = forms.CharField(label="不批准的理由", widget=forms.Textarea(attrs={"rows": 2}))

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.get("on"), "reason": data["reason"]}


class RequestFeeForm(ActionForm):
    action = Action.REQUEST_FEE
    service = staticmethod(application_request_fee)
    method = forms.ChoiceField(label="计收方式", choices=[(m.value, m.label) for m in FeeMethod])
    pieces = forms.IntegerField(label="件数", min_value=1, initial=1, required=False)
    pages = forms.IntegerField(label="页数", min_value=0, initial=0, required=False)

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "on": data.get("on"),
            "method": FeeMethod(data["method"]),
            "pieces": data.get("pieces") or 1,
            "pages": data.get("pages") or 0,
        }


class PayFeeForm(ActionForm):
    action = Action.PAY_FEE
    service = staticmethod(application_pay_fee)
    receipt_number = forms.CharField(label="缴费票据号", max_length=64, required=False)

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.get("on"), "receipt_number": data.get("receipt_number", "")}


class LapseFeeForm(ActionForm):
    action = Action.LAPSE_FEE
    service = staticmethod(application_lapse_fee)
