"""The workspace case list: its query count does not grow with the number of cases.

usage: [DATABASE_URL=postgres://…] python bench/applications_list.py [--cases N] [--repeat R]

Creates a throw-away database (SQLite in a temporary file, or `bench_applications_list` on the
PostgreSQL server DATABASE_URL names), loads 100 generated applications (bulk_create, each with
its receipt event and, when concluded, its service event) for one agency, and requests the real
view `/workspace/cases/` with a test client signed in as the agency's disclosure office,
counting the queries (CaptureQueriesContext) and timing the response; then loads up to N
(default 100,000) and does the same. Prints both and fails (exit 1) if the query counts differ.
Also measured: a page filtered by state, and the last page (the OFFSET deepest). The database
is dropped at the end.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time

from throwaway import median_seconds, throwaway_database

SMALL = 100


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    postgres_url = os.environ.get("DATABASE_URL")
    with throwaway_database("bench_applications_list", postgres_url=postgres_url):
        return run(args.cases, args.repeat)


def run(cases_wanted: int, repeat: int) -> int:
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from gongkai.agencies.models import Agency, Role
    from gongkai.agencies.tests.factories import make_member
    from gongkai.applications.models import Application, ApplicationEvent
    from gongkai.applications.procedure.history import EventKind
    from gongkai.applications.tests.generated import generate_cases

    def load(agency: Agency, count: int, seed: int) -> None:
        for start in range(0, count, 10_000):
            cases = generate_cases(
                agency=agency, count=min(10_000, count - start), seed=seed + start, batch_size=5000
            )
            events = []
            for case in cases:
                assert case.receipt_date is not None
                events.append(
                    ApplicationEvent(
                        application=case, kind=EventKind.RECEIVED, date=case.receipt_date
                    )
                )
                if case.concluded_on is not None:
                    events.append(
                        ApplicationEvent(
                            application=case,
                            kind=EventKind.REPLY_SERVED,
                            date=case.concluded_on,
                            details={"method": "direct", "tracking_number": ""},
                        )
                    )
            ApplicationEvent.objects.bulk_create(events, batch_size=5000)

    agency = Agency.objects.create(code="bench", name="基准测试机关")
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    client = Client()
    client.force_login(office)
    base = reverse("workspace:case_list")

    def measure(label: str) -> dict[str, tuple[int, float]]:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        total = Application.objects.filter(agency=agency).count()
        last_page = (total + 49) // 50
        found: dict[str, tuple[int, float]] = {}
        client.get(base)  # warm: the first request of a process also fills caches
        for name, url in (
            ("first page", base),
            ("state=received", f"{base}?state=received"),
            ("last page", f"{base}?page={last_page}"),
        ):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, response.status_code
            assert response.content.count(b"<tr") > 1
            count = len(queries)  # before the next request resets the connection's log
            seconds = median_seconds(functools.partial(client.get, url), repeat)
            found[name] = (count, seconds)
        print(f"{connection.vendor}, {label} ({total} cases):")
        for name, (count, seconds) in found.items():
            print(f"  {name:<15} {count:3d} queries  {seconds * 1000:8.1f} ms")
        return found

    start = time.perf_counter()
    load(agency, SMALL, seed=1)
    small = measure("small")
    load(agency, cases_wanted - SMALL, seed=1_000_000)
    print(f"  (loaded {cases_wanted - SMALL} more in {time.perf_counter() - start:.1f} s)")
    large = measure("large")
    same = all(small[name][0] == large[name][0] for name in small)
    print(f"  query count the same at {SMALL} and {cases_wanted} cases: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
