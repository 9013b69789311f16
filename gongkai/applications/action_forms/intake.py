"""The forms of receiving a case and handing it to a section: 确认收到 and 交办."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from gongkai.accounts.models import User
from gongkai.agencies.models import Role, Section
from gongkai.applications.action_forms.base import ActionForm
from gongkai.applications.models import Application
from gongkai.applications.procedure.workflow import Action
from gongkai.applications.services import (
    application_assign,
    application_confirm_receipt,
)


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
