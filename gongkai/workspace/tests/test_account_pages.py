"""我的账号 and the administrator's account actions, through the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def bureau():
    committee = make_agency(code="kfq", name="管委会")
    agency = make_agency(code="tjj", name="统计局", parent=committee)
    make_section(agency=agency, name="统计股")
    return agency


def test_a_new_account_changes_its_initial_password_before_anything_else(client, bureau):
    # given an administrator creates an account with an initial password
    admin = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    response = client.post(
        reverse("workspace:staff_new", args=["tjj"]),
        {
            "username": "zhang.min",
            "full_name": "张敏",
            "password1": "Chushi-2026-tjj",
            "password2": "Chushi-2026-tjj",
            "role": Role.HANDLER.value,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="zhang.min").must_change_password
    client.logout()
    # when the person signs in with it
    response = client.post(
        reverse("workspace:login"), {"username": "zhang.min", "password": "Chushi-2026-tjj"}
    )
    # then every workspace page and the API send them to change it first
    home = client.get(reverse("workspace:home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("workspace:my_password"))
    api = client.get("/api/")
    assert api.status_code == 403 and "修改初始密码" in api.json()["detail"]
    page = client.get(home["Location"]).content.decode()
    assert "系统管理员设置的初始密码" in page
    # when they choose their own password
    response = client.post(
        reverse("workspace:my_password"),
        {
            "old_password": "Chushi-2026-tjj",
            "password1": "Ziji-de-mima-2026",
            "password2": "Ziji-de-mima-2026",
            "next": "/workspace/",
        },
    )
    # then they stay signed in and go on to their home
    assert response.status_code == 302 and response["Location"] == "/workspace/"
    assert client.get(reverse("workspace:home")).status_code == 200


def test_the_password_page_refuses_an_outside_next_address(client, bureau):
    user = make_member(agency=bureau, role=Role.LEADER)
    client.force_login(user)
    response = client.post(
        reverse("workspace:my_password"),
        {
            "old_password": PASSWORD,
            "password1": "Ziji-de-mima-2026",
            "password2": "Ziji-de-mima-2026",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("workspace:home")


def test_the_password_page_says_what_is_wrong_in_chinese(client, bureau):
    user = make_member(agency=bureau, role=Role.LEADER)
    client.force_login(user)
    html = client.post(
        reverse("workspace:my_password"),
        {"old_password": "nope", "password1": "Ziji-de-mima-2026", "password2": "other"},
    ).content.decode()
    assert "两次输入的密码不一致。" in html
    html = client.post(
        reverse("workspace:my_password"),
        {
            "old_password": "nope",
            "password1": "Ziji-de-mima-2026",
            "password2": "Ziji-de-mima-2026",
        },
    ).content.decode()
    assert "当前密码不正确。" in html


def test_staff_set_their_own_email_for_reminders(client, bureau):
    user = make_member(agency=bureau, role=Role.HANDLER)
    client.force_login(user)
    page = client.get(reverse("workspace:my_account")).content.decode()
    assert "电子邮箱" in page and "统计局" in page
    html = client.post(reverse("workspace:my_account"), {"email": "abc"}).content.decode()
    assert "请输入有效的电子邮箱地址" in html
    client.post(reverse("workspace:my_account"), {"email": "zhang@tjj.example.gov.cn"})
    user.refresh_from_db()
    assert user.email == "zhang@tjj.example.gov.cn"


def test_every_page_links_to_my_account(client, bureau):
    client.force_login(make_member(agency=bureau, role=Role.LEADER))
    assert reverse("workspace:my_account") in client.get(reverse("workspace:home")).content.decode()


def test_the_login_page_says_what_the_lockout_is_and_who_lifts_it(client):
    html = client.get(reverse("workspace:login")).content.decode()
    assert "连续 5 次密码错误" in html and "30 分钟" in html
    assert "系统管理员可以提前解除" in html and "联系本机关系统管理员重置" in html


def test_the_administrator_resets_unlocks_deactivates_and_reactivates(client, bureau):
    admin = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    handler = make_member(agency=bureau, role=Role.HANDLER)
    for i in range(5):
        client.post(reverse("workspace:login"), {"username": handler.username, "password": str(i)})
    client.force_login(admin)
    detail = reverse("workspace:staff_detail", args=["tjj", handler.pk])
    html = client.get(detail).content.decode()
    assert "登录已暂停" in html and "解除登录锁定" in html and "重置密码" in html
    # unlock
    client.post(reverse("workspace:account_unlock", args=["tjj", handler.pk]))
    assert "解除登录锁定" not in client.get(detail).content.decode()
    # reset
    response = client.post(
        reverse("workspace:account_password", args=["tjj", handler.pk]),
        {"password1": "Chongzhi-2026-a", "password2": "Chongzhi-2026-a"},
    )
    assert response.status_code == 302
    handler.refresh_from_db()
    assert handler.must_change_password and handler.check_password("Chongzhi-2026-a")
    # deactivate: a confirmation page with the reason first
    url = reverse("workspace:account_deactivate", args=["tjj", handler.pk])
    assert "确认停用" in client.get(url).content.decode()
    assert "请按提示更正" in client.post(url, {"reason": ""}).content.decode()
    client.post(url, {"reason": "退休"})
    handler.refresh_from_db()
    assert not handler.is_active
    assert "账号已停用" in client.get(detail).content.decode()
    staff = client.get(reverse("workspace:staff_list", args=["tjj"])).content.decode()
    assert "账号已停用" in staff
    # reactivate
    client.post(reverse("workspace:account_reactivate", args=["tjj", handler.pk]))
    handler.refresh_from_db()
    assert handler.is_active
    assert [e.action for e in AuditEvent.objects.filter(agency=bureau).order_by("id")][-4:] == [
        "user.unlock",
        "user.reset_password",
        "user.deactivate",
        "user.reactivate",
    ]


@pytest.mark.parametrize(
    "who", ["handler", "other agency admin", "self", "person with a role above"]
)
def test_account_actions_are_refused_to_those_who_may_not(client, bureau, who):
    admin = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    target = make_member(agency=bureau, role=Role.LEADER)
    actor = admin
    if who == "handler":
        actor = make_member(agency=bureau, role=Role.HANDLER)
    elif who == "other agency admin":
        actor = make_member(agency=make_agency(), role=Role.ADMINISTRATOR)
    elif who == "self":
        target = admin
    else:
        make_member(agency=bureau.parent, role=Role.LEADER, user=target)
    client.force_login(actor)
    for name in ("account_password", "account_unlock", "account_deactivate", "account_reactivate"):
        response = client.post(reverse(f"workspace:{name}", args=["tjj", target.pk]), {})
        assert response.status_code == 403, name
    target.refresh_from_db()
    assert target.is_active and not target.must_change_password
    assert not AuditEvent.objects.filter(action__startswith="user.").exists()
