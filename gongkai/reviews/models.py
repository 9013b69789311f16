"""Complaint (投诉/举报) and ReviewCase (行政复议, 行政诉讼) about an agency's disclosure work.

Complaints feed section 一(五) 监督保障 of the annual report; review cases feed table 四
(docs/decisions/0004-table-four-counting.md says which cases count in which year).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q


class ComplaintSource(models.TextChoices):
    """How a complaint reached the agency (application-procedure.md §15, 条例第四十七、五十一条)."""

    COMPETENT_DEPARTMENT = "competent_department", "主管部门转办"
    SUPERIOR = "superior", "上级交办"
    DIRECT = "direct", "直接投诉举报"


class Complaint(models.Model):
    """A complaint or report (投诉/举报) about the agency's disclosure work, and how it ended."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="complaints"
    )
    source = models.CharField("来源", max_length=32, choices=ComplaintSource.choices)
    received_on = models.DateField("收到日期")
    subject = models.CharField("投诉举报事项", max_length=500)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="相关申请",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    outcome = models.TextField("处理结果", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "投诉举报"
        verbose_name_plural = "投诉举报"
        ordering: ClassVar[list[str]] = ["-received_on", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
                name="complaint_closed_after_received",
            ),
            # A closed complaint says how it ended.
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(outcome=""),
                name="complaint_closed_has_outcome",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["agency", "received_on"], name="complaint_agency_received_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.received_on:%Y-%m-%d} {self.subject[:40]}"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class ReviewKind(models.TextChoices):
    """The three blocks of table 四; values are the report's JSON keys (report-json.md)."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration", "行政诉讼（复议后起诉）"


class ReviewRole(models.TextChoices):
    """The agency's part in the case.

    国办公开办函〔2016〕201号: where the reconsideration organ (复议机关) is sued as co-defendant
    together with the original agency, only the original agency counts the case in table 四.
    The organ keeps its record (for its own files) with the role CO_DEFENDANT; it is not counted.
    """

    ORIGINAL_AGENCY = "original_agency", "原行政行为机关"
    CO_DEFENDANT = "co_defendant", "复议机关（共同被告）"


class ReviewCaseResult(models.TextChoices):
    """Table 四's results; values are the report's JSON keys. PENDING until decided."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


DECIDED_RESULTS = (ReviewCaseResult.UPHELD, ReviewCaseResult.CORRECTED, ReviewCaseResult.OTHER)


class ReviewCase(models.Model):
    """A reconsideration (行政复议) or lawsuit (行政诉讼) challenging the agency's disclosure work.

    `agency` is the agency that keeps the record: the one whose conduct is challenged, or — with
    `our_role` CO_DEFENDANT — the reconsideration organ sued beside it. `filed_on` is the day
    the reconsideration application or the suit was filed (收到申请或起诉之日); `decided_on`
    the day of the decision or judgment that ended it, with its `result`.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="review_cases",
    )
    kind = models.CharField("类别", max_length=40, choices=ReviewKind.choices)
    our_role = models.CharField(
        "本机关地位",
        max_length=32,
        choices=ReviewRole.choices,
        default=ReviewRole.ORIGINAL_AGENCY,
    )
    case_number = models.CharField("案号", max_length=64, blank=True)
    subject = models.CharField("案由", max_length=500, blank=True)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="相关申请",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_cases",
    )
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField(
        "结果",
        max_length=16,
        choices=ReviewCaseResult.choices,
        default=ReviewCaseResult.PENDING,
    )
    decided_on = models.DateField("审结日期", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"
        ordering: ClassVar[list[str]] = ["-filed_on", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # Pending exactly while there is no decision date.
            models.CheckConstraint(
                condition=(Q(result=ReviewCaseResult.PENDING) & Q(decided_on__isnull=True))
                | (~Q(result=ReviewCaseResult.PENDING) & Q(decided_on__isnull=False)),
                name="review_case_pending_iff_undecided",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("filed_on")),
                name="review_case_decided_after_filed",
            ),
            # A reconsideration organ is a co-defendant only in a suit after reconsideration
            # (行政诉讼法第二十六条第二款).
            models.CheckConstraint(
                condition=Q(our_role=ReviewRole.ORIGINAL_AGENCY)
                | Q(kind=ReviewKind.LITIGATION_AFTER_RECONSIDERATION),
                name="review_case_co_defendant_after_reconsideration",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["agency", "filed_on"], name="review_case_agency_filed_idx"),
        ]

    def __str__(self) -> str:
        number = f" {self.case_number}" if self.case_number else ""
        return f"{self.get_kind_display()}{number}（{self.filed_on:%Y-%m-%d}）"

    @property
    def is_counted(self) -> bool:
        """Whether the case counts in this agency's table 四 (国办公开办函〔2016〕201号)."""
        return self.our_role == ReviewRole.ORIGINAL_AGENCY
