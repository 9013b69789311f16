"""AgencyPage (the published text of one of an agency's public pages) and its revisions.

The office saves drafts (revisions); the portal shows a revision only once someone with the
right publishes it (`gongkai.pages.services.page_publish`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q


class PageKind(models.TextChoices):
    # 条例第十二条: every agency compiles and publishes its 政府信息公开指南.
    GUIDE = "guide", "政府信息公开指南"
    POLICIES = "policies", "政府信息公开制度"


class AgencyPage(models.Model):
    """The text the portal shows now for one page of one agency, and its saved drafts.

    Written only by `gongkai.pages.services`: `page_save_draft` adds a revision and leaves the
    title and body alone; `page_publish` copies one revision's title and body here and names
    it in `published_number`. Until the first publication the page has no published text
    (`published_number` is null) and the portal says the page is not yet published.
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="pages"
    )
    kind = models.CharField("页面", max_length=16, choices=PageKind.choices)
    title = models.CharField("标题", max_length=128, blank=True)
    body = models.TextField("正文", blank=True, help_text="已按允许的标记清理过的 HTML")
    published_number = models.PositiveIntegerField("已发布的版本", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后发布人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the portal's text last changed (the last publication); until the first, when the
    # page was first saved.
    updated_at = models.DateTimeField("最后发布时间")

    class Meta:
        verbose_name = "公开页面"
        verbose_name_plural = "公开页面"
        ordering: ClassVar[list[str]] = ["agency", "kind"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["agency", "kind"], name="pages_one_page_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=PageKind.values), name="pages_agencypage_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.get_kind_display()}"

    @property
    def is_published(self) -> bool:
        return self.published_number is not None

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("公开页面不可删除。")


class AgencyPageRevision(models.Model):
    """One saved version of a page (1, 2, 3 …). Only ever added: nothing is deleted.

    `source` is what the office typed (gongkai.pages.markup); `body` the sanitised HTML made
    from it. Versions saved before the editor took markup have an empty source.
    """

    page = models.ForeignKey(
        AgencyPage, verbose_name="页面", on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField("版本")
    title = models.CharField("标题", max_length=128)
    body = models.TextField("正文")
    source = models.TextField("编辑文本", blank=True, default="")
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保存人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField("保存时间")

    class Meta:
        verbose_name = "页面版本"
        verbose_name_plural = "页面版本"
        ordering: ClassVar[list[str]] = ["page", "-number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["page", "number"], name="pages_revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.page} 第{self.number}版"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("页面版本不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("页面版本不可删除。")
