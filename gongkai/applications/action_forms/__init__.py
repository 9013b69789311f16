"""One form per case action: it parses the input and calls the action's service function.

The workspace renders these forms (one per button) and the JSON API validates its request
bodies with them, so both faces take the same input to the same services. Every form carries
`version`, the version of the case the person saw: the service refuses a stale one
(`ConcurrentChange`) and writes nothing.
"""

from __future__ import annotations

from typing import Any

from gongkai.applications.action_forms.base import ActionForm
from gongkai.applications.action_forms.decision import (
    ArchiveForm,
    CloseForm,
    DecideForm,
    ServeForm,
    WithdrawForm,
)
from gongkai.applications.action_forms.intake import AssignForm, ConfirmReceiptForm
from gongkai.applications.action_forms.pauses import (
    AcceptReasonsForm,
    AnswerClarificationForm,
    AnswerReasonsForm,
    ContinueAfterReasonsForm,
    EndConsultationForm,
    ExtendForm,
    LapseClarificationForm,
    LapseFeeForm,
    PayFeeForm,
    RecordServiceForm,
    RefuseExtensionForm,
    RequestClarificationForm,
    RequestExtensionForm,
    RequestFeeForm,
    RequestReasonsForm,
    StartConsultationForm,
)
from gongkai.applications.models import Application
from gongkai.applications.procedure.workflow import Action

__all__ = ["ACTION_FORMS", "ActionForm", "action_form"]


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
