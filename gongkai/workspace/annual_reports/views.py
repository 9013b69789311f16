"""The annual report in the workspace: draft, check, explain, sign off, publish, correct.

Thin views over `gongkai.reporting.services`. Who sees the pages: the report's records scope
(公开办, 领导, the supervising reviewers above); who may act: the workflow table, through the
services, which refuse the rest with a Chinese message shown on the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import REPORT_RECORDS, active_roles
from gongkai.agencies.selectors import agencies_in
from gongkai.audit.changes import ConcurrentChange
from gongkai.form_errors import add_service_errors
from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    REVIEW_BLOCKS,
    REVIEW_RESULTS,
    SECTIONS,
)
from gongkai.report.model import active_rows, report_from_json
from gongkai.reporting import services
from gongkai.reporting.deadline import report_deadline
from gongkai.reporting.drafting import agency_templates, differences
from gongkai.reporting.drilldown import (
    active_records_in_cell,
    cases_in_cell,
    column_key,
    review_cases_in_cell,
)
from gongkai.reporting.models import AgencyReport
from gongkai.reporting.permissions import can_draft_reports, can_view_reports
from gongkai.reporting.selectors import annual_report_for
from gongkai.reporting.workflow import Action, State, WorkflowError, allowed_actions
from gongkai.workspace.annual_reports.forms import (
    DraftForm,
    ExplainForm,
    ImportForm,
    ReasonForm,
    TemplatesForm,
    TextForm,
)
from gongkai.workspace.signed_in import SignedInRequest

REFUSALS = (ValidationError, WorkflowError, PermissionDenied, ConcurrentChange)


def report_panel(user: Any) -> dict[str, Any] | None:
    """The home page's reminder, from 1 December to the end of January: the report due next
    of each agency where the user drafts or signs it, its state, and the working days left."""
    deadline = report_deadline(today=timezone.localdate())
    if deadline is None:
        return None
    agencies = [a for a in agencies_in(REPORT_RECORDS, user=user) if _answers_for(user, a)]
    if not agencies:
        return None
    reports = {
        r.agency_id: r for r in AgencyReport.objects.filter(agency__in=agencies, year=deadline.year)
    }
    rows = [(agency, reports.get(agency.pk)) for agency in agencies]
    return {"deadline": deadline, "rows": rows}


def _answers_for(user: Any, agency: Agency) -> bool:
    """The disclosure office drafts the report and the leader signs it (not those above)."""
    return bool(active_roles(user, agency) & {"disclosure_office", "leader"})


def _agency(request: SignedInRequest, code: str) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    if not can_view_reports(request.user, agency):
        raise PermissionDenied(f"无权查看{agency.name}的政府信息公开工作年度报告。")
    return agency


def _report(request: SignedInRequest, code: str, year: int) -> AgencyReport:
    agency = _agency(request, code)
    report = AgencyReport.objects.filter(agency=agency, year=year).select_related("agency").first()
    if report is None:
        raise Http404("本年度报告尚未起草")
    return report


def _refused(request: SignedInRequest, error: Exception) -> None:
    text = "；".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


@require_safe
@login_required
def report_index(request: SignedInRequest) -> HttpResponse:
    agencies = list(agencies_in(REPORT_RECORDS, user=request.user))
    if not agencies:
        raise PermissionDenied("无权查看政府信息公开工作年度报告。")
    if len(agencies) == 1:
        return redirect("workspace:report_agency", code=agencies[0].code)
    return render(request, "workspace/annual_reports/index.html", {"agencies": agencies})


@require_safe
@login_required
def report_agency(request: SignedInRequest, code: str) -> HttpResponse:
    """The agency's reports by year, the draft form and the import of earlier reports."""
    agency = _agency(request, code)
    last_year = timezone.localdate().year - 1
    context = {
        "agency": agency,
        "reports": AgencyReport.objects.filter(agency=agency).order_by("-year"),
        "may_draft": can_draft_reports(request.user, agency),
        "draft_form": DraftForm(initial={"year": last_year}),
        "import_form": ImportForm(initial={"year": last_year - 1}),
        "deadline": report_deadline(today=timezone.localdate()),
    }
    return render(request, "workspace/annual_reports/agency.html", context)


@require_POST
@login_required
def report_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = _agency(request, code)
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, "报告年度无效。")
        return redirect("workspace:report_agency", code=code)
    year = form.cleaned_data["year"]
    try:
        services.report_draft(agency=agency, year=year, actor=request.user)
    except REFUSALS as error:
        _refused(request, error)
        return redirect("workspace:report_agency", code=code)
    return redirect("workspace:report_detail", code=code, year=year)


