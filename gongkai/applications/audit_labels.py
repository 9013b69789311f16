"""The names the audit log shows for the applications' acts and recorded values.

One name per act: an action's label is the workflow's own (`Action.label`, the same words as
on the case page's button), never a second wording kept elsewhere. Recorded codes (states,
outcomes, channels, fee methods) show by the names the case page uses.
"""

from __future__ import annotations

from gongkai.applications.models import APPLICANT_KIND_CHOICES, OUTCOME_CHOICES, Source
from gongkai.applications.procedure.fees import FeeMethod
from gongkai.applications.procedure.receipt import CHANNEL_LABELS
from gongkai.applications.procedure.workflow import Action, State
from gongkai.audit.actions import register_labels

__all__ = ["register_audit_labels"]

FIELDS = {
    "attachment": "附件",
    "attachments": "附件数",
    "content_type": "文件类型",
    "channel": "申请方式",
    "fee_amount": "应缴金额（元）",
    "fee_method": "计费方式",
    "applicant_kind": "申请人类型",
    "signed_for": "签收",
    "created": "新增件数",
    "concluded": "已办结件数",
}


def register_audit_labels() -> None:
    """Register the applications' action, field and value labels with the audit log."""
    register_labels(
        prefix="application",
        actions={action.value: action.label for action in Action},
        fields=FIELDS,
        values={
            "state": {state.value: state.label for state in State},
            "outcome": dict(OUTCOME_CHOICES),
            "channel": {channel.value: label for channel, label in CHANNEL_LABELS.items()},
            "fee_method": {method.value: method.label for method in FeeMethod},
            "applicant_kind": dict(APPLICANT_KIND_CHOICES),
            "source": dict(Source.choices),
        },
        # 条例第二十九条: the applicant submits on the portal; no staff member acts.
        by_applicant=("submit",),
    )
