"""Administering agencies, sections and staff through the workspace: forms, messages, audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Membership, Role, Section
from gongkai.agencies.tests.factories import make_agency, make_member, make_section
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")


@pytest.fixture
def bureau(committee):
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)


@pytest.fixture
def admin(client, bureau):
    user = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def errors_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# -- agencies ---------------------------------------------------------------------------------


def test_agency_list_shows_what_the_administrator_administers(client, admin, bureau):
    html = client.get(reverse("workspace:agency_list")).content.decode()
    assert "驻马店经济开发区统计局" in html
    assert reverse("workspace:agency_detail", args=["zmd-kfq"]) not in html


def test_agency_edit_saves_and_records_before_and_after(client, admin, bureau, committee):
    # when
    response = client.post(
        reverse("workspace:agency_edit", args=["zmd-tjj"]),
        {"code": "zmd-tjj2", "name": "驻马店经济开发区统计局（新）", "kind": "department",
         "parent": committee.pk},
    )  # fmt: skip
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:agency_detail", args=["zmd-tjj2"])
    bureau.refresh_from_db()
    assert (bureau.code, bureau.name) == ("zmd-tjj2", "驻马店经济开发区统计局（新）")
    event = AuditEvent.objects.get(action="agency.update")
    assert event.actor == admin and event.agency == bureau
    assert event.before is not None and event.after is not None
    assert event.before["code"] == "zmd-tjj" and event.after["code"] == "zmd-tjj2"
    page = client.get(response["Location"]).content.decode()
    assert "已保存驻马店经济开发区统计局（新）的机关信息。" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "这个字段是必填项。"),
        ({"code": "统计局"}, "机关代码只能由字母、数字和 - _ . 组成"),
        ({"code": "zmd-kfq"}, "机关代码 zmd-kfq 已存在。"),
        ({"name": "驻马店经济开发区管理委员会"}, "机关名称“驻马店经济开发区管理委员会”已存在。"),
        ({"kind": "ministry"}, "选择一个有效的选项"),
        # an agency administrator may not make its agency a top-level one
        ({"parent": ""}, "这个字段是必填项。"),
    ],
)
def test_agency_edit_refuses_bad_input_in_chinese(
    client, admin, bureau, committee, change, message
):
    data = {"code": "zmd-tjj", "name": bureau.name, "kind": "department", "parent": committee.pk}
    response = client.post(reverse("workspace:agency_edit", args=["zmd-tjj"]), {**data, **change})
    html = errors_of(response)
    assert message in html and "请按提示更正后再提交。" in html
    assert not AuditEvent.objects.filter(action="agency.update").exists()


def test_agency_cannot_be_put_under_its_own_subordinate(client, committee, bureau):
    # given the committee's administrator, who administers both
    client.force_login(make_member(agency=committee, role=Role.ADMINISTRATOR))
    # when it tries to put the committee under the bureau
    response = client.post(
        reverse("workspace:agency_edit", args=["zmd-kfq"]),
        {"code": "zmd-kfq", "name": committee.name, "kind": "management_committee",
         "parent": bureau.pk},
    )  # fmt: skip
    # then the bureau is not even a valid choice
    assert "选择一个有效的选项" in errors_of(response)
    committee.refresh_from_db()
    assert committee.parent is None


# -- sections ---------------------------------------------------------------------------------


def test_section_create_and_rename_are_audited(client, admin, bureau):
    response = client.post(reverse("workspace:section_new", args=["zmd-tjj"]), {"name": "法规股"})
    assert response.status_code == 302
    section = Section.objects.get(agency=bureau, name="法规股")
    response = client.post(
        reverse("workspace:section_edit", args=["zmd-tjj", section.pk]), {"name": "政策法规股"}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.name == "政策法规股"
    assert list(
        AuditEvent.objects.filter(object_type="agencies.section")
        .order_by("id")
        .values_list("action", "before", "after")
    ) == [
        ("section.create", None, {"agency": "zmd-tjj", "name": "法规股"}),
        (
            "section.rename",
            {"agency": "zmd-tjj", "name": "法规股"},
            {"agency": "zmd-tjj", "name": "政策法规股"},
        ),
    ]
    html = client.get(reverse("workspace:section_list", args=["zmd-tjj"])).content.decode()
    assert "政策法规股" in html


@pytest.mark.parametrize(
    ("name", "message"), [("", "这个字段是必填项。"), ("统计股", "已有股室“统计股”")]
)
def test_section_create_refuses_bad_names_in_chinese(client, admin, bureau, name, message):
    make_section(agency=bureau, name="统计股")
    response = client.post(reverse("workspace:section_new", args=["zmd-tjj"]), {"name": name})
    assert message in errors_of(response)
    assert Section.objects.filter(agency=bureau).count() == 1


def test_a_section_of_another_agency_is_not_found_here(client, admin, committee):
    other = make_section(agency=committee, name="办公室")
    url = reverse("workspace:section_edit", args=["zmd-tjj", other.pk])
    assert client.get(url).status_code == 404


# -- staff ------------------------------------------------------------------------------------

STRONG = "Tongji-2026-zmd"


def staff_data(**change: str) -> dict[str, str]:
    data = {
        "username": "wang.fang",
        "full_name": "王芳",
        "password1": STRONG,
        "password2": STRONG,
        "role": "handler",
        "section": "",
    }
    return {**data, **change}


def test_staff_create_makes_the_account_and_its_first_role(client, admin, bureau):
    section = make_section(agency=bureau, name="统计股")
    # when
    response = client.post(
        reverse("workspace:staff_new", args=["zmd-tjj"]), staff_data(section=str(section.pk))
    )
    # then
    person = User.objects.get(username="wang.fang")
    assert response["Location"] == reverse("workspace:staff_detail", args=["zmd-tjj", person.pk])
    assert person.full_name == "王芳" and person.check_password(STRONG)
    membership = Membership.objects.get(user=person)
    assert (membership.agency, membership.role, membership.section) == (bureau, "handler", section)
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor"))
    assert actions == [("user.create", admin.pk), ("membership.grant", admin.pk)]
    assert STRONG not in str(list(AuditEvent.objects.values_list("before", "after")))
    html = client.get(response["Location"]).content.decode()
    assert "已创建账号 wang.fang（王芳），岗位：承办人。" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"username": ""}, "这个字段是必填项。"),
        ({"username": "wang fang"}, "请输入合法的用户名"),
        ({"full_name": ""}, "这个字段是必填项。"),
        ({"password2": "Tongji-2026-xxx"}, "两次输入的密码不一致。"),
        ({"password1": "12345", "password2": "12345"}, "密码太短，至少需要 10 个字符。"),
        ({"password1": "password123", "password2": "password123"}, "这个密码太常见了。"),
        ({"role": "king"}, "请选择列出的岗位。"),
        ({"role": ""}, "请选择岗位。"),
    ],
)
def test_staff_create_refuses_bad_input_in_chinese(client, admin, change, message):
    response = client.post(reverse("workspace:staff_new", args=["zmd-tjj"]), staff_data(**change))
    assert message in errors_of(response)
    assert not User.objects.filter(full_name="王芳").exists()


def test_staff_create_refuses_a_username_in_use(client, admin):
    response = client.post(
        reverse("workspace:staff_new", args=["zmd-tjj"]), staff_data(username=admin.username)
    )
    assert f"用户名 {admin.username} 已被使用。" in errors_of(response)


def test_a_section_of_another_agency_cannot_be_chosen(client, admin, committee):
    other = make_section(agency=committee, name="办公室")
    response = client.post(
        reverse("workspace:staff_new", args=["zmd-tjj"]), staff_data(section=str(other.pk))
    )
    assert "选择一个有效的选项" in errors_of(response)


def test_grant_and_revoke_keep_the_revoked_row(client, admin, bureau):
    person = make_member(agency=bureau, role=Role.HANDLER)
    detail = reverse("workspace:staff_detail", args=["zmd-tjj", person.pk])
    # when a second role is granted
    response = client.post(detail, {"role": "approver", "section": ""})
    assert response.status_code == 302
    approver = Membership.objects.get(user=person, role="approver")
    # and granted again: refused in Chinese
    again = client.post(detail, {"role": "approver", "section": ""})
    assert "已是驻马店经济开发区统计局的审核人" in errors_of(again)
    # when it is revoked
    revoke = reverse("workspace:staff_revoke", args=["zmd-tjj", approver.pk])
    assert client.post(revoke).status_code == 302
    # then the row stays, marked revoked, and both changes are audited
    approver.refresh_from_db()
    assert approver.revoked_at is not None
    assert Membership.objects.filter(user=person).count() == 2
    assert list(
        AuditEvent.objects.filter(object_type="agencies.membership")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["membership.grant", "membership.revoke"]
    # revoking twice says so instead of failing
    client.post(revoke)
    html = client.get(detail).content.decode()
    assert "该岗位已撤销。" in html and "已撤销（" in html
    staff = client.get(reverse("workspace:staff_list", args=["zmd-tjj"])).content.decode()
    assert "已撤销的岗位" in staff


def test_revoke_asks_first_and_warns_of_the_last_role(client, admin, bureau):
    # given a person with one role
    person = make_member(agency=bureau, role=Role.HANDLER)
    membership = Membership.objects.get(user=person)
    url = reverse("workspace:staff_revoke", args=["zmd-tjj", membership.pk])
    # when the administrator follows 撤销岗位
    response = client.get(url)
    # then a confirmation page asks, warns this ends the sign-in, and nothing is revoked yet
    html = response.content.decode()
    assert response.status_code == 200
    assert "确认撤销岗位" in html and "这是该人员的最后一个岗位" in html
    membership.refresh_from_db()
    assert membership.revoked_at is None
    # and with a second role there is no such warning
    make_member(agency=bureau, role=Role.LEADER, user=person)
    assert "最后一个岗位" not in client.get(url).content.decode()


def test_the_role_select_has_no_preselected_role(client, admin, bureau):
    person = make_member(agency=bureau, role=Role.HANDLER)
    for url in (
        reverse("workspace:staff_new", args=["zmd-tjj"]),
        reverse("workspace:staff_detail", args=["zmd-tjj", person.pk]),
    ):
        html = client.get(url).content.decode()
        assert '<option value="" selected>（请选择岗位）</option>' in html, url


def test_superuser_sees_every_agency(client, committee, bureau):
    from gongkai.agencies.tests.factories import make_user

    client.force_login(make_user(is_superuser=True))
    html = client.get(reverse("workspace:agency_list")).content.decode()
    assert Agency.objects.count() == 2
    assert "驻马店经济开发区管理委员会" in html and "驻马店经济开发区统计局" in html
