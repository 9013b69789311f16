"""A report's content from the data: tables from the selectors, narrative from the templates
and last year's text, findings from every check; and what changed between two contents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.report.model import AnnualReport, report_from_json, report_to_json
from gongkai.reporting.checking import finding_to_dict, platform_findings
from gongkai.reporting.facts import fees_charged, published_facts
from gongkai.reporting.models import AgencyReport
from gongkai.reporting.narrative import fee_paragraph, overview_text
from gongkai.reporting.selectors import annual_report_for

__all__ = [
    "carried_texts",
    "change_list",
    "differences",
    "draft_data",
    "findings_for",
    "previous_report",
]

TEXT_KEYS = ("overview", "problems", "other_matters")
_FROM_THIRD = "（三）"


def previous_report(*, agency: Agency, year: int) -> AnnualReport | None:
    """Last year's report as the portal shows it (made here or imported), or None."""
    report = (
        AgencyReport.objects.filter(agency=agency, year=year - 1, public_version__isnull=False)
        .select_related("public_version")
        .first()
    )
    if report is None or report.public_version is None:
        return None
    return report_from_json(report.public_version.data)


def carried_texts(*, agency: Agency, year: int) -> dict[str, str]:
    """Last year's narrative sections, offered as the start of this year's (flagged by
    `TXT.copied` while they stay unchanged)."""
    previous = previous_report(agency=agency, year=year)
    return dict(previous.text) if previous is not None else {}


def _generated(
    report: AnnualReport, *, agency: Agency, year: int, previous: AnnualReport | None
) -> dict[str, str]:
    """The sections as the data and last year's text write them."""
    last = previous.text if previous is not None else {}
    overview = last.get("overview", "")
    rest = overview[overview.index(_FROM_THIRD) :] if _FROM_THIRD in overview else ""
    other = "\n".join(
        line for line in last.get("other_matters", "").splitlines() if "信息处理费" not in line
    )
    fee = fee_paragraph(year, fees_charged(agency=agency, year=year))
    return {
        "overview": overview_text(report, published_facts(agency=agency, year=year), rest),
        "problems": last.get("problems", ""),
        "other_matters": "\n".join(part for part in (fee, other.strip()) if part),
    }


def draft_data(
    *,
    agency: Agency,
    year: int,
    texts: Mapping[str, str] | None = None,
    generated: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The report's content from the data (contract JSON) and its generated sections.

    `texts` are the sections as they stand and `generated` as the data last wrote them: a
    section the office has left as generated follows the data; one it has edited is kept.
    """
    report = annual_report_for(agency=agency, year=year)
    previous = previous_report(agency=agency, year=year)
    fresh = _generated(report, agency=agency, year=year, previous=previous)
    if texts is None:
        report.text = dict(fresh)
    else:
        edited = {k for k in TEXT_KEYS if k in texts and texts[k] != (generated or {}).get(k)}
        report.text = {key: texts[key] if key in edited else fresh[key] for key in TEXT_KEYS}
    return report_to_json(report), fresh


def findings_for(report: AnnualReport, *, agency: Agency, year: int) -> list[dict[str, Any]]:
    """Every finding on `report`, against last year's report where the system holds one."""
    previous = previous_report(agency=agency, year=year)
    return [finding_to_dict(f) for f in platform_findings(report, previous=previous)]


def differences(old: AnnualReport, new: AnnualReport) -> dict[str, tuple[Any, Any]]:
    """Every table cell whose value differs: path → (old, new)."""
    before = dict(old.numbers())
    return {
        path: (_plain(before.get(path)), _plain(value))
        for path, value in new.numbers()
        if before.get(path) != value
    }


def change_list(old: AnnualReport, new: AnnualReport) -> list[dict[str, Any]]:
    """A correction's changes: every changed cell (old → new), then every changed section."""
    cells = [
        {"path": path, "old": was, "new": now} for path, (was, now) in differences(old, new).items()
    ]
    sections = [
        {"path": f"text/{key}", "old": old.text.get(key, ""), "new": new.text.get(key, "")}
        for key in TEXT_KEYS
        if old.text.get(key, "") != new.text.get(key, "")
    ]
    return cells + sections


def _plain(value: Any) -> Any:
    return str(value) if value is not None and not isinstance(value, int) else value
