"""What a publication sets off elsewhere, inside the same transaction as the action itself.

The portal's search index follows what is public (published, revised, retired: indexed;
withdrawn: taken out), and the portal's cached pages are renewed (the content version moves
on: gongkai.pages.portal_version). A 行政规范性文件 published through the path enters its
agency's register (table 二 counts it); retired (失效/废止), it is repealed there. Kept
apart from the item actions so that they read as the path alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from gongkai.pages.portal_version import portal_content_changed
from gongkai.registers.services import (
    register_normative_document_from_publication,
    repeal_normative_document_of_publication,
)
from gongkai.search.index import search_index_item

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.publications.models import PublishedItem

__all__ = ["after_publication", "after_retirement", "after_withdrawal"]

FollowUp = Callable[["PublishedItem"], None]


def after_publication(actor: User | None) -> FollowUp:
    """The follow-up of publishing an item (first publication or a revision)."""

    def follow(item: PublishedItem) -> None:
        search_index_item(item)
        portal_content_changed()
        if item.is_normative_document:
            register_normative_document_from_publication(item=item, actor=actor)

    return follow


def after_retirement(actor: User | None, *, on: dt.date) -> FollowUp:
    """The follow-up of declaring a published document 失效 or 废止 from `on`."""

    def follow(item: PublishedItem) -> None:
        search_index_item(item)
        portal_content_changed()
        if item.is_normative_document:
            repeal_normative_document_of_publication(item=item, repealed_on=on, actor=actor)

    return follow


def after_withdrawal() -> FollowUp:
    """The follow-up of withdrawing an item: no longer found by search (its page stays)."""

    def follow(item: PublishedItem) -> None:
        search_index_item(item)  # the item is no longer public: the index drops it
        portal_content_changed()  # its page shows the withdrawal notice at once

    return follow
