"""The application (申请), its append-only events and its attachments.

Fields and database constraints only; every change goes through `services` (ARCHITECTURE rule
2). `state` and `outcome` are written by the services alone, from `workflow.step`. Personal
data (name, id numbers, contact details) never appears in `__str__`: the tracking code does.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from gongkai.applications.procedure.attachments import type_label
from gongkai.applications.procedure.correction import (
    CORRECTION_OUTCOME_KEYS,
    CorrectionOutcome,
    RequestKind,
    outcome_name,
)
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.receipt import CHANNEL_LABELS
from gongkai.applications.procedure.workflow import State
from gongkai.report.catalogue import APPLICANT_COLUMNS, OUTCOME_KEYS, application_row

APPLICANT_KIND_CHOICES = [(c.key, c.label) for c in APPLICANT_COLUMNS if c.key != "total"]
APPLICANT_KINDS = tuple(key for key, _ in APPLICANT_KIND_CHOICES)
OUTCOME_CHOICES = [(key, application_row(key).short_label) for key in OUTCOME_KEYS] + [
    (outcome.value, f"更正申请：{outcome.label}") for outcome in CorrectionOutcome
]
REQUEST_KIND_CHOICES = [(kind.value, kind.label) for kind in RequestKind]
STATE_CHOICES = [(state.value, state.label) for state in State]
CHANNEL_CHOICES = [(channel.value, label) for channel, label in CHANNEL_LABELS.items()]
EVENT_KIND_CHOICES = [(kind.value, kind.label) for kind in EventKind]
# A case with an outcome: decided, served, closed or archived. WITHDRAWN has none until closed
# (workflow: CLOSE from WITHDRAWN records （六）3 其他).
CONCLUDED_STATES = (State.DECIDED, State.SERVED, State.CLOSED, State.ARCHIVED)
OPEN_STATES = tuple(state for state in State if state not in CONCLUDED_STATES)


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他证件"


class DeliveryForm(models.TextChoices):
    """The form the applicant asks for (条例第二十九条第二款第（三）项)."""

    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子文档"
    DISC = "disc", "光盘等存储介质"
    INSPECTION = "inspection", "当场查阅、抄录"
    OTHER = "other", "其他"


class DeliveryRoute(models.TextChoices):
    """How the applicant wants to obtain it."""

    PICKUP = "pickup", "自行领取"
    POST = "post", "邮寄"
    ELECTRONIC = "electronic", "电子邮件或网上获取"
    FAX = "fax", "传真"


class Source(models.TextChoices):
    PORTAL = "portal", "门户网站提交"
    STAFF = "staff", "工作人员登记"
    IMPORT = "import", "台账导入"


class Application(models.Model):
    """One application (件) for disclosure to one agency."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    tracking_code = models.CharField("申请编码", max_length=32, unique=True)
    # Only a hash of the secret query code is stored (django.contrib.auth.hashers).
    query_code_hash = models.CharField("查询码（散列）", max_length=256, blank=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    # 条例第四十一条: a request to correct a record about the applicant is not a disclosure
    # request (docs/decisions/0015): its own table, outcomes and letters; not in table 三.
    request_kind = models.CharField(
        "申请类型",
        max_length=16,
        choices=REQUEST_KIND_CHOICES,
        default=RequestKind.DISCLOSURE.value,
    )
    case_number = models.CharField("机关编号", max_length=64, blank=True)

    applicant_kind = models.CharField("申请人类型", max_length=32, choices=APPLICANT_KIND_CHOICES)
    applicant_name = models.CharField("申请人", max_length=128)
    id_document_type = models.CharField(
        "证件类型", max_length=16, choices=IdDocumentType.choices, blank=True
    )
    id_document_number = models.CharField("证件号码", max_length=64, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_phone = models.CharField("联系电话", max_length=32, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    contact_address = models.CharField("通信地址", max_length=255, blank=True)
    agent_name = models.CharField("代理人", max_length=128, blank=True)

    channel = models.CharField("申请方式", max_length=16, choices=CHANNEL_CHOICES)
    arrived_at = models.DateTimeField("到达时间", null=True, blank=True)
    # 条例第三十一条; fixed once (null until the office confirms receipt). The clock restarts
    # on a 补正 answer through its event; the case is still counted by this first date.
    receipt_date = models.DateField("收到申请日期", null=True, blank=True)

    # For a 更正申请: the record about the applicant that is to be corrected.
    description = models.TextField("申请内容")
    # For a 更正申请 only: what is inaccurate and how it should read (the evidence: attachments).
    correction_requested = models.TextField("不准确之处及更正请求", blank=True)
    delivery_form = models.CharField(
        "信息提供形式", max_length=16, choices=DeliveryForm.choices, blank=True
    )
    delivery_route = models.CharField(
        "获取信息方式", max_length=16, choices=DeliveryRoute.choices, blank=True
    )

    section = models.ForeignKey(
        "agencies.Section",
        verbose_name="承办股室",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    state = models.CharField(
        "状态", max_length=32, choices=STATE_CHOICES, default=State.ARRIVED.value
    )
    outcome = models.CharField(
        "办理结果", max_length=64, choices=OUTCOME_CHOICES, null=True, blank=True
    )
    concluded_on = models.DateField("答复日期", null=True, blank=True)
    possible_repeat = models.BooleanField("疑似重复申请", default=False)
    version = models.PositiveIntegerField("版本", default=1)
    # Derived by the replay of the case's events, never typed (`applications.case_clock`).
    reply_due = models.DateField("答复期限", null=True, blank=True, editable=False)
    reply_due_provisional = models.BooleanField("答复期限暂定", default=False, editable=False)
    next_due = models.DateField("最近期限", null=True, blank=True, editable=False)
    clock_paused = models.BooleanField("期限暂停", default=False, editable=False)
    notes = models.JSONField("其他信息", default=dict, blank=True)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering: ClassVar[list[str]] = ["-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # A disclosure request's outcome is a table 三 key; a correction's one of its own.
            models.CheckConstraint(
                condition=Q(outcome__isnull=True)
                | Q(request_kind=RequestKind.DISCLOSURE.value, outcome__in=OUTCOME_KEYS)
                | Q(
                    request_kind=RequestKind.CORRECTION.value,
                    outcome__in=CORRECTION_OUTCOME_KEYS,
                ),
                name="application_outcome_in_catalogue",
            ),
            models.CheckConstraint(
                condition=Q(request_kind__in=[kind.value for kind in RequestKind]),
                name="application_request_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True, concluded_on__isnull=True)
                | Q(outcome__isnull=False, concluded_on__isnull=False),
                name="application_outcome_iff_concluded",
            ),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in OPEN_STATES], outcome__isnull=True)
                | Q(state__in=[s.value for s in CONCLUDED_STATES], outcome__isnull=False),
                name="application_outcome_matches_state",
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True)
                | Q(receipt_date__isnull=False, concluded_on__gte=F("receipt_date")),
                name="application_concluded_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(state=State.ARRIVED.value) | Q(receipt_date__isnull=False),
                name="application_received_has_receipt_date",
            ),
            models.CheckConstraint(
                condition=Q(applicant_kind__in=APPLICANT_KINDS),
                name="application_applicant_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=[value for value, _ in CHANNEL_CHOICES]),
                name="application_channel_valid",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="application_version_pos"),
            models.UniqueConstraint(
                fields=["agency", "case_number"],
                condition=~Q(case_number=""),
                name="application_case_number_unique_in_agency",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            # Covers table 三's aggregate in GROUP BY order: one seek per applicant kind and
            # outcome to the cases concluded from 1 January (or still open), no sort.
            models.Index(
                fields=["agency", "applicant_kind", "outcome", "concluded_on", "receipt_date"],
                name="application_table3_kind",
            ),
            # Receipt-date ranges within an agency (the applicant's pieces this month).
            models.Index(fields=["agency", "receipt_date"], name="application_agency_receipt"),
            models.Index(fields=["agency", "concluded_on"], name="application_agency_concl"),
            models.Index(fields=["agency", "state"], name="application_agency_state"),
            # Overdue and due-soon lists across agencies: a seek per agency to the dates before
            # a day, among the cases with a deadline running (`case_clock`).
            models.Index(
                fields=["agency", "next_due"],
                name="application_agency_next_due",
                condition=Q(next_due__isnull=False),
            ),
            # The same applicant's earlier cases (the repeat check at each submission, the
            # month's pieces for fees): a seek per identifier, not a scan of the agency.
            models.Index(fields=["agency", "id_document_number"], name="application_agency_idno"),
            models.Index(fields=["agency", "credit_code"], name="application_agency_credit"),
            models.Index(
                fields=["agency", "applicant_name", "contact_phone"],
                name="application_agency_namephone",
            ),
        ]

    def __str__(self) -> str:
        # Never personal data: the tracking code names the case everywhere (logs, audit).
        return self.tracking_code

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def request_kind_enum(self) -> RequestKind:
        return RequestKind(self.request_kind)

    @property
    def is_correction(self) -> bool:
        """Return whether this is a 更正申请 (条例第四十一条), not a disclosure request."""
        return self.request_kind == RequestKind.CORRECTION.value

    @property
    def outcome_label(self) -> str:
        """Return the outcome's plain name for a status (部分公开), '' while there is none."""
        return outcome_name(self.outcome, plain=True) if self.outcome else ""

    @property
    def is_open(self) -> bool:
        return self.outcome is None and self.state != State.ARRIVED


class ApplicationEventQuerySet(models.QuerySet["ApplicationEvent"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("案件事件不可删除。")

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("案件事件不可修改。")


class ApplicationEvent(models.Model):
    """One thing that happened to a case on `date`; append-only, in the order written."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField("事件", max_length=32, choices=EVENT_KIND_CHOICES)
    date = models.DateField("日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    details = models.JSONField("详情", default=dict, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = ApplicationEventQuerySet.as_manager()

    class Meta:
        verbose_name = "案件事件"
        verbose_name_plural = "案件事件"
        ordering: ClassVar[list[str]] = ["application", "date", "id"]
        default_permissions = ("add", "view")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in EventKind]),
                name="application_event_kind_valid",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["application", "date", "id"], name="application_event_order"),
            models.Index(fields=["kind", "date"], name="application_event_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {EventKind(self.kind).label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("案件事件不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("案件事件不可删除。")


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never carries the applicant's file name (it may hold personal data).
    return f"applications/{instance.application_id}/{instance.token}"


class Attachment(models.Model):
    """A file the applicant or staff attached; type sniffed from its content, size limited."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="attachments"
    )
    token = models.CharField("存储名", max_length=64, unique=True)
    file = models.FileField("文件", upload_to=attachment_path, max_length=255)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=128)
    size = models.PositiveBigIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering: ClassVar[list[str]] = ["application", "id"]

    def __str__(self) -> str:
        return f"附件 {self.token}"

    @property
    def type_label(self) -> str:
        """The file type in words (PDF 文件), as the case page shows it."""
        return type_label(self.content_type)
