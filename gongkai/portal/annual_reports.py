"""The portal's 政府信息公开工作年度报告 column (条例第四十九条): every year's report, its current
version in the official layout, the downloads, the version history with each 更正说明, and the
report as JSON (`gongkai.annual-report/1`) for a supervising office to harvest without parsing.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from gongkai.portal.caching import portal_cached
from gongkai.portal.disclosure import the_agency
from gongkai.report.model import report_from_json
from gongkai.report.render import MEDIA_TYPES
from gongkai.report.render import render as render_report
from gongkai.report.render.html import report_article
from gongkai.reporting.models import AgencyReport, ReportVersion
from gongkai.reporting.selectors import corrected_years, public_reports, published_versions

__all__ = ["report_detail", "report_download", "report_list"]

DOWNLOADS = ("pdf", "docx", "xlsx")


@require_safe
@portal_cached()
def report_list(request: HttpRequest) -> HttpResponse:
    """Every year's report, newest first, with a mark where it was corrected."""
    agency = the_agency()
    context = {
        "agency": agency,
        "reports": public_reports(agency=agency),
        "corrected": corrected_years(agency=agency),
    }
    return render(request, "portal/annual_reports/list.html", context)


def _published(year: int, number: int | None) -> tuple[AgencyReport, ReportVersion]:
    agency = the_agency()
    report = (
        AgencyReport.objects.filter(agency=agency, year=year, public_version__isnull=False)
        .select_related("agency", "public_version")
        .first()
    )
    if report is None or report.public_version is None:
        raise Http404("本年度报告尚未发布")
    if number is None:
        return report, report.public_version
    version = report.versions.filter(number=number, published_at__isnull=False).first()
    if version is None:
        raise Http404("没有这一版本")
    return report, version


@require_safe
@portal_cached()
def report_detail(request: HttpRequest, year: int, number: int | None = None) -> HttpResponse:
    """One year's report in the official layout (the current version, or an earlier one)."""
    report, version = _published(year, number)
    content = report_from_json(version.data)
    context = {
        "agency": report.agency,
        "report": report,
        "version": version,
        "is_current": version.pk == report.public_version_id,
        "article": mark_safe(report_article(content)),  # noqa: S308 - the engine escapes
        "history": published_versions(report),
        "downloads": DOWNLOADS,
    }
    return render(request, "portal/annual_reports/detail.html", context)


@require_safe
def report_download(
    request: HttpRequest, year: int, fmt: str, number: int | None = None
) -> HttpResponse:
    """The report as PDF, DOCX, XLSX, or JSON in the contract `gongkai.annual-report/1`."""
    report, version = _published(year, number)
    name = f"{report.agency.code}-{year}-v{version.number}"
    if fmt == "json":
        response: HttpResponse = JsonResponse(
            version.data, json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
    elif fmt in DOWNLOADS:
        response = HttpResponse(
            render_report(report_from_json(version.data), fmt), content_type=MEDIA_TYPES[fmt]
        )
    else:
        raise Http404("不支持的格式")
    response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    # A published version never changes: a browser or proxy may keep it.
    response["Cache-Control"] = "public, max-age=86400"
    return response
