"""Full-text search at `/search/?q=…&category=…&year=…` (a GET form: works without
JavaScript, and a browser's search box can use it through the OpenSearch description)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.portal.caching import portal_cached
from gongkai.portal.disclosure import pager_query, the_agency
from gongkai.publications.models import Category
from gongkai.publications.selectors import public_items, public_years
from gongkai.search.selectors import PAGE_SIZE, search

__all__ = ["opensearch", "search_page"]


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None


@require_safe
@portal_cached("q", "category", "year", "page")
def search_page(request: HttpRequest) -> HttpResponse:
    agency = the_agency()
    query = request.GET.get("q", "").strip()
    categories = list(Category.objects.filter(agency=agency).order_by("order", "id"))
    slug = request.GET.get("category", "")
    category = next((c for c in categories if c.slug == slug), None)
    year = _int(request.GET.get("year"))
    page = (
        search(
            query,
            agency=agency,
            category=category,
            year=year,
            page=_int(request.GET.get("page")) or 1,
        )
        if query
        else None
    )
    # A category or a year without a word lists that filter's items, newest first (as the
    # category pages do), instead of an empty page.
    browse = (
        Paginator(public_items(agency=agency, category=category, year=year), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        if not query and (category is not None or year is not None)
        else None
    )
    context = {
        "agency": agency,
        "q": query,
        "categories": categories,
        "category": category,
        "year": year,
        "years": public_years(agency=agency),
        "results": page,
        "browse": browse,
        "pager_query": pager_query(
            {"q": query, "category": category.slug if category else "", "year": year}
        ),
    }
    return render(request, "portal/disclosure/search.html", context)


@require_safe
def opensearch(request: HttpRequest) -> HttpResponse:
    """The OpenSearch description: lets a browser add the portal's search to its search box."""
    return render(
        request,
        "portal/disclosure/opensearch.xml",
        {"agency": the_agency()},
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
