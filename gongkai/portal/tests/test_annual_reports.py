"""The portal's annual-report column: the list, a year's report in the official layout, its
downloads read back by the engine to the same tables, the JSON, the versions and 更正说明."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.report.catalogue import SummaryRow
from gongkai.report.model import report_from_json
from gongkai.report.parse import read_bytes
from gongkai.reporting.services import (
    report_correct,
    report_draft,
    report_edit_text,
    report_publish,
    report_sign,
    report_submit,
)
from gongkai.reporting.tests.factories import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    return (
        agency,
        make_member(agency=agency, role=Role.DISCLOSURE_OFFICE),
        make_member(agency=agency, role=Role.LEADER),
    )


def publish(team, year, *, correction: str = ""):
    agency, office, leader = team
    report, _ = report_draft(agency=agency, year=year, actor=office)
    report = report_edit_text(
        report=report, actor=office, seen_version=report.version, texts={"problems": "无。"}
    )
    if correction:
        report.versions.filter(published_at__isnull=True).update(correction_note=correction)
    report = report_submit(report=report, actor=office, seen_version=report.version)
    report = report_sign(report=report, actor=leader, seen_version=report.version)
    return report_publish(report=report, actor=office, seen_version=report.version)


def test_the_column_lists_published_years_and_says_so_when_empty(client, team):
    html = client.get("/annual-reports/").content.decode()
    assert "尚未在本网站发布政府信息公开工作年度报告" in html
    agency, office, _ = team
    report_draft(agency=agency, year=2024, actor=office)  # a draft is not listed
    publish(team, 2023)
    html = client.get("/annual-reports/").content.decode()
    assert 'href="/annual-reports/2023/"' in html and "/annual-reports/2024/" not in html
    assert client.get("/annual-reports/2024/").status_code == 404
    assert 'href="/annual-reports/"' in client.get("/").content.decode()


def test_a_years_page_shows_the_official_layout_and_its_downloads_read_back(client, team):
    agency, _, _ = team
    make_application(
        agency=agency,
        kind="natural_person",
        receipt_date=dt.date(2023, 3, 1),
        outcome="granted",
        concluded_on=dt.date(2023, 3, 20),
    )
    publish(team, 2023)
    html = client.get("/annual-reports/2023/").content.decode()
    assert "<h1>驻马店经济开发区统计局2023年政府信息公开工作年度报告</h1>" in html
    assert html.count("<h1>") == 1 and "<th scope=" in html
    data = json.loads(client.get("/annual-reports/2023/report.json").content)
    assert data["format"] == "gongkai.annual-report/1"
    assert data["applications"]["granted"] == [1, 0, 0, 0, 0, 0, 1]
    # the DOCX and XLSX read back through the engine to the same tables
    for fmt in ("docx", "xlsx"):
        response = client.get(f"/annual-reports/2023/report.{fmt}")
        assert response.status_code == 200
        parsed = read_bytes(response.content, name=f"report.{fmt}")
        assert parsed.applications == report_from_json(data).applications, fmt
    assert Document(io.BytesIO(client.get("/annual-reports/2023/report.docx").content))
    assert load_workbook(io.BytesIO(client.get("/annual-reports/2023/report.xlsx").content))
    assert client.get("/annual-reports/2023/report.exe").status_code == 404


def test_a_correction_shows_its_note_and_the_first_version_stays_readable(client, team):
    agency, office, _ = team
    report = publish(team, 2023)
    make_application(agency=agency, kind="natural_person", receipt_date=dt.date(2023, 6, 1))
    report = report_correct(
        report=report, actor=office, seen_version=report.version, note="补录一件申请"
    )
    # while the correction is drafted the portal still shows version 1
    assert "更正说明" not in client.get("/annual-reports/2023/").content.decode()
    publish(team, 2023)
    html = client.get("/annual-reports/2023/").content.decode()
    assert "更正说明" in html and "补录一件申请" in html and "版本记录" in html
    assert "已更正" in client.get("/annual-reports/").content.decode()
    first = client.get("/annual-reports/2023/v1/").content.decode()
    assert "已被更正" in first
    v1 = json.loads(client.get("/annual-reports/2023/v1/report.json").content)
    v2 = json.loads(client.get("/annual-reports/2023/report.json").content)
    assert v1["applications"][SummaryRow.NEW][0] == 0 and v2["applications"][SummaryRow.NEW][0] == 1


@pytest.mark.pdf
def test_the_pdf_download_reads_back_to_the_same_tables(client, team):
    agency, _, _ = team
    make_application(
        agency=agency,
        kind="commercial",
        receipt_date=dt.date(2023, 2, 1),
        outcome="granted",
        concluded_on=dt.date(2023, 2, 20),
    )
    publish(team, 2023)
    response = client.get("/annual-reports/2023/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    published = report_from_json(json.loads(client.get("/annual-reports/2023/report.json").content))
    parsed = read_bytes(response.content, name="report.pdf")
    assert parsed.applications == published.applications
    assert parsed.reviews == published.reviews
