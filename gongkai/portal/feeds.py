"""Atom feeds per category (`/categories/<slug>/feed/`) and the sitemap (`/sitemap.xml`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.selectors import portal_agency
from gongkai.portal.disclosure import the_agency
from gongkai.publications.models import Category, PublishedItem
from gongkai.publications.selectors import public_items

__all__ = ["SITEMAPS", "CategoryFeed"]

# django-stubs makes Feed and Sitemap generic; at run time they are not subscriptable.
if TYPE_CHECKING:
    _CategoryFeedBase = Feed[PublishedItem, Category]
    _ItemSitemapBase = Sitemap[PublishedItem]
    _SectionSitemapBase = Sitemap[str]
    _CategorySitemapBase = Sitemap[Category]
else:
    _CategoryFeedBase = Feed
    _ItemSitemapBase = _SectionSitemapBase = _CategorySitemapBase = Sitemap

FEED_ITEMS = 30


class CategoryFeed(_CategoryFeedBase):
    """The latest public items of one category, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Category:
        return get_object_or_404(Category, agency=the_agency(), slug=slug)

    def title(self, obj: Category) -> str:
        return f"{obj.agency.name} · {obj.name}"

    def link(self, obj: Category) -> str:
        return reverse("portal:category", args=[obj.slug])

    def subtitle(self, obj: Category) -> str:
        return f"{obj.agency.name}主动公开的“{obj.name}”信息"

    def items(self, obj: Category) -> list[PublishedItem]:
        return list(public_items(agency=obj.agency, category=obj)[:FEED_ITEMS])

    def item_title(self, item: PublishedItem) -> str:
        return item.title

    def item_description(self, item: PublishedItem) -> str:
        return item.body_text[:300]

    def item_link(self, item: PublishedItem) -> str:
        return reverse("portal:item", args=[item.pk])

    def item_pubdate(self, item: PublishedItem) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: PublishedItem) -> dt.datetime | None:
        return item.updated_public_at or item.published_at


class ItemSitemap(_ItemSitemapBase):
    changefreq = "monthly"
    limit = 5000

    def items(self) -> Iterable[PublishedItem]:
        agency = portal_agency()
        if agency is None:
            return PublishedItem.objects.none()
        return (
            public_items(agency=agency)
            .select_related(None)
            .only("id", "updated_public_at", "published_at")
        )

    def location(self, item: PublishedItem) -> str:
        return reverse("portal:item", args=[item.pk])

    def lastmod(self, item: PublishedItem) -> dt.datetime | None:
        return item.updated_public_at or item.published_at


class SectionSitemap(_SectionSitemapBase):
    changefreq = "weekly"

    def items(self) -> list[str]:
        names = ["portal:home", "portal:guide", "portal:policies", "portal:statutory"]
        return [*names, "portal:apply"]

    def location(self, item: str) -> str:
        return reverse(item)


class CategorySitemap(_CategorySitemapBase):
    changefreq = "daily"

    def items(self) -> list[Category]:
        agency = portal_agency()
        if agency is None:
            return []
        return list(Category.objects.filter(agency=agency).order_by("order", "id"))

    def location(self, item: Category) -> str:
        return reverse("portal:category", args=[item.slug])


SITEMAPS = {"sections": SectionSitemap, "categories": CategorySitemap, "items": ItemSitemap}
