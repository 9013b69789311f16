"""The files published with an item, each belonging to a run of its revisions."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.applications.procedure.attachments import type_label
from gongkai.publications.models.items import PublishedItem


def attachment_path(instance: ItemAttachment, filename: str) -> str:
    return f"publications/{instance.item_id}/{instance.token}"


class AttachmentQuerySet(models.QuerySet[Any]):
    def in_revision(self, number: int) -> AttachmentQuerySet:
        """The attachments revision `number` carries: added in it or before, not removed by it."""
        return self.filter(added_in_revision__lte=number).exclude(removed_in_revision__lte=number)


class ItemAttachment(models.Model):
    """A file published with an item; type sniffed from its content, size limited.

    Adding and removing make new revisions: an attachment belongs to the revisions from
    `added_in_revision` up to, not including, `removed_in_revision` (`in_revision`). Nothing
    is deleted. `removed_at` is when the removal reached the public: at once for a file the
    public version does not carry, else when the revision that removed it is published; so the
    public version's files are also those added by then and without `removed_at`, as
    gongkai.search.index reads them. `extracted_text` holds a text file's words for the
    confidentiality scan and search.
    """

    item = models.ForeignKey(
        PublishedItem, verbose_name="信息", on_delete=models.PROTECT, related_name="attachments"
    )
    token = models.CharField("存储名", max_length=64, unique=True)
    file = models.FileField("文件", upload_to=attachment_path, max_length=255)
    name = models.CharField("文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=128)
    size = models.PositiveBigIntegerField("大小（字节）")
    extracted_text = models.TextField("文本内容", blank=True)
    added_in_revision = models.PositiveIntegerField("加入版本")
    removed_in_revision = models.PositiveIntegerField("移除版本", null=True, blank=True)
    removed_at = models.DateTimeField("移除时间", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "信息附件"
        verbose_name_plural = "信息附件"
        ordering: ClassVar[list[str]] = ["item", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(removed_in_revision__isnull=True)
                | Q(removed_in_revision__gt=models.F("added_in_revision")),
                name="attachment_removed_after_added",
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | Q(removed_in_revision__isnull=False),
                name="attachment_removed_in_a_revision",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        """The file type in words (PDF 文件), as the staff pages show it."""
        return type_label(self.content_type)
