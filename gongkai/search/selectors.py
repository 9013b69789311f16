"""The portal's search: `search(query, agency=…, category=…, year=…, page=…) -> SearchPage`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString

from gongkai.agencies.models import Agency
from gongkai.publications.models import Category, PublishedItem
from gongkai.search.backends import RANK_WINDOW, Filters, match_ids
from gongkai.search.highlight import highlight, snippet
from gongkai.search.models import SearchDocument
from gongkai.search.segmentation import parse_query

__all__ = ["PAGE_SIZE", "SearchHit", "SearchPage", "search"]

PAGE_SIZE = 20
MAX_PAGE = 50  # 1,000 results are more than anyone reads; deeper pages cost the database


@dataclass(frozen=True, slots=True)
class SearchHit:
    item_id: int
    index_number: str
    title: SafeString  # highlighted, escaped
    snippet: SafeString  # highlighted, escaped
    category_name: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: str
    words: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    total: int
    number: int
    page_size: int

    @property
    def pages(self) -> int:
        reachable = min(self.total, RANK_WINDOW)  # only the newest matches are ranked
        return min(MAX_PAGE, max(1, math.ceil(reachable / self.page_size)))

    @property
    def total_capped(self) -> bool:
        """More matches than were counted (counting stops at the window): "more than 1000"."""
        return self.total > RANK_WINDOW

    @property
    def count_cap(self) -> int:
        return RANK_WINDOW

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first_rank(self) -> int:
        """The position of the page's first hit among all hits (1 on the first page)."""
        return (self.number - 1) * self.page_size + 1

    @property
    def item_ids(self) -> list[int]:
        return [hit.item_id for hit in self.hits]


def search(
    query: str,
    *,
    agency: Agency,
    category: Category | None = None,
    year: int | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchPage:
    """Return one page of the agency's public items matching `query`, best first.

    Words must all occur; "…" is a phrase. A query with no words finds nothing.
    """
    parsed = parse_query(query.strip())
    number = min(max(1, page), MAX_PAGE)
    filters = Filters(
        agency_id=agency.pk,
        category_id=category.pk if category is not None else None,
        year=year,
    )
    ids, total = match_ids(parsed, filters, limit=page_size, offset=(number - 1) * page_size)
    documents = SearchDocument.objects.in_bulk(ids)
    items = PublishedItem.objects.select_related("category").in_bulk(ids)
    words = parsed.all_words
    hits = tuple(
        SearchHit(
            item_id=item_id,
            index_number=items[item_id].index_number or "",
            title=highlight(documents[item_id].title, words),
            snippet=snippet(documents[item_id].text, words),
            category_name=items[item_id].category.name,
            published_at=documents[item_id].published_at,
        )
        for item_id in ids
        if item_id in documents and item_id in items
    )
    return SearchPage(
        query=query, words=words, hits=hits, total=total, number=number, page_size=page_size
    )
