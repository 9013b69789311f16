"""Editing the agency's public pages (指南, 制度): the disclosure office and administrators.

Saving stores a draft and shows its preview; only the 发布 act changes what the portal shows.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import portal_agency
from gongkai.form_errors import add_service_errors
from gongkai.pages.models import PageKind
from gongkai.pages.permissions import can_edit_pages
from gongkai.pages.selectors import (
    agencies_with_pages_edited_by,
    draft_of,
    editor_text,
    newest_revision_of,
    page_of,
    pages_of,
    revisions_of,
)
from gongkai.pages.services import page_publish, page_save_draft
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
            "pages": [
                (kind, page, draft_of(page=page) if page is not None else None)
                for kind, page in pages_of(agency=agency).items()
            ],
        }
        for agency in agencies
    ]
    return render(request, "workspace/pages/page_list.html", {"rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def page_edit(request: SignedInRequest, code: str, kind: str) -> HttpResponse:
    """The editor: saving stores a draft and opens its preview; the portal does not change."""
    page_kind = _page_kind(kind)
    agency = _editable_agency(request, code)
    page = page_of(agency=agency, kind=page_kind)
    newest = newest_revision_of(page=page) if page is not None else None
    if request.method == "POST":
        form = PageForm(request.POST)
        if form.is_valid():
            try:
                revision = page_save_draft(
                    actor=request.user,
                    agency=agency,
                    kind=page_kind,
                    title=form.cleaned_data["title"],
                    source=form.cleaned_data["body"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if revision.number == revision.page.published_number:
                    messages.info(request, "内容与门户网站显示的版本相同，未另存新版本。")
                else:
                    shown = revision.page.published_number
                    messages.success(
                        request,
                        f"已保存为第 {revision.number} 版草稿。"
                        + (f"门户网站仍显示第 {shown} 版" if shown else "门户网站尚未显示此页面")
                        + "；请核对预览，确认无误后点击“发布”。",
                    )
                return redirect(
                    "workspace:page_revision",
                    code=agency.code,
                    kind=page_kind.value,
                    number=revision.number,
                )
    elif newest is not None:
        form = PageForm(initial={"title": newest.title, "body": editor_text(newest)})
    else:
        form = PageForm(initial={"title": f"{agency.name}{page_kind.label}"})
    context = {
        "agency": agency,
        "kind": page_kind,
        "page": page,
        "draft": draft_of(page=page) if page is not None else None,
        "form": form,
        "revisions": revisions_of(page=page) if page is not None else [],
        "portal_url_name": _portal_url_name(agency, page_kind),
    }
    return render(request, "workspace/pages/page_form.html", context)


def _portal_url_name(agency: Agency, kind: PageKind) -> str | None:
    shown = portal_agency()
    return PORTAL_URL_NAMES[kind] if shown is not None and shown.pk == agency.pk else None


@require_safe
@login_required
def page_revision(request: SignedInRequest, code: str, kind: str, number: int) -> HttpResponse:
    """One version as the portal will show it (the portal's own markup), and the 发布 act."""
    page_kind = _page_kind(kind)
    agency = _editable_agency(request, code)
    page = page_of(agency=agency, kind=page_kind)
    if page is None:
        raise Http404("该页面尚未编写。")
    revision = get_object_or_404(revisions_of(page=page), number=number)
    newest = newest_revision_of(page=page)
    context = {
        "agency": agency,
        "kind": page_kind,
        "page": page,
        "revision": revision,
        "is_newest": newest is not None and newest.number == revision.number,
        # the portal dates the page by its publication: today's, if published now
        "shown_date": (
            page.updated_at if revision.number == page.published_number else timezone.now()
        ),
        "portal_url_name": _portal_url_name(agency, page_kind),
    }
    return render(request, "workspace/pages/page_revision.html", context)


@require_POST
@login_required
def page_publish_view(request: SignedInRequest, code: str, kind: str, number: int) -> HttpResponse:
    """发布: put the previewed version on the portal."""
    page_kind = _page_kind(kind)
    agency = _editable_agency(request, code)
    try:
        page_publish(actor=request.user, agency=agency, kind=page_kind, number=number)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(
            "workspace:page_revision", code=agency.code, kind=page_kind.value, number=number
        )
    messages.success(request, f"已发布第 {number} 版{page_kind.label}，门户网站即时显示。")
    return redirect("workspace:page_edit", code=agency.code, kind=page_kind.value)
