"""Complaints and review cases (table 四) and the agency's letter settings: thin views.

Reviews: the disclosure office records and decides (`can_record_reviews`); leaders and the
supervising-office reviewers above read the list and table 四 (`can_view_reviews`). Letter
settings: the disclosure office and the agency's administrators (`can_edit_letter_templates`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.agencies.models import Agency
from gongkai.form_errors import add_service_errors
from gongkai.letters.permissions import can_edit_letter_templates
from gongkai.letters.selectors import letter_settings_for
from gongkai.letters.services import SETTINGS_FIELDS, letter_settings_save
from gongkai.reviews.models import ComplaintSource, ReviewCaseResult, ReviewKind, ReviewRole
from gongkai.reviews.permissions import can_record_reviews, can_view_reviews
from gongkai.reviews.selectors import (
    RESULT_KEYS,
    agencies_with_reviews_visible_to,
    complaints_of_year,
    review_cases_of_year,
    reviews_table,
)
from gongkai.reviews.services import (
    complaint_close,
    complaint_record,
    review_case_decide,
    review_case_record,
)
from gongkai.workspace.reviews.forms import (
    ComplaintCloseForm,
    ComplaintForm,
    LetterSettingsForm,
    ReviewCaseForm,
    ReviewDecideForm,
)
from gongkai.workspace.signed_in import SignedInRequest

RESULT_LABELS = dict(ReviewCaseResult.choices) | {"total": "总计"}


def _agency(request: SignedInRequest, code: str, *, write: bool = False) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    if not can_view_reviews(request.user, agency):
        raise PermissionDenied(f"无权查看{agency.name}的投诉举报、行政复议和行政诉讼。")
    if write and not can_record_reviews(request.user, agency):
        raise PermissionDenied("只有公开办可以登记和办结投诉举报、行政复议和行政诉讼。")
    return agency


def _year(request: SignedInRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2008 <= year <= 2100 else timezone.localdate().year


@require_safe
@login_required
def review_index(request: SignedInRequest) -> HttpResponse:
    agencies = list(agencies_with_reviews_visible_to(user=request.user))
    if not agencies:
        raise PermissionDenied("无权查看投诉举报、行政复议和行政诉讼。")
    if len(agencies) == 1:
        return redirect("workspace:review_list", code=agencies[0].code)
    return render(request, "workspace/reviews/index.html", {"agencies": agencies})


@require_safe
@login_required
def review_list(request: SignedInRequest, code: str) -> HttpResponse:
    """The year's complaints and review cases, and table 四 as the annual report counts it."""
    agency = _agency(request, code)
    year = _year(request)
    table = reviews_table(agency=agency, year=year)
    context = {
        "agency": agency,
        "year": year,
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        "table": [
            (ReviewKind(kind).label, [block[k] for k in (*RESULT_KEYS, "total")])
            for kind, block in table.items()
        ],
        "columns": [RESULT_LABELS[k] for k in (*RESULT_KEYS, "total")],
        "complaints": complaints_of_year(agency=agency, year=year),
        "cases": review_cases_of_year(agency=agency, year=year),
        "may_record": can_record_reviews(request.user, agency),
    }
    return render(request, "workspace/reviews/list.html", context)


def _form_page(
    request: SignedInRequest, agency: Agency, form: Any, title: str, status: int = 200
) -> HttpResponse:
    context = {"agency": agency, "form": form, "title": title}
    return render(request, "workspace/reviews/form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def complaint_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = _agency(request, code, write=True)
    form = ComplaintForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            complaint_record(
                actor=request.user,
                agency=agency,
                source=ComplaintSource(d["source"]),
                received_on=d["received_on"],
                subject=d["subject"],
                application=d["tracking_code"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已登记投诉举报。")
            return redirect("workspace:review_list", code=agency.code)
    return _form_page(request, agency, form, "登记投诉举报", 400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def complaint_done(request: SignedInRequest, code: str, complaint_id: int) -> HttpResponse:
    agency = _agency(request, code, write=True)
    complaint = get_object_or_404(agency.complaints, pk=complaint_id)
    form = ComplaintCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_close(
                actor=request.user,
                complaint=complaint,
                outcome=form.cleaned_data["outcome"],
                closed_on=form.cleaned_data["closed_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "投诉举报已办结。")
            return redirect("workspace:review_list", code=agency.code)
    title = f"办结投诉举报：{complaint.subject[:30]}"
    return _form_page(request, agency, form, title, 400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def review_case_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = _agency(request, code, write=True)
    form = ReviewCaseForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            review_case_record(
                actor=request.user,
                agency=agency,
                kind=ReviewKind(d["kind"]),
                our_role=ReviewRole(d["our_role"]),
                filed_on=d["filed_on"],
                case_number=d["case_number"],
                subject=d["subject"],
                application=d["tracking_code"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已登记行政复议或行政诉讼案件。")
            return redirect("workspace:review_list", code=agency.code)
    return _form_page(
        request, agency, form, "登记行政复议、行政诉讼案件", 400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def review_case_done(request: SignedInRequest, code: str, case_id: int) -> HttpResponse:
    agency = _agency(request, code, write=True)
    case = get_object_or_404(agency.review_cases, pk=case_id)
    form = ReviewDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_case_decide(
                actor=request.user,
                case=case,
                result=ReviewCaseResult(form.cleaned_data["result"]),
                decided_on=form.cleaned_data["decided_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已记录审结结果。")
            return redirect("workspace:review_list", code=agency.code)
    return _form_page(request, agency, form, f"记录审结结果：{case}", 400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def letter_settings(request: SignedInRequest, code: str) -> HttpResponse:
    """The agency's reconsideration organ, court, 文号 prefix and fee payment method."""
    agency = get_object_or_404(Agency.objects.select_related("parent"), code=code)
    if not can_edit_letter_templates(request.user, agency):
        raise PermissionDenied(f"无权修改{agency.name}的文书设置。")
    saved = getattr(agency, "letter_settings", None)
    initial = {name: getattr(saved, name, "") for name in SETTINGS_FIELDS}
    form = LetterSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letter_settings_save(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已保存文书设置。")
            return redirect("workspace:letter_settings", code=agency.code)
    context = {"agency": agency, "form": form, "in_use": letter_settings_for(agency)}
    return render(
        request, "workspace/letters/settings.html", context, status=400 if form.errors else 200
    )
