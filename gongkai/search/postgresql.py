"""PostgreSQL's half of the search (backends.match_ids): tsvector, GIN index, ts_rank.

The tsvector (migrations 0002, 0004, 0005) holds the title's words (weight A), the text's (B),
the filter words (`agency_1_year_2024`) and each pair of adjacent words of the title and of
the text (`统计+公报`), so that words, filters and phrases all narrow inside the GIN index.

The GIN index finds the matches but cannot hand them over newest first, and only the newest
`window` are ranked. Three ways to reach them, chosen by the planner's estimate of the
matches (`EXPLAIN`, from the tsvector statistics; measured in bench/search_scale.py):
- a word in a large share of the documents: walk the primary key from the newest id and test
  each row (the GIN index left out), which meets `window` matches after a few thousand rows;
  GIN would first read its posting list of hundreds of thousands of entries;
- a word in a few percent: look among the newest ids only (`item_id > floor`, the range
  intersected with the GIN result before any row is read), the floor set so that the range
  should hold twice the window; when it held too few, the next slice goes on below it, sized
  by the density of matches found so far (no row is read twice);
- fewer matches: read them all through the GIN index.
In the last two, plain index scans are switched off for the query (_bitmap_scans_only).
Each way gives exactly the newest `window + 1` matches, as SQLite's FTS5 does by walking its
index newest first; ranking them is the same on every way.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from gongkai.search.segmentation import ParsedQuery

__all__ = ["match_ids", "tsquery_expression", "word_pairs"]

# The newest matches in an item-id range (floor, ceiling], with their rank. {condition} is
# fixed SQL from _condition; the words and filter go in as parameters.
_NEWEST = (
    "SELECT s.item_id, s.published_at, ts_rank(s.search_vector, to_tsquery('simple', %s)) "
    "FROM (SELECT d.item_id, d.published_at, d.search_vector FROM search_searchdocument d "
    "WHERE {condition} AND d.item_id > %s AND d.item_id <= %s "
    "ORDER BY d.item_id DESC LIMIT %s) s"
)
_ESTIMATE = "EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchdocument d WHERE {condition}"
# Above this share of the documents, walking the newest rows beats the GIN posting list
# (reading one entry costs ~0.1 µs, testing one row ~3 µs).
_WALK_ABOVE = 0.15
_SLICE_MARGIN = 2.0  # a slice is made this much wider than the density says it must be
_SLICE_TRIES = 3  # slices tried before the rest of the index is read
_NO_CEILING = 2**63 - 1
# A slice's bitmap costs one primary-key entry per id in it (~0.05 µs), a row read ~2.5 µs:
# a slice is tried only while it costs less than reading every match.
_IDS_PER_ROW = 50


def tsquery_expression(query: ParsedQuery) -> str:
    """to_tsquery text: `'招生' & '2023'` for words; a phrase within the title (A) or within
    the text (B): `('招生':A <-> '简章':A | '招生':B <-> '简章':B)`.

    The concatenated tsvector numbers the text's words on from the title's, so without the
    weights a phrase could run from the title's last word into the text's first; FTS5 matches
    a phrase within one column, and this keeps PostgreSQL to the same rule.
    """
    parts = [f"'{word}'" for word in query.terms]
    for phrase in query.phrases:
        per_column = (" <-> ".join(f"'{w}':{weight}" for w in phrase) for weight in "AB")
        parts.append("(" + " | ".join(f"({p})" for p in per_column) + ")")
    return " & ".join(parts)


def word_pairs(phrase: tuple[str, ...]) -> list[str]:
    """A phrase's adjacent words as the pair words the index holds (migration 0005)."""
    return [f"{first}+{second}" for first, second in itertools.pairwise(phrase)]


def _condition(query: ParsedQuery, facet: str | None, *, walk: bool) -> tuple[str, list[str]]:
    """The WHERE condition and its parameters: the candidates by index words (the words via
    to_tsquery; pairs and filter word in tsquery's own syntax, which keeps "+" and "_"), then
    each phrase tested within one field. `walk` writes the tests as function calls, which
    the planner cannot answer from the GIN index."""
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
    tests = ["(" + " && ".join(parts) + ")"]
    if any(len(phrase) > 1 for phrase in query.phrases):
        tests.append("to_tsquery('simple', %s)")
        params.append(tsquery_expression(query))
    form = "ts_match_vq(d.search_vector, {})" if walk else "d.search_vector @@ {}"
    return " AND ".join(form.format(test) for test in tests), params


