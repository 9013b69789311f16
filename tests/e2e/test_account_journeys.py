"""In a real browser: a new account replaces its initial password at first sign-in; a locked-out
colleague gets a new password from the administrator and makes it their own."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gongkai.agencies.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("demo_data", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(10_000)
    return errors


def submit_sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/workspace/login/"))


def change_initial_password(page: Page, initial: str, own: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("修改密码")
    expect(page.get_by_role("status")).to_contain_text("系统管理员设置的初始密码")
    page.get_by_label("当前密码").fill(initial)
    page.get_by_label("新密码", exact=True).fill(own)
    page.get_by_label("再次输入新密码").fill(own)
    page.get_by_role("button", name="修改密码").click()


def test_a_new_account_must_replace_its_initial_password_first(
    page: Page, demo: str, console_errors: list[str]
):
    # given the administrator creates an account
    submit_sign_in(page, demo, "demo-admin", DEMO_PASSWORD)
    page.goto(f"{demo}/workspace/agencies/zmd-tjj/staff/new/")
    expect(page.get_by_label("岗位")).to_have_value("")  # no role preselected
    page.get_by_label("用户名").fill("li.na")
    page.get_by_label("姓名").fill("李娜")
    page.get_by_label("初始密码", exact=True).fill("Chushi-mima-2026")
    page.get_by_label("再次输入初始密码").fill("Chushi-mima-2026")
    page.get_by_label("岗位").select_option(label="公开办")
    page.get_by_role("button", name="创建账号").click()
    expect(page.get_by_role("status")).to_contain_text("本人首次登录后须先修改密码")
    sign_out(page)

    # when the person signs in with the initial password
    submit_sign_in(page, demo, "li.na", "Chushi-mima-2026")
    # then the password page comes first, and no other page opens before it is changed
    expect(page).to_have_url(re.compile(r"/workspace/account/password/"))
    page.goto(f"{demo}/workspace/publications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("修改密码")

    # when a weak password is tried, it is refused in Chinese
    page.get_by_label("当前密码").fill("Chushi-mima-2026")
    page.get_by_label("新密码", exact=True).fill("12345678")
    page.get_by_label("再次输入新密码").fill("12345678")
    page.get_by_role("button", name="修改密码").click()
    expect(page.get_by_text("密码太短，至少需要 10 个字符。")).to_be_visible()

    # when a good one is chosen
    change_initial_password(page, "Chushi-mima-2026", "Lina-ziji-2026")
    # then the page first asked for opens, and the new password signs in next time
    expect(page).to_have_url(f"{demo}/workspace/publications/")
    expect(page.locator(".messages")).to_contain_text("已修改密码")
    sign_out(page)
    submit_sign_in(page, demo, "li.na", "Lina-ziji-2026")
    expect(page).to_have_url(f"{demo}/workspace/")
    expect(page.locator(".role-name")).to_have_text("公开办")
    assert console_errors == []


def test_the_administrator_resets_a_locked_out_colleagues_password(
    page: Page, demo: str, console_errors: list[str]
):
    # given the handler has forgotten the password and is locked out
    for attempt in range(5):
        submit_sign_in(page, demo, "demo-handler", f"forgotten-{attempt}")
    expect(page.get_by_role("heading", level=1)).to_have_text("登录已暂停")
    expect(page.get_by_role("alert")).to_contain_text("联系系统管理员解除")

    # when the administrator opens the handler's page
    submit_sign_in(page, demo, "demo-admin", DEMO_PASSWORD)
    page.goto(f"{demo}/workspace/agencies/zmd-tjj/staff/")
    page.get_by_role("link", name="演示·承办人").first.click()
    expect(page.get_by_text("登录已暂停")).to_be_visible()
    # and resets the password
    page.get_by_role("link", name="重置密码").click()
    page.get_by_label("新的初始密码", exact=True).fill("Chongzhi-2026-cb")
    page.get_by_label("再次输入新的初始密码").fill("Chongzhi-2026-cb")
    page.get_by_role("button", name="重置密码").click()
    # then the lockout is lifted with it
    expect(page.get_by_role("status")).to_contain_text("已重置演示·承办人的密码，并解除了登录锁定")
    expect(page.get_by_text("待本人修改初始密码")).to_be_visible()
    expect(page.get_by_role("button", name="解除登录锁定")).to_have_count(0)
    sign_out(page)

    # when the handler signs in with the new initial password, they must make it their own
    submit_sign_in(page, demo, "demo-handler", "Chongzhi-2026-cb")
    change_initial_password(page, "Chongzhi-2026-cb", "Chengban-ziji-2026")
    expect(page).to_have_url(f"{demo}/workspace/")
    expect(page.locator(".role-name")).to_have_text("承办人")
    assert console_errors == []
