"""PostgreSQL: adjacent words as index words, so a phrase is found by the GIN index.

The GIN index cannot check positions: for "统计公报" it returned every document holding both
words, and each had its tsvector read to test the phrase (over a hundred milliseconds at a
million documents). Now the tsvector also holds each pair of adjacent words of the title and
of the text as one word, `统计+公报` ("+" never occurs in a query word), so the index finds
the documents with the phrase's pairs and only those are tested. SQLite's FTS5 keeps
positions in its index and needs nothing of this.
"""

from django.db import migrations

PAIRS_FUNCTION = """CREATE FUNCTION search_word_pairs(words text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(w[i] || '+' || w[i + 1]), '{}')
        FROM (SELECT string_to_array(words, ' ') AS w) split,
             generate_series(1, cardinality(w) - 1) AS i
    $$"""
VECTOR = """setweight(to_tsvector('simple', title_words), 'A')
    || setweight(to_tsvector('simple', text_words), 'B')
    || array_to_tsvector(string_to_array(facets, ' '))"""
VECTOR_AFTER = (
    VECTOR
    + " || array_to_tsvector(search_word_pairs(title_words) || search_word_pairs(text_words))"
)


def _vector(expression: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS search_doc_vector",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
        f"""ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS ({expression}) STORED""",
        "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (search_vector)",
    ]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facet_words")]

    operations = [
        migrations.RunPython(
            _run([PAIRS_FUNCTION, *_vector(VECTOR_AFTER)]),
            _run([*_vector(VECTOR), "DROP FUNCTION IF EXISTS search_word_pairs(text)"]),
            elidable=False,
        )
    ]
