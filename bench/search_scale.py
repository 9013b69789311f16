"""Full-text search at scale: `search()` latency with a million items, SQLite and PostgreSQL.

usage: python bench/search_scale.py [--items N] [--repeat R] [--database sqlite|postgres|both]
                                   [--keep]
       (PostgreSQL: DATABASE_URL, default postgres://gongkai:gongkai@127.0.0.1:5432/gongkai)

--keep leaves the loaded database behind (SQLite: var/bench/search_scale-N.sqlite3; PostgreSQL:
bench_search_scale_N) and a later run with --keep and the same N reuses it instead of loading
a million items again (minutes). Delete the file / drop the database when done.

For each database: creates a throw-away database (SQLite in a temporary file; on PostgreSQL
`bench_search_scale`, dropped at the end), one agency, six categories and N public items with
their SearchDocuments, loaded fast with raw SQL in batches (SQLite: executemany with the FTS5
insert trigger dropped, then one FTS5 'rebuild'; PostgreSQL: COPY with the GIN index dropped,
then built after loading), ANALYZE; then times the full `gongkai.search.selectors.search()`
call (query segmentation, count, one page of 20 ranked ids, highlighted titles and snippets)
for a mix of queries — frequent, middling and rare two-character words, two-word queries, a
phrase, a filtered query and a word that matches nothing — and prints median and 95th
percentile per query and over the mix (target: p95 under 50 ms), load time and size.

The text is not segmented by jieba item by item (a million items would take an hour): titles
(6–12 words) and bodies (30–90 words) are drawn, Zipf-distributed, from a vocabulary of the
4,000 most frequent two- to four-character words of jieba's own dictionary that jieba keeps
whole, and the shadow columns are those words joined by spaces. jieba is run on a sample of
bodies to show how closely it reproduces the generated words. Queries go through jieba as in
production.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
POSTGRES = "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai"
BENCH_DB = "bench_search_scale"
VOCABULARY_SIZE = 4000
# Placed at fixed ranks of the Zipf vocabulary so their frequency is known.
PLACED = {"统计": 40, "公报": 60, "规划": 150, "招生": 2500, "拆迁": 3500}
BATCH = 10_000


def vocabulary() -> list[str]:
    import jieba

    from gongkai.search.segmentation import words

    path = Path(jieba.__file__).parent / "dict.txt"
    counted = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        if 2 <= len(word) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            counted.append((int(freq), word))
    counted.sort(reverse=True)
    chosen: list[str] = []
    for _, word in counted:
        if word not in PLACED and words(word) == [word]:
            chosen.append(word)
        if len(chosen) == VOCABULARY_SIZE:
            break
    for word, rank in sorted(PLACED.items(), key=lambda kv: kv[1]):
        chosen.insert(rank - 1, word)
    return chosen[:VOCABULARY_SIZE]


class Generator:
    def __init__(self, vocab: list[str], seed: int = 1) -> None:
        self.vocab = vocab
        self.rng = random.Random(seed)
        weights = [1 / rank for rank in range(1, len(vocab) + 1)]
        total, self.cum = 0.0, []
        for weight in weights:
            total += weight
            self.cum.append(total)

    def tokens(self, low: int, high: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=self.rng.randint(low, high))

    @staticmethod
    def prose(tokens: list[str]) -> str:
        """Display text: the words run together, a comma every 8 words, a full stop at the end."""
        parts = ["".join(tokens[i : i + 8]) for i in range(0, len(tokens), 8)]
        return "，".join(parts) + "。"


def load(agency, categories, count: int, gen: Generator) -> None:
    from django.db import connection
    from django.utils import timezone

    from gongkai.publications.models import PublishedItem
    from gongkai.search.backends import facet_words
    from gongkai.search.models import SearchDocument

    now = timezone.now()
    start = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
    span = int((dt.datetime(2026, 1, 1, tzinfo=dt.UTC) - start).total_seconds())
    adapt = connection.ops.adapt_datetimefield_value
    item_fields = PublishedItem._meta.concrete_fields
    template = PublishedItem(
        agency=agency, category=categories[0], issuer=agency.name, state="published",
        is_public=True, public_revision_number=1, created_at=now, updated_at=now,
    )  # fmt: skip
    item_row = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in item_fields]
    position = {f.attname: i for i, f in enumerate(item_fields)}
    doc_fields = SearchDocument._meta.concrete_fields
    doc_columns = [f.column for f in doc_fields]
    defaults = {f.column: f.get_db_prep_save(f.get_default(), connection) for f in doc_fields}
    vendor = connection.vendor
    raw = connection.connection

    def rows(first: int, size: int):
        items, docs = [], []
        for n in range(first, first + size):
            title, body = gen.tokens(6, 12), gen.tokens(30, 90)
            moment = start + dt.timedelta(seconds=gen.rng.randrange(span))
            category = gen.rng.choice(categories)
            row = list(item_row)
            title_text = "".join(title)
            for name, value in (
                ("id", n + 1), ("index_number", f"BENCH-{n:07d}"), ("title", title_text),
                ("category_id", category.pk), ("published_at", adapt(moment)),
                ("updated_public_at", adapt(moment)),
            ):  # fmt: skip
                row[position[name]] = value
            items.append(row)
            local_year = (moment + dt.timedelta(hours=8)).year  # Asia/Shanghai, no DST
            values = {
                "item_id": n + 1, "agency_id": agency.pk, "category_id": category.pk,
                "year": local_year, "published_at": adapt(moment), "title": title_text,
                "text": gen.prose(body), "title_words": " ".join(title),
                "text_words": " ".join(body), "indexed_at": adapt(now),
                "facets": facet_words(
                    agency_id=agency.pk, category_id=category.pk, year=local_year
                ),
            }  # fmt: skip
            docs.append([values[c] if c in values else defaults[c] for c in doc_columns])
        return items, docs

    item_cols = [f.column for f in item_fields]
    if vendor == "sqlite":
        cursor = raw.cursor()
        cursor.execute("PRAGMA synchronous = OFF")
        trigger = cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'search_fts_insert'"
        ).fetchone()[0]
        cursor.execute("DROP TRIGGER search_fts_insert")
        item_sql = (
            f"INSERT INTO publications_publisheditem ({', '.join(item_cols)}) "
            f"VALUES ({', '.join('?' * len(item_cols))})"
        )
        doc_sql = (
            f"INSERT INTO search_searchdocument ({', '.join(doc_columns)}) "
            f"VALUES ({', '.join('?' * len(doc_columns))})"
        )
        for first in range(0, count, BATCH):
            items, docs = rows(first, min(BATCH, count - first))
            cursor.executemany(item_sql, items)
            cursor.executemany(doc_sql, docs)
            raw.commit()
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        cursor.execute(trigger)  # the insert trigger again
        raw.commit()
        cursor.execute("PRAGMA synchronous = FULL")
    else:
        with raw.cursor() as cursor:
            cursor.execute("DROP INDEX search_doc_vector")
            for first in range(0, count, BATCH):
                items, docs = rows(first, min(BATCH, count - first))
                with cursor.copy(
                    f"COPY publications_publisheditem ({', '.join(item_cols)}) FROM STDIN"
                ) as copy:
                    for row in items:
                        copy.write_row(row)
                with cursor.copy(
                    f"COPY search_searchdocument ({', '.join(doc_columns)}) FROM STDIN"
                ) as copy:
                    for row in docs:
                        copy.write_row(row)
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(
                "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (search_vector)"
            )
        raw.commit()


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


def run_one(database: str, items: int, repeat: int, *, keep: bool) -> None:
    import django
    from django.conf import settings

    tmp = tempfile.TemporaryDirectory(prefix="bench_search_")
    sqlite_file = Path(tmp.name) / "bench.sqlite3"
    bench_db = BENCH_DB
    if keep:
        sqlite_file = ROOT / "var" / "bench" / f"search_scale-{items}.sqlite3"
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        bench_db = f"{BENCH_DB}_{items}"
    if database == "sqlite":
        settings.DATABASES["default"] = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(sqlite_file),
            "TEST": {"NAME": str(sqlite_file)},
        }
    else:
        import dj_database_url

        settings.DATABASES["default"] = dj_database_url.parse(
            os.environ.get("DATABASE_URL") or POSTGRES
        )
        settings.DATABASES["default"]["TEST"] = {"NAME": bench_db}
    django.setup()

    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.publications.models import Category
    from gongkai.search.models import SearchDocument
    from gongkai.search.segmentation import warm, words
    from gongkai.search.selectors import search

    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=keep)
    try:
        warm()
        vocab = vocabulary()
        agency = Agency.objects.filter(code="bench").first()
        loaded = analysed = 0.0
        if agency is not None:  # kept from an earlier --keep run
            categories = list(Category.objects.filter(agency=agency).order_by("pk"))
            kept = SearchDocument.objects.count()
            name = connection.settings_dict["NAME"]
            if kept != items:  # an interrupted load
                raise SystemExit(f"{name} holds {kept:,} items, not {items:,}: delete it first")
            print(f"{connection.vendor}: reusing the kept database {name}")
        else:
            agency = Agency.objects.create(code="bench", name="基准测试机关")
            categories = [
                Category.objects.create(agency=agency, name=f"栏目{n}", slug=f"c{n}")
                for n in range(6)
            ]
            gen = Generator(vocab)
            started = time.perf_counter()
            connection.ensure_connection()
            load(agency, categories, items, gen)
            loaded = time.perf_counter() - started
        started = time.perf_counter()
        with connection.cursor() as cursor:  # a kept database may have been migrated since
            cursor.execute("ANALYZE")
        analysed = time.perf_counter() - started
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                size = sqlite_file.stat().st_size
            else:
                cursor.execute("SELECT pg_database_size(current_database())")
                size = cursor.fetchone()[0]

        # jieba against the generated words, on a sample of bodies
        sample = Generator(vocab, seed=99)
        same = overlap = total = 0
        for _ in range(200):
            body = sample.tokens(30, 90)
            cut = words(sample.prose(body))
            same += cut == body
            common = sum(min(body.count(w), cut.count(w)) for w in set(body))
            overlap += common
            total += max(len(body), len(cut))
        absent = "量子纠缠"
        assert not set(words(absent)) & set(vocab)
        queries = {
            f"frequent word {vocab[4]} (rank 5)": (vocab[4], {}),
            f"frequent word {vocab[19]} (rank 20)": (vocab[19], {}),
            "middling word 规划 (rank 150)": ("规划", {}),
            "rare word 招生 (rank 2500)": ("招生", {}),
            "rare word 拆迁 (rank 3500)": ("拆迁", {}),
            "two words 统计 公报": ("统计 公报", {}),
            "two words 统计 招生": ("统计 招生", {}),
            'phrase "统计公报"': ('"统计公报"', {}),
            "filtered 统计, 2024, category": ("统计", {"year": 2024, "category": categories[1]}),
            f"no match {absent}": (absent, {}),
        }
        how = f"loaded in {loaded:.1f} s" if loaded else "kept from an earlier run"
        print(
            f"{connection.vendor}: {items:,} items {how} "
            f"(+ ANALYZE {analysed:.1f} s), database {size / 2**20:,.0f} MiB"
        )
        print(
            f"  text generated from {len(vocab)} words, not cut by jieba; jieba on 200 sample "
            f"bodies: {same}/200 identical, {overlap / total:.1%} of the words the same"
        )
        print(f"  {'query':40} {'matches':>9} {'median ms':>10} {'p95 ms':>8}")
        everything: list[float] = []
        for name, (query, options) in queries.items():
            page = search(query, agency=agency, **options)
            times = []
            for _ in range(repeat):
                began = time.perf_counter()
                search(query, agency=agency, **options)
                times.append((time.perf_counter() - began) * 1000)
            times.sort()
            everything.extend(times)
            print(
                f"  {name:40} {page.total:>9,} {statistics.median(times):>10.1f} "
                f"{percentile(times, 0.95):>8.1f}"
            )
        everything.sort()
        p95 = percentile(everything, 0.95)
        print(
            f"  {'all queries':40} {'':>9} {statistics.median(everything):>10.1f} {p95:>8.1f}"
            f"   p95 under 50 ms: {'yes' if p95 < 50 else 'NO'}"
        )
    finally:
        connection.close()
        connection.creation.destroy_test_db(
            settings.DATABASES["default"]["NAME"], verbosity=0, keepdb=keep
        )
        tmp.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=21, help="timed runs of each query")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--keep", action="store_true", help="keep the loaded database, reuse it")
    args = parser.parse_args()
    if args.database != "both":
        run_one(args.database, args.items, args.repeat, keep=args.keep)
        return
    for database in ("sqlite", "postgres"):  # one process each: Django is set up once
        command = [sys.executable, __file__, "--items", str(args.items)]
        if args.keep:
            command.append("--keep")
        subprocess.run([*command, "--repeat", str(args.repeat), "--database", database], check=True)


if __name__ == "__main__":
    main()
