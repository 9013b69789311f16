"""The annual-report pages: the office drafts and publishes, the leader signs, a stranger is
refused, every cell opens its records."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.reporting.models import AgencyReport
from gongkai.reporting.tests.factories import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau():
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    return {
        "agency": agency,
        "office": make_member(agency=agency, role=Role.DISCLOSURE_OFFICE),
        "leader": make_member(agency=agency, role=Role.LEADER),
        "handler": make_member(agency=agency, role=Role.HANDLER),
    }


def post(client, url, **data):
    return client.post(url, data, follow=True)


def version(year=2023):
    return str(AgencyReport.objects.get(year=year).version)


def test_the_office_drafts_writes_explains_and_the_leader_signs_then_it_is_published(
    client, bureau
):
    base = "/workspace/reports/zmd-tjj/"
    client.force_login(bureau["office"])
    # the office drafts 2023: section 五 empty is an error on the page
    page = post(client, f"{base}new/", year="2023").content.decode()
    assert "错误 1 项" in page and "存在的主要问题及改进情况" in page
    # it writes the text: the error is gone
    page = post(
        client,
        f"{base}2023/text/",
        version=version(),
        overview="（一）主动公开\n全年共发布信息0条。",
        problems="无。",
        other_matters="本年度未收取信息处理费。",
    ).content.decode()
    assert "未发现问题" in page
    page = post(client, f"{base}2023/act/submit/", version=version()).content.decode()
    assert "已提交领导签发" in page and "待领导签发" in page
    # the office cannot sign: the refusal is shown, not a 500
    page = post(client, f"{base}2023/act/sign/", version=version()).content.decode()
    assert "须由领导办理" in page
    client.force_login(bureau["leader"])
    page = post(client, f"{base}2023/act/sign/", version=version()).content.decode()
    assert "已签发" in page
    client.force_login(bureau["office"])
    page = post(client, f"{base}2023/act/publish/", version=version()).content.decode()
    assert "已在门户网站发布" in page
    assert client.get("/annual-reports/2023/").status_code == 200


def test_a_cell_opens_the_cases_it_counts_and_a_stranger_is_refused(client, bureau):
    agency = bureau["agency"]
    case = make_application(
        agency=agency,
        kind="natural_person",
        receipt_date=dt.date(2023, 3, 1),
        outcome="granted",
        concluded_on=dt.date(2023, 3, 10),
    )
    client.force_login(bureau["office"])
    post(client, "/workspace/reports/zmd-tjj/new/", year="2023")
    page = client.get(
        "/workspace/reports/zmd-tjj/2023/cell/", {"path": "applications/granted/自然人"}
    ).content.decode()
    assert case.tracking_code in page and "共 1 件申请" in page
    page = client.get(
        "/workspace/reports/zmd-tjj/2023/cell/", {"path": "applications/granted/总计"}
    ).content.decode()
    assert "共 1 件申请" in page
    client.force_login(bureau["handler"])
    assert client.get("/workspace/reports/zmd-tjj/2023/").status_code == 403
    assert client.get("/workspace/reports/zmd-tjj/").status_code == 403


def test_a_stale_version_is_refused_without_writing(client, bureau):
    client.force_login(bureau["office"])
    post(client, "/workspace/reports/zmd-tjj/new/", year="2023")
    page = post(
        client, "/workspace/reports/zmd-tjj/2023/text/", version="99", overview="x", problems="y"
    ).content.decode()
    assert "已被他人修改" in page
    report = AgencyReport.objects.get(year=2023)
    assert report.versions.get().data["text"]["problems"] == ""


def test_the_home_page_counts_down_to_31_january_from_1_december(client, bureau, monkeypatch):
    # given 1 December 2026: the 2026 report is due on 31 January 2027
    monkeypatch.setattr(
        "gongkai.workspace.annual_reports.views.timezone.localdate", lambda: dt.date(2026, 12, 1)
    )
    client.force_login(bureau["office"])
    page = client.get("/workspace/").content.decode()
    assert "2026年度报告应于 2027年1月31日前" in page and "个工作日" in page
    assert "驻马店经济开发区统计局：尚未起草" in page
    # on 1 November there is no countdown yet
    monkeypatch.setattr(
        "gongkai.workspace.annual_reports.views.timezone.localdate", lambda: dt.date(2026, 11, 1)
    )
    assert "年度报告应于" not in client.get("/workspace/").content.decode()
    # a handler does not answer for the report: no countdown
    monkeypatch.setattr(
        "gongkai.workspace.annual_reports.views.timezone.localdate", lambda: dt.date(2026, 12, 1)
    )
    client.force_login(bureau["handler"])
    assert "年度报告应于" not in client.get("/workspace/").content.decode()


def test_a_cell_of_table_two_opens_the_register_entries(client, bureau):
    from gongkai.registers.tests.factories import make_document

    make_document(agency=bureau["agency"], issued_on=dt.date(2023, 3, 1))
    client.force_login(bureau["office"])
    post(client, "/workspace/reports/zmd-tjj/new/", year="2023")
    detail = client.get("/workspace/reports/zmd-tjj/2023/").content.decode()
    assert "表二 主动公开政府信息情况" in detail
    assert "?path=active/normative_documents/issued" in detail
    page = client.get(
        "/workspace/reports/zmd-tjj/2023/cell/", {"path": "active/normative_documents/issued"}
    ).content.decode()
    assert "共 1 件文件" in page


def test_the_templates_page_saves_the_wording_or_shows_why_not(client, bureau):
    client.force_login(bureau["office"])
    page = client.get("/workspace/reports/zmd-tjj/templates/").content.decode()
    assert "可用的数据项：{year}、{total}、{categories}" in page
    from gongkai.reporting.narrative import TEMPLATES

    data = dict(TEMPLATES)
    data["active_none"] = "{year}年{nothing}"
    response = client.post("/workspace/reports/zmd-tjj/templates/", data)
    assert response.status_code == 400 and "不是可用的数据项" in response.content.decode()
    data["active_none"] = "{year}年，本局没有在网站发布信息。"
    response = client.post("/workspace/reports/zmd-tjj/templates/", data, follow=True)
    assert "已保存正文模板" in response.content.decode()
    client.force_login(bureau["leader"])
    assert client.get("/workspace/reports/zmd-tjj/templates/").status_code == 403


def test_the_leaders_queue_lists_reports_awaiting_sign_off(client, bureau):
    client.force_login(bureau["office"])
    post(client, "/workspace/reports/zmd-tjj/new/", year="2023")
    page = client.get("/workspace/").content.decode()
    assert "待办理的年度报告" in page and "驻马店经济开发区统计局2023年度报告" in page
    post(
        client,
        "/workspace/reports/zmd-tjj/2023/text/",
        version=version(),
        overview="（一）主动公开",
        problems="无。",
        other_matters="本年度未收取信息处理费。",
    )
    post(client, "/workspace/reports/zmd-tjj/2023/act/submit/", version=version())
    client.force_login(bureau["leader"])
    page = client.get("/workspace/").content.decode()
    assert "待签发的年度报告" in page and "驻马店经济开发区统计局2023年度报告" in page
