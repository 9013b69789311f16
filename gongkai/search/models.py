"""The search index's own table: one row per public item, with the segmented shadow text.

The full-text structure on top of it is database-specific and made by migration 0002: on
SQLite an FTS5 table `search_fts` (external content: this table) kept in step by triggers; on
PostgreSQL a generated `tsvector` column `search_vector` with a GIN index. Django never reads
or writes either directly; `gongkai.search.backends` queries them.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class SearchDocument(models.Model):
    """What the portal's search finds for one public item (its public version)."""

    item = models.OneToOneField(
        "publications.PublishedItem",
        verbose_name="信息",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    category = models.ForeignKey(
        "publications.Category", verbose_name="信息分类", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("发布年度")
    published_at = models.DateTimeField("发布时间")
    title = models.CharField("标题", max_length=255)
    text = models.TextField("正文（纯文本）", blank=True)  # body and text attachments: snippets
    title_words = models.TextField("标题分词")
    text_words = models.TextField("正文分词", blank=True)
    # The filters as words (agency17 category5 year2024), so that SQLite's FTS5 filters inside
    # its own index instead of joining this table for every match (decision 0006).
    facets = models.TextField("筛选词", blank=True, default="")
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["agency", "year"], name="search_doc_agency_year"),
            models.Index(fields=["agency", "category"], name="search_doc_agency_category"),
        ]

    def __str__(self) -> str:
        return self.title
