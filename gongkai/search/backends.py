"""The full-text query behind `search()`, on either database: SQLite FTS5 + bm25
(sqlite.py), PostgreSQL tsvector + ts_rank (postgresql.py). Each returns one page of item ids,
best first, and the number of matches.

Both receive the query already cut into words (segmentation.parse_query): every word must
occur (AND), a phrase's words must be adjacent. The words contain only letters and digits
(segmentation strips the rest), so quoting them cannot go wrong. The title weighs ten times the
text on SQLite (bm25 column weights) and A against B on PostgreSQL; ties go to the newer item.

Ranking is the costly part (bm25/ts_rank for every match), so only the newest `RANK_WINDOW`
matches (by item id, i.e. roughly by publication) are ranked — as many as the 50 pages of 20
a reader can reach — and counting stops there too: a page says "more than 1,000". Both
databases use the same window, so they return the same items (decision 0006).

The filters are one index word per document and filter combination (`facet_words`), so each
database narrows inside its full-text index with a single word: `agency_1_category_3_year_2024`.
The words hold "_", which a typed query never does, so nobody can search for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from gongkai.search import postgresql, sqlite
from gongkai.search.segmentation import ParsedQuery

__all__ = ["RANK_WINDOW", "Filters", "facet_word", "facet_words", "match_ids"]

RANK_WINDOW = 1000


@dataclass(frozen=True, slots=True)
class Filters:
    agency_id: int
    category_id: int | None = None
    year: int | None = None


def _filter_word(filters: Filters) -> str:
    word = f"agency_{filters.agency_id}"
    if filters.category_id is not None:
        word += f"_category_{filters.category_id}"
    if filters.year is not None:
        word += f"_year_{filters.year}"
    return word


def facet_word(filters: Filters, *, agency_alone: bool) -> str | None:
    """The one word that selects the filtered documents, or None when the filters select
    every document in the index (one agency's index, no category or year): a word found in
    every document would only cost time, above all bm25's, which counts each query word's
    documents."""
    if agency_alone and filters.category_id is None and filters.year is None:
        return None
    return _filter_word(filters)


def facet_words(*, agency_id: int, category_id: int, year: int) -> str:
    """A document's filter words: one per combination of the filters a reader can set."""
    combinations = (
        Filters(agency_id),
        Filters(agency_id, category_id=category_id),
        Filters(agency_id, year=year),
        Filters(agency_id, category_id=category_id, year=year),
    )
    return " ".join(_filter_word(filters) for filters in combinations)


def _agency_alone(agency_id: int) -> bool:
    """Whether the index holds no other agency's documents (the usual one-agency portal)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM search_searchdocument WHERE agency_id < %s OR agency_id > %s LIMIT 1",
            [agency_id, agency_id],
        )
        return cursor.fetchone() is None


def match_ids(
    query: ParsedQuery, filters: Filters, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """Return the ids of one page of matches, best first, and the number of all matches
    (RANK_WINDOW + 1 when there are more than RANK_WINDOW)."""
    if query.is_empty:
        return [], 0
    narrowed = filters.category_id is not None or filters.year is not None
    facet = facet_word(filters, agency_alone=not narrowed and _agency_alone(filters.agency_id))
    if connection.vendor == "postgresql":
        return postgresql.match_ids(query, facet, window=RANK_WINDOW, limit=limit, offset=offset)
    return sqlite.match_ids(query, facet, window=RANK_WINDOW, limit=limit, offset=offset)
