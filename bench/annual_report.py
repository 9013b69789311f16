"""How fast an agency's annual report is drafted, checked and shown on the portal.

usage: [DATABASE_URL=postgres://…] python bench/annual_report.py [--cases N] [--repeat R]

Creates a throw-away database (SQLite in a temporary file, or `bench_annual_report` on the
PostgreSQL server DATABASE_URL names), loads N generated applications for one agency (spread
over 2019–2026, outcomes from the catalogue), a disclosure office and a leader, then prints the
median time of:
  - draft:   `report_draft` refreshing the 2025 draft (tables from the data, narrative, every
             check, the version saved; one audited action)
  - check:   the platform's checks alone on the drafted content (`platform_findings`)
  - page:    the portal's page of the published report, warm (`/annual-reports/2025/`, served
             by the test client from the page cache after the first request), and cold
The aims (issue 10): draft + check under 1 s; the page under 50 ms warm.
"""

from __future__ import annotations

import argparse
import os
import time

from throwaway import median_seconds, throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with throwaway_database("bench_annual_report", postgres_url=os.environ.get("DATABASE_URL")):
        run(args.cases, args.repeat)


def run(cases: int, repeat: int) -> None:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from gongkai.agencies.models import Agency, Role
    from gongkai.agencies.tests.factories import make_member
    from gongkai.applications.tests.generated import generate_cases
    from gongkai.report.model import report_from_json
    from gongkai.reporting.checking import platform_findings
    from gongkai.reporting.services import (
        report_draft,
        report_edit_text,
        report_explain,
        report_publish,
        report_sign,
        report_submit,
        working_version,
    )

    settings.ALLOWED_HOSTS = ["*"]
    agency = Agency.objects.create(code="bench", name="基准测试机关")
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    leader = make_member(agency=agency, role=Role.LEADER)
    start = time.perf_counter()
    generate_cases(agency=agency, count=cases, seed=1, batch_size=5000)
    loaded = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"{connection.vendor}: {cases} applications, loaded in {loaded:.1f} s")

    report, _ = report_draft(agency=agency, year=2025, actor=office)

    def refresh() -> None:
        current = type(report).objects.get(pk=report.pk)
        report_draft(agency=agency, year=2025, actor=office, seen_version=current.version)

    draft = median_seconds(refresh, repeat)
    version = working_version(type(report).objects.get(pk=report.pk))
    assert version is not None
    content = report_from_json(version.data)
    check = median_seconds(lambda: platform_findings(content), repeat)

    current = type(report).objects.get(pk=report.pk)
    current = report_edit_text(
        report=current, actor=office, seen_version=current.version, texts={"problems": "无。"}
    )
    findings = (working_version(current) or version).findings
    warnings = [f for f in findings if f["severity"] == "warning"]
    if any(f["severity"] == "error" for f in findings):
        print("  (the generated cases leave errors in the draft: publication skipped)")
        print(f"  draft (refresh, all checks):     {draft * 1000:8.1f} ms")
        print(f"  checks alone:                    {check * 1000:8.1f} ms")
        return
    current = report_explain(
        report=current,
        actor=office,
        seen_version=current.version,
        explanations={f["key"]: "基准测试。" for f in warnings},
    )
    current = report_submit(report=current, actor=office, seen_version=current.version)
    current = report_sign(report=current, actor=leader, seen_version=current.version)
    report_publish(report=current, actor=office, seen_version=current.version)

    client = Client()

    def cold() -> None:
        cache.clear()
        assert client.get("/annual-reports/2025/").status_code == 200

    def warm() -> None:
        assert client.get("/annual-reports/2025/").status_code == 200

    page_cold = median_seconds(cold, repeat)
    warm()
    page_warm = median_seconds(warm, repeat * 4)
    print(f"  draft (refresh, all checks):     {draft * 1000:8.1f} ms   (aim with checks: < 1000)")
    print(f"  checks alone:                    {check * 1000:8.1f} ms")
    print(f"  portal page, cold:               {page_cold * 1000:8.1f} ms")
    print(f"  portal page, warm:               {page_warm * 1000:8.1f} ms   (aim: < 50)")


if __name__ == "__main__":
    main()
