"""Writes on an item's attachments: adding or removing one makes a new revision of the item.

Which states allow it: those in which the item's content may be edited (the workflow's
UPDATE: a draft, first or a revision of a published item being prepared), by the roles that
may edit it (承办人, 公开办). Once submitted, the version under review is fixed.

Removing never deletes the file, and never changes what the public sees at once: the
revision that removes it is recorded (`removed_in_revision`); a file the public version
carries stays on the item's public page and in search until that revision is published
(`publish_removals`, called by the publication), while a file the public has never seen is
marked removed (`removed_at`) at once. So removing needs no search or portal follow-up of its
own; the publication's follow-up (`follow_up.after_publication`) does it.

Errors: `WorkflowError` (the workflow refuses, or the file is refused; Chinese message),
`PermissionDenied` (no role in the agency), `ConcurrentChange` (the item changed since the
actor loaded it).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from gongkai.applications.procedure.attachments import (
    DEFAULT_TYPES,
    fit_file_name,
    sniff_content_type,
    text_encoding,
)
from gongkai.publications.models import ItemAttachment, PublishedItem
from gongkai.publications.services.base import act
from gongkai.publications.services.content import copy_revision
from gongkai.publications.workflow import Action, WorkflowError
from gongkai.stored_files import files_removed_on_rollback, written

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["item_attach", "item_detach", "publish_removals"]

_TEXT_ATTACHMENT_LIMIT = 2 * 1024 * 1024  # characters kept for the scan and search


def item_attach(
    *, item: PublishedItem, actor: User, seen_version: int, name: str, data: bytes
) -> ItemAttachment:
    """Attach a file to a draft (a new revision); the type is read from the content."""
    limit = int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
    allowed = frozenset(getattr(settings, "GONGKAI_ATTACHMENT_TYPES", DEFAULT_TYPES))
    if not data:
        raise WorkflowError("附件是空文件")
    if len(data) > limit:
        raise WorkflowError(f"附件超过 {limit // (1024 * 1024)} MB 的上限")
    content_type = sniff_content_type(data[:4096])
    if content_type not in allowed:
        raise WorkflowError(f"不接受此类文件（{content_type}）")
    text = ""
    if content_type == "text/plain":
        text = _decode(data)[:_TEXT_ATTACHMENT_LIMIT]
    created: list[ItemAttachment] = []

    def apply(current: PublishedItem) -> None:
        copy_revision(current, actor)
        attachment = ItemAttachment(
            item=current,
            token=secrets.token_hex(16),
            name=fit_file_name(name),
            content_type=content_type,
            size=len(data),
            extracted_text=text,
            added_in_revision=current.revision_number,
            uploaded_by=actor,
        )
        attachment.file.save(attachment.token, ContentFile(data), save=False)
        written(attachment.file)
        attachment.save()
        created.append(attachment)

    with files_removed_on_rollback():  # a refused or conflicting change leaves no file behind
        act(
            item=item,
            actor=actor,
            seen_version=seen_version,
            action=Action.UPDATE,
            audit_action="publication.attach",
            reason=f"添加附件：{name.strip()[:100]}",
            apply=apply,
        )
    return created[0]


def _decode(data: bytes) -> str:
    """The text of a text attachment, for the scan and the search: UTF-16 by its BOM, else
    UTF-8 (with or without BOM), else GB18030; a byte that does not decode is replaced."""
    encoding = text_encoding(data[:4096])
    if encoding is not None and encoding.startswith("utf-16"):
        return data[2:].decode(encoding, errors="replace")  # after the BOM
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def item_detach(
    *, item: PublishedItem, attachment: ItemAttachment, actor: User, seen_version: int
) -> ItemAttachment:
    """Remove an attachment from the draft (a new revision); nothing is deleted.

    Allowed when attaching is. A file of the public version stays public until the revision
    that removes it is published (module docstring).
    """
    removed: list[ItemAttachment] = []

    def check(current: PublishedItem) -> None:
        fresh = ItemAttachment.objects.filter(pk=attachment.pk, item=current).first()
        if fresh is None:
            raise WorkflowError("该附件不属于本信息")
        carried = ItemAttachment.objects.filter(pk=fresh.pk).in_revision(current.revision_number)
        if not carried.exists():
            raise WorkflowError(f"附件“{fresh.name}”已移除")
        removed.append(fresh)

    def apply(current: PublishedItem) -> None:
        (fresh,) = removed
        public = current.public_revision_number if current.is_public else None
        copy_revision(current, actor)
        fresh.removed_in_revision = current.revision_number
        if public is None or fresh.added_in_revision > public:
            fresh.removed_at = timezone.now()  # the public has never seen it
        fresh.save(update_fields=["removed_in_revision", "removed_at"])

    act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.UPDATE,
        audit_action="publication.detach",
        reason=f"移除附件：{attachment.name[:100]}",
        check=check,
        apply=apply,
    )
    attachment.refresh_from_db()
    return attachment


def publish_removals(item: PublishedItem, moment: dt.datetime) -> int:
    """Mark removed, at `moment`, the files the revision being published no longer carries.

    Called while publishing `item.revision_number`; returns how many left the public version.
    """
    return ItemAttachment.objects.filter(
        item=item, removed_at__isnull=True, removed_in_revision__lte=item.revision_number
    ).update(removed_at=moment)
