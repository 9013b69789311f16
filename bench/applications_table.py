"""How fast table 三 comes out of the database: `applications_table` against a bare COUNT(*).

usage: [DATABASE_URL=postgres://…] python bench/applications_table.py [--cases N] [--repeat R]

Creates a throw-away database (SQLite in a temporary file, or `bench_applications` on the
PostgreSQL server DATABASE_URL names), loads N generated applications for one agency (spread
over 2019–2026, 15 % open, outcomes from the catalogue) plus 10 % as many for another agency,
then prints the median time of:
  - table:  `applications_table(agency=…, year=2025)` (one query: three grouped parts)
  - count:  `SELECT COUNT(*)` over the same agency's rows (the floor any aggregate must pay)
and their ratio; on PostgreSQL once more after VACUUM ANALYZE. The database is dropped at the
end.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import TYPE_CHECKING

from throwaway import median_seconds, throwaway_database

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency


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
    vendor = connection.vendor
    print(
        f"{vendor}: {cases} applications (+{cases // 10} elsewhere), "
        f"loaded in {loaded:.1f} s"
    )
    measure(agency, repeat)
    if vendor == "postgresql":
        # Right after a bulk load no page is marked all-visible, so every index-only scan
        # still reads the table; autovacuum marks them soon after. Measure that state too.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE applications_application")
        print("  after VACUUM ANALYZE (the state autovacuum leaves):")
        measure(agency, repeat)
    result = applications_table(agency=agency, year=2025)
    print(
        f"  2025: new {result['new'][6]}, carried over {result['carried_over'][6]}, "
        f"concluded {result['total'][6]}, carried forward {result['carried_forward'][6]}"
    )


def measure(agency: Agency, repeat: int) -> None:
    """Print the median time of table 三 and of the bare count, and their ratio."""
    from gongkai.applications.models import Application
    from gongkai.applications.selectors import applications_table

    table = median_seconds(lambda: applications_table(agency=agency, year=2025), repeat)
    count = median_seconds(lambda: Application.objects.filter(agency=agency).count(), repeat)
    print(f"  table 三 (one query):           {table * 1000:8.1f} ms")
    print(f"  bare COUNT(*) of the agency:    {count * 1000:8.1f} ms")
    print(f"  ratio table / count:            {table / count:8.1f} ×")


if __name__ == "__main__":
    main()
