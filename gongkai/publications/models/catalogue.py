"""The agency's category tree and its disclosure catalogue (政务公开事项目录)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q


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
