"""The portal's 主动公开 pages: the category listings, one item, 法定主动公开内容. Thin views.

What is shown comes from gongkai.publications.selectors: a list shows public items only; an
item's page answers for public and withdrawn items (then the notice instead of the body), and
404 for anything never published.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import portal_agency
from gongkai.operations.files import PublicValidators, stored_file_response
from gongkai.portal.caching import portal_cached
from gongkai.publications.models import Article20Item, Category, PublishedItem
from gongkai.publications.selectors import (
    category_tree,
    portal_item,
    public_attachments,
    public_items,
    public_years,
)

__all__ = [
    "LATEST_ON_HOME",
    "PAGE_SIZE",
    "attachment_download",
    "category_list",
    "home_context",
    "item_detail",
    "pager_query",
    "statutory",
    "the_agency",
]

PAGE_SIZE = 20
LATEST_ON_HOME = 10


def the_agency() -> Agency:
    """The portal's agency; without one there is nothing to list (404)."""
    agency = portal_agency()
    if agency is None:
        raise Http404("本网站尚未设置机关")
    return agency


def home_context(agency: Agency) -> dict[str, Any]:
    """The home page's categories and latest items."""
    return {
        "categories": category_tree(agency=agency),
        "latest": list(public_items(agency=agency)[:LATEST_ON_HOME]),
    }


def _year(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and 1949 < int(raw) < 3000 else None


@require_safe
@portal_cached("year", "page")
def category_list(request: HttpRequest, slug: str) -> HttpResponse:
    """One category's public items (its subcategories' too), newest first, 20 a page."""
    agency = the_agency()
    category = get_object_or_404(Category, agency=agency, slug=slug)
    year = _year(request.GET.get("year"))
    items = public_items(agency=agency, category=category, year=year)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "agency": agency,
        "category": category,
        "ancestors": _ancestors(category),
        "children": Category.objects.filter(parent=category).order_by("order", "id"),
        "page": page,
        "year": year,
        "years": public_years(agency=agency),
        "pager_query": pager_query({"year": year}),
    }
    return render(request, "portal/disclosure/category.html", context)


def pager_query(params: dict[str, object]) -> str:
    """The query string a pager link keeps (`year=2023&`), empty values left out."""
    kept = {key: value for key, value in params.items() if value not in (None, "")}
    return urlencode(kept) + "&" if kept else ""


def _ancestors(category: Category) -> list[Category]:
    chain: list[Category] = []
    current = category.parent
    while current is not None and len(chain) < 10:
        chain.insert(0, current)
        current = current.parent
    return chain


@require_safe
@portal_cached()
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One item: the index-number block, the body and attachments, or the withdrawal notice."""
    agency = the_agency()
    item = portal_item(agency=agency, pk=pk)
    if item is None:
        raise Http404("没有这条信息")
    context = {
        "agency": agency,
        "item": item,
        "category": item.category,
        "ancestors": [*_ancestors(item.category), item.category],
        "attachments": list(public_attachments(item)),
        "explained": list(
            PublishedItem.objects.filter(explainer=item, is_public=True).order_by("-published_at")
        ),
    }
    return render(request, "portal/disclosure/item.html", context)


@require_safe
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    """A file of an item's public version; 404 for a draft's, a withdrawn item's, or a file
    the public version does not carry. Not page-cached: the answer is the file itself, with
    its own validators (gongkai.operations.files)."""
    agency = the_agency()
    item = PublishedItem.objects.filter(agency=agency, pk=pk, is_public=True).first()
    if item is None:
        raise Http404("没有这个附件")
    attachment = public_attachments(item).filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("没有这个附件")
    return stored_file_response(
        request,
        attachment.file,
        filename=attachment.name,
        content_type=attachment.content_type,
        public=PublicValidators(etag=attachment.token, last_modified=attachment.created_at),
    )


@require_safe
@portal_cached()
def statutory(request: HttpRequest) -> HttpResponse:
    """法定主动公开内容: the categories mapped to 条例第二十条's fifteen items, item by item."""
    agency = the_agency()
    mapped = Category.objects.filter(agency=agency).exclude(article20_item="")
    by_item: dict[str, list[Category]] = {}
    for category in mapped.order_by("order", "id"):
        by_item.setdefault(category.article20_item, []).append(category)
    rows = [(label, by_item.get(value, [])) for value, label in Article20Item.choices]
    return render(request, "portal/disclosure/statutory.html", {"agency": agency, "rows": rows})
