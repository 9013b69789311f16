"""The fields and the path every case action form shares: the version seen, the day, and
the call of the action's service function."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms

from gongkai.accounts.models import User
from gongkai.applications.models import Application
from gongkai.applications.procedure.workflow import Action
from gongkai.applications.services import ActionResult

if TYPE_CHECKING:
    from collections.abc import Callable


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
