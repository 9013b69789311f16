"""Categories, published items with their revisions, attachments, events and reviews, the
index-number counters and the disclosure catalogue.

Fields and database constraints only; every change goes through `services` (ARCHITECTURE
rule 2), which alone set `state`, `is_public`, `index_number` and `version`. Nothing is
deleted: a withdrawn item keeps its row and its URL (the portal shows a withdrawal notice).

What the public sees: an item whose `is_public` is true. Its `title`, `body`, `body_text` and
metadata columns always hold the public version once published; a new version being revised
lives in its latest `ItemRevision` until it is published and copied over.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.publications.workflow import Action, State

STATE_CHOICES = [(state.value, state.label) for state in State]
ACTION_CHOICES = [
    ("create", "新建草稿"),
    ("import", "导入已发布信息"),
    *((action.value, action.label) for action in Action),
]


class Article20Item(models.TextChoices):
    """条例第二十条: what each agency must publish proactively, item by item."""

    LEGISLATION = "01", "（一）行政法规、规章和规范性文件"
    FUNCTIONS = "02", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    PLANS = "03", "（三）国民经济社会发展规划、专项规划、区域规划及相关政策"
    STATISTICS = "04", "（四）国民经济和社会发展统计信息"
    LICENSING = "05", "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
    PENALTIES = (
        "06",
        (
            "（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的"
            "行政处罚决定"
        ),
    )
    BUDGETS = "07", "（七）财政预算、决算信息"
    FEES = "08", "（八）行政事业性收费项目及其依据、标准"
    PROCUREMENT = "09", "（九）政府集中采购项目的目录、标准及实施情况"
    PROJECTS = "10", "（十）重大建设项目的批准和实施情况"
    WELFARE = "11", "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    EMERGENCIES = "12", "（十二）突发公共事件的应急预案、预警信息及应对情况"
    SUPERVISION = "13", "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    RECRUITMENT = "14", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"
    OTHER = "15", "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"


class Dimension(models.TextChoices):
    """五公开: the stage of government work an item opens to view."""

    DECISION = "decision", "决策公开"
    EXECUTION = "execution", "执行公开"
    MANAGEMENT = "management", "管理公开"
    SERVICE = "service", "服务公开"
    RESULT = "result", "结果公开"


class Validity(models.TextChoices):
    """A document's validity (效力状态); blank for items that are not documents."""

    IN_FORCE = "in_force", "有效"
    RETIRED = "retired", "失效"
    REPEALED = "repealed", "废止"


class Category(models.Model):
    """A category (信息分类/栏目) in the agency's tree; portals list items by it."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField("栏目名称", max_length=64)
    slug = models.SlugField("网址名", max_length=64)
    order = models.PositiveIntegerField("排序", default=0)
    article20_item = models.CharField(
        "对应条例第二十条", max_length=2, choices=Article20Item.choices, blank=True
    )
    dimension = models.CharField("五公开", max_length=16, choices=Dimension.choices, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "信息分类"
        verbose_name_plural = "信息分类"
        ordering: ClassVar[list[str]] = ["agency", "order", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["agency", "slug"], name="category_slug_unique"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="category_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CatalogueTiming(models.TextChoices):
    """How soon a catalogue entry's information is due."""

    ON_CHANGE = "on_change", "形成或变更之日起限期公开"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    YEARLY = "yearly", "每年"


class DisclosureCatalogueEntry(models.Model):
    """One line of the 政务公开事项目录: what must be published, by which section, how soon."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("公开事项", max_length=255)
    category = models.ForeignKey(
        Category, verbose_name="公开栏目", on_delete=models.PROTECT, null=True, blank=True
    )
    section = models.ForeignKey(
        "agencies.Section",
        verbose_name="责任股室",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    legal_basis = models.TextField("公开依据", blank=True)
    timing = models.CharField(
        "公开时限类型",
        max_length=16,
        choices=CatalogueTiming.choices,
        default=CatalogueTiming.ON_CHANGE,
    )
    # 条例第二十六条: within 20 working days of the information being formed or changed; for a
    # periodic entry, within this many working days after the period ends.
    workdays = models.PositiveSmallIntegerField("时限（工作日）", default=20)
    active = models.BooleanField("有效", default=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政务公开事项目录"
        verbose_name_plural = "政务公开事项目录"
        ordering: ClassVar[list[str]] = ["agency", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(workdays__gte=1), name="catalogue_entry_workdays_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title


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
