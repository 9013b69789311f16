"""Role × page for the publishing pages: who may open what (200), who is refused (403),
who is sent to sign in; an item of an agency one cannot see is 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.publications.tests.factories import draft, make_team

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, NOT_FOUND, TO_LOGIN = 200, 403, 404, "login"
WORKERS = {
    Role.DISCLOSURE_OFFICE, Role.HANDLER, Role.APPROVER, Role.CONFIDENTIALITY_REVIEWER,
    Role.LEADER,
}  # fmt: skip
AUTHORS = {Role.DISCLOSURE_OFFICE, Role.HANDLER}
CATALOGUE = {Role.DISCLOSURE_OFFICE, Role.LEADER}


def expected(who: str, page: str):
    if who in ("anonymous", "no role"):
        # A user without a role cannot sign in: its session counts for nothing.
        return TO_LOGIN
    if who == "superuser":
        return FORBIDDEN if page in ("new", "edit") else OK
    if who in ("no role", Role.ADMINISTRATOR.value):
        return FORBIDDEN
    if who == "other agency":
        # A handler elsewhere: its own list and drafts, never this agency's item.
        return {"detail": NOT_FOUND, "edit": NOT_FOUND, "catalogue": FORBIDDEN}.get(page, OK)
    role = Role(who)
    if page in ("list", "detail"):
        return OK if role in WORKERS else FORBIDDEN
    if page in ("new", "edit"):
        return OK if role in AUTHORS else FORBIDDEN
    return OK if role in CATALOGUE else FORBIDDEN


@pytest.fixture
def world():
    team = make_team(code="mx-pub")
    item = draft(team)
    other = make_agency(code="mx-other")
    users = {
        "anonymous": None,
        "no role": make_user(),
        "superuser": make_user(is_superuser=True, is_staff=True),
        "other agency": make_member(agency=other, role=Role.HANDLER),
        Role.HANDLER.value: team.handler,
        Role.DISCLOSURE_OFFICE.value: team.office,
        Role.APPROVER.value: team.approver,
        Role.CONFIDENTIALITY_REVIEWER.value: team.reviewer,
        Role.LEADER.value: make_member(agency=team.agency, role=Role.LEADER),
        Role.ADMINISTRATOR.value: make_member(agency=team.agency, role=Role.ADMINISTRATOR),
    }
    pages = {
        "list": reverse("workspace:publication_list"),
        "new": reverse("workspace:publication_new"),
        "detail": reverse("workspace:publication_detail", args=[item.pk]),
        "edit": reverse("workspace:publication_edit", args=[item.pk]),
        "catalogue": reverse("workspace:publication_catalogue"),
    }
    return users, pages


def outcome(response):
    if response.status_code == 302:
        if response["Location"].startswith(reverse("workspace:login")):
            return TO_LOGIN
        return response["Location"]
    return response.status_code


def test_every_role_gets_what_it_may_on_every_publishing_page(client, world):
    users, pages = world
    failures = []
    for who, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for page, url in pages.items():
            got = outcome(client.get(url))
            if got != expected(who, page):
                failures.append(f"{who} {page}: got {got}, expected {expected(who, page)}")
    assert not failures, "\n".join(failures)


def test_a_submitted_item_can_no_longer_be_edited_and_the_item_page_is_get_only(client, world):
    users, pages = world
    client.force_login(users[Role.HANDLER.value])
    assert client.post(pages["detail"]).status_code == 405
    from gongkai.publications.models import PublishedItem
    from gongkai.publications.services import item_submit

    item = PublishedItem.objects.get(pk=int(pages["detail"].rstrip("/").split("/")[-1]))
    item_submit(item=item, actor=users[Role.HANDLER.value], seen_version=item.version)
    assert client.get(pages["edit"]).status_code == 403
