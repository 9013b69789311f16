"""AuditEvent: one row per state change, written by the service in the change's transaction."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("操作记录不可删除。")

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("操作记录不可修改。")


class AuditEvent(models.Model):
    """One audited action. Rows are only ever added (ARCHITECTURE rule 6: nothing is deleted)."""

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    # PROTECT everywhere: deleting a user or an agency must never take its history with it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="空：由系统命令执行",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField("操作", max_length=64)
    object_type = models.CharField("对象类型", max_length=64)
    object_id = models.CharField("对象编号", max_length=64)
    object_label = models.CharField("对象", max_length=255)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        # No change or delete permission exists to grant.
        default_permissions = ("add", "view")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["agency", "-at"], name="audit_agency_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("操作记录不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("操作记录不可删除。")
