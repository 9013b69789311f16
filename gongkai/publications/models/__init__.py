"""Categories, published items with their revisions, attachments, events and reviews, the
index-number counters and the disclosure catalogue.

Fields and database constraints only; every change goes through `services` (ARCHITECTURE
rule 2), which alone set `state`, `is_public`, `index_number` and `version`. Nothing is
deleted: a withdrawn item keeps its row and its URL (the portal shows a withdrawal notice).

What the public sees: an item whose `is_public` is true. Its `title`, `body`, `body_text` and
metadata columns always hold the public version once published; a new version being revised
lives in its latest `ItemRevision` until it is published and copied over.

The models live in `catalogue` (categories, 政务公开事项目录), `items` (the item, index-number
counters), `history` (revisions, events, confidentiality reviews) and `attachments`; this
package is where Django and every caller find them (migration 0001 names
`gongkai.publications.models.attachment_path`).
"""

from gongkai.publications.models.attachments import (
    AttachmentQuerySet,
    ItemAttachment,
    attachment_path,
)
from gongkai.publications.models.catalogue import (
    Article20Item,
    CatalogueTiming,
    Category,
    Dimension,
    DisclosureCatalogueEntry,
)
from gongkai.publications.models.history import (
    ACTION_CHOICES,
    ConfidentialityReview,
    ItemEvent,
    ItemRevision,
    ReviewOutcome,
)
from gongkai.publications.models.items import (
    STATE_CHOICES,
    IndexNumberCounter,
    PublishedItem,
    Validity,
)

__all__ = [
    "ACTION_CHOICES",
    "STATE_CHOICES",
    "Article20Item",
    "AttachmentQuerySet",
    "CatalogueTiming",
    "Category",
    "ConfidentialityReview",
    "Dimension",
    "DisclosureCatalogueEntry",
    "IndexNumberCounter",
    "ItemAttachment",
    "ItemEvent",
    "ItemRevision",
    "PublishedItem",
    "ReviewOutcome",
    "Validity",
    "attachment_path",
]