def _expected_matches(cursor: CursorWrapper, condition: str, params: list[str]) -> float:
    """The planner's estimate of the matches (from the tsvector column's statistics)."""
    cursor.execute(_ESTIMATE.replace("{condition}", condition), params)
    plan = cursor.fetchone()[0]
    return float((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])


def _documents(cursor: CursorWrapper) -> float:
    """The planner's count of indexed documents (-1 before the table was first analysed)."""
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'search_searchdocument'::regclass")
    return float(cursor.fetchone()[0])


Row = tuple[int, object, float]  # item id, published at, rank


def _fetch(
    cursor: CursorWrapper, sql: str, params: list[str], bounds: tuple[int, int], count: int
) -> list[Row]:
    """The newest `count` matches in the id range `bounds` = (floor, ceiling]."""
    cursor.execute(sql, [*params, *bounds, count])
    rows: list[Row] = cursor.fetchall()
    return rows


@contextmanager
def _bitmap_scans_only(cursor: CursorWrapper) -> Iterator[None]:
    """Keep the planner from walking the primary key (plain index scans off) for the block.

    Asked for the newest matches in an id range, the planner may walk the range newest first
    testing each row: cheap in its eyes on a table in id order, but tens of thousands of
    tsvectors read (120 ms) where the GIN result ANDed with the range reads a few thousand.
    The setting is local to the transaction (a savepoint within a caller's), and set back.
    """
    with transaction.atomic():
        cursor.execute("SELECT set_config('enable_indexscan', 'off', true)")
        yield
        cursor.execute("SELECT set_config('enable_indexscan', 'on', true)")


def _id_range(cursor: CursorWrapper) -> tuple[int | None, int | None]:
    cursor.execute("SELECT min(item_id), max(item_id) FROM search_searchdocument")
    low, high = cursor.fetchone()
    return low, high


def _in_slices(
    cursor: CursorWrapper,
    sql: str,
    params: list[str],
    *,
    ids: tuple[int | None, int | None],
    expected: float,
    wanted: int,
) -> list[Row]:
    """The newest `wanted` matches, looked for in slices of the newest ids (`ids`: the lowest
    and highest; None when every match is to be read), each below the one before, sized by the
    density of matches per id (first estimated, then as found)."""
    low, high = ids
    rows: list[Row] = []
    top = _NO_CEILING
    if low is not None and high is not None:
        top, density = high, expected / (high - low + 1)
        for _ in range(_SLICE_TRIES):
            need = wanted - len(rows)
            width = need / density * _SLICE_MARGIN
            left = density * (top - low) - need  # matches a slice would spare reading
            if top - width <= low or width > _IDS_PER_ROW * left:
                break
            floor = int(top - width)
            rows += _fetch(cursor, sql, params, (floor, top), need)
            if len(rows) >= wanted:
                return rows
            top, density = floor, max(len(rows), 1) / (high - floor)
    return rows + _fetch(cursor, sql, params, (0, top), wanted - len(rows))


def _newest(query: ParsedQuery, facet: str | None, window: int) -> list[Row]:
    """The newest `window + 1` matches: (item id, published at, rank), newest first."""
    ranked_by = tsquery_expression(query)
    condition, params = _condition(query, facet, walk=False)
    with connection.cursor() as cursor:
        expected = _expected_matches(cursor, condition, params)
        if expected >= _WALK_ABOVE * _documents(cursor) > 0:
            condition, params = _condition(query, facet, walk=True)
            sql = _NEWEST.replace("{condition}", condition)
            return _fetch(cursor, sql, [ranked_by, *params], (0, _NO_CEILING), window + 1)
        sql = _NEWEST.replace("{condition}", condition)
        # from the primary key, before index scans are switched off; none to slice when fewer
        # matches are expected than are wanted
        ids = _id_range(cursor) if expected > window + 1 else (None, None)
        with _bitmap_scans_only(cursor):
            return _in_slices(
                cursor, sql, [ranked_by, *params], ids=ids, expected=expected, wanted=window + 1
            )


def match_ids(
    query: ParsedQuery, facet: str | None, *, window: int, limit: int, offset: int
) -> tuple[list[int], int]:
    """One page of the newest `window` matches ranked (title before text, then newer), and
    the number of matches (window + 1 when there are more)."""
    rows = _newest(query, facet, window)
    ranked = sorted(rows[:window], key=lambda row: (row[2], row[1], row[0]), reverse=True)
    return [row[0] for row in ranked[offset : offset + limit]], len(rows)
