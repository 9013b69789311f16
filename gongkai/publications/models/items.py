"""The published item itself, and the counters its index numbers (索引号) are drawn from."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.publications.models.catalogue import Category, DisclosureCatalogueEntry
from gongkai.publications.workflow import State

STATE_CHOICES = [(state.value, state.label) for state in State]


class Validity(models.TextChoices):
    """A document's validity (效力状态); blank for items that are not documents."""

    IN_FORCE = "in_force", "有效"
    RETIRED = "retired", "失效"
    REPEALED = "repealed", "废止"


class PublishedItem(models.Model):
    """One item of proactive disclosure (信息), from first draft to withdrawal."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    # 索引号: assigned at the first publication, never changed, never reused.
    index_number = models.CharField("索引号", max_length=64, null=True, blank=True, unique=True)
    title = models.CharField("标题", max_length=255)
    body = models.TextField("正文", blank=True)  # sanitised HTML (gongkai.pages.rich_text)
    body_text = models.TextField("正文（纯文本）", blank=True)  # for search
    category = models.ForeignKey(
        Category, verbose_name="信息分类", on_delete=models.PROTECT, related_name="items"
    )
    catalogue_entry = models.ForeignKey(
        DisclosureCatalogueEntry,
        verbose_name="公开事项",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    issuer = models.CharField("发布机构", max_length=128)
    date_written = models.DateField("成文日期", null=True, blank=True)
    subject = models.CharField("主题分类", max_length=64, blank=True)
    document_number = models.CharField("文号", max_length=64, blank=True)
    validity = models.CharField("效力状态", max_length=16, choices=Validity.choices, blank=True)
    validity_changed_on = models.DateField("失效或废止日期", null=True, blank=True)
    is_normative_document = models.BooleanField("行政规范性文件", default=False)
    explainer = models.ForeignKey(
        "self",
        verbose_name="解读",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="explains",
    )

    state = models.CharField(
        "状态", max_length=16, choices=STATE_CHOICES, default=State.DRAFT.value
    )
    is_public = models.BooleanField("在门户网站公开", default=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)  # first publication
    updated_public_at = models.DateTimeField("最近更新时间", null=True, blank=True)
    scheduled_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回理由", blank=True)
    revision_number = models.PositiveIntegerField("当前版本号", default=1)
    public_revision_number = models.PositiveIntegerField("公开版本号", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)  # optimistic lock

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering: ClassVar[list[str]] = ["-published_at", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in State]), name="item_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(is_public=False)
                | Q(index_number__isnull=False, published_at__isnull=False),
                name="item_public_has_index_number",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.WITHDRAWN.value)
                | Q(is_public=False, withdrawn_at__isnull=False),
                name="item_withdrawn_not_public",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.SCHEDULED.value) | Q(scheduled_at__isnull=False),
                name="item_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=Q(validity__in=["", Validity.IN_FORCE.value])
                | Q(validity_changed_on__isnull=False),
                name="item_retired_has_date",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="item_version_positive"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["agency", "is_public", "category", "-published_at"],
                name="item_public_by_category",
            ),
            models.Index(fields=["agency", "is_public", "published_at"], name="item_public_date"),
            # Partial indexes for the portal: `is_public` as the index's condition (an
            # equality on a boolean column is not used to seek on SQLite); read backwards,
            # they give the lists' order (-published_at, -id) without a sort.
            models.Index(
                fields=["agency", "published_at", "id"],
                condition=models.Q(is_public=True),
                name="item_public_latest",
            ),
            models.Index(
                fields=["category", "published_at", "id"],
                condition=models.Q(is_public=True),
                name="item_public_in_category",
            ),
            models.Index(
                fields=["explainer", "published_at"],
                condition=models.Q(explainer__isnull=False),
                name="item_explains",
            ),
            models.Index(fields=["agency", "state"], name="item_agency_state"),
            models.Index(fields=["state", "scheduled_at"], name="item_scheduled"),
        ]

    def __str__(self) -> str:
        return self.index_number or f"草稿 {self.pk}"

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def is_withdrawn(self) -> bool:
        return self.state == State.WITHDRAWN.value

    @property
    def is_document(self) -> bool:
        """A document (文件) carries a document number or is a normative document."""
        return bool(self.document_number) or self.is_normative_document


class IndexNumberCounter(models.Model):
    """The last sequence number given out for an agency and year (locked while numbering)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "索引号计数"
        verbose_name_plural = "索引号计数"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["agency", "year"], name="index_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"
