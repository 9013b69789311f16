"""The forms that end a case: withdrawal, the decision (with its outcome and ground), service
of the reply, closing and archiving."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.applications.action_forms.base import ActionForm
from gongkai.applications.grounds import GROUNDS, grounds_for
from gongkai.applications.models import OUTCOME_CHOICES, Application
from gongkai.applications.services import (
    ServiceMethod,
    application_archive,
    application_close,
    application_decide,
    application_serve,
    application_withdraw,
)
from gongkai.applications.services.base import history_facts
from gongkai.applications.workflow import LAPSE_OUTCOMES, PREREQUISITES, Action, rule
from gongkai.report.catalogue import application_row

DECIDE_CHOICES = [
    (key, application_row(key).plain_label)
    for key, _ in OUTCOME_CHOICES
    if key not in LAPSE_OUTCOMES
]


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
        outcome.choices = [("", "（请选择）"), *_decidable(application)]
        self.fields["on"].label = "答复日期"

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
    row = rule(application.state_enum, Action.DECIDE)
    allowed = row.outcomes if row is not None else frozenset()
    facts = history_facts(list(application.events.all()))
    return [
        (key, label)
        for key, label in DECIDE_CHOICES
        if key in allowed
        and (key not in PREREQUISITES or PREREQUISITES[key] in facts or len(allowed) == 1)
    ]


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
