"""Which agency a new draft belongs to: the only one an author may draft in, or the one chosen
among several; never one where the person has no authoring role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Membership, Role
from gongkai.agencies.services import membership_revoke
from gongkai.publications.models import Category, PublishedItem
from gongkai.publications.tests.factories import make_team

pytestmark = pytest.mark.django_db

NEW = reverse("workspace:publication_new")


@pytest.fixture
def teams():
    """A handler of the first agency who is also the office of the second and an approver
    (not an author) of the third."""
    first, second, third = (make_team(code=code) for code in ("ws-na-1", "ws-na-2", "ws-na-3"))
    author = first.handler
    Membership.objects.create(user=author, agency=second.agency, role=Role.DISCLOSURE_OFFICE)
    Membership.objects.create(user=author, agency=third.agency, role=Role.APPROVER)
    return first, second, third


def draft_fields(category: Category) -> dict[str, object]:
    return {"title": "关于开展安全生产检查的通知", "category": category.pk, "body": "正文"}


def test_an_author_of_one_agency_gets_the_form_at_once(client: Client):
    team = make_team(code="ws-na-only")
    client.force_login(team.handler)
    response = client.get(NEW)
    assert response.status_code == 200
    assert response.context["agency"] == team.agency and "form" in response.context
    assert "选择其他机关" not in response.content.decode()


def test_an_author_of_several_agencies_chooses_first(client: Client, teams):
    first, second, third = teams
    client.force_login(first.handler)

    # when they open the new-draft page, then they see a link per agency they may draft in
    html = client.get(NEW).content.decode()
    listed = html[html.index('<ul id="agencies">') :].split("</ul>")[0]
    assert f'href="{NEW}?agency={first.agency.code}"' in listed
    assert f'href="{NEW}?agency={second.agency.code}"' in listed
    assert third.agency.code not in listed  # an approver there, not an author
    assert 'name="title"' not in html

    # when they choose the second, then its form, with its categories, says which agency
    response = client.get(f"{NEW}?agency={second.agency.code}")
    assert response.status_code == 200 and response.context["agency"] == second.agency
    page = response.content.decode()
    assert second.agency.name in page and "选择其他机关" in page
    category = response.context["form"].fields["category"]
    assert list(category.queryset) == [second.category]

    # and the draft saved there belongs to the second agency
    response = client.post(f"{NEW}?agency={second.agency.code}", draft_fields(second.category))
    assert response.status_code == 302
    assert PublishedItem.objects.get(title="关于开展安全生产检查的通知").agency == second.agency


def test_a_post_without_a_chosen_agency_saves_nothing(client: Client, teams):
    first, _, _ = teams
    client.force_login(first.handler)
    response = client.post(NEW, draft_fields(first.category))
    assert response.status_code == 400 and "请选择本条信息的发布机关" in response.content.decode()
    assert not PublishedItem.objects.exists()


def test_no_draft_in_an_agency_without_an_authoring_role(client: Client, teams):
    first, _, third = teams
    client.force_login(first.handler)
    # an agency where they are an approver, and one that does not exist
    for code in (third.agency.code, "no-such-agency"):
        assert client.get(f"{NEW}?agency={code}").status_code == 403
    response = client.post(f"{NEW}?agency={third.agency.code}", draft_fields(third.category))
    assert response.status_code == 403
    # nor with another agency's category slipped into the form of their own
    response = client.post(f"{NEW}?agency={first.agency.code}", draft_fields(third.category))
    assert response.status_code == 400
    assert not PublishedItem.objects.exists()


def test_a_revoked_role_no_longer_counts(client: Client, teams):
    first, second, _ = teams
    membership = Membership.objects.get(user=first.handler, agency=second.agency)
    membership_revoke(actor=None, membership=membership)
    client.force_login(first.handler)
    assert client.get(f"{NEW}?agency={second.agency.code}").status_code == 403
    response = client.get(NEW)
    assert response.status_code == 200 and response.context["agency"] == first.agency
