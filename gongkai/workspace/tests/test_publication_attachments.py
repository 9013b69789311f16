"""Removing an attachment on the workspace: the button and its confirmation, the POST with the
version seen, who may, and a published item's file staying on the portal until the revision."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.publications.models import ItemAttachment, PublishedItem
from gongkai.publications.services import item_attach, item_revise
from gongkai.publications.tests.factories import Team, draft, make_team, publish_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_team(code="ws-att")


def attach(team: Team, item: PublishedItem, name: str = "附件一.txt") -> ItemAttachment:
    item.refresh_from_db()
    return item_attach(
        item=item, actor=team.handler, seen_version=item.version, name=name, data=b"text"
    )


def remove(client: Client, item: PublishedItem, attachment: ItemAttachment, **data):
    item.refresh_from_db()
    url = reverse("workspace:publication_detach", args=[item.pk, attachment.pk])
    return client.post(url, {"version": item.version, **data})


def detail(client: Client, item: PublishedItem) -> str:
    return client.get(reverse("workspace:publication_detail", args=[item.pk])).content.decode()


def test_the_author_removes_an_attachment_after_confirming(client, team):
    # given a draft with two attachments, seen by its author
    item = draft(team)
    first = attach(team, item)
    attach(team, item, name="附件二.txt")
    client.force_login(team.handler)
    page = detail(client, item)
    form_url = reverse("workspace:publication_detach", args=[item.pk, first.pk])
    assert f'action="{form_url}"' in page and "csrfmiddlewaretoken" in page
    assert "确定移除附件“附件一.txt”吗？" in page and "确认移除" in page

    # when the removal is confirmed
    response = remove(client, item, first)

    # then it is removed in a new revision and the page says so
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:publication_detail", args=[item.pk])
    first.refresh_from_db()
    item.refresh_from_db()
    assert first.removed_in_revision == item.revision_number == 4
    page = detail(client, item)
    assert "已移除附件“附件一.txt”。" in page
    listed = page[page.index('<ul id="attachments">') :].split("</ul>")[0]
    assert "附件二.txt" in listed and "附件一.txt" not in listed


def test_a_stale_or_missing_version_removes_nothing(client, team):
    item = draft(team)
    stale = item.version  # before the attachment was added
    attachment = attach(team, item)
    client.force_login(team.handler)
    url = reverse("workspace:publication_detach", args=[item.pk, attachment.pk])
    response = client.post(url, {"version": stale}, follow=True)
    assert "该信息已被他人更新，请刷新后重试。" in response.content.decode()
    assert client.post(url, {}).status_code == 400
    attachment.refresh_from_db()
    assert attachment.removed_in_revision is None


def test_the_removal_needs_a_post_with_the_csrf_token(team):
    item = draft(team)
    attachment = attach(team, item)
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.handler)
    url = reverse("workspace:publication_detach", args=[item.pk, attachment.pk])
    assert client.get(url).status_code == 405
    item.refresh_from_db()
    assert client.post(url, {"version": item.version}).status_code == 403
    attachment.refresh_from_db()
    assert attachment.removed_in_revision is None


def test_only_those_who_may_edit_the_draft_may_remove(client, team):
    item = draft(team)
    attachment = attach(team, item)
    # an approver sees the item but may not edit it: no button, and the POST is refused
    client.force_login(team.approver)
    assert "确认移除" not in detail(client, item)
    assert remove(client, item, attachment).status_code == 403
    # a handler of another agency does not see the item at all
    client.force_login(make_member(agency=make_agency(code="ws-att-2"), role=Role.HANDLER))
    assert remove(client, item, attachment).status_code == 404
    # the attachment of another item is not found under this one
    client.force_login(team.handler)
    other = draft(team, title="另一条信息")
    assert remove(client, other, attachment).status_code == 404
    attachment.refresh_from_db()
    assert attachment.removed_in_revision is None


def test_a_published_file_stays_on_the_portal_until_the_revision_is_published(client, team):
    # given a published item with an attachment: no button while nothing is being revised
    item = draft(team, title="防汛工作安排")
    attachment = attach(team, item)
    item = publish_revision(team, item)
    client.force_login(team.handler)
    assert "确认移除" not in detail(client, item)

    # when a revision is started and the file removed from it
    item = item_revise(item=item, actor=team.handler, seen_version=item.version, reason="更新")
    assert "门户网站仍显示该附件，直至本次更新的新版本发布。" in detail(client, item)
    assert remove(client, item, attachment).status_code == 302

    # then the workspace lists it as leaving, and the portal still offers it
    page = detail(client, item)
    assert "附件一.txt" in page[page.index('<ul id="leaving">') :].split("</ul>")[0]
    assert "附件一.txt" in client.get(f"/items/{item.pk}/").content.decode()
