"""Portal views: thin, public, read-only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.agencies.selectors import portal_agency


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The agency's home page at `/`."""
    return render(request, "portal/home.html", {"agency": portal_agency()})
