"""The registers behind table 二 in the workspace: table 二 and the 现行有效 continuity, the
rules and normative documents, opening balances. Decisions and fees: registers/entries.py.

Who (gongkai.registers.permissions):
- writing — `can_keep_registers`: the agency's disclosure office (公开办), which compiles the
  annual report, and the platform's superuser; the services check it again;
- reading — `can_view_registers`: those who write, the agency's leaders (领导, who sign the
  annual report) and the supervising-office reviewers (上级审查员) of an office above the agency,
  read-only. Approvers, handlers, confidentiality reviewers and administrators are refused
  (403): they work on single items, replies or staff, not on the report's numbers;
- anonymous visitors are sent to the login page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import portal_agency
from gongkai.form_errors import add_service_errors
from gongkai.registers.models import FIRST_YEAR, DocumentKind
from gongkai.registers.permissions import can_keep_registers, can_view_registers
from gongkai.registers.selectors import (
    StockLine,
    active_table,
    agencies_with_registers_visible_to,
    documents_of,
    stock_lines,
)
from gongkai.registers.services import document_register, document_repeal, opening_balance_set
from gongkai.workspace.registers.forms import DocumentForm, OpeningBalanceForm, RepealForm
from gongkai.workspace.signed_in import SignedInRequest

CONTINUITY_YEARS = 5
"""How many years, up to the one shown, the 现行有效 continuity view covers."""

DOCUMENT_STATES = {"in_force": True, "repealed": False, "all": None}


def register_agency(request: SignedInRequest, code: str, *, write: bool = False) -> Agency:
    """The agency named in the URL, if the user may read (or, with `write`, keep) its registers."""
    agency = get_object_or_404(Agency, code=code)
    if not can_view_registers(request.user, agency):
        raise PermissionDenied(f"无权查看{agency.name}的规范性文件、行政决定和收费台账。")
    if write and not can_keep_registers(request.user, agency):
        raise PermissionDenied("只有公开办可以登记规范性文件、行政决定和收费台账。")
    return agency


def register_year(request: SignedInRequest) -> int:
    """`?year=` when it is a register year up to this one, else this year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return this_year
    return year if FIRST_YEAR <= year <= this_year else this_year


def register_context(request: SignedInRequest, agency: Agency, section: str) -> dict[str, Any]:
    """What every register page shows: the agency, the tabs and whether the user may write."""
    this_year = timezone.localdate().year
    return {
        "agency": agency,
        "section": section,
        "years": range(this_year, max(FIRST_YEAR, this_year - 9) - 1, -1),
        "may_keep": can_keep_registers(request.user, agency),
    }


def register_form_page(
    request: SignedInRequest, agency: Agency, form: Any, title: str, *, multipart: bool = False
) -> HttpResponse:
    """A register form; 400 when it comes back with errors."""
    context = {"agency": agency, "form": form, "title": title, "multipart": multipart}
    status = 400 if form.errors else 200
    return render(request, "workspace/registers/form.html", context, status=status)


@require_safe
@login_required
def register_index(request: SignedInRequest) -> HttpResponse:
    agencies = list(agencies_with_registers_visible_to(user=request.user))
    if not agencies:
        raise PermissionDenied("无权查看规范性文件、行政决定和收费台账。")
    if len(agencies) == 1:
        return redirect("workspace:register_table", code=agencies[0].code)
    return render(request, "workspace/registers/index.html", {"agencies": agencies})


@dataclass(frozen=True, slots=True)
class StockBreak:
    """A year where 现行有效 does not carry forward, in words for the warning."""

    line: StockLine

    @property
    def kind_label(self) -> str:
        return DocumentKind(self.line.kind).label

    @property
    def previous_year(self) -> int:
        return self.line.year - 1

    @property
    def gap(self) -> str:
        """多 N 件 / 少 N 件: this year's figure against the carried one."""
        more = self.line.difference > 0
        return f"{'多' if more else '少'} {abs(self.line.difference)} 件"


@require_safe
@login_required
def register_table(request: SignedInRequest, code: str) -> HttpResponse:
    """Table 二 of the year as the registers count it, and the 现行有效 continuity over the last
    few years with a warning for each year that breaks it (rule T2.stock)."""
    agency = register_agency(request, code)
    year = register_year(request)
    first = max(FIRST_YEAR, year - CONTINUITY_YEARS + 1)
    lines = stock_lines(agency=agency, years=range(first, year + 1))
    context = register_context(request, agency, "table") | {
        "year": year,
        "table": active_table(agency=agency, year=year),
        "continuity": [
            (kind.label, [line for line in lines if line.kind == kind]) for kind in DocumentKind
        ],
        "breaks": [StockBreak(line) for line in lines if not line.holds],
    }
    return render(request, "workspace/registers/table.html", context)


@require_safe
@login_required
def document_list(request: SignedInRequest, code: str) -> HttpResponse:
    """The agency's rules and normative documents (in force, repealed or all) and its opening
    balances; a document brought in by publication links to the item's portal page."""
    agency = register_agency(request, code)
    state = request.GET.get("state", "all")
    if state not in DOCUMENT_STATES:
        state = "all"
    on_portal = portal_agency() == agency
    context = register_context(request, agency, "documents") | {
        "state": state,
        "states": [("all", "全部"), ("in_force", "现行有效"), ("repealed", "已废止")],
        "documents": documents_of(agency=agency, in_force=DOCUMENT_STATES[state]),
        "on_portal": on_portal,
        "balances": agency.register_opening_balances.order_by("-year", "kind"),
    }
    return render(request, "workspace/registers/documents.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def document_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = register_agency(request, code, write=True)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            document = document_register(
                actor=request.user,
                agency=agency,
                kind=DocumentKind(d["kind"]),
                title=d["title"],
                issued_on=d["issued_on"],
                document_number=d["document_number"],
                repealed_on=d["repealed_on"],
                notes=d["notes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记{document.get_kind_display()}：{document}。")
            return redirect("workspace:register_documents", code=agency.code)
    return register_form_page(request, agency, form, "登记规章或行政规范性文件")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def document_repeal_page(request: SignedInRequest, code: str, document_id: int) -> HttpResponse:
    agency = register_agency(request, code, write=True)
    document = get_object_or_404(agency.regulatory_documents, pk=document_id)
    form = RepealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_repeal(
                actor=request.user, document=document, repealed_on=form.cleaned_data["repealed_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记废止：{document}。")
            return redirect("workspace:register_documents", code=agency.code)
    return register_form_page(request, agency, form, f"废止文件：{document}")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def opening_balance_new(request: SignedInRequest, code: str) -> HttpResponse:
    """The agency's own count of documents in force at the end of a past year (its printed
    report): later years carry it forward, so old documents need not be typed in."""
    agency = register_agency(request, code, write=True)
    form = OpeningBalanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            balance = opening_balance_set(
                actor=request.user,
                agency=agency,
                kind=DocumentKind(d["kind"]),
                year=d["year"],
                in_force=d["in_force"],
                notes=d["notes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记：{balance}。")
            return redirect("workspace:register_documents", code=agency.code)
    return register_form_page(request, agency, form, "登记年末现行有效件数")
