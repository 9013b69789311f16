"""The portal's application form (`/apply/`) and its receipt (回执) with the two codes.

The query code exists in clear only in the response that shows the receipt: the service keeps
its hash. Between the form and the receipt page the code is split in two (a one-time pad):
the session holds the code XOR a random pad, the browser holds the pad in a cookie that lives
ten minutes and only on the receipt's address. So the session table never holds the code (a
receipt never shown leaves nothing readable there), and the receipt is shown once, within ten
minutes; both halves are dropped when it is shown.

The receipt also holds what the applicant may print (date, agency, the request's first lines,
where to track), and a copy goes to the e-mail address given, without the query code
(`gongkai.portal.receipt_copy`).
"""

from __future__ import annotations

import base64
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import portal_agency
from gongkai.applications.intake_forms import ApplicationForm
from gongkai.applications.services import Submission, application_submit
from gongkai.form_errors import add_service_errors
from gongkai.letters.composition.compose import chinese_date
from gongkai.portal.receipt_copy import (
    ReceiptCopy,
    send_receipt_copy,
    summary_label,
    summary_of,
)
from gongkai.portal.submission_limits import Refusal, count_submission, submission_slot

RECEIPT_KEY = "gongkai_application_receipt"
PAD_COOKIE = "gongkai_receipt_pad"
RECEIPT_SECONDS = 10 * 60


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
            submission = None
            if form.is_valid():
                try:
                    submission = application_submit(
                        agency=agency,
                        applicant=form.applicant(),
                        attachments=form.cleaned_data["attachments"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
        # Outside the slot: a slow mail server must not hold one.
        if submission is not None:
            return _receipt_redirect(request, agency, submission, form)
    else:
        form = ApplicationForm()
    return render(request, "portal/applications/apply.html", {"agency": agency, "form": form})


def _receipt_redirect(
    request: HttpRequest, agency: Agency, submission: Submission, form: ApplicationForm
) -> HttpResponse:
    """Keep the receipt for its one showing, send the e-mail copy, go to the receipt."""
    day = timezone.localdate()
    today = chinese_date(day)  # as the receipt and the e-mail say it
    summary = summary_of(form.cleaned_data["description"])
    email = form.cleaned_data.get("contact_email") or ""
    copy_sent = None
    if email:
        track_url = request.build_absolute_uri(
            f"{reverse('portal:track')}?{urlencode({'code': submission.tracking_code})}"
        )
        copy = ReceiptCopy(
            to=email,
            tracking_code=submission.tracking_code,
            agency=agency.name,
            submitted=today,
            summary=summary,
            track_url=track_url,
            correction=submission.application.is_correction,
        )
        copy_sent = send_receipt_copy(copy)
    sealed, pad = _seal(submission.query_code)
    request.session[RECEIPT_KEY] = {
        "tracking_code": submission.tracking_code,
        "sealed_query_code": sealed,
        "agency": agency.name,
        "request_kind": submission.application.get_request_kind_display(),
        "correction": submission.application.is_correction,
        "submitted": today,
        "summary": summary,
        "summary_label": summary_label(correction=submission.application.is_correction),
        "copy_sent": copy_sent,
        "expires": time.time() + RECEIPT_SECONDS,
    }
    response = redirect("portal:apply_receipt")
    response.set_cookie(
        PAD_COOKIE,
        pad,
        max_age=RECEIPT_SECONDS,
        path=reverse("portal:apply_receipt"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


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
    response["Retry-After"] = "1"
    return response


def _throttled(request: HttpRequest, refused: Refusal) -> HttpResponse:
    """429 with a Chinese page saying how long to wait (gongkai.portal.submission_limits)."""
    context = {"scope": refused.scope.value, "minutes": max(1, -(-refused.retry_after // 60))}
    response = render(request, "portal/applications/throttled.html", context, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


@require_safe
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt: tracking code and query code, shown this once, within ten minutes."""
    stored = request.session.pop(RECEIPT_KEY, None)
    shown: dict[str, Any] | None = None
    pad = request.COOKIES.get(PAD_COOKIE, "")
    if isinstance(stored, dict) and float(stored.get("expires", 0)) > time.time() and pad:
        code = _unseal(str(stored.get("sealed_query_code", "")), pad)
        if code:
            shown = {**stored, "query_code": code}
    response = render(
        request,
        "portal/applications/receipt.html",
        {
            "agency": portal_agency(),
            "receipt": shown,
            "track_url": request.build_absolute_uri(reverse("portal:track")),
        },
    )
    response["Cache-Control"] = "no-store"
    response.delete_cookie(PAD_COOKIE, path=reverse("portal:apply_receipt"), samesite="Strict")
    return response


def _seal(code: str) -> tuple[str, str]:
    """The code XOR a random pad of its length, and the pad (both URL-safe base64)."""
    data = code.encode()
    pad = secrets.token_bytes(len(data))
    sealed = bytes(a ^ b for a, b in zip(data, pad, strict=True))
    return base64.urlsafe_b64encode(sealed).decode(), base64.urlsafe_b64encode(pad).decode()


def _unseal(sealed: str, pad: str) -> str:
    """The code from its two halves; "" if they do not fit together."""
    try:
        left, right = base64.urlsafe_b64decode(sealed), base64.urlsafe_b64decode(pad)
        if len(left) != len(right) or not left:
            return ""
        return bytes(a ^ b for a, b in zip(left, right, strict=True)).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return ""
