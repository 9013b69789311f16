"""The role × page matrix: every page that exists, for every role, anonymous and superuser."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section, make_user

pytestmark = pytest.mark.django_db

OK, TO_LOGIN, TO_HOME, FORBIDDEN, TO_ADMIN_LOGIN = 200, "login", "home", 403, "admin login"

# Who may open the audit timeline (can_view_audit): those answering for the agency's work.
AUDIT = {
    Role.ADMINISTRATOR: OK,
    Role.DISCLOSURE_OFFICE: OK,
    Role.HANDLER: FORBIDDEN,
    Role.APPROVER: FORBIDDEN,
    Role.CONFIDENTIALITY_REVIEWER: FORBIDDEN,
    Role.LEADER: OK,
    Role.SUPERVISING_REVIEWER: OK,
}

PAGES = ["portal:home", "workspace:login", "workspace:home", "workspace:audit", "admin:index"]


def expected(who: str, page: str):
    if page == "portal:home":
        return OK
    if page == "admin:index":
        # The Django admin is for the platform's superusers only (config/urls.py).
        return OK if who == "superuser" else TO_ADMIN_LOGIN
    if who in ("anonymous", "no role"):
        # A user without a role cannot sign in: its session counts for nothing.
        return OK if page == "workspace:login" else TO_LOGIN
    if page == "workspace:login":
        return TO_HOME  # a signed-in user is sent on to its home page
    if page == "workspace:home":
        return OK
    if who == "superuser":
        return OK
    if who == "no role":
        return FORBIDDEN
    return AUDIT[Role(who)]


@pytest.fixture
def people():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    bureau = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)
    section = make_section(agency=bureau, name="统计股")
    users = {
        "anonymous": None,
        "no role": make_user(),
        "superuser": make_user(is_superuser=True, is_staff=True),
    }
    for role in Role:
        where = committee if role == Role.SUPERVISING_REVIEWER else bureau
        users[role.value] = make_member(
            agency=where, role=role, section=section if role == Role.HANDLER else None
        )
    return users


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return TO_ADMIN_LOGIN
        if location.startswith(reverse("workspace:login")):
            return TO_LOGIN
        if location == reverse("workspace:home"):
            return TO_HOME
        return location
    return response.status_code


def test_every_role_gets_what_it_may_on_every_page(client, people):
    failures = []
    for who, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for page in PAGES:
            got = outcome(client.get(reverse(page)))
            if got != expected(who, page):
                failures.append(f"{who} × {page}: got {got}, expected {expected(who, page)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_home_page_names_the_role_and_its_agency(client, people, role):
    client.force_login(people[role.value])
    html = client.get(reverse("workspace:home")).content.decode()
    assert role.label in html
    agency = (
        "驻马店经济开发区管理委员会"
        if role == Role.SUPERVISING_REVIEWER
        else "驻马店经济开发区统计局"
    )
    assert agency in html


def test_supervising_reviewer_home_lists_subordinate_agencies(client, people):
    client.force_login(people[Role.SUPERVISING_REVIEWER.value])
    html = client.get(reverse("workspace:home")).content.decode()
    assert "下级机关" in html and "驻马店经济开发区统计局" in html


def test_administrator_home_lists_sections_and_staff(client, people):
    client.force_login(people[Role.ADMINISTRATOR.value])
    html = client.get(reverse("workspace:home")).content.decode()
    assert "统计股" in html and "股室与人员" in html


def test_a_user_without_a_role_is_refused_at_sign_in_with_the_reason(client, people):
    # given an account that holds no role (never given one, or every one revoked)
    user = people["no role"]
    # when it signs in with the right password
    response = client.post(
        reverse("workspace:login"),
        {"username": user.username, "password": "correct horse battery"},
    )
    # then it is refused, told why, and not signed in
    assert response.status_code == 200
    assert "该账号目前没有任何岗位，不能登录" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_and_out(client, people):
    user = people[Role.LEADER.value]
    response = client.post(
        reverse("workspace:login"),
        {"username": user.username, "password": "correct horse battery"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("workspace:home")
    assert client.post(reverse("workspace:logout")).status_code == 302
    assert outcome(client.get(reverse("workspace:home"))) == TO_LOGIN


def test_a_wrong_password_gets_a_chinese_message(client, people):
    response = client.post(
        reverse("workspace:login"),
        {"username": people[Role.LEADER.value].username, "password": "x"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "用户名或密码不正确" in html
    assert "没有任何岗位" not in html  # a guesser learns nothing about the account
