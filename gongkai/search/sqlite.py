"""SQLite's half of the search (backends.match_ids): FTS5 and bm25.

The FTS5 table `search_fts` (migrations 0002–0004) indexes the title's words, the text's and
the filter words (column `facets`, "_" a word character there). FTS5 walks its index newest
first by itself, so the window is found inside the index and no row of the table is read
until the page's ranked rows are joined.
"""

from __future__ import annotations

from django.db import connection

from gongkai.search.segmentation import ParsedQuery

__all__ = ["fts5_expression", "match_ids"]


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


def match_ids(
    query: ParsedQuery, facet: str | None, *, window: int, limit: int, offset: int
) -> tuple[list[int], int]:
    """One page of the newest `window` matches ranked by bm25 (the title weighs ten times the
    text; ties to the newer), and the number of matches (window + 1 when there are more)."""
    match = fts5_expression(query, facet)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)",
            [match, window + 1],
        )
        total = cursor.fetchone()[0]
        if total <= offset or offset >= window:
            return [], total
        floor = 0
        if total > window:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                [match, window - 1],
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
