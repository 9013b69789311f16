"""The annual report in the platform: drafted from the data, checked, signed, published,
frozen, corrected; reports published before gongkai imported beside them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.publications.demo import load_demo_publications
from gongkai.report.catalogue import SummaryRow
from gongkai.report.model import dumps, report_from_json
from gongkai.reporting.models import AgencyReport, ReportVersion
from gongkai.reporting.services import (
    report_correct,
    report_draft,
    report_edit_text,
    report_explain,
    report_import_published,
    report_publish,
    report_return,
    report_sign,
    report_submit,
)
from gongkai.reporting.tests.factories import make_application
from gongkai.reporting.workflow import State, WorkflowError

pytestmark = pytest.mark.django_db

PROBLEMS = "本年度主动公开栏目更新不够及时。下一步将按季度检查栏目内容。"


@pytest.fixture
def bureau():
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    leader = make_member(agency=agency, role=Role.LEADER)
    return agency, office, leader


def fresh(report: AgencyReport) -> AgencyReport:
    return AgencyReport.objects.get(pk=report.pk)


def working(report: AgencyReport) -> ReportVersion:
    version = report.versions.order_by("-number").first()
    assert version is not None
    return version


def public(report: AgencyReport) -> ReportVersion:
    version = AgencyReport.objects.get(pk=report.pk).public_version
    assert version is not None
    return version


def texts(report: AgencyReport) -> dict[str, str]:
    return dict(working(report).data["text"])


def ready_to_submit(report: AgencyReport, office) -> AgencyReport:
    """Write section 五 and explain every warning, as the office would."""
    report = report_edit_text(
        report=report, actor=office, seen_version=report.version, texts={"problems": PROBLEMS}
    )
    warnings = [f for f in working(report).findings if f["severity"] == "warning"]
    if warnings:
        report = report_explain(
            report=report,
            actor=office,
            seen_version=report.version,
            explanations={f["key"]: "已核实，情况属实。" for f in warnings},
        )
    return fresh(report)


def published_report(agency, office, leader, year=2023) -> AgencyReport:
    report, _ = report_draft(agency=agency, year=year, actor=office)
    report = ready_to_submit(report, office)
    report = report_submit(report=report, actor=office, seen_version=report.version)
    report = report_sign(report=report, actor=leader, seen_version=report.version)
    return report_publish(report=report, actor=office, seen_version=report.version)


def test_a_draft_states_what_the_data_says_in_sections_one_and_six(bureau):
    # given the demo's 2023 publications (12 工作动态, 4 数据发布) and no applications
    agency, office, _ = bureau
    load_demo_publications(agency=agency, today=dt.date(2026, 12, 7))
    # when the office drafts the 2023 report
    report, changed = report_draft(agency=agency, year=2023, actor=office)
    # then section 一 states the counts and section 六 the fee; tables are all zero
    text = texts(report)
    assert "全年共发布信息16条，包含工作动态信息12条，数据发布信息4条。" in text["overview"]
    assert "未收到政府信息公开申请" in text["overview"]
    assert "未收取信息处理费" in text["other_matters"]
    assert changed == {} and report.state == State.DRAFT
    # and section 五 is empty: an error that blocks submission
    rules = {f["rule"]: f["severity"] for f in working(report).findings}
    assert rules.get("S.required") == "error"
    with pytest.raises(ValidationError, match="错误"):
        report_submit(report=report, actor=office, seen_version=report.version)


def test_refreshing_follows_the_data_but_keeps_what_the_office_wrote(bureau):
    agency, office, _ = bureau
    report, _ = report_draft(agency=agency, year=2024, actor=office)
    report = report_edit_text(
        report=report, actor=office, seen_version=report.version, texts={"problems": PROBLEMS}
    )
    # when an application received in 2024 is entered and the draft refreshed
    make_application(agency=agency, kind="natural_person", receipt_date=dt.date(2024, 3, 4))
    report, changed = report_draft(agency=agency, year=2024, actor=office)
    # then the refresh says which cells changed, and section 一 follows the data
    assert changed[f"applications/{SummaryRow.NEW}/自然人"] == (0, 1)
    assert changed[f"applications/{SummaryRow.CARRIED_FORWARD}/总计"] == (0, 1)
    assert "新收政府信息公开申请1件" in texts(report)["overview"]
    # and the office's own section 五 is kept
    assert texts(report)["problems"] == PROBLEMS


def test_the_path_to_publication_checks_roles_errors_and_explanations(bureau):
    agency, office, leader = bureau
    report, _ = report_draft(agency=agency, year=2024, actor=office)
    # a leader cannot draft or submit; the office cannot sign
    with pytest.raises(WorkflowError, match="须由公开办办理"):
        report_submit(report=report, actor=leader, seen_version=report.version)
    report = ready_to_submit(report, office)
    report = report_submit(report=report, actor=office, seen_version=report.version)
    with pytest.raises(WorkflowError, match="须由领导办理"):
        report_sign(report=report, actor=office, seen_version=report.version)
    # the leader may send it back with a reason, then sign it once resubmitted
    report = report_return(
        report=report, actor=leader, seen_version=report.version, reason="请核对"
    )
    assert report.state == State.DRAFT
    report = report_submit(report=report, actor=office, seen_version=report.version)
    report = report_sign(report=report, actor=leader, seen_version=report.version)
    assert working(report).signed_by == leader
    report = report_publish(report=report, actor=office, seen_version=report.version)
    assert report.state == State.PUBLISHED and public(report) == working(report)
    # published in December 2026 on the 2024 report: after 31 January 2025, recorded as late
    assert working(report).published_late is True


def test_an_unexplained_warning_blocks_submission(bureau):
    agency, office, _ = bureau
    report, _ = report_draft(agency=agency, year=2024, actor=office)
    report = report_edit_text(
        report=report,
        actor=office,
        seen_version=report.version,
        texts={"problems": PROBLEMS, "other_matters": "本年度无其他需要报告的事项。"},
    )
    # section 六 lost its fee statement: an error
    assert "TXT.fee_statement" in {f["rule"] for f in working(report).findings}
    report = report_edit_text(
        report=report,
        actor=office,
        seen_version=report.version,
        texts={"other_matters": "本年度未收取信息处理费。", "problems": PROBLEMS},
    )
    agency, office, leader = bureau
    previous = published_report(agency, office, leader, year=2023)
    assert previous.year == 2023
    # last year's section 五 copied word for word: a warning that needs an explanation
    report, _ = report_draft(agency=agency, year=2024, actor=office)
    copied = [f for f in working(report).findings if f["rule"] == "TXT.copied"]
    assert copied and copied[0]["cells"] == ["text/problems"]
    with pytest.raises(ValidationError, match="警告未作说明"):
        report_submit(report=report, actor=office, seen_version=report.version)
    report = report_explain(
        report=report,
        actor=office,
        seen_version=report.version,
        explanations={copied[0]["key"]: "整改任务尚未完成，沿用上年表述。"},
    )
    report = report_submit(report=report, actor=office, seen_version=report.version)
    assert report.state == State.SUBMITTED


def test_a_published_report_is_frozen_and_a_late_record_shows_as_a_difference(bureau):
    agency, office, leader = bureau
    report = published_report(agency, office, leader, year=2023)
    published = public(report).data
    # when a case received in 2023 is entered after publication
    make_application(agency=agency, kind="commercial", receipt_date=dt.date(2023, 6, 1))
    # then the published tables do not move
    assert public(report).data == published
    from gongkai.reporting.drafting import differences
    from gongkai.reporting.selectors import annual_report_for

    drift = differences(report_from_json(published), annual_report_for(agency=agency, year=2023))
    assert drift[f"applications/{SummaryRow.NEW}/商业企业"] == (0, 1)
    # and a published version cannot be rewritten
    version = public(report)
    version.data = {}
    with pytest.raises(PermissionError):
        version.save()


def test_a_correction_is_a_new_version_listing_every_changed_cell(bureau):
    agency, office, leader = bureau
    report = published_report(agency, office, leader, year=2023)
    first = public(report)
    make_application(agency=agency, kind="commercial", receipt_date=dt.date(2023, 6, 1))
    report = report_correct(
        report=report, actor=office, seen_version=report.version, note="补录一件申请"
    )
    assert report.state == State.DRAFT and public(report) == first
    report, _ = report_draft(agency=agency, year=2023, actor=office)
    report = ready_to_submit(report, office)
    report = report_submit(report=report, actor=office, seen_version=report.version)
    report = report_sign(report=report, actor=leader, seen_version=report.version)
    report = report_publish(report=report, actor=office, seen_version=report.version)
    second = public(report)
    assert second.number == 2 and "更正：补录一件申请" in second.correction_note
    paths = {change["path"] for change in second.changes}
    assert f"applications/{SummaryRow.NEW}/商业企业" in paths and "text/overview" in paths
    # the first version stays readable
    assert ReportVersion.objects.get(pk=first.pk).data["applications"][SummaryRow.NEW] == [0] * 7


def test_carry_over_against_an_imported_report_is_an_error(bureau, tmp_path):
    agency, office, _ = bureau
    # given last year's report, published before gongkai, carrying 2 cases forward
    last = report_from_json(_empty_json(agency.name, 2024))
    last.applications[SummaryRow.CARRIED_FORWARD] = [2, 0, 0, 0, 0, 0, 2]
    last.applications[SummaryRow.NEW] = [2, 0, 0, 0, 0, 0, 2]
    imported = report_import_published(
        agency=agency,
        year=2024,
        data=dumps(last).encode(),
        file_name="2024年报.json",
        actor=office,
        published_on=dt.date(2025, 1, 20),
    )
    assert imported.state == State.PUBLISHED and public(imported).source == "imported"
    # when the 2025 draft carries nothing over
    report, _ = report_draft(agency=agency, year=2025, actor=office)
    # then the carry-over is an error naming the column
    errors = [f for f in working(report).findings if f["rule"] == "X.carry_over"]
    assert errors and errors[0]["severity"] == "error"
    assert f"applications/{SummaryRow.CARRIED_OVER}/自然人" in errors[0]["cells"]


def test_import_refuses_a_year_that_has_a_report_and_a_stranger(bureau):
    agency, office, leader = bureau
    report_draft(agency=agency, year=2024, actor=office)
    data = dumps(report_from_json(_empty_json(agency.name, 2024))).encode()
    with pytest.raises(ValidationError, match="已经存在"):
        report_import_published(
            agency=agency, year=2024, data=data, file_name="a.json", actor=office
        )
    with pytest.raises(PermissionDenied):
        report_import_published(
            agency=agency, year=2022, data=data, file_name="a.json", actor=leader
        )
    with pytest.raises(ValidationError, match="无法读取"):
        report_import_published(
            agency=agency, year=2022, data=b"\x00\x01", file_name="a.pdf", actor=office
        )


def _empty_json(name: str, year: int) -> dict[str, object]:
    from gongkai.report.catalogue import Layout
    from gongkai.report.model import AnnualReport, report_to_json

    report = AnnualReport.empty(agency=name, year=year, layout=Layout.for_year(year))
    report.text = {
        "overview": "总体情况。",
        "problems": PROBLEMS,
        "other_matters": "未收取信息处理费。",
    }
    return report_to_json(report)


def test_publication_by_31_january_is_on_time_and_after_it_late(bureau, monkeypatch):
    agency, office, leader = bureau
    # given "today" is 31 January 2024: the report on 2023 is published on its last day
    monkeypatch.setattr(
        "gongkai.reporting.services.timezone.localdate", lambda: dt.date(2024, 1, 31)
    )
    report = published_report(agency, office, leader, year=2023)
    on_time = public(report)
    assert on_time.published_late is False and on_time.published_at is not None
    # when the 2022 report is published on the same day, it is a year late
    late = published_report(agency, office, leader, year=2022)
    assert public(late).published_late is True


def test_the_office_rewords_the_datas_sentences_and_the_next_draft_uses_them(bureau):
    from gongkai.reporting.services import report_templates_save

    agency, office, leader = bureau
    # a template naming a field the data does not have is refused, naming the usable ones
    with pytest.raises(ValidationError, match=r"\{count\} 不是可用的数据项"):
        report_templates_save(
            agency=agency, actor=office, templates={"fee_none": "{count}年未收费。"}
        )
    with pytest.raises(ValidationError, match="花括号不成对"):
        report_templates_save(agency=agency, actor=office, templates={"fee_none": "{year年"})
    with pytest.raises(PermissionDenied):
        report_templates_save(agency=agency, actor=leader, templates={})
    # a usable one is kept and the next draft says it
    report_templates_save(
        agency=agency,
        actor=office,
        templates={"fee_none": "本机关{year}年度办理依申请公开未收取任何信息处理费。"},
    )
    report, _ = report_draft(agency=agency, year=2024, actor=office)
    assert texts(report)["other_matters"].startswith(
        "本机关2024年度办理依申请公开未收取任何信息处理费。"
    )


def test_section_six_states_the_fee_charged_from_the_payments_of_the_year(bureau):
    from gongkai.applications.models import ApplicationEvent
    from gongkai.applications.procedure.history import EventKind
    from gongkai.reporting.facts import fees_charged

    agency, office, _ = bureau
    # given two cases: each notified a fee and paid it, one in 2024 and one in 2025
    for amount, paid_on in (("100.00", dt.date(2024, 5, 6)), ("40.00", dt.date(2025, 1, 6))):
        case = make_application(
            agency=agency, kind="natural_person", receipt_date=dt.date(2024, 4, 1)
        )
        ApplicationEvent.objects.create(
            application=case,
            kind=EventKind.FEE_NOTICE_SERVED.value,
            date=dt.date(2024, 4, 10),
            details={"amount": amount},
        )
        ApplicationEvent.objects.create(
            application=case, kind=EventKind.FEE_PAID.value, date=paid_on, details={}
        )
    # then only the 2024 payment counts, and section 六 states it
    assert fees_charged(agency=agency, year=2024) == Decimal("100.00")
    report, _ = report_draft(agency=agency, year=2024, actor=office)
    assert "收取信息处理费共计100.00元" in texts(report)["other_matters"]
