"""Editing the agency's public pages (指南, 制度): the disclosure office and administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import portal_agency
from gongkai.pages.models import PageKind
from gongkai.pages.permissions import can_edit_pages
from gongkai.pages.selectors import (
    agencies_with_pages_edited_by,
    page_of,
    pages_of,
    revisions_of,
)
from gongkai.pages.services import page_save
from gongkai.workspace.administration import add_service_errors
from gongkai.workspace.forms import PageForm
from gongkai.workspace.signed_in import SignedInRequest

PORTAL_URL_NAMES = {PageKind.GUIDE: "portal:guide", PageKind.POLICIES: "portal:policies"}


def _page_kind(kind: str) -> PageKind:
    if kind not in PageKind.values:
        raise Http404("没有这种页面。")
    return PageKind(kind)


def _editable_agency(request: SignedInRequest, code: str) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    if not can_edit_pages(request.user, agency):
        raise PermissionDenied(f"无权修改{agency.name}的公开页面。")
    return agency


@require_safe
@login_required
def page_list(request: SignedInRequest) -> HttpResponse:
    agencies = agencies_with_pages_edited_by(user=request.user).order_by("code")
    if not agencies.exists():
        raise PermissionDenied("无权修改公开页面。")
    shown = portal_agency()
    rows = [
        {
            "agency": agency,
            "on_portal": shown is not None and shown.pk == agency.pk,
            "pages": list(pages_of(agency=agency).items()),
        }
        for agency in agencies
    ]
    return render(request, "workspace/pages/page_list.html", {"rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def page_edit(request: SignedInRequest, code: str, kind: str) -> HttpResponse:
    page_kind = _page_kind(kind)
    agency = _editable_agency(request, code)
    page = page_of(agency=agency, kind=page_kind)
    if request.method == "POST":
        form = PageForm(request.POST)
        if form.is_valid():
            try:
                page = page_save(
                    actor=request.user,
                    agency=agency,
                    kind=page_kind,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"已保存{page_kind.label}，门户网站即时显示新内容。")
                return redirect("workspace:page_edit", code=agency.code, kind=page_kind.value)
    elif page is not None:
        form = PageForm(initial={"title": page.title, "body": page.body})
    else:
        form = PageForm(initial={"title": f"{agency.name}{page_kind.label}"})
    shown = portal_agency()
    context = {
        "agency": agency,
        "kind": page_kind,
        "page": page,
        "form": form,
        "revisions": revisions_of(page=page) if page is not None else [],
        "portal_url_name": (
            PORTAL_URL_NAMES[page_kind] if shown is not None and shown.pk == agency.pk else None
        ),
    }
    return render(request, "workspace/pages/page_form.html", context)


@require_safe
@login_required
def page_revision(request: SignedInRequest, code: str, kind: str, number: int) -> HttpResponse:
    page_kind = _page_kind(kind)
    agency = _editable_agency(request, code)
    page = page_of(agency=agency, kind=page_kind)
    if page is None:
        raise Http404("该页面尚未编写。")
    revision = get_object_or_404(revisions_of(page=page), number=number)
    return render(
        request,
        "workspace/pages/page_revision.html",
        {"agency": agency, "kind": page_kind, "page": page, "revision": revision},
    )
