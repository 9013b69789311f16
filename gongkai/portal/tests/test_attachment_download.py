"""A published item's attachments download from the portal, and nothing else does: not a
draft's file, not a withdrawn item's, not the media folder. Validators and byte ranges."""

from __future__ import annotations

import re

import pytest

from gongkai.publications.models import ItemAttachment, PublishedItem
from gongkai.publications.services import item_attach, item_detach, item_revise, item_withdraw
from gongkai.publications.tests.factories import Team, draft, make_team, publish_revision

pytestmark = pytest.mark.django_db

DATA = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def team() -> Team:
    return make_team(code="portal-files")


def attach(team: Team, item: PublishedItem, name: str = "调度方案.pdf") -> ItemAttachment:
    item.refresh_from_db()
    return item_attach(
        item=item, actor=team.handler, seen_version=item.version, name=name, data=DATA
    )


def published_with_file(team: Team) -> tuple[PublishedItem, ItemAttachment]:
    item = draft(team)
    attachment = attach(team, item)
    return publish_revision(team, item), attachment


def test_the_item_page_links_a_file_that_downloads(client, team) -> None:
    # given a published item with a PDF
    item, attachment = published_with_file(team)

    # when a citizen follows the link on the item's page
    html = client.get(f"/items/{item.pk}/").content.decode()
    link = re.search(r'<a href="([^"]+)" download>调度方案\.pdf</a>', html)
    assert link is not None
    response = client.get(link.group(1))

    # then the file comes, named, with its validators, never from /media/
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DATA
    assert "/media/" not in link.group(1)
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"] == f'"{attachment.token}"'
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, no-cache"
    assert response["Accept-Ranges"] == "bytes"


def test_a_cached_copy_is_revalidated_with_a_304(client, team) -> None:
    item, attachment = published_with_file(team)
    url = f"/items/{item.pk}/attachments/{attachment.pk}/"
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_one_byte_range_is_served_and_a_bad_one_refused(client, team) -> None:
    item, attachment = published_with_file(team)
    url = f"/items/{item.pk}/attachments/{attachment.pk}/"
    part = client.get(url, headers={"Range": "bytes=10-19"})
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == DATA[10:20]
    assert part["Content-Range"] == f"bytes 10-19/{len(DATA)}"
    assert part["Content-Length"] == "10"
    tail = client.get(url, headers={"Range": "bytes=-5"})
    assert b"".join(tail.streaming_content) == DATA[-5:]
    beyond = client.get(url, headers={"Range": f"bytes={len(DATA)}-"})
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(DATA)}"
    # a stale If-Range gets the whole (changed) file, not a piece of it
    stale = client.get(url, headers={"Range": "bytes=10-19", "If-Range": '"other"'})
    assert stale.status_code == 200


def test_a_drafts_file_and_a_withdrawn_items_file_are_not_served(client, team) -> None:
    # given a published item with a file, and a second file added in a revision being prepared
    item, public_file = published_with_file(team)
    item = item_revise(item=item, actor=team.handler, seen_version=item.version, reason="补充附件")
    draft_file = attach(team, item, name="未发布.pdf")
    unpublished = draft(team, title="草稿")
    never_public = attach(team, unpublished, name="草稿附件.pdf")

    # then only the public version's file is served
    assert client.get(f"/items/{item.pk}/attachments/{public_file.pk}/").status_code == 200
    assert client.get(f"/items/{item.pk}/attachments/{draft_file.pk}/").status_code == 404
    assert client.get(f"/items/{unpublished.pk}/attachments/{never_public.pk}/").status_code == 404
    # another item's id with this file's id
    assert client.get(f"/items/{unpublished.pk}/attachments/{public_file.pk}/").status_code == 404

    # when the item is withdrawn, its file is gone from the portal too
    item.refresh_from_db()
    item_withdraw(item=item, actor=team.office, seen_version=item.version, reason="已失效")
    assert client.get(f"/items/{item.pk}/attachments/{public_file.pk}/").status_code == 404


def test_the_media_folder_is_not_served(client, team) -> None:
    _item, attachment = published_with_file(team)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    assert client.get(f"/{attachment.file.name}").status_code == 404


def test_a_missing_file_answers_a_clear_page(client, team, caplog) -> None:
    # given a published file whose storage lost it (a database-only restore)
    item, attachment = published_with_file(team)
    attachment.file.storage.delete(str(attachment.file.name))

    # when it is asked for
    response = client.get(f"/items/{item.pk}/attachments/{attachment.pk}/")

    # then a Chinese page says so, not a 500, and the administrator's log has one line
    assert response.status_code == 404
    assert "文件暂不可用" in response.content.decode()
    assert "调度方案.pdf" in response.content.decode()
    assert any("stored file missing" in r.getMessage() for r in caplog.records)


def test_a_file_removed_in_a_revision_goes_when_that_revision_is_published(client, team) -> None:
    # given a published item whose next revision removes its file
    item, attachment = published_with_file(team)
    item = item_revise(item=item, actor=team.handler, seen_version=item.version, reason="更正")
    item_detach(item=item, attachment=attachment, actor=team.handler, seen_version=item.version)
    url = f"/items/{item.pk}/attachments/{attachment.pk}/"
    # then the public still gets it while the revision is prepared
    assert client.get(url).status_code == 200
    # and no longer once it is published
    publish_revision(team, item)
    assert client.get(url).status_code == 404
