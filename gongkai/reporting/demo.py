"""The demo's annual reports (`make demo`), produced by the platform's own machinery.

The seed agency's 2023 report, drafted from the demo data (16 items: 12 工作动态 and 4 数据发布;
no application, complaint or review; no fee), its narrative completed with text written for
this demo, submitted, signed by the demo leader and published on 25 January 2024; its 2024
report likewise; and a 2025 draft whose section 五 repeats 2024's word for word, so a new user
meets a finding to explain. Idempotent: a year that has a report is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.reporting.models import AgencyReport
from gongkai.reporting.services import (
    report_draft,
    report_edit_text,
    report_explain,
    report_publish,
    report_sign,
    report_submit,
    working_version,
)

__all__ = ["load_demo_reports"]

OVERVIEW_REST = (
    "（三）政府信息管理\n"
    "本局明确由办公室负责政府信息公开日常工作，信息发布前经分管负责人审核并进行保密审查，"
    "做到先审查、后公开。\n"
    "（四）政府信息公开平台建设\n"
    "本局依托门户网站政府信息公开专栏发布信息，按栏目及时更新工作动态和统计数据。\n"
    "（五）监督保障\n"
    "本局将政府信息公开工作纳入年度工作考核，定期检查栏目更新情况。"
)
PROBLEMS = {
    2023: "本年度统计数据解读类信息发布较少。下一步将在发布主要统计数据的同时配发解读材料。",
    2024: "个别栏目更新不够及时。下一步将建立栏目更新台账，按月检查。",
}


def _publish_year(
    agency: Agency, year: int, office: User, leader: User, published_on: dt.date
) -> AgencyReport:
    report, _ = report_draft(agency=agency, year=year, actor=office)
    version = working_version(report)
    assert version is not None
    overview = version.data["text"]["overview"]
    if "（三）" not in overview:  # the first year; later years carry it from the year before
        overview = f"{overview}\n{OVERVIEW_REST}"
    report = report_edit_text(
        report=report,
        actor=office,
        seen_version=report.version,
        texts={"overview": overview, "problems": PROBLEMS[year]},
    )
    version = working_version(report)
    assert version is not None
    warnings = [f for f in version.findings if f["severity"] == "warning"]
    if warnings:
        report = report_explain(
            report=report,
            actor=office,
            seen_version=report.version,
            explanations={f["key"]: "演示数据：已核实。" for f in warnings},
        )
    report = report_submit(report=report, actor=office, seen_version=report.version)
    report = report_sign(report=report, actor=leader, seen_version=report.version)
    return report_publish(report=report, actor=office, seen_version=report.version, on=published_on)


def load_demo_reports(*, agency: Agency, office: User, leader: User) -> int:
    """Create the demo's reports missing for `agency`; return how many were created."""
    created = 0
    with transaction.atomic():
        years = set(AgencyReport.objects.filter(agency=agency).values_list("year", flat=True))
        for year in (2023, 2024):
            if year not in years:
                _publish_year(agency, year, office, leader, dt.date(year + 1, 1, 25))
                created += 1
        if 2025 not in years:
            # Drafted as it comes: section 五 is 2024's, carried over unchanged (TXT.copied).
            report_draft(agency=agency, year=2025, actor=office)
            created += 1
    return created
