"""The forms that end a case: withdrawal, the decision (with its outcome and ground), service
of the reply, closing and archiving."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.applications.action_forms.base import ActionForm
from gongkai.applications.models import Application
from gongkai.applications.procedure.correction import CORRECTION_DECISIONS
from gongkai.applications.procedure.grounds import GROUNDS, grounds_for
from gongkai.applications.procedure.workflow import LAPSE_OUTCOMES, PREREQUISITES, Action, rule
from gongkai.applications.services import (
    ServiceMethod,
    application_archive,
    application_close,
    application_decide,
    application_serve,
    application_withdraw,
)
from gongkai.applications.services.base import history_facts
from gongkai.report.catalogue import OUTCOME_KEYS, Outcome, application_row

DECIDE_CHOICES = [
    (key, application_row(key).plain_label) for key in OUTCOME_KEYS if key not in LAPSE_OUTCOMES
]
# 条例第四十一条: the four answers to a 更正申请 (撤回 is recorded only on closing).
CORRECTION_DECIDE_CHOICES = [(outcome.value, outcome.label) for outcome in CORRECTION_DECISIONS]


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
