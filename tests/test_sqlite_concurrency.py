"""SQLite with the project's options holds two writers at once; SQLite's defaults do not.

Two threads, each in a transaction that reads and then writes (as a submission does: the
tracking code's uniqueness, then the insert), both read before either writes. With SQLite's
DEFERRED transactions one of them fails at once with "database is locked" (the probe saw 20 of
40 submissions fail so with two clients); with the project's SQLITE_OPTIONS (IMMEDIATE, WAL,
a busy timeout) the second waits for the first and both commit.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

from config.settings.base import SQLITE_OPTIONS


@pytest.fixture
def race_database(tmp_path: Path, django_db_blocker: Any) -> Iterator[Any]:
    """Add a file database under the alias "race" with the options the test gives it (its
    own file, not the test database: no test transaction may wrap the two writers)."""

    def configure(options: dict[str, Any]) -> str:
        base = dict(connections.settings[DEFAULT_DB_ALIAS])
        connections.settings["race"] = base | {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / f"race-{len(list(tmp_path.iterdir()))}.sqlite3"),
            "OPTIONS": dict(options),
            "TEST": {},
        }
        with connections["race"].cursor() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS t (n INTEGER)")
        connections["race"].close()
        return "race"

    with django_db_blocker.unblock():
        yield configure
        connections["race"].close()
    del connections["race"]
    del connections.settings["race"]


def two_writers(alias: str) -> list[str]:
    """Run two read-then-write transactions that both read first; return their outcomes."""
    both_read = threading.Barrier(2)
    outcomes: list[str] = []

    def write(n: int) -> None:
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM t")
                # with IMMEDIATE the other one is still waiting to begin: no meeting
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait(timeout=0.3)
                cursor.execute("INSERT INTO t (n) VALUES (%s)", [n])
            outcomes.append("committed")
        except OperationalError as error:
            outcomes.append(str(error))
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_sqlite_defaults_lose_one_of_two_concurrent_writers(race_database):
    assert two_writers(race_database({"timeout": 20})) == ["committed", "database is locked"]


def test_the_project_options_let_both_writers_commit(race_database):
    alias = race_database(SQLITE_OPTIONS)
    assert two_writers(alias) == ["committed", "committed"]
    with connections[alias].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
        cursor.execute("SELECT COUNT(*) FROM t")
        assert cursor.fetchone() == (2,)
