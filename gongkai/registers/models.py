"""The registers behind table 二 (主动公开政府信息情况, annual-report-format.md §3).

- `RegulatoryDocument`: rules (规章) and normative documents (行政规范性文件), issued and repealed;
- `RegisterOpeningBalance`: how many documents of a kind were in force at the end of a year, as
  the agency's own earlier figure, for agencies that bring past years in as a count;
- `AdministrativeDecision` and `DecisionMonthlyTotal`: licensing, penalty and enforcement
  decisions, one by one or as a month's total (a month with a total uses the total);
- `FeeLedgerEntry`: administrative fees collected, in yuan.

How these make the table: docs/decisions/0005-table-two-registers.md and `selectors`.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q

FIRST_YEAR = 2008
"""The 条例 took effect on 1 May 2008: no register year before it."""


class DocumentKind(models.TextChoices):
    """Table 二's first block; values are the report's JSON keys (report-json.md)."""

    RULE = "rules", "规章"
    NORMATIVE_DOCUMENT = "normative_documents", "行政规范性文件"


class DocumentSource(models.TextChoices):
    MANUAL = "manual", "手工登记"
    PUBLICATION = "publication", "主动公开发布"


class RegulatoryDocument(models.Model):
    """A rule or normative document of `agency`: issued on `issued_on`, in force until
    `repealed_on` (None while in force).

    `publication` is the publications item that brought the document in (source PUBLICATION);
    one item, one document.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="regulatory_documents",
    )
    kind = models.CharField("类别", max_length=32, choices=DocumentKind.choices)
    title = models.CharField("标题", max_length=500)
    document_number = models.CharField("文号", max_length=100, blank=True)
    issued_on = models.DateField("制发日期")
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    source = models.CharField(
        "来源", max_length=16, choices=DocumentSource.choices, default=DocumentSource.MANUAL
    )
    publication = models.OneToOneField(
        "publications.PublishedItem",
        verbose_name="主动公开信息",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="register_entry",
    )
    notes = models.TextField("备注", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        ordering: ClassVar[list[str]] = ["-issued_on", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(repealed_on__isnull=True) | Q(repealed_on__gte=F("issued_on")),
                name="regulatory_document_repealed_after_issued",
            ),
            # Brought in by a publication exactly when it names the item.
            models.CheckConstraint(
                condition=(Q(source=DocumentSource.PUBLICATION) & Q(publication__isnull=False))
                | (~Q(source=DocumentSource.PUBLICATION) & Q(publication__isnull=True)),
                name="regulatory_document_publication_iff_item",
            ),
            # A document number (文号) names one document of the issuing agency.
            models.UniqueConstraint(
                fields=["agency", "document_number"],
                condition=~Q(document_number=""),
                name="regulatory_document_number_unique",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["agency", "kind", "issued_on"], name="regdoc_agency_issued_idx"),
        ]

    def __str__(self) -> str:
        number = f"（{self.document_number}）" if self.document_number else ""
        return f"{self.title}{number}"

    @property
    def in_force(self) -> bool:
        return self.repealed_on is None


class RegisterOpeningBalance(models.Model):
    """`in_force` documents of `kind` were in force on 31 December of `year`, by the agency's
    own count (its printed report, its old ledger) — the starting point for later years when
    the register does not hold every document issued before."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="register_opening_balances",
    )
    kind = models.CharField("类别", max_length=32, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    in_force = models.PositiveIntegerField("年末现行有效件数")
    notes = models.TextField("依据", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "现行有效件数年末结余"
        verbose_name_plural = "现行有效件数年末结余"
        ordering: ClassVar[list[str]] = ["agency", "kind", "year"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year"], name="opening_balance_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="opening_balance_year_from_2008"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} 年末{self.get_kind_display()}现行有效 {self.in_force} 件"


class DecisionKind(models.TextChoices):
    """The decision rows of table 二; values are the report's JSON keys."""

    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    ENFORCEMENT = "enforcement", "行政强制"


class AdministrativeDecision(models.Model):
    """One licensing, penalty or enforcement decision (决定书) of `agency`, made `decided_on`."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="administrative_decisions",
    )
    kind = models.CharField("类别", max_length=16, choices=DecisionKind.choices)
    decided_on = models.DateField("决定日期")
    reference = models.CharField("决定书文号", max_length=100, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政许可、处罚、强制决定"
        verbose_name_plural = "行政许可、处罚、强制决定"
        ordering: ClassVar[list[str]] = ["-decided_on", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["agency", "kind", "reference"],
                condition=~Q(reference=""),
                name="decision_reference_unique",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["agency", "decided_on"], name="decision_agency_decided_idx"),
        ]

    def __str__(self) -> str:
        reference = f" {self.reference}" if self.reference else ""
        return f"{self.get_kind_display()}决定{reference}（{self.decided_on:%Y-%m-%d}）"


class TotalSource(models.TextChoices):
    IMPORT = "import", "台账导入"
    MANUAL = "manual", "手工填报"


class DecisionMonthlyTotal(models.Model):
    """`count` decisions of `kind` made by `agency` in `month` of `year` (from its business
    system or ledger). Where a month has a total, the total is that month's figure and the
    decisions recorded one by one in that month are not counted again."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="decision_monthly_totals",
    )
    kind = models.CharField("类别", max_length=16, choices=DecisionKind.choices)
    year = models.PositiveSmallIntegerField("年份")
    month = models.PositiveSmallIntegerField("月份")
    count = models.PositiveIntegerField("数量")
    source = models.CharField("来源", max_length=16, choices=TotalSource.choices)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "行政决定月度数量"
        verbose_name_plural = "行政决定月度数量"
        ordering: ClassVar[list[str]] = ["agency", "year", "month", "kind"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "month"], name="decision_total_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="decision_total_month_1_12"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="decision_total_year_from_2008"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月{self.get_kind_display()}决定 {self.count} 件"


class FeeLedgerEntry(models.Model):
    """Administrative fees (行政事业性收费) of `amount_yuan` yuan collected on `collected_on`."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="fee_ledger_entries",
    )
    collected_on = models.DateField("收费日期")
    amount_yuan = models.DecimalField("金额（元）", max_digits=16, decimal_places=2)
    item = models.CharField("收费项目", max_length=200)
    basis = models.CharField("收费依据", max_length=500, blank=True)
    receipt_number = models.CharField("票据号", max_length=64, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政事业性收费台账"
        verbose_name_plural = "行政事业性收费台账"
        ordering: ClassVar[list[str]] = ["-collected_on", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(amount_yuan__gt=0), name="fee_amount_positive"),
            models.UniqueConstraint(
                fields=["agency", "receipt_number"],
                condition=~Q(receipt_number=""),
                name="fee_receipt_number_unique",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["agency", "collected_on"], name="fee_agency_collected_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.amount_yuan} 元（{self.collected_on:%Y-%m-%d}）"
