"""The two full-text queries behind `search()`: SQLite FTS5 + bm25, PostgreSQL tsvector +
ts_rank. Each returns one page of item ids, best first, and the number of matches.

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

import itertools
import json
from dataclasses import dataclass

from django.db import connection
from django.db.backends.utils import CursorWrapper

from gongkai.search.segmentation import ParsedQuery

__all__ = [
    "RANK_WINDOW",
    "Filters",
    "facet_word",
    "facet_words",
    "fts5_expression",
    "match_ids",
    "tsquery_expression",
    "word_pairs",
]

RANK_WINDOW = 1000


@dataclass(frozen=True, slots=True)
class Filters:
    agency_id: int
    category_id: int | None = None
    year: int | None = None


def facet_words(*, agency_id: int, category_id: int, year: int) -> str:
    """A document's filter words: one per combination of the filters a reader can set."""
    agency = f"agency_{agency_id}"
    category = f"{agency}_category_{category_id}"
    return f"{agency} {category} {agency}_year_{year} {category}_year_{year}"


def facet_word(filters: Filters, *, agency_alone: bool) -> str | None:
    """The one word that selects the filtered documents, or None when the filters select
    every document in the index (one agency's index, no category or year): a word found in
    every document would only cost time, above all bm25's, which counts each query word's
    documents."""
    word = f"agency_{filters.agency_id}"
    if filters.category_id is not None:
        word += f"_category_{filters.category_id}"
    if filters.year is not None:
        word += f"_year_{filters.year}"
    if agency_alone and word == f"agency_{filters.agency_id}":
        return None
    return word


def fts5_expression(query: ParsedQuery, facet: str | None = None) -> str:
    """FTS5 MATCH text: `{title_words text_words} : ("招生" "招生 简章") AND facets : "…"`.

    Words are quoted (`"招生"`), a phrase is one quoted string (`"招生 简章"`); the query may
    only touch the text columns, the filter word only the facets column.
    """
    parts = [f'"{word}"' for word in query.terms]
    parts.extend('"' + " ".join(phrase) + '"' for phrase in query.phrases)
    expression = "{title_words text_words} : (" + " ".join(parts) + ")"
    if facet is not None:
        expression += f' AND facets : "{facet}"'
    return expression


def tsquery_expression(query: ParsedQuery, *, per_field: bool = True) -> str:
    """to_tsquery text: `'招生' & '2023'` for words; a phrase within the title (A) or within
    the text (B): `('招生':A <-> '简章':A | '招生':B <-> '简章':B)`.

    The concatenated tsvector numbers the text's words on from the title's, so without the
    weights a phrase could run from the title's last word into the text's first; FTS5 matches
    a phrase within one column, and this keeps PostgreSQL to the same rule. `per_field=False`
    gives the phrase without weights: the form the GIN index narrows candidates by (the
    planner misjudges the weighted form and scans the table).
    """
    parts = [f"'{word}'" for word in query.terms]
    for phrase in query.phrases:
        if not per_field:
            parts.append("(" + " <-> ".join(f"'{w}'" for w in phrase) + ")")
            continue
        per_column = (" <-> ".join(f"'{w}':{weight}" for w in phrase) for weight in "AB")
        parts.append("(" + " | ".join(f"({p})" for p in per_column) + ")")
    return " & ".join(parts)


