"""In a real browser: a citizen applies on the portal; the office confirms and assigns it; the
handler asks for clarification, which the citizen's status page shows; the answer is recorded;
the approver decides 部分公开; the office issues the reply letter; the citizen downloads it as
PDF; `gongkai annual export` counts the case in table 三's 部分公开 row, 自然人 column."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pdfplumber
import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from gongkai.agencies.demo import DEMO_PASSWORD
from gongkai.applications.tests.factories import RESIDENT_ID
from gongkai.report.catalogue import APPLICANT_COLUMNS, COLUMN_TOTAL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APPLICANT = "周九"


@pytest.fixture
def demo(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data", verbosity=0, stdout=io.StringIO())
    return live_server.url


def fresh_page(browser: Browser, errors: list[str]) -> Page:
    """A page in its own browser context (its own cookies: one person each)."""
    page = browser.new_context(accept_downloads=True).new_page()
    page.set_default_timeout(15_000)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    return page


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{base}/workspace/")


def open_action(page: Page, label: str):
    """Open the action's <details> on the case page and return it."""
    box = page.locator("details.action").filter(has=page.get_by_text(label, exact=True))
    box.locator("summary").click()
    return box


def track(page: Page, base: str, tracking_code: str, query_code: str) -> None:
    page.goto(f"{base}/track/")
    page.get_by_label("申请编号").fill(tracking_code)
    page.get_by_label("查询码").fill(query_code)
    page.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(rf"/track/{tracking_code}/$"))


