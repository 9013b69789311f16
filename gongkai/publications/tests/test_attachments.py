"""Attachments through the services: removal makes a revision, is audited, keeps the file, and
reaches the public (page and search) only when the revision that removed it is published."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.tests.factories import make_user
from gongkai.audit.models import AuditEvent
from gongkai.publications.models import ItemAttachment, ItemEvent, PublishedItem
from gongkai.publications.selectors import latest_attachments, public_attachments
from gongkai.publications.services import (
    ConcurrentChange,
    WorkflowError,
    item_attach,
    item_detach,
    item_findings,
    item_revise,
    item_submit,
)
from gongkai.publications.tests.factories import (
    Team,
    draft,
    make_team,
    publish_revision,
    published,
)
from gongkai.search.index import search_index_item
from gongkai.search.selectors import search

pytestmark = pytest.mark.django_db

SCHEDULE = "水库汛期调度方案\n联系电话 13812345678\n".encode()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def attach(team: Team, item: PublishedItem, name: str = "调度方案.txt") -> ItemAttachment:
    item.refresh_from_db()
    return item_attach(
        item=item, actor=team.handler, seen_version=item.version, name=name, data=SCHEDULE
    )


def detach(team: Team, item: PublishedItem, attachment: ItemAttachment, actor=None):
    item.refresh_from_db()
    return item_detach(
        item=item,
        attachment=attachment,
        actor=actor or team.handler,
        seen_version=item.version,
    )


def test_removing_from_a_draft_makes_a_revision_and_keeps_the_file() -> None:
    # given a draft with a text attachment (revision 2)
    team = make_team()
    item = draft(team)
    attachment = attach(team, item)
    assert item_findings(item)  # the scan reads the attachment's phone number
    added = AuditEvent.objects.filter(object_id=str(item.pk)).latest("id")
    assert added.action == "publication.attach"

    # when the handler removes it
    removed = detach(team, item, attachment)

    # then revision 3 no longer carries it, and nothing was deleted
    item.refresh_from_db()
    assert item.revision_number == 3 and item.state == "draft"
    assert removed.removed_in_revision == 3 and removed.removed_at is not None
    assert list(latest_attachments(item)) == []
    assert item_findings(item) == ()
    assert ItemAttachment.objects.filter(pk=attachment.pk).exists()
    assert removed.file.storage.exists(removed.file.name)
    # and the history and the audit log say so
    event = ItemEvent.objects.filter(item=item).latest("id")
    assert (event.action, event.reason, event.revision_number) == (
        "update",
        "移除附件：调度方案.txt",
        3,
    )
    audit = AuditEvent.objects.filter(object_id=str(item.pk)).latest("id")
    assert audit.action == "publication.detach"
    assert audit.after is not None and audit.after["reason"] == "移除附件：调度方案.txt"


def test_a_removal_with_a_stale_version_writes_nothing() -> None:
    # given a draft with an attachment, and a version seen before someone else saved
    team = make_team()
    item = draft(team)
    attachment = attach(team, item)
    item.refresh_from_db()
    stale = item.version
    attach(team, item, name="另一个.txt")

    # when the removal is sent with the old version, then refused
    with pytest.raises(ConcurrentChange):
        item_detach(item=item, attachment=attachment, actor=team.handler, seen_version=stale)

    # and the attachment is still in the latest revision
    attachment.refresh_from_db()
    assert attachment.removed_in_revision is None and attachment.removed_at is None


def test_removal_is_refused_where_attaching_is() -> None:
    team = make_team()
    item = draft(team)
    attachment = attach(team, item)
    # a role that may not edit the draft
    with pytest.raises(WorkflowError, match="无权"):
        detach(team, item, attachment, actor=team.approver)
    # someone with no role in the agency
    with pytest.raises(PermissionDenied):
        detach(team, item, attachment, actor=make_user())
    # an attachment of another item
    other = draft(team, title="另一条信息")
    with pytest.raises(WorkflowError, match="不属于本信息"):
        detach(team, other, attachment)
    # once submitted, the version under review is fixed
    item.refresh_from_db()
    item_submit(item=item, actor=team.handler, seen_version=item.version)
    with pytest.raises(WorkflowError, match="待审核"):
        detach(team, item, attachment)
    attachment.refresh_from_db()
    assert attachment.removed_in_revision is None


def test_an_attachment_is_removed_once() -> None:
    team = make_team()
    item = draft(team)
    attachment = attach(team, item)
    detach(team, item, attachment)
    with pytest.raises(WorkflowError, match="已移除"):
        detach(team, item, attachment)
    item.refresh_from_db()
    assert item.revision_number == 3


def test_a_published_item_loses_an_attachment_only_through_a_published_revision() -> None:
    # given a published item whose attachment is public and found by search
    team = make_team()
    item = draft(team, title="防汛工作安排", body="做好今年防汛工作。")
    attachment = attach(team, item)
    item = publish_revision(team, item)
    assert list(public_attachments(item)) == [attachment]
    assert search("水库", agency=team.agency).item_ids == [item.pk]

    # when it cannot be removed from the public version directly
    with pytest.raises(WorkflowError, match="已发布"):
        detach(team, item, attachment)

    # and is removed in a revision being prepared
    item = item_revise(item=item, actor=team.handler, seen_version=item.version, reason="更新")
    removed = detach(team, item, attachment)
    item.refresh_from_db()

    # then the public version still carries it: page and search, even after a reindex
    assert removed.removed_in_revision == item.revision_number and removed.removed_at is None
    assert list(public_attachments(item)) == [attachment]
    assert list(latest_attachments(item)) == []
    search_index_item(item)
    assert search("水库", agency=team.agency).item_ids == [item.pk]

    # when the revision is published
    item = publish_revision(team, item)

    # then the attachment has left the public version, and search follows
    attachment.refresh_from_db()
    assert attachment.removed_at is not None
    assert list(public_attachments(item)) == []
    assert search("水库", agency=team.agency).item_ids == []
    assert search("防汛", agency=team.agency).item_ids == [item.pk]


def test_a_file_added_and_removed_within_a_revision_was_never_public() -> None:
    # given a published item under revision, with a file added in the new version
    team = make_team()
    item = published(team)
    item = item_revise(item=item, actor=team.handler, seen_version=item.version, reason="补充")
    attachment = attach(team, item)

    # when that file is removed again
    removed = detach(team, item, attachment)

    # then it is marked removed at once (the public never saw it)
    assert removed.removed_at is not None
    item.refresh_from_db()
    assert list(public_attachments(item)) == [] and list(latest_attachments(item)) == []


def test_a_removal_belongs_to_a_later_revision_than_the_addition() -> None:
    team = make_team()
    item = draft(team)
    attachment = attach(team, item)
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemAttachment.objects.filter(pk=attachment.pk).update(
            removed_in_revision=attachment.added_in_revision
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemAttachment.objects.filter(pk=attachment.pk).update(removed_at=timezone.now())


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("gbk", b""), ("gb18030", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_a_text_attachment_in_gbk_or_utf16_is_accepted_and_read(encoding, bom) -> None:
    # given a text file saved by Chinese Windows as "ANSI" (GBK) or as "Unicode" (UTF-16)
    team = make_team()
    item = draft(team)
    data = bom + SCHEDULE.decode().encode(encoding)

    # when it is attached
    attachment = item_attach(
        item=item, actor=team.handler, seen_version=item.version, name="调度方案.txt", data=data
    )

    # then it is a text attachment whose text is read, and the scan finds the phone number
    assert attachment.content_type == "text/plain"
    assert attachment.extracted_text.startswith("水库汛期调度方案")
    assert item_findings(item)


def test_binary_data_is_still_not_taken_for_text() -> None:
    from gongkai.applications.procedure.attachments import sniff_content_type

    assert sniff_content_type(bytes(range(256)) * 16) == "application/octet-stream"
    assert sniff_content_type(b"\xff\xfe" + b"\x00\x00" * 100) == "application/octet-stream"


def test_an_attachment_whose_transaction_fails_leaves_no_file(settings, monkeypatch) -> None:
    # given the audit write after the file fails (as "database is locked" did on SQLite)
    from pathlib import Path

    from gongkai.audit import changes

    team = make_team()
    item = draft(team)

    def locked(**kwargs: object) -> None:
        raise IntegrityError("database is locked")

    monkeypatch.setattr(changes, "record_event", locked)
    # when a file is attached
    with pytest.raises(IntegrityError):
        attach(team, item)
    # then no record and no file are left
    assert not ItemAttachment.objects.exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []


def test_a_name_over_255_characters_keeps_its_extension() -> None:
    team = make_team()
    item = draft(team)
    long_name = "水库" * 150 + ".txt"
    attachment = attach(team, item, name=long_name)
    assert len(attachment.name) == 255 and attachment.name.endswith(".txt")
