"""LetterTemplate (versioned, per agency or system default) and IssuedLetter (a stored letter).

Nothing is deleted or changed in place: saving a template adds a version, issuing a letter adds
a row with its files. A letter's files hold the applicant's name: they live under MEDIA_ROOT,
are never served as static media, and go out only through views that check the case.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.letters.composition.kinds import LetterKind

KIND_CHOICES = [(kind.value, kind.label) for kind in LetterKind]


class LetterTemplate(models.Model):
    """One version of the template of a letter `kind` (and, for replies, an outcome or group).

    `agency` null: the system default every agency uses until it saves its own. `outcome` is ""
    for notices, an outcome group (OutcomeHeading) or one outcome (Outcome) of the catalogue.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="空：系统默认模板",
    )
    kind = models.CharField("文书种类", max_length=32, choices=KIND_CHOICES)
    outcome = models.CharField("办理结果", max_length=64, blank=True, default="")
    version = models.PositiveIntegerField("版本")
    title = models.CharField("标题", max_length=128)
    body = models.TextField("正文模板")
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保存人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField("保存时间", default=timezone.now)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering: ClassVar[list[str]] = ["agency", "kind", "outcome", "-version"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["agency", "kind", "outcome", "version"],
                name="letter_template_version_unique",
            ),
            # NULLs are distinct in a unique index: the system defaults need their own.
            models.UniqueConstraint(
                fields=["kind", "outcome", "version"],
                condition=Q(agency__isnull=True),
                name="letter_template_default_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="letter_template_version_positive"
            ),
        ]

    def __str__(self) -> str:
        owner = self.agency.name if self.agency is not None else "系统默认"
        outcome = f"（{self.outcome}）" if self.outcome else ""
        return f"{owner}·{LetterKind(self.kind).label}{outcome}·第{self.version}版"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("模板的已保存版本不可修改，请保存为新版本。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("模板版本不可删除。")


def letter_path(instance: IssuedLetter, filename: str) -> str:
    """Store letters by agency and year; the name carries the tracking code, not the applicant."""
    return f"letters/{instance.agency_id}/{instance.letter_date:%Y}/{filename}"


class IssuedLetter(models.Model):
    """A letter as issued: its number, date, kind, the template version used and its files."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="申请",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
    )
    tracking_code = models.CharField("申请编码", max_length=32, db_index=True)
    kind = models.CharField("文书种类", max_length=32, choices=KIND_CHOICES)
    outcome = models.CharField("办理结果", max_length=64, blank=True, default="")
    year = models.PositiveIntegerField("年度")
    sequence = models.PositiveIntegerField("序号")
    number = models.CharField("文号", max_length=64)
    letter_date = models.DateField("成文日期")
    title = models.CharField("标题", max_length=128)
    text = models.TextField("全文")
    template = models.ForeignKey(
        LetterTemplate, verbose_name="所用模板", on_delete=models.PROTECT, related_name="+"
    )
    docx_file = models.FileField("Word 文件", upload_to=letter_path, max_length=255, blank=True)
    pdf_file = models.FileField("PDF 文件", upload_to=letter_path, max_length=255, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="制发人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField("制发时间", default=timezone.now)

    class Meta:
        verbose_name = "已制发文书"
        verbose_name_plural = "已制发文书"
        ordering: ClassVar[list[str]] = ["-issued_at", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["agency", "year", "sequence"], name="issued_letter_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        # Never personal data: the number and the tracking code name the letter.
        return f"{self.number} {LetterKind(self.kind).label}（{self.tracking_code}）"

    def download_name(self, fmt: str) -> str:
        """The file name a download offers: the tracking code and the letter's Chinese name,
        never the stored kind (2026-ABCD2345-更正申请答复书-7.pdf)."""
        return f"{self.tracking_code}-{LetterKind(self.kind).label}-{self.sequence}.{fmt}"


class LetterSettings(models.Model):
    """An agency's facts every reply or notice prints, set once instead of typed per letter.

    Blank fields fall back to defaults (`selectors.letter_settings_for`): the court to
    “人民法院”, the 文号 prefix to 依申请公开. The reconsideration organ has none: no reply is
    issued until it is set. Changed only through `services.letter_settings_save` (audited).
    """

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="letter_settings",
    )
    reconsideration_organ = models.CharField(
        "行政复议机关", max_length=128, blank=True, help_text="如“驻马店市人民政府”。"
    )
    court = models.CharField(
        "人民法院", max_length=128, blank=True, help_text="不填则写作“人民法院”。"
    )
    number_prefix = models.CharField(
        "文号前缀",
        max_length=32,
        blank=True,
        help_text="如“驻统公开”，文号为 驻统公开〔2026〕7号。",
    )
    fee_payment_method = models.CharField(
        "缴费方式",
        max_length=500,
        blank=True,
        help_text="收费通知书载明的缴费方式，如缴款账户或缴费地点。",
    )
    office_address = models.CharField(
        "受理地点及通信地址",
        max_length=255,
        blank=True,
        help_text="补正告知书载明的现场提交和邮寄地址。",
    )
    updated_at = models.DateTimeField("更新时间", default=timezone.now)

    class Meta:
        verbose_name = "文书设置"
        verbose_name_plural = "文书设置"

    def __str__(self) -> str:
        return f"{self.agency.name}的文书设置"
