"""The two full-text queries behind `search()`: SQLite FTS5 + bm25, PostgreSQL tsvector +
ts_rank. Each returns one page of item ids, best first, and the number of matches.

Both receive the query already cut into words (segmentation.parse_query): every word must
occur (AND), a phrase's words must be adjacent. The words contain only letters and digits
(segmentation strips the rest), so quoting them cannot go wrong. The title weighs ten times the
text on SQLite (bm25 column weights) and A against B on PostgreSQL; ties go to the newer item.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from gongkai.search.segmentation import ParsedQuery

__all__ = ["Filters", "match_ids"]


@dataclass(frozen=True, slots=True)
class Filters:
    agency_id: int
    category_id: int | None = None
    year: int | None = None


def _where(filters: Filters, table: str) -> tuple[str, list[int]]:
    clauses = [f"{table}.agency_id = %s"]
    params = [filters.agency_id]
    if filters.category_id is not None:
        clauses.append(f"{table}.category_id = %s")
        params.append(filters.category_id)
    if filters.year is not None:
        clauses.append(f"{table}.year = %s")
        params.append(filters.year)
    return " AND ".join(clauses), params


def fts5_expression(query: ParsedQuery) -> str:
    """FTS5 MATCH text: `"招生" "2023"` for words, `"招生 简章"` for a phrase (AND between)."""
    parts = [f'"{word}"' for word in query.terms]
    parts.extend('"' + " ".join(phrase) + '"' for phrase in query.phrases)
    return " ".join(parts)


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


def _sqlite(query: ParsedQuery, filters: Filters, limit: int, offset: int) -> tuple[list[int], int]:
    where, params = _where(filters, "d")
    base = (
        "FROM search_fts JOIN search_searchdocument d ON d.item_id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND {where}"
    )
    args: list[str | int] = [fts5_expression(query), *params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {base}", args)
        total = cursor.fetchone()[0]
        if total <= offset:
            return [], total
        cursor.execute(
            f"SELECT d.item_id {base} "
            "ORDER BY bm25(search_fts, 10.0, 1.0), d.published_at DESC, d.item_id DESC "
            "LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def _postgresql(
    query: ParsedQuery, filters: Filters, limit: int, offset: int
) -> tuple[list[int], int]:
    where, params = _where(filters, "d")
    base = (
        "FROM search_searchdocument d, to_tsquery('simple', %s) q "
        f"WHERE d.search_vector @@ q AND {where}"
    )
    args: list[str | int] = [tsquery_expression(query), *params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {base}", args)
        total = cursor.fetchone()[0]
        if total <= offset:
            return [], total
        cursor.execute(
            f"SELECT d.item_id {base} "
            "ORDER BY ts_rank(d.search_vector, q) DESC, d.published_at DESC, d.item_id DESC "
            "LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def match_ids(
    query: ParsedQuery, filters: Filters, *, limit: int, offset: int
) -> tuple[list[int], int]:
    """Return the ids of one page of matches, best first, and the number of all matches."""
    if query.is_empty:
        return [], 0
    if connection.vendor == "postgresql":
        return _postgresql(query, filters, limit, offset)
    return _sqlite(query, filters, limit, offset)