def test_an_application_from_the_portal_to_the_annual_report(browser: Browser, demo: str):
    errors: list[str] = []
    today = timezone.localdate()

    # A citizen applies on the portal and keeps both codes.
    citizen = fresh_page(browser, errors)
    citizen.goto(f"{demo}/")
    citizen.get_by_role("link", name="申请公开").click()
    # Only the identity fields of the chosen applicant type show (CSS only, issue 11).
    expect(citizen.get_by_label("身份证件号码")).to_be_visible()
    expect(citizen.get_by_label("统一社会信用代码")).to_be_hidden()
    citizen.get_by_label("申请人类型").select_option("commercial")
    expect(citizen.get_by_label("身份证件号码")).to_be_hidden()
    expect(citizen.get_by_label("身份证件类型")).to_be_hidden()
    expect(citizen.get_by_label("统一社会信用代码")).to_be_visible()
    citizen.get_by_label("申请人类型").select_option("natural_person")
    expect(citizen.get_by_label("统一社会信用代码")).to_be_hidden()
    citizen.get_by_label("申请人姓名或名称").fill(APPLICANT)
    citizen.get_by_label("身份证件类型").select_option("resident_id")
    citizen.get_by_label("身份证件号码").fill(RESIDENT_ID)
    citizen.get_by_label("联系电话").fill("13700137000")
    citizen.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(
        "本区2025年规模以上工业企业名录"
    )
    citizen.get_by_label("获取信息的形式").select_option("electronic")
    citizen.get_by_label("获取信息的途径").select_option("electronic")
    citizen.get_by_role("button", name="提交申请").click()
    expect(citizen.get_by_text("请妥善保存查询码")).to_be_visible()
    tracking_code = citizen.locator("#tracking-code").inner_text().strip()
    query_code = citizen.locator("#query-code").inner_text().strip()
    case_url = f"{demo}/workspace/cases/{tracking_code}/"

    # The disclosure office confirms receipt and assigns it to 统计股 and the demo handler.
    office = fresh_page(browser, errors)
    sign_in(office, demo, "demo-office")
    office.get_by_role("link", name="查看和办理申请").click()
    office.get_by_role("link", name=tracking_code).click()
    expect(office.locator("#applicant")).to_contain_text(APPLICANT)  # the office sees it all
    box = open_action(office, "登记受理（确认收到申请）")
    box.get_by_role("button", name="登记受理（确认收到申请）").click()
    expect(office.locator("#case-state")).to_contain_text("办理中")
    # How the due date was computed (issue 11 item 8): the same reasoning as the replay command.
    office.locator("#case-explanation summary").click()
    expect(office.locator("#case-explanation")).to_contain_text("收到申请之日为")
    expect(office.locator("#case-explanation")).to_contain_text("答复期限为20个工作日")
    box = open_action(office, "交办承办股室")
    box.get_by_label("承办股室").select_option(label="统计股")
    box.get_by_label("承办人").select_option(label="演示·承办人")
    box.get_by_role("button", name="交办承办股室").click()
    expect(office.get_by_text("已办理：交办承办股室。")).to_be_visible()

    # The handler asks for clarification.
    handler = fresh_page(browser, errors)
    sign_in(handler, demo, "demo-handler")
    handler.goto(case_url)
    box = open_action(handler, "告知补正")
    box.get_by_label("需要补正的事项").fill("请写明所需名录的具体行业范围")
    box.get_by_label("补正期限").fill((today + dt.timedelta(days=14)).isoformat())
    box.get_by_role("button", name="告知补正").click()
    expect(handler.locator("#case-state")).to_contain_text("待补正")

    # The citizen's status page shows it, with no one's personal data.
    track(citizen, demo, tracking_code, query_code)
    expect(citizen.locator("#case-state")).to_contain_text("待补正")
    expect(citizen.get_by_text("请写明所需名录的具体行业范围")).to_be_visible()
    # the steps so far, by date and act, without the office's internal assignment (issue 11)
    expect(citizen.locator("#case-steps")).to_contain_text("收到申请")
    expect(citizen.locator("#case-steps")).to_contain_text("告知补正")
    expect(citizen.locator("#case-steps")).not_to_contain_text("交办")
    citizen.locator("#case-explanation summary").click()
    expect(citizen.locator("#case-explanation")).to_contain_text("告知补正")
    assert APPLICANT not in citizen.content() and RESIDENT_ID not in citizen.content()

    # The citizen answers (by letter); the handler records the supplement.
    box = open_action(handler, "收到补正材料")
    box.get_by_label("补正内容").fill("来信写明：工业企业，全部行业")
    box.get_by_role("button", name="收到补正材料").click()
    expect(handler.locator("#case-state")).to_contain_text("办理中")

    # The approver decides 部分公开.
    approver = fresh_page(browser, errors)
    sign_in(approver, demo, "demo-approver")
    approver.goto(case_url)
    box = open_action(approver, "作出答复决定")
    box.get_by_label("办理结果").select_option("partially_granted")
    # the withheld part's article: the letter cites 第三十七条 and 第十五条 (issue 14 M9)
    box.get_by_label("依据").select_option("withheld.third_party_rights")
    # before deciding, the approver reads the reply it would give
    box.get_by_role("button", name="预览答复书").click()
    draft = approver.locator(".letter-draft")
    expect(draft).to_contain_text("政府信息公开申请答复书")
    expect(draft).to_contain_text("《条例》第三十七条")
    approver.screenshot(path="/tmp/letters_out/reply-draft.png", full_page=True)
    # the form keeps what was chosen
    expect(box.get_by_label("办理结果")).to_have_value("partially_granted")
    box.get_by_role("button", name="作出答复决定").click()
    expect(approver.locator("#case-state")).to_contain_text("部分公开")

    # The office issues the reply letter.
    office.goto(case_url)
    reply = office.locator("#letter-reply")
    reply.locator("summary").click()
    reply.get_by_label("理由或具体情况").fill("名录中部分企业信息涉及商业秘密")
    reply.get_by_label("获取方式").fill("以电子邮件发送")
    reply.get_by_label("联系人及电话").fill("王科员，0396-1234567")
    reply.get_by_role("button", name="制发答复书").click()
    expect(office.get_by_text("已制发答复书")).to_be_visible()

    # The citizen downloads it from the status page: a real PDF with the applicant's name.
    track(citizen, demo, tracking_code, query_code)
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="下载 PDF").click()
    body = open(download.value.path(), "rb").read()  # noqa: SIM115
    assert body.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        text = "".join((page.extract_text() or "").replace("\n", "") for page in pdf.pages)
    assert APPLICANT in text and "部分" in text and "第十五条" in text

    # The annual export counts it: 部分公开, 自然人 (and 总计).
    out = io.StringIO()
    call_command("annual", "export", "--agency", "zmd-tjj", "--year", str(today.year), stdout=out)
    row = json.loads(out.getvalue())["applications"]["partially_granted"]
    person = [c.key for c in APPLICANT_COLUMNS].index("natural_person")
    assert row[person] == 1 and row[COLUMN_TOTAL] == 1 and sum(row[:COLUMN_TOTAL]) == 1
    assert not errors, errors
