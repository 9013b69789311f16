"""In a real browser: an administrator creates a section and a staff account; the disclosure
office edits the guide and the public sees it on the portal."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gongkai.agencies.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Xinjian-2026-zmd"


@pytest.fixture
def demo(live_server):
    call_command("demo_data", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Script errors and CSP refusals on the page: there must be none. (A missing favicon is
    logged too, as a failed load, and is not counted.)"""
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(10_000)
    return errors


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/workspace/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{base}/workspace/")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/workspace/login/"))


def test_administrator_creates_a_section_and_a_staff_member(
    page: Page, demo: str, console_errors: list[str]
):
    # given the demo administrator on its home page
    sign_in(page, demo, "demo-admin", DEMO_PASSWORD)
    page.get_by_role("link", name="管理机关信息、股室、人员与岗位").click()
    page.get_by_role("link", name="驻马店经济开发区统计局").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("驻马店经济开发区统计局")

    # when it creates a section
    page.get_by_role("navigation", name="驻马店经济开发区统计局管理").get_by_role(
        "link", name="股室"
    ).click()
    page.get_by_role("link", name="新建股室").click()
    page.get_by_label("股室名称").fill("法规股")
    page.get_by_role("button", name="新建").click()

    # then it is listed
    expect(page.get_by_role("status")).to_contain_text("已新建股室“法规股”")
    expect(page.get_by_role("cell", name="法规股", exact=True)).to_be_visible()

    # when it creates a staff account in that section, first with mismatched passwords
    page.get_by_role("link", name="人员与岗位").click()
    page.get_by_role("link", name="新建人员账号").click()
    page.get_by_label("用户名").fill("zhang.min")
    page.get_by_label("姓名").fill("张敏")
    page.get_by_label("初始密码", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("再次输入初始密码").fill("something-else-2026")
    page.get_by_label("岗位").select_option(label="承办人")
    page.get_by_label("股室").select_option(label="法规股")
    page.get_by_role("button", name="创建账号").click()
    expect(page.get_by_role("alert")).to_contain_text("请按提示更正后再提交。")
    expect(page.get_by_text("两次输入的密码不一致。")).to_be_visible()
    page.get_by_label("初始密码", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("再次输入初始密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="创建账号").click()

    # then the person's page shows the role
    expect(page.get_by_role("heading", level=1)).to_have_text("张敏")
    expect(page.get_by_role("status")).to_contain_text("已创建账号 zhang.min（张敏）")
    expect(page.get_by_role("cell", name="承办人", exact=True)).to_be_visible()

    # and the new member signs in, replaces the initial password, and sees the role on its home
    sign_out(page)
    page.goto(f"{demo}/workspace/login/")
    page.get_by_label("用户名").fill("zhang.min")
    page.get_by_label("密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("修改密码")
    page.get_by_label("当前密码").fill(NEW_PASSWORD)
    page.get_by_label("新密码", exact=True).fill("Zhangmin-own-2026")
    page.get_by_label("再次输入新密码").fill("Zhangmin-own-2026")
    page.get_by_role("button", name="修改密码").click()
    expect(page).to_have_url(f"{demo}/workspace/")
    expect(page.locator(".role-name")).to_have_text("承办人")
    expect(page.get_by_text("驻马店经济开发区统计局 · 法规股")).to_be_visible()
    assert console_errors == []


def test_disclosure_office_edits_the_guide_and_it_appears_on_the_portal(
    page: Page, demo: str, console_errors: list[str]
):
    # given the demo disclosure office
    sign_in(page, demo, "demo-office", DEMO_PASSWORD)
    page.get_by_role("link", name="编辑政府信息公开指南和政府信息公开制度").click()
    page.get_by_role("link", name="政府信息公开指南").click()

    # when it writes the guide in the markup (no HTML) and saves it
    page.get_by_label("标题").fill("驻马店经济开发区统计局政府信息公开指南（2026年版）")
    page.get_by_label("正文").fill(
        "申请可当面或信函提交。\n\n## 答复期限\n\n- 本局自收到申请之日起20个工作日内答复。"
    )
    page.get_by_role("button", name="保存草稿并预览").click()

    # then it is a draft, previewed as the portal will show it, and the portal is unchanged
    expect(page.get_by_text("已保存为第 2 版草稿。门户网站仍显示第 1 版")).to_be_visible()
    preview = page.locator(".portal-preview")
    expect(preview.get_by_role("heading", level=2)).to_have_text("答复期限")
    expect(preview.locator("li")).to_have_text("本局自收到申请之日起20个工作日内答复。")
    public = page.context.browser.new_page()  # a citizen, signed out
    public.goto(f"{demo}/guide/")
    expect(public.get_by_role("heading", level=1)).to_have_text(
        "驻马店经济开发区统计局政府信息公开指南"
    )

    # when the office publishes it
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("已发布第 2 版政府信息公开指南，门户网站即时显示。")).to_be_visible()

    # then the public finds it from the portal's home page
    sign_out(page)
    page.goto(f"{demo}/")
    page.get_by_role("main").get_by_role("link", name="政府信息公开指南").click()
    expect(page).to_have_url(f"{demo}/guide/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "驻马店经济开发区统计局政府信息公开指南（2026年版）"
    )
    expect(page.get_by_role("heading", name="答复期限")).to_be_visible()
    expect(page.get_by_text("本局自收到申请之日起20个工作日内答复。")).to_be_visible()
    public.close()
    assert console_errors == []
