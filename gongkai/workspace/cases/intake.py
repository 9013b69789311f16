"""Staff registration of an application that arrived in person, by post, fax or e-mail."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.agencies.models import Agency, Role
from gongkai.applications.intake_forms import RegistrationForm
from gongkai.applications.procedure.receipt import Channel, ReceiptError
from gongkai.applications.services import WorkflowError, application_register
from gongkai.form_errors import add_service_errors
from gongkai.workspace.signed_in import SignedInRequest

RECEIPT_KEY = "gongkai_registration_receipt"


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Agency) -> str:
        return obj.name


def _agencies(request: SignedInRequest) -> QuerySet[Agency]:
    return Agency.objects.filter(
        memberships__user=request.user,
        memberships__role=Role.DISCLOSURE_OFFICE,
        memberships__revoked_at__isnull=True,
    ).distinct()


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_register(request: SignedInRequest) -> HttpResponse:
    """The disclosure office registers an application; the receipt date per 条例第三十一条."""
    agencies = _agencies(request)
    if not agencies.exists():
        raise PermissionDenied("只有公开办可以登记申请。")
    form = RegistrationForm(request.POST or None, request.FILES or None)
    form.fields["agency"] = AgencyChoiceField(
        label="受理机关", queryset=agencies, initial=agencies.first(), empty_label=None
    )
    form.order_fields(["agency", *RegistrationForm.field_order])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = application_register(
                actor=request.user,
                agency=data["agency"],
                applicant=form.applicant(),
                channel=Channel(data["channel"]),
                arrived_on=data["arrived_on"],
                signed_for=data["signed_for"],
                confirmed_on=data.get("confirmed_on"),
                case_number=data.get("case_number", ""),
                attachments=data["attachments"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ReceiptError as error:
            form.add_error("confirmed_on", str(error))
        except (WorkflowError, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            request.session[RECEIPT_KEY] = {
                "tracking_code": submission.tracking_code,
                "query_code": submission.query_code,
                "request_kind": submission.application.get_request_kind_display(),
            }
            return redirect("workspace:case_register_receipt")
    return render(request, "workspace/cases/register.html", {"form": form})


@require_safe
@login_required
def case_register_receipt(request: SignedInRequest) -> HttpResponse:
    """The codes of the case just registered, once, to hand to the applicant (回执)."""
    shown = request.session.pop(RECEIPT_KEY, None)
    response = render(request, "workspace/cases/register_receipt.html", {"receipt": shown})
    response["Cache-Control"] = "no-store"
    return response
