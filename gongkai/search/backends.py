"""The two full-text queries behind `search()`: SQLite FTS5 + bm25, PostgreSQL tsvector +
ts_rank. Each returns one page of item ids, best first, and the number of matches.

Both receive the query already cut into words (segmentation.parse_query): every word must
occur (AND), a phrase's words must be adjacent. The words contain only letters and digits
(segmentation strips the rest), so quoting them cannot go wrong. The title weighs ten times the
text on SQLite (bm25 column weights) and A against B on PostgreSQL; ties go to the newer item.

Ranking is the costly part (bm25/ts_rank for every match), so only the newest `RANK_WINDOW`
matches (by item id) are ranked — as many as the 50 pages of 20 a reader can reach. A frequent
word then costs a window, not the whole corpus; both databases use the same window, so they
still return the same items (decision 0006).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from gongkai.search.segmentation import ParsedQuery

__all__ = [
    "COUNT_CAP",
    "RANK_WINDOW",
    "Filters",
    "facets",
    "fts5_expression",
    "match_ids",
    "tsquery_expression",
]

RANK_WINDOW = 1000
# Counting stops here: "more than 10,000" is all a reader needs, and a frequent word would
# otherwise cost a scan of every match (PostgreSQL reads each matching row to count it).
COUNT_CAP = 10_000


@dataclass(frozen=True, slots=True)
class Filters:
    agency_id: int
    category_id: int | None = None
    year: int | None = None


def facets(*, agency_id: int, category_id: int | None, year: int | None) -> str:
    """The filters as words of the `facets` column: `agency17 category5 year2024`."""
    words = [f"agency{agency_id}"]
    if category_id is not None:
        words.append(f"category{category_id}")
    if year is not None:
        words.append(f"year{year}")
    return " ".join(words)


def fts5_expression(query: ParsedQuery, filters: Filters | None = None) -> str:
    """FTS5 MATCH text: `{title_words text_words} : ("招生" "招生 简章") AND facets : (…)`.

    Words are quoted (`"招生"`), a phrase is one quoted string (`"招生 简章"`); the query may
    only touch the text columns, the filters only the facets column.
    """
    parts = [f'"{word}"' for word in query.terms]
    parts.extend('"' + " ".join(phrase) + '"' for phrase in query.phrases)
    expression = "{title_words text_words} : (" + " ".join(parts) + ")"
    if filters is not None:
        wanted = facets(
            agency_id=filters.agency_id, category_id=filters.category_id, year=filters.year
        )
        expression += " AND facets : (" + " ".join(f'"{w}"' for w in wanted.split()) + ")"
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


def _sqlite(query: ParsedQuery, filters: Filters, limit: int, offset: int) -> tuple[list[int], int]:
    match = fts5_expression(query, filters)
    with connection.cursor() as cursor:
        # Counting and the window stay inside the FTS index: no row of the table is read.
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)",
            [match, COUNT_CAP + 1],
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


def _where(filters: Filters) -> tuple[str, list[int]]:
    clauses = ["d.agency_id = %s"]
    params = [filters.agency_id]
    if filters.category_id is not None:
        clauses.append("d.category_id = %s")
        params.append(filters.category_id)
    if filters.year is not None:
        clauses.append("d.year = %s")
        params.append(filters.year)
    return " AND ".join(clauses), params


def _postgresql(
    query: ParsedQuery, filters: Filters, limit: int, offset: int
) -> tuple[list[int], int]:
    where, params = _where(filters)
    args: list[str | int] = [tsquery_expression(query)]
    base = "FROM search_searchdocument d, to_tsquery('simple', %s) q "
    condition = "d.search_vector @@ q"
    if query.phrases:
        # Narrow by the unweighted phrase (the index's), then check the phrase per field.
        args.append(tsquery_expression(query, per_field=False))
        base += ", to_tsquery('simple', %s) candidates "
        condition = "d.search_vector @@ candidates AND d.search_vector @@ q"
    args.extend(params)
    base += f"WHERE {condition} AND {where}"
    with connection.cursor() as cursor:
        capped = f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s) s"  # noqa: S608
        cursor.execute(capped, [*args, COUNT_CAP + 1])
        total = cursor.fetchone()[0]
        if total <= offset or offset >= RANK_WINDOW:
            return [], total
        # Few matches: rank them all (the planner then reads them through the GIN index).
        # Many: take the newest by the primary key, which finds them quickly, and rank those.
        window = "" if total <= RANK_WINDOW else "ORDER BY d.item_id DESC LIMIT %s"
        ranked = (
            f"WITH newest AS (SELECT d.item_id, d.published_at, d.search_vector, q {base} "  # noqa: S608
            f"{window}) "
            "SELECT item_id FROM newest "
            "ORDER BY ts_rank(search_vector, q) DESC, published_at DESC, item_id DESC "
            "LIMIT %s OFFSET %s"
        )
        window_args = [RANK_WINDOW] if window else []
        cursor.execute(ranked, [*args, *window_args, limit, offset])
        return [row[0] for row in cursor.fetchall()], total


def match_ids(
    query: ParsedQuery, filters: Filters, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """Return the ids of one page of matches, best first, and the number of all matches
    (COUNT_CAP + 1 when there are more than COUNT_CAP)."""
    if query.is_empty:
        return [], 0
    if connection.vendor == "postgresql":
        return _postgresql(query, filters, limit, offset)
    return _sqlite(query, filters, limit, offset)
