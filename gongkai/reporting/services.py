"""Every change to an annual report in the platform: one audited service per action.

Each action goes through `gongkai.audit.changes.locked_change` (lock, compare the version the
actor saw, check the workflow table, write, audit) on the `AgencyReport`; the version rows it
writes (`ReportVersion`) are written inside that same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_roles
from gongkai.audit.changes import locked_change
from gongkai.audit.services import record_event
from gongkai.pages.portal_version import portal_content_changed
from gongkai.report.model import AnnualReport, ReportError, report_from_json, report_to_json
from gongkai.report.parse import read_bytes
from gongkai.reporting import drafting
from gongkai.reporting.checking import blocking, unexplained
from gongkai.reporting.models import (
    AgencyReport,
    NarrativeTemplates,
    ReportVersion,
    VersionSource,
)
from gongkai.reporting.narrative import TEMPLATES, TemplateError, check_template
from gongkai.reporting.workflow import MACHINE, Action, State, step

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "ReportChange",
    "report_correct",
    "report_draft",
    "report_edit_text",
    "report_explain",
    "report_import_published",
    "report_publish",
    "report_return",
    "report_sign",
    "report_submit",
    "report_templates_save",
]

TEXT_KEYS = ("overview", "problems", "other_matters")


ReportChange = dict[str, tuple[Any, Any]]
"""What a refresh changed: table cell path → (old, new)."""


def _step(report: AgencyReport, action: Action, actor: User | None) -> State:
    """The state `action` leads to for the first of the actor's roles the table allows."""
    return MACHINE.for_any_role(
        agency_roles(actor, report.agency),
        lambda role: step(State(report.state), action, role),
        nobody=PermissionDenied("您在本机关没有办理年度报告的岗位。"),
    )


def snapshot(report: AgencyReport) -> dict[str, Any]:
    """The report's state for the audit log."""
    working = working_version(report)
    return {
        "year": report.year,
        "state": report.state,
        "version_number": working.number if working else None,
        "public_version": report.public_version_id,
    }


def working_version(report: AgencyReport) -> ReportVersion | None:
    """The newest version: the one being drafted, signed, or last published."""
    return report.versions.order_by("-number").first()


def _act(
    report: AgencyReport,
    *,
    actor: User | None,
    seen_version: int,
    action: Action,
    apply: Callable[[AgencyReport], Mapping[str, Any] | None] | None = None,
) -> AgencyReport:
    """Take `action` on the report through the one audited change; `apply` writes the
    action's own rows on the locked report (its versions) and returns what the audit adds."""

    def change(current: AgencyReport) -> Mapping[str, Any] | None:
        moved = _step(current, action, actor)
        extra = apply(current) if apply is not None else None
        current.state = moved.value
        return extra

    return locked_change(
        model=AgencyReport,
        pk=report.pk,
        seen_version=seen_version,
        actor=actor,
        action=f"annual_report.{action.value}",
        describe=lambda r: f"“{r}”",
        snapshot=snapshot,
        change=change,
    )


# ---- drafting ---------------------------------------------------------------------------------


def report_draft(
    *, agency: Agency, year: int, actor: User | None, seen_version: int | None = None
) -> tuple[AgencyReport, ReportChange]:
    """Create the agency's report for `year` from the data, or refresh its draft; return the
    report and what the refresh changed (empty for a new report)."""
    existing = AgencyReport.objects.filter(agency=agency, year=year).first()
    if existing is None:
        return _create(agency=agency, year=year, actor=actor), {}
    changed: ReportChange = {}

    def refresh(current: AgencyReport) -> Mapping[str, Any]:
        working = working_version(current)
        assert working is not None
        data, generated = drafting.draft_data(
            agency=agency,
            year=year,
            texts=working.data.get("text", {}),
            generated=working.generated_text,
        )
        old, new = report_from_json(working.data), report_from_json(data)
        changed.update(drafting.differences(old, new))
        working.data = data
        working.generated_text = generated
        working.refreshed_at = timezone.now()
        _check(working, current)
        working.save()
        return {"changed_cells": len(changed)}

    report = _act(
        existing,
        actor=actor,
        seen_version=existing.version if seen_version is None else seen_version,
        action=Action.REFRESH,
        apply=refresh,
    )
    return report, changed


def _create(*, agency: Agency, year: int, actor: User | None) -> AgencyReport:
    roles = agency_roles(actor, agency)
    if actor is not None and "disclosure_office" not in roles:
        raise PermissionDenied("只有公开办可以起草年度报告。")
    data, generated = drafting.draft_data(agency=agency, year=year)
    try:
        with transaction.atomic():
            report = AgencyReport.objects.create(agency=agency, year=year)
            version = ReportVersion(
                report=report,
                number=1,
                data=data,
                generated_text=generated,
                refreshed_at=timezone.now(),
            )
            _check(version, report)
            version.save()
            record_event(
                actor=actor,
                action="annual_report.create",
                obj=report,
                before=None,
                after=snapshot(report),
            )
    except IntegrityError:
        raise ValidationError(f"{agency.name}{year}年度报告已经存在。") from None
    return report


