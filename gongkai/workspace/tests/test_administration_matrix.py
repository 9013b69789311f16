"""The role × page matrix for the administration and page-editing pages and the portal's pages.

Every role, anonymous, a user without a role, the superuser and the administrator of the
supervising office open every page: allowed → 200, forbidden → 403, anonymous → sign-in page.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.accounts.api_tokens import api_token_create
from gongkai.accounts.models import ApiToken
from gongkai.agencies.models import Membership, Role, Section
from gongkai.agencies.tests.factories import make_agency, make_member, make_section, make_user
from gongkai.holidays.models import OfficialDay
from gongkai.pages.models import AgencyPage, PageKind
from gongkai.pages.services import page_save

pytestmark = pytest.mark.django_db

OK, TO_LOGIN, FORBIDDEN = 200, "login", 403
ADMIN_ABOVE = "administrator of the supervising office"

# Who administers the bureau (can_administer) and who edits its pages (can_edit_pages).
ADMINISTERS = {"superuser", Role.ADMINISTRATOR.value, ADMIN_ABOVE}
EDITS_PAGES = ADMINISTERS | {Role.DISCLOSURE_OFFICE.value}
# The official calendar is national (holidays.permissions): every signed-in user reads it; the
# superuser and an administrator of any agency change it.
SIGNED_IN = "everyone signed in"
EDITS_CALENDAR = {"superuser", Role.ADMINISTRATOR.value, ADMIN_ABOVE}

WHO = [
    "anonymous",
    "no role",
    "superuser",
    ADMIN_ABOVE,
    *[role.value for role in Role],
]


@pytest.fixture
def world():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    bureau = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)
    section = make_section(agency=bureau, name="统计股")
    users = {
        "anonymous": None,
        "no role": make_user(),
        "superuser": make_user(is_superuser=True),
        ADMIN_ABOVE: make_member(agency=committee, role=Role.ADMINISTRATOR),
    }
    for role in Role:
        where = committee if role == Role.SUPERVISING_REVIEWER else bureau
        users[role.value] = make_member(
            agency=where, role=role, section=section if role == Role.HANDLER else None
        )
    page_save(actor=None, agency=bureau, kind=PageKind.GUIDE, title="指南", body="第一版")
    handler = users[Role.HANDLER.value]
    assert handler is not None
    token = api_token_create(
        actor=None, agency=bureau, system_name="政务服务平台", permissions=["applications.read"]
    ).token
    pages = {
        # name: (url, who may open it)
        "workspace:agency_list": (reverse("workspace:agency_list"), ADMINISTERS),
        "workspace:agency_detail": (
            reverse("workspace:agency_detail", args=["zmd-tjj"]),
            ADMINISTERS,
        ),
        "workspace:agency_edit": (reverse("workspace:agency_edit", args=["zmd-tjj"]), ADMINISTERS),
        "workspace:section_list": (
            reverse("workspace:section_list", args=["zmd-tjj"]),
            ADMINISTERS,
        ),
        "workspace:section_new": (reverse("workspace:section_new", args=["zmd-tjj"]), ADMINISTERS),
        "workspace:section_edit": (
            reverse("workspace:section_edit", args=["zmd-tjj", section.pk]),
            ADMINISTERS,
        ),
        "workspace:staff_list": (reverse("workspace:staff_list", args=["zmd-tjj"]), ADMINISTERS),
        "workspace:staff_new": (reverse("workspace:staff_new", args=["zmd-tjj"]), ADMINISTERS),
        "workspace:staff_detail": (
            reverse("workspace:staff_detail", args=["zmd-tjj", handler.pk]),
            ADMINISTERS,
        ),
        # API tokens: the administrators only, never the disclosure office (decision 0016)
        "workspace:api_token_list": (
            reverse("workspace:api_token_list", args=["zmd-tjj"]),
            ADMINISTERS,
        ),
        "workspace:api_token_new": (
            reverse("workspace:api_token_new", args=["zmd-tjj"]),
            ADMINISTERS,
        ),
        "workspace:api_token_revoke": (
            reverse("workspace:api_token_revoke", args=["zmd-tjj", token.pk]),
            ADMINISTERS,
        ),
        "workspace:page_list": (reverse("workspace:page_list"), EDITS_PAGES),
        "workspace:page_edit guide": (
            reverse("workspace:page_edit", args=["zmd-tjj", "guide"]),
            EDITS_PAGES,
        ),
        "workspace:page_edit policies": (
            reverse("workspace:page_edit", args=["zmd-tjj", "policies"]),
            EDITS_PAGES,
        ),
        "workspace:page_revision": (
            reverse("workspace:page_revision", args=["zmd-tjj", "guide", 1]),
            EDITS_PAGES,
        ),
        "workspace:calendar": (reverse("workspace:calendar"), SIGNED_IN),
        "workspace:calendar 2027": (reverse("workspace:calendar") + "?year=2027", SIGNED_IN),
        "workspace:calendar_day": (
            reverse("workspace:calendar_day") + "?date=2025-10-01",
            EDITS_CALENDAR,
        ),
        "workspace:calendar_notice": (reverse("workspace:calendar_notice"), EDITS_CALENDAR),
        "portal:guide": (reverse("portal:guide"), "everyone"),
        "portal:policies": (reverse("portal:policies"), "everyone"),
    }
    return users, pages


def expected(who: str, allowed) -> int | str:
    if allowed == "everyone":
        return OK
    if who in ("anonymous", "no role"):
        # A user without a role cannot sign in: its session counts for nothing.
        return TO_LOGIN
    if allowed == SIGNED_IN:
        return OK
    return OK if who in allowed else FORBIDDEN


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("workspace:login")):
        return TO_LOGIN
    return response.status_code


def test_every_role_gets_what_it_may_on_every_page(client, world):
    users, pages = world
    failures = []
    for who in WHO:
        client.logout()
        if users[who] is not None:
            client.force_login(users[who])
        for name, (url, allowed) in pages.items():
            got = outcome(client.get(url))
            if got != expected(who, allowed):
                failures.append(f"{who} × {name}: got {got}, expected {expected(who, allowed)}")
    assert not failures, "\n".join(failures)


def test_every_role_may_post_only_where_it_may_read(client, world):
    # given a membership to revoke and a form to post to each writing page
    users, _ = world
    handler_membership = Membership.objects.get(user=users[Role.HANDLER.value])
    token = ApiToken.objects.get()
    posts = [
        (
            reverse("workspace:api_token_new", args=["zmd-tjj"]),
            {"system_name": "冒名系统", "permissions": ["applications.read"]},
            ADMINISTERS,
        ),
        (reverse("workspace:api_token_revoke", args=["zmd-tjj", token.pk]), {}, ADMINISTERS),
        (reverse("workspace:section_new", args=["zmd-tjj"]), {"name": "新股室"}, ADMINISTERS),
        (reverse("workspace:staff_new", args=["zmd-tjj"]), {}, ADMINISTERS),
        (reverse("workspace:agency_edit", args=["zmd-tjj"]), {}, ADMINISTERS),
        (
            reverse("workspace:staff_detail", args=["zmd-tjj", handler_membership.user_id]),
            {"role": "leader"},
            ADMINISTERS,
        ),
        (
            reverse("workspace:staff_revoke", args=["zmd-tjj", handler_membership.pk]),
            {},
            ADMINISTERS,
        ),
        (
            reverse("workspace:page_edit", args=["zmd-tjj", "guide"]),
            {"title": "改", "body": "改"},
            EDITS_PAGES,
        ),
        (
            reverse("workspace:calendar_day"),
            {"date": "2025-10-08", "is_off_day": "false", "name": "改"},
            EDITS_CALENDAR,
        ),
        (reverse("workspace:calendar_notice"), {}, EDITS_CALENDAR),
    ]
    failures = []
    for who in WHO:
        client.logout()
        if users[who] is not None:
            client.force_login(users[who])
        for url, data, allowed in posts:
            if who in allowed:
                continue
            got = outcome(client.post(url, data))
            want = TO_LOGIN if who in ("anonymous", "no role") else FORBIDDEN
            if got != want:
                failures.append(f"{who} POST {url}: got {got}, expected {want}")
    assert not failures, "\n".join(failures)
    # and nothing was written
    handler_membership.refresh_from_db()
    assert handler_membership.revoked_at is None
    assert not Section.objects.filter(name="新股室").exists()
    assert Membership.objects.filter(role=Role.LEADER).count() == 1
    assert AgencyPage.objects.get().body == "<p>第一版</p>"
    assert not OfficialDay.objects.filter(name="改").exists()
    assert list(ApiToken.objects.values_list("system_name", "revoked_at")) == [
        ("政务服务平台", None)
    ]


def test_an_agency_administrator_cannot_administer_a_sibling_agency(client, world):
    users, _ = world
    sibling = make_agency(code="zmd-cz", name="驻马店经济开发区财政局")
    client.force_login(users[Role.ADMINISTRATOR.value])
    assert client.get(reverse("workspace:agency_detail", args=[sibling.code])).status_code == 403
    assert (
        client.get(reverse("workspace:page_edit", args=[sibling.code, "guide"])).status_code == 403
    )


def test_unknown_agencies_page_kinds_and_revisions_are_404(client, world):
    users, _ = world
    client.force_login(users["superuser"])
    for url in (
        reverse("workspace:agency_detail", args=["no-such"]),
        reverse("workspace:page_edit", args=["zmd-tjj", "news"]),
        reverse("workspace:page_revision", args=["zmd-tjj", "guide", 9]),
        reverse("workspace:page_revision", args=["zmd-tjj", "policies", 1]),
        reverse("workspace:staff_detail", args=["zmd-tjj", users["no role"].pk]),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", WHO[2:])  # not those who cannot sign in
def test_home_links_only_to_pages_the_user_may_open(client, world, who):
    users, _ = world
    client.force_login(users[who])
    html = client.get(reverse("workspace:home")).content.decode()
    assert (reverse("workspace:agency_list") in html) is (who in ADMINISTERS)
    assert (reverse("workspace:page_list") in html) is (who in EDITS_PAGES)
    assert reverse("workspace:calendar") in html
    assert (reverse("workspace:calendar_notice") in html) is (who in EDITS_CALENDAR)
