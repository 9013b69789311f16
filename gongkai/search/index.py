"""Keep the search index in step with what the portal shows.

The publications services call `search_index_item(item)` after publishing, publishing a
revision, retiring, and `search_remove_item(item)` after withdrawing (a withdrawn item keeps
its page, with the notice, but is no longer found). `search_index_item` itself removes an item
that is not public, so calling it after any change is always right. `search_reindex` rebuilds
everything (`gongkai search reindex`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.publications.models import PublishedItem
from gongkai.publications.selectors import public_attachments
from gongkai.search.backends import facet_words
from gongkai.search.models import SearchDocument
from gongkai.search.segmentation import segment

__all__ = ["search_index_item", "search_reindex", "search_remove_item"]


def _public_text(item: PublishedItem) -> str:
    """The public version's plain text: body, then the text of its attachments."""
    parts = [item.body_text]
    attachments = public_attachments(item).exclude(extracted_text="")
    parts.extend(attachments.values_list("extracted_text", flat=True))
    return "\n".join(part for part in parts if part)


def _record_words(item: PublishedItem) -> str:
    """The words of the item's catalogue record that a citizen may search by: the publishing
    body (发布机构), the index number (索引号), the document number (文号) and the subject."""
    record = (item.issuer, item.index_number or "", item.document_number, item.subject)
    return segment(" ".join(part for part in record if part))


def search_index_item(item: PublishedItem) -> SearchDocument | None:
    """Index the item's public version, or remove it from the index if it is not public."""
    if not item.is_public or item.published_at is None:
        search_remove_item(item)
        return None
    text = _public_text(item)
    year = timezone.localtime(item.published_at).year
    document, _ = SearchDocument.objects.update_or_create(
        item_id=item.pk,
        defaults={
            "agency_id": item.agency_id,
            "category_id": item.category_id,
            "year": year,
            "published_at": item.published_at,
            "title": item.title,
            "text": text,
            "title_words": segment(item.title),
            "text_words": " ".join(filter(None, (segment(text), _record_words(item)))),
            "facets": facet_words(
                agency_id=item.agency_id, category_id=item.category_id, year=year
            ),
        },
    )
    return document


def search_remove_item(item: PublishedItem) -> None:
    """Take the item out of the index (withdrawn, or never public)."""
    SearchDocument.objects.filter(item_id=item.pk).delete()


def search_reindex(*, agency_id: int | None = None, batch: int = 500) -> int:
    """Rebuild the index from the items (one agency's, or all); return how many are indexed."""
    items = PublishedItem.objects.all()
    stale = SearchDocument.objects.all()
    if agency_id is not None:
        items = items.filter(agency_id=agency_id)
        stale = stale.filter(agency_id=agency_id)
    count = 0
    with transaction.atomic():
        stale.exclude(item__is_public=True).delete()
        for item in items.filter(is_public=True).iterator(chunk_size=batch):
            search_index_item(item)
            count += 1
    return count
