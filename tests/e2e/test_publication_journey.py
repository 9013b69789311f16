"""In a real browser: an author drafts an item, an approver approves it, a confidentiality
reviewer clears it, the disclosure office publishes it; it appears on the portal and is found
by full-text search (a two-character word, highlighted); it is withdrawn, and its page then
shows the withdrawal notice instead of the body."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from gongkai.publications.tests.factories import make_team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"  # gongkai.agencies.tests.factories.make_user
TITLE = "关于城南片区房屋拆迁补偿工作的通告"


@pytest.fixture
def world(live_server: Any, settings: Any, tmp_path: Path) -> str:
    settings.MEDIA_ROOT = tmp_path
    team = make_team(code="e2e-pub")
    for n, user in enumerate((team.handler, team.approver, team.reviewer, team.office)):
        user.username = ("author", "approver", "reviewer", "office")[n]
        user.save()
    return str(live_server.url)


def fresh_page(browser: Browser, errors: list[str]) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{base}/workspace/")


def take(
    page: Page, label: str, fill: dict[str, str] | None = None, check: tuple[str, ...] = ()
) -> None:
    """Open the action's box on the item page, fill it, press its button."""
    box = page.locator("details.action").filter(has=page.get_by_text(label, exact=True))
    box.locator("summary").click()
    for field, value in (fill or {}).items():
        box.get_by_label(field).fill(value)
    for field in check:
        box.get_by_label(field).check()
    box.get_by_role("button", name=label).click()
    expect(page.get_by_text(f"已办理：{label}。")).to_be_visible()


def test_an_item_from_draft_to_the_portal_and_search_then_withdrawn(
    browser: Browser, world: str
) -> None:
    base, errors = world, list[str]()

    # The author drafts the item from the workspace home and submits it.
    author = fresh_page(browser, errors)
    sign_in(author, base, "author")
    author.get_by_role("link", name="起草和办理主动公开信息").click()
    author.get_by_role("link", name="起草新信息").click()
    author.get_by_label("标题").fill(TITLE)
    author.get_by_label("信息分类").select_option(label="工作动态")
    author.get_by_label("正文").fill("城南片区拆迁补偿标准依照有关规定执行。\n\n咨询时间为工作日。")
    author.get_by_label("成文日期").fill("2024-03-01")
    author.get_by_role("button", name="保存草稿").click()
    expect(author.get_by_role("heading", level=1)).to_have_text(TITLE)
    item_url = author.url
    take(author, "提交审核")
    expect(author.locator("#item-state")).to_have_text("待审核")

    # The approver finds it waiting on its home and approves it.
    approver = fresh_page(browser, errors)
    sign_in(approver, base, "approver")
    approver.locator("#queue-approve").get_by_role("link", name=TITLE).click()
    take(approver, "审核通过")
    expect(approver.locator("#item-state")).to_have_text("待保密审查")

    # The confidentiality reviewer confirms the checklist and clears it.
    reviewer = fresh_page(browser, errors)
    sign_in(reviewer, base, "reviewer")
    reviewer.locator("#queue-secrecy").get_by_role("link", name=TITLE).click()
    take(
        reviewer,
        "保密审查通过",
        check=("已审查，不涉及国家秘密", "已审查，不涉及个人隐私", "已审查，不涉及商业秘密"),
    )
    expect(reviewer.locator("#item-state")).to_have_text("待发布")

    # The disclosure office publishes it now.
    office = fresh_page(browser, errors)
    sign_in(office, base, "office")
    office.goto(item_url)
    take(office, "发布")
    expect(office.locator("#item-state")).to_have_text("已发布")

    # A citizen finds it on the portal's home page and by search for the word 拆迁.
    citizen = fresh_page(browser, errors)
    citizen.goto(f"{base}/")
    expect(citizen.get_by_role("link", name=TITLE)).to_be_visible()
    citizen.get_by_label("检索本网站信息").fill("拆迁")
    citizen.get_by_role("button", name="检索").click()
    expect(citizen).to_have_url(re.compile(r"/search/\?q="))
    expect(citizen.get_by_role("heading", name="找到 1 条信息")).to_be_visible()
    expect(citizen.locator(".search-results mark").first).to_have_text("拆迁")
    citizen.locator(".search-results a").first.click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(citizen.get_by_role("row", name=re.compile("索引号"))).to_contain_text("e2e-pub")
    expect(citizen.get_by_text("咨询时间为工作日。")).to_be_visible()
    portal_url = citizen.url

    # The office withdraws it with a reason: the page shows the notice; search no longer finds it.
    take(office, "撤回", fill={"撤回理由（将在门户网站公示）": "补偿标准另行公布"})
    expect(office.locator("#item-state")).to_have_text("已撤回")
    citizen.goto(portal_url)
    expect(citizen.get_by_role("heading", name="撤回说明")).to_be_visible()
    expect(citizen.get_by_text("撤回理由：补偿标准另行公布")).to_be_visible()
    expect(citizen.get_by_text("咨询时间为工作日。")).to_have_count(0)
    citizen.goto(f"{base}/search/?q=拆迁")
    expect(citizen.get_by_role("heading", name="没有找到包含“拆迁”的信息")).to_be_visible()

    assert errors == []