@require_POST
@login_required
def report_import(request: SignedInRequest, code: str) -> HttpResponse:
    agency = _agency(request, code)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(str(e) for e in errors))
        return redirect("workspace:report_agency", code=code)
    d = form.cleaned_data
    try:
        services.report_import_published(
            agency=agency,
            year=d["year"],
            data=d["file"].read(),
            file_name=d["file"].name,
            actor=request.user,
            published_on=d["published_on"],
        )
    except REFUSALS as error:
        _refused(request, error)
        return redirect("workspace:report_agency", code=code)
    messages.success(request, f"已导入{d['year']}年度报告。")
    return redirect("workspace:report_detail", code=code, year=d["year"])


def _grid(report_data: dict[str, Any]) -> dict[str, Any]:
    """Tables 三 and 四 as rows of (label, [(value, path)]) for the drill-down links."""
    applications = [
        (
            row.label,
            [
                (cells[i], f"applications/{row.key}/{column.label}")
                for i, column in enumerate(APPLICANT_COLUMNS)
            ],
        )
        for row in APPLICATION_ROWS
        if (cells := report_data["applications"].get(row.key)) is not None
    ]
    reviews = [
        (
            block.label,
            [
                (report_data["reviews"][block.key][result.key], f"reviews/{block.key}/{result.key}")
                for result in REVIEW_RESULTS
            ],
        )
        for block in REVIEW_BLOCKS
    ]
    content = report_from_json(report_data)
    active = [
        (
            row.label,
            [
                (
                    report_data["active"].get(row.key, {}).get(column)
                    if isinstance(report_data["active"].get(row.key), dict)
                    else report_data["active"].get(row.key),
                    f"active/{row.key}" + (f"/{column}" if column else ""),
                    label,
                )
                for column, label in row.columns
            ],
        )
        for row in active_rows(content.layout)
    ]
    return {
        "active": active,
        "columns": [c.label for c in APPLICANT_COLUMNS],
        "applications": applications,
        "review_columns": [r.label for r in REVIEW_RESULTS],
        "reviews": reviews,
    }


