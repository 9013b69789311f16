"""An agency's annual report for a year, its tables computed from the database.

- table 三 from `gongkai.applications.selectors.applications_table` (one aggregate query, a
  plain import so the layering check and mypy see the edge);
- table 四 from `gongkai.reviews.selectors.reviews_table` (one aggregate query, decision 0004);
- table 二 from `gongkai.registers.selectors.active_table` (the registers of rules and normative
  documents, decisions and fees; decision 0005); a 2019–2020 report fills the 2019 cells the
  registers keep and says in `notes` which ones they do not;
- a supervising office's consolidated report adds up its own and every subordinate agency's
  report, any level down (gongkai.report.consolidate.sum_reports).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import subordinate_ids
from gongkai.applications.selectors import applications_table
from gongkai.registers.selectors import ActiveTable, active_table
from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROW_KEYS,
    FOLDED_IN_2019,
    FOLDED_INTO,
    Layout,
)
from gongkai.report.consolidate import sum_reports
from gongkai.report.model import AnnualReport
from gongkai.reporting.models import AgencyReport, ReportVersion
from gongkai.reviews.selectors import reviews_table

__all__ = [
    "ACTIVE_2019_NOT_KEPT",
    "annual_report_for",
    "consolidated_report_for",
    "corrected_years",
    "public_reports",
    "published_versions",
    "report_agencies",
]

ACTIVE_2019_NOT_KEPT = (
    "2019 年格式表二：本年新制作数量按登记的本年制发件数、处理决定数量按登记的决定数填列；"
    "本年新公开数量、对外公开总数量、上一年项目数量、本年增/减、其他对外管理服务事项和"
    "政府集中采购系统未登记，暂按 0 填列，请按本机关台账核填。"
)
OTHER_HANDLING_FOLDED = (
    "2019 年格式：表三“（六）其他处理”印为一行，逾期不补正、逾期未缴费两项并入“其他”。"
)

ApplicationsTable = Mapping[str, Sequence[int]]


def annual_report_for(*, agency: Agency, year: int) -> AnnualReport:
    """`agency`'s own annual report for `year` (layout of that year; narrative left empty)."""
    layout = Layout.for_year(year)
    report = AnnualReport.empty(agency=agency.name, year=year, layout=layout)
    _fill_active(report, active_table(agency=agency, year=year))
    _fill_applications(report, applications_table(agency=agency, year=year))
    report.reviews = {
        block: dict[str, int | None](cells)
        for block, cells in reviews_table(agency=agency, year=year).items()
    }
    return report


def report_agencies(agency: Agency) -> list[Agency]:
    """`agency` and every agency below it, any level down, the office first, then by code."""
    below = Agency.objects.filter(id__in=subordinate_ids([agency.pk])).order_by("code")
    return [agency, *below]


def consolidated_report_for(*, agency: Agency, year: int) -> AnnualReport:
    """The consolidated report of the supervising office `agency`: its own and its
    subordinate agencies' tables, added up cell by cell (gongkai.report.consolidate.sum_reports)."""
    members = report_agencies(agency)
    report = sum_reports(
        [annual_report_for(agency=member, year=year) for member in members],
        agency=agency.name,
        year=year,
        layout=Layout.for_year(year),
    )
    report.notes.insert(
        0,
        f"汇总报告：{agency.name}及下级机关共 {len(members)} 个机关（"
        + "、".join(member.name for member in members)
        + "）",
    )
    return report


def _fill_active(report: AnnualReport, table: ActiveTable) -> None:
    """Copy table 二 into `report`: every cell in the 2021 layout; in the 2019 layout only the
    cells with the same meaning (本年新制作数量 = issued, 处理决定数量 = decisions), with a note."""
    if report.layout is Layout.Y2021:
        report.active.update(table.cells())
        return
    for key, row in (("rules", table.rules), ("normative_documents", table.normative_documents)):
        report.active[key]["made"] = row.issued
    for key, count in (
        ("licensing", table.licensing),
        ("penalty", table.penalty),
        ("enforcement", table.enforcement),
    ):
        report.active[key]["decisions"] = count
    report.notes.append(ACTIVE_2019_NOT_KEPT)


def _fill_applications(report: AnnualReport, table: ApplicationsTable) -> None:
    """Copy table 三 (row key → seven cells) into `report`; the 2019 layout prints (六) as one
    row, so its sub-rows are added into its 3.其他 row (`FOLDED_INTO`) there."""
    width = len(APPLICANT_COLUMNS)
    for key in APPLICATION_ROW_KEYS:
        cells = [int(value) for value in table[key]]
        if len(cells) != width:
            raise ValueError(f"applications_table row {key} has {len(cells)} cells, not {width}")
        report.applications[key] = list[int | None](cells)
    if report.layout is Layout.Y2019:
        other = report.row(FOLDED_INTO)
        for key in FOLDED_IN_2019:
            folded = report.row(key)
            other = [int(a or 0) + int(b or 0) for a, b in zip(other, folded, strict=True)]
            report.applications[key] = None
        report.applications[FOLDED_INTO] = list[int | None](other)
        report.notes.append(OTHER_HANDLING_FOLDED)


def public_reports(*, agency: Agency) -> list[AgencyReport]:
    """The agency's reports the portal lists: every year with a published version, newest
    first (a report whose correction is being drafted shows its published version)."""
    return list(
        AgencyReport.objects.filter(agency=agency, public_version__isnull=False)
        .select_related("public_version")
        .order_by("-year")
    )


def published_versions(report: AgencyReport) -> list[ReportVersion]:
    """Every published version of `report`, the first first (the portal's history)."""
    return list(report.versions.filter(published_at__isnull=False).order_by("number"))


def corrected_years(*, agency: Agency) -> set[int]:
    """The years whose report has been corrected (a second published version)."""
    return set(
        ReportVersion.objects.filter(
            report__agency=agency, published_at__isnull=False, number__gt=1
        ).values_list("report__year", flat=True)
    )