def _check(version: ReportVersion, report: AgencyReport) -> None:
    """Run every check on the version's content and store the findings with it."""
    version.findings = drafting.findings_for(
        report_from_json(version.data), agency=report.agency, year=report.year
    )
    version.checked_at = timezone.now()


def report_edit_text(
    *, report: AgencyReport, actor: User, seen_version: int, texts: Mapping[str, str]
) -> AgencyReport:
    """Save the narrative sections the office wrote (一、五、六) and check the draft again."""
    unknown = set(texts) - set(TEXT_KEYS)
    if unknown:
        raise ValidationError(f"未知的报告章节：{'、'.join(sorted(unknown))}")

    def edit(current: AgencyReport) -> Mapping[str, Any]:
        working = working_version(current)
        assert working is not None
        data = dict(working.data)
        data["text"] = {**data.get("text", {}), **{k: v.strip() for k, v in texts.items()}}
        working.data = data
        _check(working, current)
        working.save()
        return {"sections": sorted(texts)}

    return _act(report, actor=actor, seen_version=seen_version, action=Action.EDIT, apply=edit)


def report_explain(
    *, report: AgencyReport, actor: User, seen_version: int, explanations: Mapping[str, str]
) -> AgencyReport:
    """Keep the office's written explanation of each warning with the version."""

    def explain(current: AgencyReport) -> Mapping[str, Any]:
        working = working_version(current)
        assert working is not None
        keys = {f["key"] for f in working.findings}
        unknown = set(explanations) - keys
        if unknown:
            raise ValidationError("说明所对应的检查发现已不存在，请刷新后重新填写。")
        working.explanations = {
            **working.explanations,
            **{k: v.strip() for k, v in explanations.items()},
        }
        working.save()
        return {"explained": sorted(explanations)}

    return _act(
        report, actor=actor, seen_version=seen_version, action=Action.EXPLAIN, apply=explain
    )


# ---- sign-off and publication ---------------------------------------------------------------


def _ready(working: ReportVersion) -> None:
    errors = blocking(working.findings)
    if errors:
        raise ValidationError(
            f"报告还有 {len(errors)} 项错误，须先改正："
            + "；".join(e["message"] for e in errors[:3])
        )
    missing = unexplained(working.findings, working.explanations)
    if missing:
        raise ValidationError(f"还有 {len(missing)} 项警告未作说明：每项警告须写明理由后才能提交。")
    if working.number > 1 and not working.correction_note.strip():
        raise ValidationError("更正版本须写明更正说明。")


def report_submit(*, report: AgencyReport, actor: User, seen_version: int) -> AgencyReport:
    """Submit the draft to the leader: refused while an error or an unexplained warning stands."""

    def submit(current: AgencyReport) -> None:
        working = working_version(current)
        assert working is not None
        _check(working, current)
        working.save()
        _ready(working)

    return _act(report, actor=actor, seen_version=seen_version, action=Action.SUBMIT, apply=submit)


def report_return(
    *, report: AgencyReport, actor: User, seen_version: int, reason: str
) -> AgencyReport:
    """Send the submitted (or signed, unpublished) version back to the draft, with a reason."""
    if not reason.strip():
        raise ValidationError("退回须写明理由。")

    def back(current: AgencyReport) -> Mapping[str, Any]:
        working = working_version(current)
        assert working is not None
        working.signed_by = None
        working.signed_at = None
        working.save()
        return {"reason": reason.strip()}

    return _act(report, actor=actor, seen_version=seen_version, action=Action.RETURN, apply=back)


def report_sign(
    *, report: AgencyReport, actor: User, seen_version: int, on: date | None = None
) -> AgencyReport:
    """The leader signs off the submitted version (签发); `on` records a sign-off given on
    paper on an earlier day (not in the future)."""
    when = _moment(on, "签发日期")

    def sign(current: AgencyReport) -> None:
        working = working_version(current)
        assert working is not None
        _ready(working)
        working.signed_by = actor
        working.signed_at = when
        working.save()

    return _act(report, actor=actor, seen_version=seen_version, action=Action.SIGN, apply=sign)


def _moment(on: date | None, what: str) -> datetime:
    """Now, or noon of the earlier day `on`; a day in the future is refused."""
    if on is None:
        return timezone.now()
    if on > timezone.localdate():
        raise ValidationError(f"{what} {on.isoformat()} 晚于今天，不能预先记录。")
    return timezone.make_aware(datetime.combine(on, time(12)))


def due_date(year: int) -> date:
    """条例第四十九条: the report on `year` is published by 31 January of the next year."""
    return date(year + 1, 1, 31)


