"""Portal views: thin, public, read-only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.agencies.selectors import portal_agency
from gongkai.portal.caching import portal_cached
from gongkai.portal.disclosure import home_context


@require_safe
@portal_cached()
def home(request: HttpRequest) -> HttpResponse:
    """The agency's home page at `/`: its categories and latest items."""
    agency = portal_agency()
    extra = home_context(agency) if agency is not None else {}
    return render(request, "portal/home.html", {"agency": agency, **extra})
