"""An agency's annual report for a year in the database, and its versions.

`AgencyReport` is one agency's report for one year: where its working version stands in the
workflow (`reporting.workflow`), the optimistic `version` every action compares, and which
version the portal shows. `ReportVersion` is one version of it: the whole report in the JSON
contract `gongkai.annual-report/1` (tables and narrative), the findings of its last check and
the explanation written for each warning, who signed it and when it was published, and, for a
correction, the dated 更正说明 with every changed cell. A published version is frozen: its
tables are a snapshot that records entered later do not move. Nothing is deleted.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from gongkai.reporting.workflow import INITIAL_STATE, State

__all__ = ["AgencyReport", "ReportVersion"]


class AgencyReport(models.Model):
    """One agency's 政府信息公开工作年度报告 for one year."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    state = models.CharField(
        "状态",
        max_length=16,
        choices=[(s.value, s.label) for s in State],
        default=INITIAL_STATE.value,
    )
    version = models.PositiveIntegerField("记录版本", default=0)  # optimistic lock
    public_version = models.ForeignKey(
        "ReportVersion",
        verbose_name="门户公开的版本",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering: ClassVar[list[str]] = ["agency", "-year"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["agency", "year"], name="report_one_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    @property
    def is_public(self) -> bool:
        return self.public_version_id is not None


class VersionSource(models.TextChoices):
    GENERATED = "generated", "由系统数据生成"
    IMPORTED = "imported", "导入已发布的报告文件"


class ReportVersion(models.Model):
    """One version of a report; frozen once published (a correction is a new version)."""

    report = models.ForeignKey(
        AgencyReport, verbose_name="年度报告", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("版本号")
    source = models.CharField(
        "来源", max_length=16, choices=VersionSource.choices, default=VersionSource.GENERATED
    )
    source_file = models.CharField("导入文件名", max_length=255, blank=True)
    data: models.JSONField[dict[str, Any]] = models.JSONField("报告内容")  # annual-report/1
    # The narrative sections as the data wrote them at the last refresh: a refresh rewrites a
    # section only while the office has left it as generated.
    generated_text: models.JSONField[dict[str, str]] = models.JSONField(
        "系统生成的正文", default=dict, blank=True
    )
    findings: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        "检查发现", default=list, blank=True
    )
    explanations: models.JSONField[dict[str, str]] = models.JSONField(
        "警告说明", default=dict, blank=True
    )
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)
    refreshed_at = models.DateTimeField("报表更新时间", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField("签发时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_late = models.BooleanField("逾期发布", default=False)
    correction_note = models.TextField("更正说明", blank=True)
    changes: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        "更正的单元格和章节", default=list, blank=True
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告版本"
        verbose_name_plural = "年度报告版本"
        ordering: ClassVar[list[str]] = ["report", "number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A published version is what the portal showed on its date: never rewritten.
        if self.pk is not None and self.published_at is not None:
            stored = ReportVersion.objects.filter(pk=self.pk).values("published_at").first()
            if stored is not None and stored["published_at"] is not None:
                raise PermissionError("已发布的年度报告版本不可修改，更正须另立新版本。")
        super().save(*args, **kwargs)
