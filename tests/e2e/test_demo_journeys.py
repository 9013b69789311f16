"""The demo in a real browser: each role signs in to its home page; throttling; the portal."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gongkai.agencies.demo import ACCOUNTS, DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("demo_data", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_each_demo_role_signs_in_and_sees_its_home_page(page: Page, demo: str):
    page.set_default_timeout(10_000)
    for account in ACCOUNTS:
        # when
        sign_in(page, demo, account.username, DEMO_PASSWORD)
        # then
        expect(page).to_have_url(f"{demo}/workspace/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(account.full_name)
        expect(page.locator(".role-name")).to_have_text(account.role.label)
        # and signs out again
        page.get_by_role("button", name="退出").click()
        expect(page).to_have_url(re.compile(r"/workspace/login/"))


def test_six_wrong_passwords_are_throttled(page: Page, demo: str):
    page.set_default_timeout(10_000)
    for attempt in range(6):
        sign_in(page, demo, "demo-leader", f"wrong-{attempt}")
    expect(page.get_by_role("alert")).to_contain_text("登录失败次数过多")
    # even the right password is refused now
    sign_in(page, demo, "demo-leader", DEMO_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("分钟后再试")


def test_portal_home_renders_the_agency(page: Page, demo: str):
    page.set_default_timeout(10_000)
    response = page.goto(f"{demo}/")
    assert response is not None and response.ok
    expect(page.get_by_role("heading", level=1)).to_have_text("驻马店经济开发区统计局")
    expect(page).to_have_title("驻马店经济开发区统计局")
    # the stylesheet loads from the site itself (no CDN) and the CSP let it apply
    background = page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(179, 27, 27)"


def test_the_apply_form_shows_the_fields_of_the_chosen_request_kind(page: Page, demo: str):
    page.set_default_timeout(10_000)
    page.goto(f"{demo}/apply/")
    # the page's body keeps its distance from the red header (.wrap's padding once won)
    padding = page.locator("main").evaluate("el => getComputedStyle(el).paddingTop")
    assert float(padding.removesuffix("px")) >= 16
    detail = page.get_by_label("不准确之处及更正请求（更正申请填写）")
    delivery = page.get_by_label("获取信息的形式")
    # a disclosure request (the default) asks how to receive the information
    expect(delivery).to_be_visible()
    expect(detail).to_be_hidden()
    # a 更正申请 asks what is inaccurate instead
    page.get_by_role("radio", name=re.compile("^更正申请")).check()
    expect(detail).to_be_visible()
    expect(delivery).to_be_hidden()
    expect(page.get_by_label("获取信息的途径")).to_be_hidden()