def _sqlite(
    query: ParsedQuery, facet: str | None, limit: int, offset: int
) -> tuple[list[int], int]:
    match = fts5_expression(query, facet)
    with connection.cursor() as cursor:
        # Counting and the window stay inside the FTS index: no row of the table is read.
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)",
            [match, RANK_WINDOW + 1],
        )
        total = cursor.fetchone()[0]
        if total <= offset or offset >= RANK_WINDOW:
            return [], total
        floor = 0
        if total > RANK_WINDOW:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                [match, RANK_WINDOW - 1],
            )
            floor = cursor.fetchone()[0]
        cursor.execute(
            "SELECT d.item_id FROM search_fts "
            "JOIN search_searchdocument d ON d.item_id = search_fts.rowid "
            "WHERE search_fts MATCH %s AND search_fts.rowid >= %s "
            "ORDER BY bm25(search_fts, 10.0, 1.0, 0.0), d.published_at DESC, d.item_id DESC "
            "LIMIT %s OFFSET %s",
            [match, floor, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


# PostgreSQL. The GIN index finds the matches but cannot hand them over newest first: the
# newest RANK_WINDOW matches are either every match sorted (a table row read per match) or
# the primary key walked backwards with each row's tsvector tested (a row per document
# passed). Both cost tens of thousands of rows for a word in a few percent of a million
# documents. So the window is looked for among the newest ids only (`item_id > floor`,
# which PostgreSQL intersects with the GIN result before reading rows), the floor chosen from
# the planner's estimate of the matches, and lowered when the slice held too few.
# The newest matches above an item-id floor, ranked; {condition} is fixed SQL (_candidates).
_NEWEST = (
    "SELECT s.item_id, s.published_at, ts_rank(s.search_vector, to_tsquery('simple', %s)) "
    "FROM (SELECT d.item_id, d.published_at, d.search_vector FROM search_searchdocument d "
    "WHERE {condition} AND d.item_id > %s ORDER BY d.item_id DESC LIMIT %s) s"
)
_ESTIMATE = "EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchdocument d WHERE {condition}"
_SLICE_MARGIN = 2.0  # a slice is made this much wider than the estimate says it must be
_SLICE_TRIES = 3  # slices tried, each four times wider, before the whole index
# A slice's bitmap costs PostgreSQL one primary-key entry per id in it (~0.05 µs), a row
# read ~2.5 µs: a slice is tried only while it costs less than reading every match.
_IDS_PER_ROW = 50


def word_pairs(phrase: tuple[str, ...]) -> list[str]:
    """A phrase's adjacent words as the pair words the PostgreSQL index holds (migration 0005)."""
    return [f"{first}+{second}" for first, second in itertools.pairwise(phrase)]


def _candidates(query: ParsedQuery, facet: str | None) -> tuple[str, list[str]]:
    """The condition the GIN index narrows by, and its parameters: the words (to_tsquery),
    then the phrases' word pairs and the filter word, which tsquery's own syntax keeps whole
    (to_tsquery would cut them at "+" and "_")."""
    words = [f"'{word}'" for word in query.terms]
    words.extend(f"'{phrase[0]}'" for phrase in query.phrases if len(phrase) == 1)
    exact = [f"'{pair}'" for phrase in query.phrases for pair in word_pairs(phrase)]
    if facet is not None:
        exact.append(f"'{facet}'")
    parts, params = [], []
    if words:
        parts.append("to_tsquery('simple', %s)")
        params.append(" & ".join(words))
    if exact:
        parts.append("%s::tsquery")
        params.append(" & ".join(exact))
    return "d.search_vector @@ (" + " && ".join(parts) + ")", params


def _expected_matches(cursor: CursorWrapper, condition: str, params: list[str]) -> float:
    """The planner's estimate of the matches (from the tsvector column's statistics)."""
    cursor.execute(_ESTIMATE.replace("{condition}", condition), params)
    plan = cursor.fetchone()[0]
    return float((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])


def _slice_floors(cursor: CursorWrapper, condition: str, params: list[str]) -> list[int]:
    """Item-id floors to try, highest first; the last one (0) takes every match."""
    expected = _expected_matches(cursor, condition, params)
    worth = _IDS_PER_ROW * (expected - RANK_WINDOW)  # the widest slice cheaper than all
    if worth <= 0:
        return [0]
    cursor.execute("SELECT min(item_id), max(item_id) FROM search_searchdocument")
    low, high = cursor.fetchone()
    if low is None:
        return [0]
    # The ids that hold a window of matches, if the matches are spread evenly over the ids.
    width = (high - low + 1) * (RANK_WINDOW + 1) / expected * _SLICE_MARGIN
    floors = []
    for _ in range(_SLICE_TRIES):
        if high - width <= low or width > worth:
            break
        floors.append(int(high - width))
        width *= 4
    return [*floors, 0]


def _postgresql(
    query: ParsedQuery, facet: str | None, limit: int, offset: int
) -> tuple[list[int], int]:
    words = tsquery_expression(query)
    condition, params = _candidates(query, facet)
    if query.phrases:  # the phrase within one field, checked on the candidates
        condition += " AND d.search_vector @@ to_tsquery('simple', %s)"
        params = [*params, words]
    newest = _NEWEST.replace("{condition}", condition)
    with connection.cursor() as cursor:
        for floor in _slice_floors(cursor, condition, params):
            cursor.execute(newest, [words, *params, floor, RANK_WINDOW + 1])
            rows = cursor.fetchall()
            if len(rows) > RANK_WINDOW:
                break
    total = len(rows)
    window = sorted(rows[:RANK_WINDOW], key=lambda row: (row[2], row[1], row[0]), reverse=True)
    return [row[0] for row in window[offset : offset + limit]], total


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
    facet = facet_word(filters, agency_alone=_agency_alone(filters.agency_id))
    if connection.vendor == "postgresql":
        return _postgresql(query, facet, limit, offset)
    return _sqlite(query, facet, limit, offset)
