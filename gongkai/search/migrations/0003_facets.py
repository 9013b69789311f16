"""Filters as words in the SQLite full-text index (decision 0006): a `facets` column on the
document table, and the FTS5 table rebuilt with it. PostgreSQL filters on the columns."""

from django.db import migrations, models

COLUMNS_BEFORE = ("title_words", "text_words")
COLUMNS_AFTER = ("title_words", "text_words", "facets")


def _fts(columns):
    # Only the fixed column names above are put into the SQL.
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        "DROP TRIGGER IF EXISTS search_fts_update",
        "DROP TRIGGER IF EXISTS search_fts_delete",
        "DROP TRIGGER IF EXISTS search_fts_insert",
        "DROP TABLE IF EXISTS search_fts",
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            {names},
            content='search_searchdocument', content_rowid='item_id',
            tokenize='unicode61 remove_diacritics 0'
        )""",
        f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
            INSERT INTO search_fts(rowid, {names}) VALUES (new.item_id, {new});
        END""",  # noqa: S608
        f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, {names})
            VALUES ('delete', old.item_id, {old});
        END""",  # noqa: S608
        f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, {names})
            VALUES ('delete', old.item_id, {old});
            INSERT INTO search_fts(rowid, {names}) VALUES (new.item_id, {new});
        END""",  # noqa: S608
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


FILL = """UPDATE search_searchdocument SET facets =
    'agency' || agency_id || ' category' || category_id || ' year' || year"""


def forward(apps, schema_editor):
    schema_editor.execute(FILL)
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in _fts(COLUMNS_AFTER):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in _fts(COLUMNS_BEFORE):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facets",
            field=models.TextField(blank=True, default="", verbose_name="筛选词"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
