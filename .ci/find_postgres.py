"""Print the PostgreSQL URL `make test` runs its second pass on, or nothing if none answers.

Order: GONGKAI_TEST_POSTGRES_URL (set by .ci/run); else the project's own role on the local
server, postgres://gongkai:gongkai@127.0.0.1:5432/gongkai, creating that role and database
first (as .ci/run does) when the local `postgres` superuser is trusted. Never drops anything.
"""

from __future__ import annotations

import os
import sys

LOCAL = "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai"
LOCAL_SUPERUSER = "postgres://postgres@127.0.0.1:5432/postgres"


def answers(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def create_local_role() -> None:
    import psycopg

    try:
        with psycopg.connect(LOCAL_SUPERUSER, connect_timeout=3, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'gongkai'").fetchone():
                conn.execute("CREATE ROLE gongkai LOGIN PASSWORD 'gongkai' CREATEDB")
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'gongkai'").fetchone():
                conn.execute("CREATE DATABASE gongkai OWNER gongkai")
    except psycopg.Error:
        return


def main() -> int:
    url = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "").strip()
    if url:
        if answers(url):
            sys.stdout.write(url + "\n")
            return 0
        sys.stderr.write(f"GONGKAI_TEST_POSTGRES_URL is set but does not answer: {url}\n")
        return 1
    if not answers(LOCAL):
        create_local_role()
    if answers(LOCAL):
        sys.stdout.write(LOCAL + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
