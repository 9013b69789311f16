"""Decisions and fees of the registers behind table 二 in the workspace: the year's monthly
grid of licensing, penalty and enforcement decisions, a month's total, one decision, a totals
file; the year's fee ledger in yuan with its 万元 total.

Who may read and write: as on the other register pages (registers/views.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.agencies.models import Agency
from gongkai.form_errors import add_service_errors
from gongkai.registers.decision_file import UnreadableTotalsFile
from gongkai.registers.models import DecisionKind
from gongkai.registers.selectors import (
    decision_counts,
    decision_months,
    fees_10k_yuan,
    fees_of_year,
)
from gongkai.registers.services import (
    TotalsFileError,
    decision_record,
    fee_record,
    monthly_total_set,
    monthly_totals_import,
)
from gongkai.workspace.registers.forms import (
    DecisionForm,
    FeeForm,
    MonthlyTotalForm,
    TotalsFileForm,
)
from gongkai.workspace.registers.views import (
    register_agency,
    register_context,
    register_form_page,
    register_year,
)
from gongkai.workspace.signed_in import SignedInRequest


def _back_to(view: str, agency: Agency, year: int) -> HttpResponse:
    return redirect(f"{reverse(view, args=[agency.code])}?year={year}")


@require_safe
@login_required
def decision_list(request: SignedInRequest, code: str) -> HttpResponse:
    """Each kind's twelve months: the figure counted, and whether it is a total or records."""
    agency = register_agency(request, code)
    year = register_year(request)
    months = decision_months(agency=agency, year=year)
    counts = decision_counts(agency=agency, year=year)
    context = register_context(request, agency, "decisions") | {
        "year": year,
        "months": range(1, 13),
        "grid": [(kind, months[kind], counts[kind]) for kind in DecisionKind],
    }
    return render(request, "workspace/registers/decisions.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def monthly_total_new(request: SignedInRequest, code: str) -> HttpResponse:
    """Enter or correct one month's total; `?kind=&year=&month=` fills the form from the grid."""
    agency = register_agency(request, code, write=True)
    initial = {
        "kind": request.GET.get("kind", ""),
        "year": request.GET.get("year", timezone.localdate().year),
        "month": request.GET.get("month", ""),
    }
    form = MonthlyTotalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            total = monthly_total_set(
                actor=request.user,
                agency=agency,
                kind=DecisionKind(d["kind"]),
                year=d["year"],
                month=d["month"],
                count=d["count"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已填报：{total}。")
            return _back_to("workspace:register_decisions", agency, total.year)
    return register_form_page(request, agency, form, "填报行政决定月度数量")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def decision_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = register_agency(request, code, write=True)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            decision = decision_record(
                actor=request.user,
                agency=agency,
                kind=DecisionKind(d["kind"]),
                decided_on=d["decided_on"],
                reference=d["reference"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记：{decision}。")
            return _back_to("workspace:register_decisions", agency, decision.decided_on.year)
    return register_form_page(request, agency, form, "登记行政许可、处罚、强制决定")


def _import(request: SignedInRequest, agency: Agency, upload: UploadedFile[bytes]) -> str:
    """Run the import on a temporary copy of `upload` (the reader takes a path); the message."""
    suffix = Path(upload.name or "").suffix.lower()
    with tempfile.TemporaryDirectory(prefix="gongkai-totals-") as folder:
        path = Path(folder) / f"月度数量{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        done = monthly_totals_import(agency=agency, path=path, actor=request.user)
    return f"已导入：新填报 {done.created} 个月度数量，更正 {done.updated} 个。"


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def totals_import(request: SignedInRequest, code: str) -> HttpResponse:
    """Upload a totals file: all rows or none; each bad row shown as `第N行: …`."""
    agency = register_agency(request, code, write=True)
    form = TotalsFileForm(request.POST or None, request.FILES or None)
    line_errors: tuple[str, ...] = ()
    if request.method == "POST" and form.is_valid():
        try:
            done = _import(request, agency, form.cleaned_data["file"])
        except UnreadableTotalsFile as error:
            form.add_error("file", f"无法读取该文件：{error.reason}。未导入任何数据。")
        except TotalsFileError as error:
            line_errors = error.lines
            form.add_error("file", "文件有误，未导入任何数据。请按下列提示更正后重新上传。")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("workspace:register_decisions", code=agency.code)
    context = {
        "agency": agency,
        "form": form,
        "title": "导入行政决定月度数量",
        "multipart": True,
        "line_errors": line_errors,
    }
    status = 400 if form.errors else 200
    return render(request, "workspace/registers/import.html", context, status=status)


@require_safe
@login_required
def fee_list(request: SignedInRequest, code: str) -> HttpResponse:
    """The year's fee entries in yuan and their total in 万元 as table 二 prints it."""
    agency = register_agency(request, code)
    year = register_year(request)
    context = register_context(request, agency, "fees") | {
        "year": year,
        "entries": fees_of_year(agency=agency, year=year),
        "total_10k_yuan": fees_10k_yuan(agency=agency, year=year),
    }
    return render(request, "workspace/registers/fees.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def fee_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = register_agency(request, code, write=True)
    form = FeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            entry = fee_record(actor=request.user, agency=agency, **d)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记收费：{entry}。")
            return _back_to("workspace:register_fees", agency, entry.collected_on.year)
    return register_form_page(request, agency, form, "登记行政事业性收费")
