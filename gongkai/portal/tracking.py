"""The public status page (`/track/`): tracking code + query code → where the case stands.

What it shows is the case's progress and the letters addressed to the applicant, never a
person's data (not even the applicant's own: whoever holds the codes sees the page). A wrong
pair of codes gets one neutral message, whichever of the two was wrong; failed attempts are
counted per client address and a run of them is refused for a while (light throttling).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.accounts.throttling import client_ip
from gongkai.applications.history import EventKind
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.selectors import application_by_codes, application_explanation
from gongkai.applications.workflow import State
from gongkai.letters.kinds import LetterFormat, LetterKind
from gongkai.letters.models import IssuedLetter

TRACKED_KEY = "gongkai_tracked_applications"
WRONG_CODES = "申请编号或查询码不正确，请核对后重新输入。"
TOO_MANY = "查询失败次数过多，请稍后再试。"
FORMATS = {
    "pdf": ("application/pdf", "pdf_file"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx_file",
    ),
}


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
    """The form; a right pair of codes opens the case's status page for this session."""
    form = TrackForm(request.POST or None)
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
    return render(request, "portal/applications/track.html", {"form": form}, status=status)


def _tracked(request: HttpRequest, tracking_code: str) -> Application:
    """The case, if this session has given its codes; else 404 (the address alone opens
    nothing)."""
    case = get_object_or_404(
        Application.objects.select_related("agency"), tracking_code=tracking_code
    )
    if case.pk not in request.session.get(TRACKED_KEY, []):
        raise Http404("请先输入申请编号和查询码。")
    return case


@require_safe
def track_status(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """The status of a case whose codes this session gave: state, due date, letters."""
    try:
        case = _tracked(request, tracking_code)
    except Http404:
        return redirect("portal:track")
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
    letters = [
        letter
        for letter in IssuedLetter.objects.filter(application=case).order_by("issued_at", "id")
        if LetterKind(letter.kind).to_applicant
    ]
    context = {
        "case": case,
        "state_label": State(case.state).label,
        "clock": clock,
        "explanation": explanation,
        "clarification": clarification.details if clarification is not None else None,
        "letters": letters,
    }
    response = render(request, "portal/applications/status.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def track_letter(
    request: HttpRequest, tracking_code: str, letter_id: int, fmt: str
) -> HttpResponseBase:
    """A letter addressed to the applicant, as PDF or DOCX."""
    case = _tracked(request, tracking_code)
    letter = get_object_or_404(IssuedLetter, pk=letter_id, application=case)
    if fmt not in FORMATS or not LetterKind(letter.kind).to_applicant:
        raise Http404
    content_type, field_name = FORMATS[fmt]
    stored = getattr(letter, field_name)
    if not stored:
        raise Http404
    LetterFormat(fmt)  # the two formats the letters app writes
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{letter.tracking_code}-{letter.kind}-{letter.sequence}.{fmt}",
        content_type=content_type,
    )
    response["Cache-Control"] = "no-store"
    return response
