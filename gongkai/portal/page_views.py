"""The portal's 政府信息公开指南 and 政府信息公开制度: the text the disclosure office published."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.agencies.selectors import portal_agency
from gongkai.pages.models import PageKind
from gongkai.pages.selectors import published_page_of
from gongkai.portal.caching import portal_cached


def _agency_page(request: HttpRequest, kind: PageKind) -> HttpResponse:
    agency = portal_agency()
    page = published_page_of(agency=agency, kind=kind) if agency is not None else None
    # Nothing written yet: say so plainly (条例第十二条 requires the guide; no stand-in text).
    return render(
        request, "portal/agency_page.html", {"agency": agency, "kind": kind, "page": page}
    )


@require_safe
@portal_cached()
def guide(request: HttpRequest) -> HttpResponse:
    """政府信息公开指南 (条例第十二条)."""
    return _agency_page(request, PageKind.GUIDE)


@require_safe
@portal_cached()
def policies(request: HttpRequest) -> HttpResponse:
    """政府信息公开制度."""
    return _agency_page(request, PageKind.POLICIES)
