"""The role × page matrix for the applications pages, and masking by who is looking."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section, make_user
from gongkai.applications.services import application_assign
from gongkai.applications.tests.factories import RESIDENT_ID, Office, registered

pytestmark = pytest.mark.django_db

OK, TO_LOGIN, FORBIDDEN, NOT_FOUND = 200, "login", 403, 404


@pytest.fixture
def world():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    bureau = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)
    stats = make_section(agency=bureau, name="统计股")
    other = make_section(agency=bureau, name="综合股")
    users: dict[str, Any] = {
        "anonymous": None,
        "no role": make_user(),
        "superuser": make_user(is_superuser=True),
    }
    for role in Role:
        where = committee if role == Role.SUPERVISING_REVIEWER else bureau
        users[role.value] = make_member(
            agency=where, role=role, section=stats if role == Role.HANDLER else None
        )
    users["other handler"] = make_member(agency=bureau, role=Role.HANDLER, section=other)
    office = Office(
        agency=bureau,
        section=stats,
        office=users[Role.DISCLOSURE_OFFICE.value],
        head=users[Role.DISCLOSURE_OFFICE.value],
        handler=users[Role.HANDLER.value],
        approver=users[Role.APPROVER.value],
        leader=users[Role.LEADER.value],
    )
    case = registered(office, dt.date(2026, 3, 2), name="张三丰")
    case = application_assign(
        application=case,
        actor=office.office,
        seen_version=case.version,
        section=stats,
        handler=office.handler,
        on=dt.date(2026, 3, 3),
    ).application
    return users, case


# Who sees the case list (403 for those holding no case role), the case (404 outside the
# scope of application_list_for), and the registration form (the disclosure office only).
LIST = {**{r.value: OK for r in Role}, Role.ADMINISTRATOR.value: FORBIDDEN, "other handler": OK}
DETAIL = {
    **{r.value: OK for r in Role},
    Role.ADMINISTRATOR.value: NOT_FOUND,
    "other handler": NOT_FOUND,
}
REGISTER = {r.value: FORBIDDEN for r in Role} | {
    Role.DISCLOSURE_OFFICE.value: OK,
    "other handler": FORBIDDEN,
}


def expected(who: str, page: str):
    if who in ("anonymous", "no role"):
        # A user without a role cannot sign in: its session counts for nothing.
        return TO_LOGIN
    if who == "superuser":
        return FORBIDDEN if page == "register" else OK
    if who == "no role":
        return NOT_FOUND if page == "detail" else FORBIDDEN
    table = {"list": LIST, "detail": DETAIL, "register": REGISTER}[page]
    return table[who]


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("workspace:login")):
        return TO_LOGIN
    return response.status_code


def test_every_role_gets_what_it_may_on_the_applications_pages(client, world):
    users, case = world
    pages = {
        "list": reverse("workspace:case_list"),
        "detail": reverse("workspace:case_detail", args=[case.tracking_code]),
        "register": reverse("workspace:case_register"),
    }
    failures = []
    for who, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for page, url in pages.items():
            got, want = outcome(client.get(url)), expected(who, page)
            if got != want:
                failures.append(f"{who} × {page}: got {got}, expected {want}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("who", [r.value for r in Role if r != Role.ADMINISTRATOR])
def test_the_list_masks_personal_data_for_everyone(client, world, who):
    users, case = world
    client.force_login(users[who])
    html = client.get(reverse("workspace:case_list")).content.decode()
    assert case.tracking_code in html
    assert "张**" in html
    for personal in ("张三丰", RESIDENT_ID, "13800138000"):
        assert personal not in html


@pytest.mark.parametrize(
    ("who", "full"),
    [
        (Role.DISCLOSURE_OFFICE.value, True),
        (Role.HANDLER.value, True),  # the assigned handler
        (Role.APPROVER.value, False),
        (Role.LEADER.value, False),
        (Role.CONFIDENTIALITY_REVIEWER.value, False),
        (Role.SUPERVISING_REVIEWER.value, False),
        ("superuser", False),
    ],
)
def test_the_case_page_shows_personal_data_only_to_staff_working_on_it(client, world, who, full):
    users, case = world
    client.force_login(users[who])
    html = client.get(reverse("workspace:case_detail", args=[case.tracking_code])).content.decode()
    assert ("张三丰" in html) is full
    assert (RESIDENT_ID in html) is full
    assert ("13800138000" in html) is full
    if not full:
        assert "1101**********002X" in html and "138****8000" in html


@pytest.mark.parametrize(
    ("who", "buttons"),
    [
        (Role.DISCLOSURE_OFFICE.value, {"告知补正", "交办承办股室", "发出收费通知"}),
        (Role.HANDLER.value, {"告知补正", "征求第三方或其他机关意见"}),
        (Role.APPROVER.value, {"作出答复决定"}),
        (Role.LEADER.value, {"作出答复决定"}),
        (Role.CONFIDENTIALITY_REVIEWER.value, set()),
    ],
)
def test_each_role_sees_the_buttons_the_workflow_gives_it(client, world, who, buttons):
    users, case = world
    client.force_login(users[who])
    response = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    shown = {form.action.label for form in response.context["action_forms"]}
    assert buttons <= shown
    if not buttons:
        assert not shown
    if who == Role.HANDLER.value:
        assert "作出答复决定" not in shown and "交办承办股室" not in shown


def test_the_home_page_links_the_cases_and_shows_the_due_panel(client, world):
    users, _ = world
    client.force_login(users[Role.DISCLOSURE_OFFICE.value])
    html = client.get(reverse("workspace:home")).content.decode()
    assert "查看和办理申请" in html and "申请期限提醒" in html
    client.force_login(users[Role.ADMINISTRATOR.value])
    assert "查看和办理申请" not in client.get(reverse("workspace:home")).content.decode()
