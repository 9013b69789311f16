"""An item's content as staff enter it, its revisions, its plain text, and its index number."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import nh3
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.pages.rich_text import sanitise_body
from gongkai.publications.models import (
    Category,
    DisclosureCatalogueEntry,
    IndexNumberCounter,
    ItemRevision,
    PublishedItem,
)
from gongkai.publications.workflow import WorkflowError

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "DEFAULT_INDEX_NUMBER_PATTERN",
    "ItemContent",
    "apply_revision",
    "assign_index_number",
    "copy_revision",
    "latest_revision",
    "plain_text",
    "save_revision",
]

DEFAULT_INDEX_NUMBER_PATTERN = "{prefix}/{year}-{seq:05d}"


@dataclass(frozen=True, slots=True)
class ItemContent:
    """What staff write: the title, the body (plain text or allowed HTML) and the metadata."""

    title: str
    body: str
    category: Category
    issuer: str = ""  # default: the agency's name
    date_written: dt.date | None = None
    subject: str = ""
    document_number: str = ""
    is_normative_document: bool = False
    explainer: PublishedItem | None = None
    catalogue_entry: DisclosureCatalogueEntry | None = None


_BREAKS = re.compile(r"<br\s*/?>|</(p|h[2-4]|li|tr|blockquote)>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")
_NEWLINES = re.compile(r"\n{2,}")


def plain_text(body_html: str) -> str:
    """Return the words of sanitised HTML, one line per paragraph (for search and the scan)."""
    text = nh3.clean(_BREAKS.sub("\n", body_html), tags=set())
    text = html.unescape(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _NEWLINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def _validated(content: ItemContent, agency_id: int, item: PublishedItem | None) -> str:
    title = content.title.strip()
    if not title:
        raise WorkflowError("标题不能为空")
    if content.category.agency_id != agency_id:
        raise WorkflowError("信息分类不属于本机关")
    entry = content.catalogue_entry
    if entry is not None and entry.agency_id != agency_id:
        raise WorkflowError("公开事项不属于本机关")
    explainer = content.explainer
    if explainer is not None:
        if explainer.agency_id != agency_id:
            raise WorkflowError("解读须为本机关的信息")
        if item is not None and explainer.pk == item.pk:
            raise WorkflowError("信息不能作为自己的解读")
        if not explainer.is_public:
            raise WorkflowError("解读须为已在门户网站公开的信息")
    return title


def _metadata(content: ItemContent, issuer: str) -> dict[str, Any]:
    return {
        "category": content.category.pk,
        "catalogue_entry": content.catalogue_entry.pk if content.catalogue_entry else None,
        "issuer": issuer,
        "date_written": content.date_written.isoformat() if content.date_written else None,
        "subject": content.subject.strip(),
        "document_number": content.document_number.strip(),
        "is_normative_document": content.is_normative_document,
        "explainer": content.explainer.pk if content.explainer else None,
    }


def save_revision(
    *, item: PublishedItem, content: ItemContent, author: User | None, number: int
) -> ItemRevision:
    """Write revision `number` of `item` from `content` (sanitised); return it."""
    title = _validated(content, item.agency_id, item)
    body = sanitise_body(content.body)
    issuer = content.issuer.strip() or item.agency.name
    return ItemRevision.objects.create(
        item=item,
        number=number,
        title=title,
        body=body,
        body_text=plain_text(body),
        metadata=_metadata(content, issuer),
        author=author,
    )


def latest_revision(item: PublishedItem) -> ItemRevision:
    return ItemRevision.objects.get(item=item, number=item.revision_number)


def copy_revision(current: PublishedItem, author: User | None) -> None:
    """Start the next revision as a copy of the latest (attachments, revisions of a public
    item): reviews are of a numbered revision, so anything added must make a new number."""
    latest = latest_revision(current)
    number = current.revision_number + 1
    ItemRevision.objects.create(
        item=current,
        number=number,
        title=latest.title,
        body=latest.body,
        body_text=latest.body_text,
        metadata=latest.metadata,
        author=author,
    )
    current.revision_number = number


def apply_revision(item: PublishedItem, revision: ItemRevision) -> None:
    """Copy a revision's content onto the item's columns (unsaved): what the public sees."""
    meta = revision.metadata
    item.title = revision.title
    item.body = revision.body
    item.body_text = revision.body_text
    item.category_id = meta["category"]
    item.catalogue_entry_id = meta["catalogue_entry"]
    item.issuer = meta["issuer"]
    written = meta["date_written"]
    item.date_written = dt.date.fromisoformat(written) if written else None
    item.subject = meta["subject"]
    item.document_number = meta["document_number"]
    item.is_normative_document = meta["is_normative_document"]
    item.explainer_id = meta["explainer"]


def assign_index_number(item: PublishedItem, *, year: int) -> str:
    """Return the next index number of the item's agency for `year` (call inside a transaction).

    The counter row is locked, so two publications never share a number; the counter only goes
    up and items are never deleted, so a number is never given out twice. The pattern is
    `settings.GONGKAI_INDEX_NUMBER_PATTERN` (fields: prefix — the agency's 索引号前缀, or its
    code when it has none —, agency_code, year, seq).
    """
    pattern = getattr(settings, "GONGKAI_INDEX_NUMBER_PATTERN", DEFAULT_INDEX_NUMBER_PATTERN)
    try:
        with transaction.atomic():
            IndexNumberCounter.objects.get_or_create(agency_id=item.agency_id, year=year)
    except IntegrityError:
        pass  # created meanwhile by a concurrent publication: lock that row below
    counter = IndexNumberCounter.objects.select_for_update().get(
        agency_id=item.agency_id, year=year
    )
    while True:
        counter.last += 1
        number = pattern.format(
            prefix=item.agency.index_prefix or item.agency.code,
            agency_code=item.agency.code,
            year=year,
            seq=counter.last,
        )
        # A pattern changed mid-year could meet an earlier number: skip it, never reuse it.
        if not PublishedItem.objects.filter(index_number=number).exists():
            break
    counter.save(update_fields=["last"])
    return str(number)


def local_year(moment: dt.datetime) -> int:
    return timezone.localtime(moment).year
