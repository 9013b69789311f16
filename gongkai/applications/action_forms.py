"""One form per case action: it parses the input and calls the action's service function.

The workspace renders these forms (one per button) and the JSON API validates its request
bodies with them, so both faces take the same input to the same services. Every form carries
`version`, the version of the case the person saw: the service refuses a stale one
(`ConcurrentChange`) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Role, Section
from gongkai.applications.correction import CORRECTION_DECISIONS
from gongkai.applications.deadlines import ConsultationAnswer
from gongkai.applications.fees import FeeMethod
from gongkai.applications.grounds import GROUNDS, grounds_for
from gongkai.applications.intake_forms import MultipleFileField, checked_attachments
from gongkai.applications.models import Application
from gongkai.applications.selectors import open_consultations
from gongkai.applications.services import (
    ActionResult,
    ServedLetter,
    ServiceMethod,
    application_accept_reasons,
    application_answer_clarification,
    application_answer_reasons,
    application_approve_extension,
    application_archive,
    application_assign,
    application_close,
    application_confirm_receipt,
    application_continue_after_reasons,
    application_decide,
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
    application_serve,
    application_start_consultation,
    application_withdraw,
)
from gongkai.applications.services.base import history_facts
from gongkai.applications.services.case import CLARIFICATION_ABOUT
from gongkai.applications.services.pauses import PARTY_KINDS
from gongkai.applications.workflow import LAPSE_OUTCOMES, PREREQUISITES, Action, rule
from gongkai.report.catalogue import OUTCOME_KEYS, Outcome, application_row

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ACTION_FORMS", "ActionForm", "action_form"]

DECIDE_CHOICES = [
    (key, application_row(key).plain_label) for key in OUTCOME_KEYS if key not in LAPSE_OUTCOMES
]
# 条例第四十一条: the four answers to a 更正申请 (撤回 is recorded only on closing).
CORRECTION_DECIDE_CHOICES = [(outcome.value, outcome.label) for outcome in CORRECTION_DECISIONS]


class ActionForm(forms.Form):
    """The fields every action takes: the version seen, and the day it happened."""

    action: ClassVar[Action]
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = forms.DateField(
        label="办理日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="不填则为今天。",
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("prefix", self.action.value)
        super().__init__(*args, **kwargs)
        self.application = application
        if not self.is_bound:
            self.initial.setdefault("version", application.version)

    def perform(self, *, actor: User) -> ActionResult:
        """Call the service with the cleaned data; raises what the service raises."""
        data = self.cleaned_data
        return self.service(
            application=self.application,
            actor=actor,
            seen_version=data["version"],
            **self.arguments(data),
        )

    # Subclasses name their service and the extra arguments it takes.
    service: ClassVar[Callable[..., ActionResult]]

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.get("on")}


class ConfirmReceiptForm(ActionForm):
    action = Action.REGISTER
    service = staticmethod(application_confirm_receipt)
    contact_lost = forms.CharField(
        label="未能当日确认的原因",
        max_length=200,
        required=False,
        help_text="平信应在收到当日与申请人确认（条例第三十一条第（二）项）；当日联系不上的，写明情况。",
    )

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"confirmed_on": data.get("on"), "contact_lost": data.get("contact_lost", "")}


class HandlerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.username


class SectionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Section) -> str:
        return obj.name


class AssignForm(ActionForm):
    action = Action.ASSIGN
    service = staticmethod(application_assign)
    section = SectionChoiceField(label="承办股室", queryset=Section.objects.none())
    handler = HandlerChoiceField(
        label="承办人", queryset=User.objects.none(), required=False, empty_label="（暂不指定）"
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        section = self.fields["section"]
        handler = self.fields["handler"]
        assert isinstance(section, forms.ModelChoiceField)
        assert isinstance(handler, forms.ModelChoiceField)
        section.queryset = Section.objects.filter(agency_id=application.agency_id).order_by("name")
        handler.queryset = _handlers(application)

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.get("on"), "section": data["section"], "handler": data.get("handler")}


def _handlers(application: Application) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,  # a deactivated account keeps its roles but takes no new cases
            memberships__agency_id=application.agency_id,
            memberships__role=Role.HANDLER,
            memberships__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


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


class WithdrawForm(ActionForm):
    action = Action.WITHDRAW
    service = staticmethod(application_withdraw)


class DecideForm(ActionForm):
    action = Action.DECIDE
    service = staticmethod(application_decide)
    outcome = forms.ChoiceField(
        label="办理结果", choices=DECIDE_CHOICES, help_text="年度报告表三的一种办理结果。"
    )

    ground = forms.ChoiceField(
        label="依据",
        required=False,
        choices=[
            ("", "（不适用）"),
            *(
                (application_row(outcome).short_label, [(g.key, g.label) for g in grounds])
                for outcome, grounds in GROUNDS.items()
            ),
        ],
        help_text="予以公开、部分公开、本机关不掌握须选定所依据的条款，答复书只引该条。",
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        outcome = self.fields["outcome"]
        assert isinstance(outcome, forms.ChoiceField)
        decidable = _decidable(application)
        # A 更正申请's answers are no outcomes of table 三: they stand without its headings.
        options = decidable if application.is_correction else grouped_outcomes(decidable)
        outcome.choices = [("", "（请选择）"), *options]
        self.fields["on"].label = "答复日期"
        if application.is_correction:
            # 条例第四十一条: a 更正申请 has its own four answers, one basis, no ground to pick.
            outcome.help_text = "更正申请的办理结果（条例第四十一条），不计入年度报告表三。"
            del self.fields["ground"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome, ground = data.get("outcome", ""), data.get("ground", "")
        fitting = {g.key for g in grounds_for(outcome)}
        if fitting and ground not in fitting:
            label = application_row(outcome).short_label
            self.add_error("ground", f"“{label}”须选定所依据的条款（其下列出的选项之一）。")
        elif ground and not fitting:
            data["ground"] = ""
        return data

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.get("on"), "outcome": data["outcome"], "ground": data.get("ground", "")}


def _decidable(application: Application) -> list[tuple[str, str]]:
    """Return the outcomes the case may be decided with now: the workflow's row for its state,
    less those whose prerequisite step is not in its history (workflow.PREREQUISITES)."""
    row = rule(application.state_enum, Action.DECIDE, kind=application.request_kind)
    allowed = row.outcomes if row is not None else frozenset()
    if application.is_correction:
        return [(key, label) for key, label in CORRECTION_DECIDE_CHOICES if key in allowed]
    facts = history_facts(list(application.events.all()))
    return [
        (key, label)
        for key, label in DECIDE_CHOICES
        if key in allowed
        and (key not in PREREQUISITES or PREREQUISITES[key] in facts or len(allowed) == 1)
    ]


def grouped_outcomes(
    choices: list[tuple[str, str]],
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return outcome choices under the headings of table 三 (予以公开 … 其他处理), in order, as
    the select's <optgroup>s; an option drops the heading its group already names."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for key, label in choices:
        heading = Outcome(key).group.label
        groups.setdefault(heading, []).append((key, label.removeprefix(f"{heading}：")))
    return list(groups.items())


class ServeForm(ActionForm):
    action = Action.SERVE
    service = staticmethod(application_serve)
    method = forms.ChoiceField(
        label="送达方式", choices=[(m.value, m.label) for m in ServiceMethod]
    )
    tracking_number = forms.CharField(
        label="邮件号", max_length=64, required=False, help_text="邮寄送达须填写。"
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.fields["on"].label = "送达日期"
        self.fields["on"].help_text = "签收之日；邮寄送达为交邮之日。不填则为今天。"

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        on: dt.date = data.get("on") or timezone.localdate()
        return {
            "on": on,
            "method": ServiceMethod(data["method"]),
            "tracking_number": data.get("tracking_number", ""),
        }


class CloseForm(ActionForm):
    action = Action.CLOSE
    service = staticmethod(application_close)


class ArchiveForm(ActionForm):
    action = Action.ARCHIVE
    service = staticmethod(application_archive)


ACTION_FORMS: dict[Action, type[ActionForm]] = {
    form.action: form
    for form in (
        ConfirmReceiptForm,
        AssignForm,
        RequestClarificationForm,
        AnswerClarificationForm,
        LapseClarificationForm,
        StartConsultationForm,
        EndConsultationForm,
        RecordServiceForm,
        RequestReasonsForm,
        AnswerReasonsForm,
        AcceptReasonsForm,
        ContinueAfterReasonsForm,
        RequestExtensionForm,
        ExtendForm,
        RefuseExtensionForm,
        RequestFeeForm,
        PayFeeForm,
        LapseFeeForm,
        WithdrawForm,
        DecideForm,
        ServeForm,
        CloseForm,
        ArchiveForm,
    )
}


def action_form(
    action: Action,
    *,
    application: Application,
    data: Any = None,
    files: Any = None,
    prefix: str | None = None,
) -> ActionForm:
    """Return the form of `action` on the case, bound to `data` (and `files`) when given."""
    form_class = ACTION_FORMS[action]
    kwargs: dict[str, Any] = {"application": application}
    if prefix is not None:
        kwargs["prefix"] = prefix
    return form_class(data, files, **kwargs) if data is not None else form_class(**kwargs)
