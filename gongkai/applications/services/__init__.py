"""Writes on applications: one function per action, each atomic, checked and audited.

Callers (views, the API, commands, tests) import from here:

    from gongkai.applications.services import application_decide, ConcurrentChange

Errors: `WorkflowError` (an action the workflow or the clock does not allow; Chinese message),
`PermissionDenied` (no role in the agency), `ValidationError` (bad input), `ConcurrentChange`
(someone changed the case since the actor loaded it; nothing written).
"""

from gongkai.applications.procedure.workflow import WorkflowError
from gongkai.applications.services.base import ActionResult, ConcurrentChange
from gongkai.applications.services.case import (
    ServiceMethod,
    application_answer_clarification,
    application_archive,
    application_assign,
    application_close,
    application_decide,
    application_lapse_clarification,
    application_request_clarification,
    application_serve,
    application_submit_clarification,
    application_withdraw,
)
from gongkai.applications.services.extension import (
    application_approve_extension,
    application_refuse_extension,
    application_request_extension,
)
from gongkai.applications.services.intake import (
    Applicant,
    Submission,
    application_attach,
    application_confirm_receipt,
    application_register,
    application_submit,
)
from gongkai.applications.services.pauses import (
    ConsultationAnswer,
    ServedLetter,
    application_accept_reasons,
    application_answer_reasons,
    application_continue_after_reasons,
    application_end_consultation,
    application_lapse_fee,
    application_pay_fee,
    application_record_service,
    application_request_fee,
    application_request_reasons,
    application_start_consultation,
    fee_quote,
)

__all__ = [
    "ActionResult",
    "Applicant",
    "ConcurrentChange",
    "ConsultationAnswer",
    "ServedLetter",
    "ServiceMethod",
    "Submission",
    "WorkflowError",
    "application_accept_reasons",
    "application_answer_clarification",
    "application_answer_reasons",
    "application_approve_extension",
    "application_archive",
    "application_assign",
    "application_attach",
    "application_close",
    "application_confirm_receipt",
    "application_continue_after_reasons",
    "application_decide",
    "application_end_consultation",
    "application_lapse_clarification",
    "application_lapse_fee",
    "application_pay_fee",
    "application_record_service",
    "application_refuse_extension",
    "application_register",
    "application_request_clarification",
    "application_request_extension",
    "application_request_fee",
    "application_request_reasons",
    "application_serve",
    "application_start_consultation",
    "application_submit",
    "application_submit_clarification",
    "application_withdraw",
    "fee_quote",
]
