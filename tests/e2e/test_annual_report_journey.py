"""In a real browser: the office drafts the 2025 report, meets a blocking carry-over error
against the 2024 report it imported, corrects the data, explains a warning; the leader signs;
the office publishes; the portal shows it and its DOCX reads back to the same tables; a
correction becomes version 2 with its 更正说明, version 1 still readable."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.report.catalogue import Layout, SummaryRow
from gongkai.report.model import AnnualReport, report_from_json
from gongkai.report.parse import read_bytes
from gongkai.report.render import render
from gongkai.reporting.tests.factories import make_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Journey-2026-report"


@pytest.fixture
def bureau(live_server, tmp_path):
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    for username, role in (("office", Role.DISCLOSURE_OFFICE), ("leader", Role.LEADER)):
        user = make_user(username=username, full_name=f"演示{username}")
        user.set_password(PASSWORD)
        user.save()
        make_member(agency=agency, role=role, user=user)
    # last year's report, published before the agency used gongkai: one case carried forward
    last = AnnualReport.empty(agency=agency.name, year=2024, layout=Layout.Y2021)
    last.applications[SummaryRow.NEW] = [1, 0, 0, 0, 0, 0, 1]
    last.applications[SummaryRow.CARRIED_FORWARD] = [1, 0, 0, 0, 0, 0, 1]
    last.text = {
        "overview": "（一）主动公开\n2024年，全年共发布信息0条。",
        "problems": "信息发布不够及时。下一步将加强审核。",
        "other_matters": "2024年，本机关未收取信息处理费。",
    }
    path = tmp_path / "2024年年度报告.docx"
    path.write_bytes(render(last, "docx"))
    return {"agency": agency, "base": live_server.url, "file": path}


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{base}/workspace/")


def test_the_2025_report_from_draft_to_correction(page: Page, bureau):
    base = bureau["base"]
    page.set_default_timeout(15_000)
    sign_in(page, base, "office")
    page.goto(f"{base}/workspace/reports/zmd-tjj/")
    # the office imports the 2024 report published before gongkai
    page.get_by_label("报告年度", exact=True).last.fill("2024")
    page.get_by_label("原发布日期").fill("2025-01-20")
    page.get_by_label("报告文件").set_input_files(str(bureau["file"]))
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_text("已导入2024年度报告")).to_be_visible()

    # it drafts 2025: the carry-over does not match the imported report, an error
    page.goto(f"{base}/workspace/reports/zmd-tjj/")
    page.get_by_label("报告年度", exact=True).first.fill("2025")
    page.get_by_role("button", name=re.compile("起草")).click()
    expect(page.get_by_text(re.compile("错误 \\d+ 项"))).to_be_visible()
    expect(page.locator("#findings")).to_contain_text("上年报告")

    # the case carried over was missing: entered, then the draft follows the data
    make_application(
        agency=bureau["agency"], kind="natural_person", receipt_date=dt.date(2024, 12, 20)
    )
    page.get_by_role("button", name="按数据更新报表").click()
    expect(page.get_by_text(re.compile("变化的单元格"))).to_be_visible()
    expect(page.locator("#findings")).not_to_contain_text("上年报告 四、结转下年度继续办理")

    # section 五 was carried from 2024 unchanged: a warning, explained in writing
    expect(page.locator("#findings")).to_contain_text("与上年报告相同")
    for box in page.locator("#findings textarea").all():
        box.fill("整改仍在进行，沿用上年表述。")
    page.get_by_role("button", name="保存说明").click()
    expect(page.get_by_text("已保存警告说明")).to_be_visible()
    page.get_by_role("button", name="提交领导签发").click()
    expect(page.get_by_text("已提交领导签发")).to_be_visible()

    # the leader signs
    page.get_by_role("button", name="退出").click()
    sign_in(page, base, "leader")
    page.goto(f"{base}/workspace/reports/zmd-tjj/2025/")
    page.get_by_role("button", name="签发").click()
    expect(page.get_by_text("已签发。")).to_be_visible()

    # the office publishes; the portal shows it
    page.get_by_role("button", name="退出").click()
    sign_in(page, base, "office")
    page.goto(f"{base}/workspace/reports/zmd-tjj/2025/")
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("已在门户网站发布")).to_be_visible()
    page.goto(f"{base}/annual-reports/")
    page.get_by_role("link", name=re.compile("2025年政府信息公开工作年度报告")).click()
    expect(page.locator("h1")).to_have_text("驻马店经济开发区统计局2025年政府信息公开工作年度报告")
    # its downloads read back through the engine to the same tables as its JSON
    with urllib.request.urlopen(f"{base}/annual-reports/2025/report.json") as answer:
        published = report_from_json(json.loads(answer.read()))
    assert published.row(SummaryRow.CARRIED_OVER)[0] == 1
    with urllib.request.urlopen(f"{base}/annual-reports/2025/report.docx") as answer:
        parsed = read_bytes(answer.read(), name="report.docx")
    assert parsed.applications == published.applications
    assert parsed.reviews == published.reviews

    # a correction: version 2 with its 更正说明; version 1 stays readable
    page.goto(f"{base}/workspace/reports/zmd-tjj/2025/")
    page.locator("summary", has_text="更正（新版本）").click()
    page.get_by_label(re.compile("更正说明")).fill("第五部分补充整改情况")
    page.get_by_role("button", name="更正（新版本）").click()
    expect(page.get_by_text("已建立更正版本")).to_be_visible()
    page.get_by_label("五、存在的主要问题及改进情况").fill("信息发布不够及时。已建立审核台账。")
    page.get_by_role("button", name="保存正文并检查").click()
    page.get_by_role("button", name="提交领导签发").click()
    page.get_by_role("button", name="退出").click()
    sign_in(page, base, "leader")
    page.goto(f"{base}/workspace/reports/zmd-tjj/2025/")
    page.get_by_role("button", name="签发").click()
    page.get_by_role("button", name="退出").click()
    sign_in(page, base, "office")
    page.goto(f"{base}/workspace/reports/zmd-tjj/2025/")
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("已在门户网站发布")).to_be_visible()
    page.goto(f"{base}/annual-reports/2025/")
    expect(page.locator(".notice", has_text="更正说明")).to_contain_text("第五部分补充整改情况")
    page.get_by_role("link", name="第 1 版").click()
    expect(page.get_by_text("已被更正")).to_be_visible()
    expect(page.locator("article")).to_contain_text("信息发布不够及时。下一步将加强审核。")
