"""What one portal application costs the server: queries and CPU milliseconds per submission.

usage: python bench/submit_cost.py [--database postgres|sqlite] [--submissions 200]
       [--postgres-db gongkai_bench_submit_cost] [--profile 25] [--show-queries]

Wall-clock throughput on a shared machine says little; CPU time per submission does not depend
on what else runs. In one process, with the production settings of bench/submit_settings.py
and Django's test client (the full middleware stack: sessions, CSRF, the size cap, the
throttle), one agency, then --submissions times: POST /apply/ (the form submit_load.py sends,
one small ID scan, its own client address) and GET /apply/receipt/ — what an applicant's
browser does. Printed, per submission (POST + receipt):
  - queries (counted on one submission, listed with --show-queries);
  - CPU ms of this process (the application: Django, templates, forms; time.process_time);
  - CPU ms of the database server's backend serving this connection (PostgreSQL on this host:
    /proc/<pg_backend_pid>/stat), so the two add up to what a submission costs the machine;
  - the same for one portal read (GET /), the page submit_load.py's readers fetch, and for
    one submission refused at once because every submission slot is taken (429).
--profile N prints the N most expensive functions (cProfile on CPU time, cumulative) of 100
more submissions.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import logging
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import submit_load  # noqa: E402  (the same form, identities and settings)

HOST = "127.0.0.1"


def backend_cpu_seconds(pid: int | None) -> float:
    """utime + stime of a process on this host (0 when it is not readable)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Queries:
    """An execute wrapper that keeps the SQL of every query (the test client's request_started
    signal empties connection.queries, so CaptureQueriesContext sees none across requests)."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.sql.append(sql)
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--postgres-db", default="gongkai_bench_submit_cost")
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--text-chars", type=int, default=800)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    parser.add_argument("--sort", default="cumulative", help="of the profile: tottime, …")
    parser.add_argument("--show-queries", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench_submit_cost_"))
    if args.database == "sqlite":
        url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    else:
        url = f"postgres://gongkai:gongkai@{HOST}:5432/{args.postgres_db}"
        import psycopg

        with psycopg.connect(f"postgres://gongkai:gongkai@{HOST}:5432/postgres",
                             autocommit=True) as admin:  # fmt: skip
            admin.execute(f'DROP DATABASE IF EXISTS "{args.postgres_db}"')
            admin.execute(f'CREATE DATABASE "{args.postgres_db}"')
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE=submit_load.SETTINGS,
        GONGKAI_SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
        GONGKAI_ALLOWED_HOSTS=HOST,
        GONGKAI_BEHIND_PROXY="true",
        GONGKAI_MEDIA_ROOT=str(tmp / "media"),
        GONGKAI_CACHE_DIR=str(tmp / "cache"),
        GONGKAI_LOCK_DIR=str(tmp / "locks"),
    )
    try:
        submit_load.prepare()
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.database == "postgres":
            import psycopg

            with psycopg.connect(f"postgres://gongkai:gongkai@{HOST}:5432/postgres",
                                 autocommit=True) as admin:  # fmt: skip
                admin.execute(f'DROP DATABASE IF EXISTS "{args.postgres_db}" WITH (FORCE)')
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.test import Client

    logging.getLogger("django.request").setLevel(logging.ERROR)  # not a line per 429
    rng = random.Random(1)
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=HOST)
    page = client.get("/apply/", HTTP_X_REAL_IP="10.9.0.1")
    token = page.cookies["csrftoken"].value

    def fields(n: int) -> dict[str, object]:
        from django.core.files.uploadedfile import SimpleUploadedFile

        return {
            "csrfmiddlewaretoken": token,
            "applicant_kind": "natural_person",
            "applicant_name": "测试申请人",
            "id_document_type": "resident_id",
            "id_document_number": submit_load.resident_id(n % 20),
            "contact_phone": "13800138000",
            "contact_address": "驻马店市开发区某路1号",
            "description": f"[bench cost{n:05d}] " + submit_load.description(rng, args.text_chars),
            "delivery_form": "electronic",
            "delivery_route": "electronic",
            "attachments": SimpleUploadedFile("id-scan.png", submit_load.PNG),
        }

    def submit(n: int) -> None:
        address = f"10.{n // 60000 % 250}.{n // 250 % 250}.{n % 250 + 1}"
        response = client.post("/apply/", fields(n), HTTP_X_REAL_IP=address,
                                HTTP_ORIGIN=f"https://{HOST}",
                                HTTP_REFERER=f"https://{HOST}/apply/")  # fmt: skip
        if response.status_code != 302:
            raise SystemExit(f"submission {n} answered {response.status_code}:\n"
                             f"{response.content.decode()[:2000]}")  # fmt: skip
        receipt = client.get("/apply/receipt/", HTTP_X_REAL_IP=address)
        if "查询码" not in receipt.content.decode():
            raise SystemExit(f"submission {n}: the receipt shows no query code")

    def read() -> None:
        if client.get("/", HTTP_X_REAL_IP="10.250.0.1").status_code != 200:
            raise SystemExit("GET / did not answer 200")

    for n in range(20):  # warm: imports, templates, the repeat check has earlier cases
        submit(n)
        read()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()" if connection.vendor == "postgresql"
                       else "SELECT 1")  # fmt: skip
        backend = int(cursor.fetchone()[0]) if connection.vendor == "postgresql" else None

    captured, read_queries = Queries(), Queries()
    with connection.execute_wrapper(captured):
        submit(20)
    with connection.execute_wrapper(read_queries):
        read()

    def measure(action, count: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
        cpu, db, wall = time.process_time(), backend_cpu_seconds(backend), time.perf_counter()
        for n in range(count):
            action(n)
        return (
            (time.process_time() - cpu) * 1000 / count,
            (backend_cpu_seconds(backend) - db) * 1000 / count,
            (time.perf_counter() - wall) * 1000 / count,
        )

    def refused(n: int) -> None:
        address = f"10.251.{n // 250 % 250}.{n % 250 + 1}"
        response = client.post("/apply/", fields(n), HTTP_X_REAL_IP=address,
                               HTTP_ORIGIN=f"https://{HOST}",
                               HTTP_REFERER=f"https://{HOST}/apply/")  # fmt: skip
        if response.status_code != 429:
            raise SystemExit(f"a submission with every slot taken answered {response.status_code}")

    base = 1000
    app_ms, db_ms, wall_ms = measure(lambda n: submit(base + n), args.submissions)
    read_app, read_db, read_wall = measure(lambda n: read(), args.submissions)
    with contextlib.ExitStack() as slots:  # every submission slot taken: the busy answer
        from django.conf import settings

        from gongkai.portal.submission_limits import submission_slot

        for _ in range(settings.GONGKAI_APPLY_CONCURRENT):
            assert slots.enter_context(submission_slot())
        busy_app, busy_db, _ = measure(refused, args.submissions)
    print(f"== {connection.vendor}: {args.submissions} submissions (POST /apply/ + GET "
          f"/apply/receipt/) in one process, production settings, Django test client")  # fmt: skip
    print(f"  per submission: {len(captured.sql)} queries, "
          f"{app_ms:.1f} CPU ms in the application, {db_ms:.1f} CPU ms in the database "
          f"backend, {wall_ms:.1f} ms wall")  # fmt: skip
    print(f"  per portal read (GET /): {len(read_queries.sql)} queries, "
          f"{read_app:.1f} CPU ms in the application, {read_db:.1f} CPU ms in the database "
          f"backend, {read_wall:.1f} ms wall")  # fmt: skip
    print(f"  per submission refused because every slot is taken (429): {busy_app:.1f} CPU ms "
          f"in the application, {busy_db:.1f} CPU ms in the database backend")  # fmt: skip
    total = app_ms + db_ms
    print(
        f"  so one core serves at most ~{1000 / total:.0f} submissions/s "
        f"(20/s needs {20 * total / 1000:.2f} of a core, before the HTTP server's own work)"
    )
    if args.show_queries:
        for sql in captured.sql:
            print("   ", " ".join(sql.split())[:220])
    if args.profile:
        profiler = cProfile.Profile(time.process_time)  # CPU, not waiting
        profiler.enable()
        for n in range(min(args.submissions, 100)):
            submit(5000 + n)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.profile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
