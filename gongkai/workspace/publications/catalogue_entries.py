"""Keeping the 政务公开事项目录 (the office or the agency's administrator): add, edit, retire
and restore entries, import a file of them. Thin views over the publications services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.agencies.models import Agency
from gongkai.publications.catalogue_file import CatalogueFileError, read_catalogue
from gongkai.publications.models import CatalogueTiming, DisclosureCatalogueEntry
from gongkai.publications.services import (
    ConcurrentChange,
    WorkflowError,
    can_keep_catalogue,
    catalogue_entry_create,
    catalogue_entry_set_active,
    catalogue_entry_update,
    catalogue_import,
)
from gongkai.workspace.publications.catalogue_forms import CatalogueEntryForm, CatalogueFileForm
from gongkai.workspace.signed_in import SignedInRequest


def catalogue_agency(request: SignedInRequest, code: str) -> Agency:
    """The agency in the address, if the user keeps its catalogue (else 404 or 403)."""
    agency = get_object_or_404(Agency, code=code)
    if not can_keep_catalogue(request.user, agency):
        raise PermissionDenied(f"只有公开办或系统管理员可以维护{agency.name}的公开事项目录。")
    return agency


@require_safe
@login_required
def entry_list(request: SignedInRequest, code: str) -> HttpResponse:
    agency = catalogue_agency(request, code)
    entries = DisclosureCatalogueEntry.objects.filter(agency=agency).select_related(
        "category", "section"
    )
    context = {
        "agency": agency,
        "active": entries.filter(active=True).order_by("id"),
        "retired": entries.filter(active=False).order_by("-updated_at"),
    }
    return render(request, "workspace/catalogue/entries.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def entry_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = catalogue_agency(request, code)
    form = CatalogueEntryForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = catalogue_entry_create(
                actor=request.user,
                agency=agency,
                title=data["title"],
                category=data["category"],
                section=data["section"],
                legal_basis=data["legal_basis"],
                timing=CatalogueTiming(data["timing"]),
                workdays=data["workdays"],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已新增公开事项“{entry.title}”。")
            return redirect("workspace:catalogue_entries", code=agency.code)
    context = {"agency": agency, "form": form, "entry": None}
    return render(request, "workspace/catalogue/entry_form.html", context)


def _entry(agency: Agency, entry_id: int) -> DisclosureCatalogueEntry:
    return get_object_or_404(DisclosureCatalogueEntry, pk=entry_id, agency=agency)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def entry_edit(request: SignedInRequest, code: str, entry_id: int) -> HttpResponse:
    agency = catalogue_agency(request, code)
    entry = _entry(agency, entry_id)
    initial = {
        "title": entry.title,
        "category": entry.category,
        "section": entry.section,
        "legal_basis": entry.legal_basis,
        "timing": entry.timing,
        "workdays": entry.workdays,
        "version": entry.version,
    }
    form = CatalogueEntryForm(request.POST or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            catalogue_entry_update(
                actor=request.user,
                entry=entry,
                seen_version=data["version"] or entry.version,
                title=data["title"],
                category=data["category"],
                section=data["section"],
                legal_basis=data["legal_basis"],
                timing=CatalogueTiming(data["timing"]),
                workdays=data["workdays"],
                active=entry.active,
            )
        except (WorkflowError, ConcurrentChange) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已保存公开事项“{entry.title}”。")
            return redirect("workspace:catalogue_entries", code=agency.code)
    context = {"agency": agency, "form": form, "entry": entry}
    return render(request, "workspace/catalogue/entry_form.html", context)


@require_POST
@login_required
def entry_set_active(request: SignedInRequest, code: str, entry_id: int, act: str) -> HttpResponse:
    agency = catalogue_agency(request, code)
    entry = _entry(agency, entry_id)
    if act not in ("retire", "restore"):
        raise Http404("没有这一操作。")
    version = request.POST.get("version", "")
    try:
        catalogue_entry_set_active(
            actor=request.user,
            entry=entry,
            seen_version=int(version) if version.isdigit() else entry.version,
            active=act == "restore",
        )
    except (WorkflowError, ConcurrentChange) as error:
        messages.error(request, str(error))
    else:
        done = "恢复" if act == "restore" else "停用"
        messages.success(request, f"已{done}公开事项“{entry.title}”。")
    return redirect("workspace:catalogue_entries", code=agency.code)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def entry_import(request: SignedInRequest, code: str) -> HttpResponse:
    """Upload a catalogue file: all rows or none; each bad row shown as `第N行: …`."""
    agency = catalogue_agency(request, code)
    form = CatalogueFileForm(request.POST or None, request.FILES or None)
    line_errors: tuple[str, ...] = ()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_catalogue(upload.read(), name=upload.name)
            entries = catalogue_import(
                actor=request.user, agency=agency, rows=rows, source=upload.name[:100]
            )
        except CatalogueFileError as error:
            line_errors = error.lines
            form.add_error("file", "文件有误，未导入任何事项。请按下列提示更正后重新上传。")
        else:
            messages.success(request, f"已导入 {len(entries)} 个公开事项。")
            return redirect("workspace:catalogue_entries", code=agency.code)
    context = {"agency": agency, "form": form, "line_errors": line_errors}
    status = 400 if form.errors else 200
    return render(request, "workspace/catalogue/import.html", context, status=status)
