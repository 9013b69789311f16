"""In a real browser, the steps issue 11 found blocked (items 1, 2 and 7): a citizen hands in
the 补正 on the tracking page; the handler consults a third party and records its answer; the
handler asks for an extension, the approver sees the request and approves it; the office then
issues the 补正告知书, the consultation letter and the 延期答复告知书, each from its own form
(after a consultation, which used to block the others); the citizen downloads the extension
notice."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from gongkai.applications.tests.factories import RESIDENT_ID
from tests.e2e.test_application_journey import demo, fresh_page, open_action, sign_in, track

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["demo"]  # the fixture, imported for this module's tests

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_supplement_online_consultation_extension_and_every_notice(browser: Browser, demo: str):
    errors: list[str] = []
    today = timezone.localdate()

    # A citizen applies on the portal.
    citizen = fresh_page(browser, errors)
    citizen.goto(f"{demo}/apply/")
    citizen.get_by_label("申请人姓名或名称").fill("吴十")
    citizen.get_by_label("身份证件类型").select_option("resident_id")
    citizen.get_by_label("身份证件号码").fill(RESIDENT_ID)
    citizen.get_by_label("联系电话").fill("13700137000")
    citizen.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(
        "本区企业名录"
    )
    citizen.get_by_label("获取信息的形式").select_option("electronic")
    citizen.get_by_label("获取信息的途径").select_option("electronic")
    citizen.get_by_role("button", name="提交申请").click()
    tracking_code = citizen.locator("#tracking-code").inner_text().strip()
    query_code = citizen.locator("#query-code").inner_text().strip()
    case_url = f"{demo}/workspace/cases/{tracking_code}/"

    # The office confirms receipt and assigns it to the demo handler.
    office = fresh_page(browser, errors)
    sign_in(office, demo, "demo-office")
    office.goto(case_url)
    box = open_action(office, "登记受理（确认收到申请）")
    box.get_by_role("button", name="登记受理（确认收到申请）").click()
    box = open_action(office, "交办承办股室")
    box.get_by_label("承办股室").select_option(label="统计股")
    box.get_by_label("承办人").select_option(label="演示·承办人")
    box.get_by_role("button", name="交办承办股室").click()
    expect(office.get_by_text("已办理：交办承办股室。")).to_be_visible()

    # The handler asks for a 补正.
    handler = fresh_page(browser, errors)
    sign_in(handler, demo, "demo-handler")
    handler.goto(case_url)
    box = open_action(handler, "告知补正")
    box.get_by_label("需要补正的事项").fill("请写明所需名录的年份")
    box.get_by_label("补正期限").fill((today + dt.timedelta(days=14)).isoformat())
    box.get_by_role("button", name="告知补正").click()
    expect(handler.locator("#case-state")).to_contain_text("待补正")

    # Item 7: the citizen hands in the 补正 on the tracking page, with a file.
    track(citizen, demo, tracking_code, query_code)
    expect(citizen.get_by_text("请写明所需名录的年份")).to_be_visible()
    citizen.get_by_label("补正内容").fill("所需名录为2025年度")
    citizen.get_by_label("补正材料").set_input_files(
        files=[{"name": "补正说明.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    citizen.get_by_role("button", name="提交补正").click()
    expect(citizen.locator("#clarification-received")).to_be_visible()
    expect(citizen.locator("#case-state")).to_contain_text("办理中")

    # The handler sees it on the case; 告知补正 is not offered again.
    handler.goto(case_url)
    expect(handler.locator("#case-state")).to_contain_text("办理中")
    timeline = handler.locator("ol.timeline")
    expect(timeline).to_contain_text("申请人在网上提交")
    expect(timeline).to_contain_text("补正内容：所需名录为2025年度")
    expect(timeline.get_by_role("link", name="补正说明.pdf")).to_be_visible()
    expect(handler.locator("details.action summary", has_text="告知补正")).to_have_count(0)

    # The handler consults a company and records its answer, chosen, not retyped.
    box = open_action(handler, "征求第三方或其他机关意见")
    box.get_by_label("征求意见对象").fill("驻马店某某科技有限公司")
    box.get_by_role("button", name="征求第三方或其他机关意见").click()
    expect(handler.locator("#case-state")).to_contain_text("征求意见中")
    box = open_action(handler, "征求意见结束")
    box.get_by_label("结束的征求意见").select_option("驻马店某某科技有限公司")
    box.get_by_label("对方意见").select_option("objected")
    box.get_by_role("button", name="征求意见结束").click()
    expect(handler.locator("ol.timeline")).to_contain_text("对方意见：不同意公开")

    # Item 2: the handler asks for an extension; the approver sees it and approves.
    box = open_action(handler, "申请延长答复期限")
    box.get_by_label("延长工作日数").fill("10")
    box.get_by_label("延期理由").fill("需要调取历年档案")
    box.get_by_role("button", name="申请延长答复期限").click()
    expect(handler.locator("#pending-extension")).to_contain_text("需要调取历年档案")
    expect(handler.locator("details.action summary", has_text="批准")).to_have_count(0)
    approver = fresh_page(browser, errors)
    sign_in(approver, demo, "demo-approver")
    approver.goto(case_url)
    expect(approver.locator("#pending-extension")).to_contain_text("10 个工作日")
    box = open_action(approver, "批准延长答复期限")
    box.get_by_role("button", name="批准延长答复期限").click()
    expect(approver.locator("#case-state")).to_contain_text("已延期")
    expect(approver.locator("#pending-extension")).to_have_count(0)

    # Item 1: after the consultation every notice issues from its own form, with its fields.
    office.goto(case_url)
    extension = office.locator("#letter-extension")
    extension.locator("summary").click()
    expect(extension.get_by_label("延期理由")).to_be_visible()
    expect(extension.get_by_label("缴费方式")).to_have_count(0)
    expect(extension.get_by_label("获取方式")).to_have_count(0)
    expect(extension.get_by_label("所依据的事项")).to_contain_text("延长答复期限 10 个工作日")
    extension.get_by_role("button", name="制发延期答复告知书").click()
    expect(office.get_by_text("已制发延期答复告知书")).to_be_visible()
    for kind, label in (
        ("clarification", "补正告知书"),
        ("consultation_third_party", "征求第三方意见书"),
    ):
        form = office.locator(f"#letter-{kind}")
        form.locator("summary").click()
        expect(form.get_by_label("延期理由")).to_have_count(0)
        form.get_by_role("button", name=f"制发{label}").click()
        expect(office.get_by_text(f"已制发{label}")).to_be_visible()

    # The citizen downloads the extension notice: both due dates and the approved reason.
    track(citizen, demo, tracking_code, query_code)
    row = citizen.locator("li", has_text="延期答复告知书")
    with citizen.expect_download() as download:
        row.get_by_role("link", name="下载 PDF").click()
    body = open(download.value.path(), "rb").read()  # noqa: SIM115
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "")
    assert "需要调取历年档案" in text and "负责人同意" in text
    assert not errors, errors
