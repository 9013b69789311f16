"""One filter word per filter combination, on both databases (decision 0006).

`facets` becomes `agency_1 agency_1_category_3 agency_1_year_2024 agency_1_category_3_year_2024`,
so a filtered search narrows by one index word instead of intersecting three large ones. The
words hold "_", which a typed query never does: SQLite's FTS5 table is rebuilt with "_" as a
word character; PostgreSQL's tsvector takes the words as they are (array_to_tsvector), beside
the title and the text, so its GIN index filters too (it used to intersect B-tree bitmaps,
which turned lossy at a million documents).
"""

from django.db import migrations

FILL_AFTER = """UPDATE search_searchdocument SET facets =
    'agency_' || agency_id
    || ' agency_' || agency_id || '_category_' || category_id
    || ' agency_' || agency_id || '_year_' || year
    || ' agency_' || agency_id || '_category_' || category_id || '_year_' || year"""
FILL_BEFORE = """UPDATE search_searchdocument SET facets =
    'agency' || agency_id || ' category' || category_id || ' year' || year"""

COLUMNS = "title_words, text_words, facets"
TOKENIZE_AFTER = "unicode61 remove_diacritics 0 tokenchars '_'"
TOKENIZE_BEFORE = "unicode61 remove_diacritics 0"


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def _sqlite(tokenize: str) -> list[str]:
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            {COLUMNS},
            content='search_searchdocument', content_rowid='item_id',
            tokenize="{tokenize}"
        )""",
        """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
            INSERT INTO search_fts(rowid, title_words, text_words, facets)
            VALUES (new.item_id, new.title_words, new.text_words, new.facets);
        END""",
        """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, title_words, text_words, facets)
            VALUES ('delete', old.item_id, old.title_words, old.text_words, old.facets);
        END""",
        """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, title_words, text_words, facets)
            VALUES ('delete', old.item_id, old.title_words, old.text_words, old.facets);
            INSERT INTO search_fts(rowid, title_words, text_words, facets)
            VALUES (new.item_id, new.title_words, new.text_words, new.facets);
        END""",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


VECTOR = """setweight(to_tsvector('simple', title_words), 'A')
    || setweight(to_tsvector('simple', text_words), 'B')"""
VECTOR_AFTER = VECTOR + " || array_to_tsvector(string_to_array(facets, ' '))"


def _postgresql(vector: str) -> tuple[list[str], list[str]]:
    """Statements before and after the facets are refilled (no vector computed twice)."""
    before = [
        "DROP INDEX IF EXISTS search_doc_vector",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    ]
    after = [
        f"""ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS ({vector}) STORED""",
        "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (search_vector)",
    ]
    return before, after


def _run(fill: str, tokenize: str, vector: str):
    def run(apps, schema_editor):
        execute = schema_editor.execute
        if schema_editor.connection.vendor == "postgresql":
            before, after = _postgresql(vector)
            for sql in before:
                execute(sql)
            execute(fill)
            for sql in after:
                execute(sql)
            return
        for sql in SQLITE_DROP:  # no trigger fires while the facets are refilled
            execute(sql)
        execute(fill)
        for sql in _sqlite(tokenize):
            execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facets")]

    operations = [
        migrations.RunPython(
            _run(FILL_AFTER, TOKENIZE_AFTER, VECTOR_AFTER),
            _run(FILL_BEFORE, TOKENIZE_BEFORE, VECTOR),
            elidable=False,
        )
    ]
