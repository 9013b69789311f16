"""The portal's application form (`/apply/`) and its receipt (回执) with the two codes.

The query code exists in clear only in the response that shows the receipt: the service keeps
its hash, the session keeps the code until the receipt page has shown it once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import portal_agency
from gongkai.applications.intake_forms import ApplicationForm, add_service_errors
from gongkai.applications.services import application_submit
from gongkai.portal.submission_limits import Refusal, count_submission, submission_slot

RECEIPT_KEY = "gongkai_application_receipt"


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """The application form; a valid one creates the case and shows the receipt once."""
    agency = portal_agency()
    if agency is None:
        return render(request, "portal/applications/apply.html", {"agency": None})
    if request.method == "POST":
        with submission_slot() as admitted:
            if not admitted:
                return _busy(request, agency)
            refused = count_submission(request)
            if refused is not None:
                return _throttled(request, refused)
            form = ApplicationForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    submission = application_submit(
                        agency=agency,
                        applicant=form.applicant(),
                        attachments=form.cleaned_data["attachments"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    request.session[RECEIPT_KEY] = {
                        "tracking_code": submission.tracking_code,
                        "query_code": submission.query_code,
                        "agency": agency.name,
                        "submitted": timezone.localdate().isoformat(),
                    }
                    return redirect("portal:apply_receipt")
    else:
        form = ApplicationForm()
    return render(request, "portal/applications/apply.html", {"agency": agency, "form": form})


def _busy(request: HttpRequest, agency: Agency) -> HttpResponse:
    """429: every submission slot is taken. A small page (rendering the whole form again would
    cost what the refusal saves) keeps what was typed in hidden fields, to send again."""
    fields = [
        (name, value)
        for name in ApplicationForm.base_fields
        if name != "attachments"
        for value in request.POST.getlist(name)
    ]
    context = {"agency": agency, "fields": fields, "had_files": bool(request.FILES)}
    response = render(request, "portal/applications/busy.html", context, status=429)
    response["Retry-After"] = "2"
    return response


def _throttled(request: HttpRequest, refused: Refusal) -> HttpResponse:
    """429 with a Chinese page saying how long to wait (gongkai.portal.submission_limits)."""
    context = {"scope": refused.scope.value, "minutes": max(1, -(-refused.retry_after // 60))}
    response = render(request, "portal/applications/throttled.html", context, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


@require_safe
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt: tracking code and query code, shown this once and never cached."""
    shown = request.session.pop(RECEIPT_KEY, None)
    response = render(
        request,
        "portal/applications/receipt.html",
        {"agency": portal_agency(), "receipt": shown},
    )
    response["Cache-Control"] = "no-store"
    return response
