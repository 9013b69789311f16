"""The public status page (`/track/`): tracking code + query code → where the case stands.

What it shows is the case's progress and the letters addressed to the applicant, never a
person's data (not even the applicant's own: whoever holds the codes sees the page). A wrong
pair of codes gets one neutral message, whichever of the two was wrong; failed attempts are
counted per client address and a run of them is refused for a while (light throttling).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.accounts.throttling import client_ip
from gongkai.agencies.selectors import portal_agency
from gongkai.applications.intake_forms import MultipleFileField, checked_attachments
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.procedure.clock_explain import Explanation
from gongkai.applications.procedure.correction import CORRECTION_SERVICE_STANDARD
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.workflow import State
from gongkai.applications.selectors import (
    applicant_steps_of,
    application_by_codes,
    application_explanation,
)
from gongkai.applications.services import (
    ConcurrentChange,
    WorkflowError,
    application_submit_clarification,
)
from gongkai.form_errors import add_service_errors
from gongkai.letters.composition.kinds import LetterFormat, LetterKind
from gongkai.letters.models import IssuedLetter
from gongkai.letters.selectors import issued_letters, letter_settings_for
from gongkai.operations.files import stored_file_response

TRACKED_KEY = "gongkai_tracked_applications"
CLARIFIED_KEY = "gongkai_clarification_submitted"
WRONG_CODES = "申请编号或查询码不正确，请核对后重新输入。"
TOO_MANY = "查询失败次数过多，请稍后再试。"
# The applicant gets the letter as issued, in PDF; the editable Word file stays with staff.
FORMATS = {"pdf": ("application/pdf", "pdf_file")}


class TrackForm(forms.Form):
    tracking_code = forms.CharField(label="申请编号", max_length=32)
    query_code = forms.CharField(
        label="查询码",
        max_length=32,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _failures_key(request: HttpRequest) -> str:
    return f"gongkai:track-failures:{client_ip(request) or 'unknown'}"


def _limit() -> tuple[int, int]:
    return (
        int(getattr(settings, "GONGKAI_TRACK_FAILURE_LIMIT", 10)),
        int(getattr(settings, "GONGKAI_TRACK_COOLOFF_SECONDS", 15 * 60)),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """The form; a right pair of codes opens the case's status page for this session.

    `?code=` fills in the 申请编号 (the receipt links here with it); the query code is never in
    an address."""
    initial = {"tracking_code": request.GET.get("code", "").strip()[:32]}
    form = TrackForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        limit, cooloff = _limit()
        key = _failures_key(request)
        if int(cache.get(key, 0)) >= limit:
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            case = application_by_codes(
                tracking_code=form.cleaned_data["tracking_code"],
                query_code=form.cleaned_data["query_code"],
            )
            if case is None:
                cache.add(key, 0, cooloff)
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, cooloff)
                form.add_error(None, WRONG_CODES)
            else:
                tracked = [pk for pk in request.session.get(TRACKED_KEY, []) if pk != case.pk]
                request.session[TRACKED_KEY] = [*tracked[-9:], case.pk]
                return redirect("portal:track_status", tracking_code=case.tracking_code)
    context = {"form": form, "agency": portal_agency()}  # the site's header and footer
    return render(request, "portal/applications/track.html", context, status=status)


def _tracked(request: HttpRequest, tracking_code: str) -> Application:
    """The case, if this session has given its codes; else 404 (the address alone opens
    nothing)."""
    case = get_object_or_404(
        Application.objects.select_related("agency"), tracking_code=tracking_code
    )
    if case.pk not in request.session.get(TRACKED_KEY, []):
        raise Http404("请先输入申请编号和查询码。")
    return case


class ClarificationForm(forms.Form):
    """The applicant's 补正 on the portal: what they add, and their files."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    content = forms.CharField(
        label="补正内容",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="请针对补正告知书列明的事项逐项说明。",
    )
    attachments = MultipleFileField(
        label="补正材料",
        required=False,
        help_text="可选多个文件：PDF、图片、Word、Excel 或纯文本。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_attachments(self) -> list[Any]:
        return checked_attachments(self.cleaned_data.get("attachments") or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("content", "").strip() and not data.get("attachments"):
            self.add_error("content", "请填写补正内容或上传补正材料。")
        return data


def _fee(case: Application, explanation: Explanation) -> dict[str, object] | None:
    """What the applicant owes and by when (国办函〔2020〕109号): the amount of the notice, the
    last day once its service is recorded (else the rule), and how to pay."""
    notice = (
        ApplicationEvent.objects.filter(
            application=case, kind__in=[EventKind.FEE_NOTICE_SENT, EventKind.FEE_NOTICE_SERVED]
        )
        .filter(details__has_key="amount")
        .order_by("-date", "-id")
        .first()
    )
    if notice is None:
        return None
    return {
        "amount": notice.details["amount"],
        "due": explanation.fee_due,
        "method": letter_settings_for(case.agency).fee_payment_method,
    }


@require_safe
def track_status(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """The status of a case whose codes this session gave: state, due date, letters."""
    try:
        case = _tracked(request, tracking_code)
    except Http404:
        return redirect("portal:track")
    return _status_page(request, case)


@require_POST
def track_clarify(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """The applicant hands in the 补正 (条例第三十条) on the status page; received today."""
    try:
        case = _tracked(request, tracking_code)
    except Http404:
        return redirect("portal:track")
    form = ClarificationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            application_submit_clarification(
                application=case,
                seen_version=form.cleaned_data["version"],
                content=form.cleaned_data["content"],
                attachments=form.cleaned_data["attachments"],
            )
        except ConcurrentChange:
            form.add_error(None, "本申请的办理情况已有变化，请刷新页面后查看。")
        except WorkflowError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[CLARIFIED_KEY] = case.tracking_code
            return redirect("portal:track_status", tracking_code=case.tracking_code)
    return _status_page(request, case, form=form, status=400)


def _status_page(
    request: HttpRequest,
    case: Application,
    *,
    form: ClarificationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    explanation = application_explanation(application=case, name_parties=False)
    clock = explanation.clock
    clarification = None
    if case.state == State.AWAITING_CLARIFICATION:
        clarification = (
            ApplicationEvent.objects.filter(
                application=case, kind=EventKind.CLARIFICATION_REQUESTED
            )
            .order_by("-date", "-id")
            .first()
        )
    open_online = clarification is not None and timezone.localdate() <= dt.date.fromisoformat(
        str(clarification.details["answer_due"])
    )
    if open_online and form is None:
        form = ClarificationForm(initial={"version": case.version})
    clarified = request.session.pop(CLARIFIED_KEY, None) == case.tracking_code
    fee = _fee(case, explanation) if case.state == State.AWAITING_FEE else None
    letters = [
        letter
        for letter in issued_letters(application=case)
        if LetterKind(letter.kind).to_applicant
    ]
    context = {
        "agency": case.agency,  # the site's header and footer name the agency
        "case": case,
        "state_label": State(case.state).label,
        "clock": clock,
        "explanation": explanation,
        "fee": fee,
        "clarification": clarification.details if clarification is not None else None,
        "clarification_form": form if open_online else None,
        "clarified": clarified,
        "office_address": letter_settings_for(case.agency).office_address,
        "letters": letters,
        "steps": applicant_steps_of(application=case),
        "correction_standard": CORRECTION_SERVICE_STANDARD,
    }
    response = render(request, "portal/applications/status.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def track_letter(
    request: HttpRequest, tracking_code: str, letter_id: int, fmt: str
) -> HttpResponseBase:
    """A letter addressed to the applicant, as PDF (never the editable DOCX)."""
    case = _tracked(request, tracking_code)
    letter = get_object_or_404(IssuedLetter, pk=letter_id, application=case)
    if fmt not in FORMATS or not LetterKind(letter.kind).to_applicant:
        raise Http404
    content_type, field_name = FORMATS[fmt]
    stored = getattr(letter, field_name)
    if not stored:
        raise Http404
    LetterFormat(fmt)  # the two formats the letters app writes
    return stored_file_response(
        request,
        stored,
        filename=letter.download_name(fmt),
        content_type=content_type,
    )
