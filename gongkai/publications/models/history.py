"""An item's append-only history: its revisions, events and confidentiality reviews."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from gongkai.publications.models.items import STATE_CHOICES, PublishedItem
from gongkai.publications.workflow import Action

ACTION_CHOICES = [
    ("create", "新建草稿"),
    ("import", "导入已发布信息"),
    *((action.value, action.label) for action in Action),
]


class _AppendOnlyQuerySet(models.QuerySet[Any]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("历史记录不可删除。")

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("历史记录不可修改。")


class _AppendOnly(models.Model):
    """A row written once: saved when new, never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("历史记录不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("历史记录不可删除。")


class ItemRevision(_AppendOnly):
    """One saved version of an item's title, body and metadata (every save is a new row)."""

    item = models.ForeignKey(
        PublishedItem, verbose_name="信息", on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField("版本号")
    title = models.CharField("标题", max_length=255)
    body = models.TextField("正文", blank=True)
    body_text = models.TextField("正文（纯文本）", blank=True)
    # The other fields as saved (ids and ISO dates): category, issuer, dates, 文号, …
    metadata = models.JSONField("其他信息", default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保存人",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "信息版本"
        verbose_name_plural = "信息版本"
        ordering: ClassVar[list[str]] = ["item", "number"]
        default_permissions = ("add", "view")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["item", "number"], name="item_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item} 第{self.number}版"


class ItemEvent(_AppendOnly):
    """One thing done to an item: who, what, from → to, why (append-only history)."""

    item = models.ForeignKey(
        PublishedItem, verbose_name="信息", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("操作", max_length=32, choices=ACTION_CHOICES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_state = models.CharField("原状态", max_length=16, choices=STATE_CHOICES, blank=True)
    to_state = models.CharField("新状态", max_length=16, choices=STATE_CHOICES)
    revision_number = models.PositiveIntegerField("版本号")
    reason = models.TextField("理由", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "信息操作记录"
        verbose_name_plural = "信息操作记录"
        ordering: ClassVar[list[str]] = ["item", "id"]
        default_permissions = ("add", "view")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["item", "action"], name="item_event_action"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.get_action_display()}"


class ReviewOutcome(models.TextChoices):
    CLEARED = "cleared", "通过"
    REJECTED = "rejected", "不通过"


class ConfidentialityReview(_AppendOnly):
    """One confidentiality review (保密审查) of one version of an item.

    The checklist records that the reviewer checked each kind of protected information and
    found none; `findings` is the automatic scan (gongkai.publications.scan) as it was, and
    `overrides` maps a finding's key to the reason it may be published all the same.
    """

    item = models.ForeignKey(
        PublishedItem, verbose_name="信息", on_delete=models.PROTECT, related_name="reviews"
    )
    revision_number = models.PositiveIntegerField("审查版本")
    no_state_secrets = models.BooleanField("不涉及国家秘密")
    no_personal_information = models.BooleanField("不涉及个人隐私")
    no_trade_secrets = models.BooleanField("不涉及商业秘密")
    findings = models.JSONField("自动检查发现", default=list, blank=True)
    overrides = models.JSONField("确认可公开（含理由）", default=dict, blank=True)
    outcome = models.CharField("结论", max_length=16, choices=ReviewOutcome.choices)
    reason = models.TextField("意见", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审查时间")

    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"
        ordering: ClassVar[list[str]] = ["item", "id"]
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return f"{self.item} 第{self.revision_number}版保密审查"
