"""How fast table 三 comes out of the database: `applications_table` against a bare COUNT(*).

usage: [DATABASE_URL=postgres://…] python bench/applications_table.py [--cases N] [--repeat R]

Creates a throw-away database (SQLite in a temporary file, or `bench_applications` on the
PostgreSQL server DATABASE_URL names), loads N generated applications for one agency (spread
over 2019–2026, 15 % open, outcomes from the catalogue) plus 10 % as many for another agency,
then prints the median time of:
  - table:  `applications_table(agency=…, year=2025)` (one aggregate query, 24 conditional counts)
  - count:  `SELECT COUNT(*)` over the same agency's rows (the floor any aggregate must pay)
and their ratio. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import time

from throwaway import median_seconds, throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    with throwaway_database("bench_applications", postgres_url=os.environ.get("DATABASE_URL")):
        run(args.cases, args.repeat)


def run(cases: int, repeat: int) -> None:
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application
    from gongkai.applications.selectors import applications_table
    from gongkai.applications.tests.generated import generate_cases

    agency = Agency.objects.create(code="bench", name="基准测试机关")
    other = Agency.objects.create(code="other", name="另一机关")
    start = time.perf_counter()
    generate_cases(agency=agency, count=cases, seed=1, batch_size=5000)
    generate_cases(agency=other, count=cases // 10, seed=2, batch_size=5000)
    loaded = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    table = median_seconds(lambda: applications_table(agency=agency, year=2025), repeat)
    count = median_seconds(
        lambda: Application.objects.filter(agency=agency).count(), repeat
    )
    result = applications_table(agency=agency, year=2025)
    vendor = connection.vendor
    print(
        f"{vendor}: {cases} applications (+{cases // 10} elsewhere), "
        f"loaded in {loaded:.1f} s"
    )
    print(f"  table 三 (one aggregate query): {table * 1000:8.1f} ms")
    print(f"  bare COUNT(*) of the agency:    {count * 1000:8.1f} ms")
    print(f"  ratio table / count:            {table / count:8.1f} ×")
    print(
        f"  2025: new {result['new'][6]}, carried over {result['carried_over'][6]}, "
        f"concluded {result['total'][6]}, carried forward {result['carried_forward'][6]}"
    )


if __name__ == "__main__":
    main()
