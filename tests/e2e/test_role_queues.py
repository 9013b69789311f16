"""In a real browser, each demo role: what its home lists, what it may open and download, and
what it is refused (issue 11, items 3, 6 and 9).

The demo agency holds, besides its demo pages: an online application nobody has confirmed yet,
a received application not yet handed to a section, a case assigned to demo-handler with a 补正
notice issued, a draft of demo-handler's sent back by the approver with a reason, an item
waiting for approval and one waiting for confidentiality review.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from gongkai.accounts.models import User
from gongkai.agencies.demo import DEMO_PASSWORD
from gongkai.agencies.models import Agency, Section
from gongkai.applications.models import Application
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.services import (
    Applicant,
    application_assign,
    application_register,
    application_request_clarification,
    application_submit,
)
from gongkai.applications.tests.factories import RESIDENT_ID
from gongkai.letters.case_facts import case_facts
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.selectors import application_context
from gongkai.letters.services import letter_issue
from gongkai.publications.models import Category
from gongkai.publications.services import ItemContent, item_create_draft
from gongkai.publications.services.items import item_approve, item_reject, item_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APPLICANT = "周九"
RETURN_REASON = "请补充数据来源和发布机构。"


@dataclass
class World:
    base: str
    unconfirmed: Application
    unassigned: Application
    handled: Application
    letter_url: str
    pdf_url: str


def person(description: str) -> Applicant:
    return Applicant(
        kind="natural_person",
        name=APPLICANT,
        description=description,
        id_document_type="resident_id",
        id_document_number=RESIDENT_ID,
        contact_phone="13800138000",
    )


@pytest.fixture
def world(live_server, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data", verbosity=0, stdout=io.StringIO())
    staff = {name: User.objects.get(username=f"demo-{name}") for name in ("office", "handler")}
    approver = User.objects.get(username="demo-approver")
    agency = Agency.objects.get(code="zmd-tjj")
    today = timezone.localdate()
    unconfirmed = application_submit(
        agency=agency, applicant=person("请公开2025年本区规模以上工业企业主要经济指标")
    ).application
    unassigned = application_register(
        actor=staff["office"],
        agency=agency,
        applicant=person("申请公开2024年度统计执法检查结果"),
        channel=Channel.IN_PERSON,
        arrived_on=today,
    ).application
    handled = application_register(
        actor=staff["office"],
        agency=agency,
        applicant=person("申请公开本局2025年统计调查项目清单"),
        channel=Channel.IN_PERSON,
        arrived_on=today,
    ).application
    handled = application_assign(
        application=handled,
        actor=staff["office"],
        seen_version=handled.version,
        section=Section.objects.get(agency=agency, name="统计股"),
        handler=staff["handler"],
    ).application
    handled = application_request_clarification(
        application=handled,
        actor=staff["office"],
        seen_version=handled.version,
        items=["请写明所需信息的年份"],
        answer_due=today + dt.timedelta(days=14),
    ).application
    letter = letter_issue(
        agency=agency,
        context=application_context(
            handled,
            kind=LetterKind.CLARIFICATION,
            letter_date=today,
            **case_facts(handled, LetterKind.CLARIFICATION),
        ),
        actor=staff["office"],
        application=handled,
    )
    category = Category.objects.filter(agency=agency).order_by("id").first()
    assert category is not None
    returned = item_create_draft(
        actor=staff["handler"],
        agency=agency,
        content=ItemContent(title="2025年统计公报（草稿）", body="正文", category=category),
    )
    returned = item_submit(item=returned, actor=staff["handler"], seen_version=returned.version)
    item_reject(item=returned, actor=approver, seen_version=returned.version, reason=RETURN_REASON)
    waiting = item_create_draft(
        actor=staff["office"],
        agency=agency,
        content=ItemContent(title="关于统计调查项目的公告", body="正文", category=category),
    )
    item_submit(item=waiting, actor=staff["office"], seen_version=waiting.version)
    reviewed = item_create_draft(
        actor=staff["handler"],
        agency=agency,
        content=ItemContent(title="一季度主要统计指标", body="正文", category=category),
    )
    reviewed = item_submit(item=reviewed, actor=staff["handler"], seen_version=reviewed.version)
    item_approve(item=reviewed, actor=approver, seen_version=reviewed.version)
    code = handled.tracking_code
    return World(
        base=live_server.url,
        unconfirmed=unconfirmed,
        unassigned=unassigned,
        handled=handled,
        letter_url=reverse("workspace:case_letter", args=[code, letter.pk, "docx"]),
        pdf_url=reverse("workspace:case_letter", args=[code, letter.pk, "pdf"]),
    )


def signed_in(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{base}/workspace/")
    return page


def status(page: Page, base: str, path: str) -> int:
    """The status the signed-in person gets for `path` (redirects not followed)."""
    return page.request.get(f"{base}{path}", max_redirects=0).status


def queue(page: Page, key: str):
    return page.locator(f"#queue-{key}")


def test_the_office_sees_what_waits_and_gets_the_letters(browser: Browser, world: World):
    page = signed_in(browser, world.base, "demo-office")
    unconfirmed = queue(page, "unconfirmed")
    expect(unconfirmed).to_contain_text(world.unconfirmed.tracking_code)
    expect(unconfirmed).to_contain_text("已等待 0 个工作日")
    expect(unconfirmed).to_contain_text("请公开2025年本区规模以上工业企业主要经济指标")
    expect(queue(page, "unassigned")).to_contain_text(world.unassigned.tracking_code)
    expect(queue(page, "publish")).to_contain_text("没有待发布的信息。")
    # the case opens in full, with the letter's links
    page.get_by_role("link", name=world.unconfirmed.tracking_code).click()
    expect(page.locator("#applicant")).to_contain_text(APPLICANT)
    page.goto(f"{world.base}/workspace/cases/{world.handled.tracking_code}/")
    expect(page.get_by_role("link", name="PDF")).to_be_visible()
    assert status(page, world.base, world.pdf_url) == 200
    assert status(page, world.base, world.letter_url) == 200


def test_the_handler_sees_its_case_and_its_returned_draft(browser: Browser, world: World):
    page = signed_in(browser, world.base, "demo-handler")
    mine = queue(page, "mine")
    expect(mine).to_contain_text(world.handled.tracking_code)
    expect(mine).not_to_contain_text(world.unassigned.tracking_code)
    returned = queue(page, "returned")
    expect(returned.locator(".queue-note")).to_have_text(f"退回修改：{RETURN_REASON}")
    expect(page.locator("#queue-unconfirmed")).to_have_count(0)
    # the draft's page says why at the top
    returned.get_by_role("link", name="2025年统计公报（草稿）").click()
    expect(page.locator("#returned")).to_contain_text(RETURN_REASON)
    # its own case: in full, with the letter
    assert status(page, world.base, world.pdf_url) == 200
    # the office's pages are refused
    assert status(page, world.base, reverse("workspace:case_register")) == 403


@pytest.mark.parametrize(
    ("username", "queues", "text"),
    [
        ("demo-approver", ("decide", "approve"), "关于统计调查项目的公告"),
        ("demo-leader", ("decide",), None),
        ("demo-secrecy", ("secrecy",), "一季度主要统计指标"),
    ],
)
def test_those_who_see_the_case_masked_see_their_queue_and_get_no_letter(
    browser: Browser, world: World, username: str, queues: tuple[str, ...], text: str | None
):
    page = signed_in(browser, world.base, username)
    for key in queues:
        expect(queue(page, key)).to_be_visible()
    if "decide" in queues:
        # the received case may be decided; the one waiting for its 补正 may not yet
        expect(queue(page, "decide")).to_contain_text(world.unassigned.tracking_code)
        expect(queue(page, "decide")).not_to_contain_text(world.handled.tracking_code)
    if text is not None:
        expect(page.locator(".queues")).to_contain_text(text)
    expect(page.locator("#queue-unconfirmed")).to_have_count(0)
    # the case opens masked: the letter is listed, with no link, and refused when asked for
    page.goto(f"{world.base}/workspace/cases/{world.handled.tracking_code}/")
    expect(page.locator("#applicant")).to_contain_text("周*")
    expect(page.locator("#applicant")).not_to_contain_text(APPLICANT)
    expect(page.get_by_text("仅本申请的承办人和公开办可以查看和下载")).to_be_visible()
    expect(page.get_by_role("link", name="PDF")).to_have_count(0)
    assert status(page, world.base, world.pdf_url) == 403
    assert status(page, world.base, world.letter_url) == 403
    assert status(page, world.base, reverse("workspace:case_register")) == 403


def test_the_supervising_office_reads_masked_and_is_offered_nothing_to_do(
    browser: Browser, world: World
):
    page = signed_in(browser, world.base, "demo-supervisor")
    expect(page.locator("#queue-none")).to_contain_text("您的岗位没有需要逐件办理的事项")
    main = page.locator("main")
    expect(main).not_to_contain_text("起草")
    expect(main).not_to_contain_text("登记申请")
    page.get_by_role("link", name="查看申请").click()
    expect(page.locator("table")).to_contain_text(world.handled.tracking_code)
    expect(page.locator("table")).not_to_contain_text(APPLICANT)
    assert status(page, world.base, world.pdf_url) == 403
    assert status(page, world.base, reverse("workspace:publication_new")) == 403


def test_the_administrator_sees_no_case(browser: Browser, world: World):
    page = signed_in(browser, world.base, "demo-admin")
    expect(page.locator("main")).not_to_contain_text("政府信息公开申请")
    path = reverse("workspace:case_detail", args=[world.handled.tracking_code])
    assert status(page, world.base, path) == 404
    assert status(page, world.base, world.pdf_url) == 404