@require_safe
@login_required
def report_detail(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    report = _report(request, code, year)
    version = services.working_version(report)
    assert version is not None
    held = _roles(request, report.agency)
    findings = version.findings
    warnings = [f for f in findings if f["severity"] == "warning"]
    drift = {}
    if report.public_version is not None and report.public_version.source == "generated":
        drift = differences(
            report_from_json(report.public_version.data),
            annual_report_for(agency=report.agency, year=year),
        )
    state = State(report.state)
    context = {
        "agency": report.agency,
        "report": report,
        "state": state,
        "version": version,
        "errors": [f for f in findings if f["severity"] == "error"],
        "warnings": [
            {**f, "explanation": version.explanations.get(f["key"], "")} for f in warnings
        ],
        "actions": allowed_actions(state, held),
        "editable": state is State.DRAFT and Action.EDIT in allowed_actions(state, held),
        "text_form": TextForm(initial=version.data.get("text", {})),
        "explain_form": ExplainForm(
            warnings=warnings,
            initial={
                f"w{i}": version.explanations.get(f["key"], "") for i, f in enumerate(warnings)
            },
        ),
        "grid": _grid(version.data),
        "sections": [
            (f"{s.number}、{s.heading}", version.data.get("text", {}).get(s.text_key, ""))
            for s in SECTIONS
            if s.text_key
        ],
        "drift": drift,
        "versions": report.versions.order_by("-number"),
        "deadline": services.due_date(year),
    }
    return render(request, "workspace/annual_reports/detail.html", context)


def _roles(request: SignedInRequest, agency: Agency) -> set[str]:
    return active_roles(request.user, agency)


def _back(code: str, year: int, anchor: str = "") -> HttpResponse:
    response = redirect("workspace:report_detail", code=code, year=year)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@require_POST
@login_required
def report_refresh(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    report = _report(request, code, year)
    try:
        _, changed = services.report_draft(
            agency=report.agency,
            year=year,
            actor=request.user,
            seen_version=int(request.POST.get("version", -1)),
        )
    except REFUSALS as error:
        _refused(request, error)
        return _back(code, year)
    if changed:
        shown = "；".join(
            f"{path}：{old} → {new}" for path, (old, new) in list(changed.items())[:12]
        )
        more = f"等 {len(changed)} 个单元格" if len(changed) > 12 else ""
        messages.success(request, f"已按数据更新报表，变化的单元格：{shown}{more}。")
    else:
        messages.success(request, "已按数据更新报表：与上次相比没有变化。")
    return _back(code, year)


@require_POST
@login_required
def report_text(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    report = _report(request, code, year)
    form = TextForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(str(e) for e in errors))
        return _back(code, year, "text")
    try:
        services.report_edit_text(
            report=report,
            actor=request.user,
            seen_version=int(request.POST.get("version", -1)),
            texts=form.cleaned_data,
        )
    except REFUSALS as error:
        _refused(request, error)
    else:
        messages.success(request, "已保存报告正文，并重新检查。")
    return _back(code, year, "findings")


@require_POST
@login_required
def report_explain(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    report = _report(request, code, year)
    version = services.working_version(report)
    assert version is not None
    warnings = [f for f in version.findings if f["severity"] == "warning"]
    form = ExplainForm(request.POST, warnings=warnings)
    if form.is_valid():
        try:
            services.report_explain(
                report=report,
                actor=request.user,
                seen_version=int(request.POST.get("version", -1)),
                explanations=form.explanations(),
            )
        except REFUSALS as error:
            _refused(request, error)
        else:
            messages.success(request, "已保存警告说明。")
    return _back(code, year, "findings")


_ACTS = {
    Action.SUBMIT: (services.report_submit, "已提交领导签发。"),
    Action.SIGN: (services.report_sign, "已签发。"),
    Action.PUBLISH: (services.report_publish, "已在门户网站发布。"),
}


@require_POST
@login_required
def report_act(request: SignedInRequest, code: str, year: int, action: str) -> HttpResponse:
    report = _report(request, code, year)
    seen = int(request.POST.get("version", -1))
    try:
        chosen = Action(action)
    except ValueError:
        raise Http404("没有这一操作") from None
    try:
        if chosen in _ACTS:
            service, done = _ACTS[chosen]
            service(report=report, actor=request.user, seen_version=seen)
        elif chosen in (Action.RETURN, Action.CORRECT):
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError("须写明理由。")
            reason = form.cleaned_data["reason"]
            if chosen is Action.RETURN:
                services.report_return(
                    report=report, actor=request.user, seen_version=seen, reason=reason
                )
                done = "已退回修改。"
            else:
                services.report_correct(
                    report=report, actor=request.user, seen_version=seen, note=reason
                )
                done = "已建立更正版本：修改后须重新提交、签发和发布。"
        else:
            raise Http404("没有这一操作")
    except REFUSALS as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return _back(code, year)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_templates(request: SignedInRequest, code: str) -> HttpResponse:
    """The office's wording of the sentences the data writes into sections 一 and 六."""
    agency = _agency(request, code)
    if not can_draft_reports(request.user, agency):
        raise PermissionDenied("只有公开办可以修改年度报告正文模板。")
    form = TemplatesForm(request.POST or None, initial=agency_templates(agency))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_templates_save(
                agency=agency, actor=request.user, templates=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已保存正文模板：下次起草或按数据更新报表时使用。")
            return redirect("workspace:report_agency", code=code)
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form}
    return render(request, "workspace/annual_reports/templates.html", context, status=status)


@require_safe
@login_required
def report_cell(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    """The records one cell counts: `?path=applications/<row>/<column>` or `reviews/<b>/<r>`."""
    agency = _agency(request, code)
    path = request.GET.get("path", "")
    table, _, rest = path.partition("/")
    row, _, column = rest.partition("/")
    cases: Any = None
    reviews: Any = None
    active: Any = None
    if table == "active":
        active = active_records_in_cell(agency=agency, year=year, row=row, column=column)
    elif table == "applications":
        key = column_key(column)
        if key is None:
            raise Http404("没有这一列")
        cases = cases_in_cell(agency=agency, year=year, row=row, column=key).order_by(
            "receipt_date", "id"
        )
    elif table == "reviews":
        reviews = review_cases_in_cell(agency=agency, year=year, block=row, result=column)
    else:
        raise Http404("没有这一单元格")
    context = {
        "agency": agency,
        "year": year,
        "path": path,
        "cases": cases,
        "reviews": reviews,
        "active": active,
    }
    return render(request, "workspace/annual_reports/cell.html", context)
