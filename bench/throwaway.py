"""What the database benchmarks share: a throw-away database and a median timer.

`throwaway_database(name)` sets Django up on a database made for the run and drops it after:
SQLite in a temporary file when `postgres_url` is None, else the database `name` on the
PostgreSQL server that URL names (created by the run, so dropping it drops nothing of anyone's).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` calls of `run`, after one warming call."""
    run()  # warm the cache and the connection
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@contextmanager
def throwaway_database(name: str, *, postgres_url: str | None) -> Iterator[None]:
    """Django set up on a database of this run's own, dropped when the block ends."""
    import django
    from django.conf import settings

    with tempfile.TemporaryDirectory(prefix="bench_") as tmp:
        if postgres_url is None:
            sqlite_file = str(Path(tmp) / "bench.sqlite3")
            settings.DATABASES["default"] = {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": sqlite_file,
                "TEST": {"NAME": sqlite_file},
            }
        else:
            import dj_database_url

            settings.DATABASES["default"] = dj_database_url.parse(postgres_url)
            settings.DATABASES["default"]["TEST"] = {"NAME": name}
        django.setup()
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            yield
        finally:
            connection.close()
            connection.creation.destroy_test_db(
                settings.DATABASES["default"]["NAME"], verbosity=0, keepdb=False
            )
