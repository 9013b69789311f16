"""Writes on an item's attachments: each one is a new revision of the item's content.

Errors: `WorkflowError` (the workflow refuses, or the file is refused; Chinese message),
`PermissionDenied` (no role in the agency), `ConcurrentChange` (the item changed since the
actor loaded it).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile

from gongkai.applications.attachments import DEFAULT_TYPES, sniff_content_type
from gongkai.publications.models import ItemAttachment, PublishedItem
from gongkai.publications.services.base import act
from gongkai.publications.services.content import copy_revision
from gongkai.publications.workflow import Action, WorkflowError

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["item_attach"]

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
            name=name.strip()[:255] or "附件",
            content_type=content_type,
            size=len(data),
            extracted_text=text,
            added_in_revision=current.revision_number,
            uploaded_by=actor,
        )
        attachment.file.save(attachment.token, ContentFile(data), save=False)
        attachment.save()
        created.append(attachment)

    act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.UPDATE,
        reason=f"添加附件：{name.strip()[:100]}",
        apply=apply,
    )
    return created[0]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")