def report_publish(
    *, report: AgencyReport, actor: User, seen_version: int, on: date | None = None
) -> AgencyReport:
    """Publish the signed version: it is frozen and becomes the one the portal shows; after
    31 January it is recorded as late. A correction lists every changed cell and section.

    `on` records a publication made on the portal on an earlier day (not in the future)."""
    now = _moment(on, "发布日期")
    day = on or timezone.localdate()

    def publish(current: AgencyReport) -> Mapping[str, Any]:
        working = working_version(current)
        assert working is not None
        if working.signed_at is None:
            raise ValidationError("报告尚未签发，不能发布。")
        if current.public_version is not None:
            working.changes = drafting.change_list(
                report_from_json(current.public_version.data), report_from_json(working.data)
            )
        working.published_at = now
        working.published_late = day > due_date(current.year)
        working.save()
        current.public_version = working
        portal_content_changed()  # the annual-report column shows the new version
        return {"published_late": working.published_late, "changed": len(working.changes)}

    return _act(
        report, actor=actor, seen_version=seen_version, action=Action.PUBLISH, apply=publish
    )


def report_correct(
    *, report: AgencyReport, actor: User, seen_version: int, note: str
) -> AgencyReport:
    """Start a correction of the published report: a new draft version with its 更正说明; the
    published version stays on the portal until the correction is published."""
    if not note.strip():
        raise ValidationError("更正须写明更正说明（更正的原因和内容）。")

    def correct(current: AgencyReport) -> Mapping[str, Any]:
        published = current.public_version
        assert published is not None
        version = ReportVersion(
            report=current,
            number=(working_version(current) or published).number + 1,
            data=published.data,
            generated_text=published.generated_text,
            explanations=published.explanations,
            correction_note=f"{timezone.localdate():%Y年%-m月%-d日}更正：{note.strip()}",
        )
        _check(version, current)
        version.save()
        return {"note": note.strip()}

    return _act(
        report, actor=actor, seen_version=seen_version, action=Action.CORRECT, apply=correct
    )


# ---- the narrative's templates ----------------------------------------------------------------


def report_templates_save(
    *, agency: Agency, actor: User | None, templates: Mapping[str, str]
) -> NarrativeTemplates:
    """Save the office's wording of the data's sentences (a template equal to the default is
    not stored); the next draft or refresh uses it. Refused with the reason for a template
    that cannot be filled."""
    if actor is not None and "disclosure_office" not in agency_roles(actor, agency):
        raise PermissionDenied("只有公开办可以修改年度报告正文模板。")
    unknown = set(templates) - set(TEMPLATES)
    if unknown:
        raise ValidationError(f"未知的模板：{'、'.join(sorted(unknown))}")
    try:
        own = {
            name: check_template(name, text)
            for name, text in templates.items()
            if text.strip() != TEMPLATES[name]
        }
    except TemplateError as error:
        raise ValidationError(str(error)) from None
    with transaction.atomic():
        stored, created = NarrativeTemplates.objects.select_for_update().get_or_create(
            agency=agency
        )
        before = None if created else dict(stored.templates)
        stored.templates = own
        stored.save()
        record_event(
            actor=actor,
            action="annual_report.templates",
            obj=stored,
            before=before,
            after=dict(own),
            agency=agency,
        )
    return stored


# ---- reports published before the agency used gongkai ---------------------------------------


def report_import_published(
    *,
    agency: Agency,
    year: int,
    data: bytes,
    file_name: str,
    actor: User | None,
    published_on: date | None = None,
) -> AgencyReport:
    """Record a report the agency published before it used gongkai, read by the engine from
    its file; it is listed on the portal beside the others. Refused for a year that has one."""
    if actor is not None and "disclosure_office" not in agency_roles(actor, agency):
        raise PermissionDenied("只有公开办可以导入已发布的年度报告。")
    try:
        parsed: AnnualReport = read_bytes(data, name=file_name)
    except ReportError as error:
        raise ValidationError(f"无法读取报告文件：{error}") from None
    if parsed.year is not None and parsed.year != year:
        raise ValidationError(f"文件中的报告年度是 {parsed.year} 年，不是 {year} 年。")
    parsed.year = year
    parsed.agency = agency.name
    when = timezone.make_aware(datetime.combine(published_on or timezone.localdate(), time(12)))
    try:
        with transaction.atomic():
            report = AgencyReport.objects.create(agency=agency, year=year, state=State.PUBLISHED)
            version = ReportVersion(
                report=report,
                number=1,
                source=VersionSource.IMPORTED,
                source_file=file_name[:255],
                data=report_to_json(parsed),
            )
            _check(version, report)
            version.published_at = when
            version.save()
            report.public_version = version
            report.save(update_fields=["public_version"])
            portal_content_changed()
            record_event(
                actor=actor,
                action="annual_report.import",
                obj=report,
                before=None,
                after={**snapshot(report), "file": file_name[:255]},
            )
    except IntegrityError:
        raise ValidationError(f"{agency.name}{year}年度报告已经存在，不能再导入。") from None
    return report
