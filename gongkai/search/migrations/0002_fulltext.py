"""The full-text structure over search_searchdocument, one per database (see models.py).

SQLite: an FTS5 table with external content (the words live once, in the document table),
tokenizer unicode61 without diacritic folding (PostgreSQL's `simple` does not fold them
either), kept in step by triggers. PostgreSQL: a stored generated tsvector (title weighted A,
text B) and its GIN index. Each step runs only on its own database and is reversible.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_words, text_words,
        content='search_searchdocument', content_rowid='item_id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title_words, text_words)
        VALUES (new.item_id, new.title_words, new.text_words);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_words, text_words)
        VALUES ('delete', old.item_id, old.title_words, old.text_words);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_words, text_words)
        VALUES ('delete', old.item_id, old.title_words, old.text_words);
        INSERT INTO search_fts(rowid, title_words, text_words)
        VALUES (new.item_id, new.title_words, new.text_words);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_words), 'A')
            || setweight(to_tsvector('simple', text_words), 'B')
        ) STORED""",
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]
BY_VENDOR = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
}


def _run(direction: int):
    def run(apps, schema_editor):
        statements = BY_VENDOR.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"全文检索不支持数据库 {schema_editor.connection.vendor}")
        for sql in statements[direction]:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(0), _run(1), elidable=False)]
