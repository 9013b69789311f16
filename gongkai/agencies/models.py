"""Agency (行政机关) with its supervising office, Section (股室), Membership (a role held)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from gongkai.roles import Role as PureRole

CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$",
    "机关代码只能由字母、数字和 - _ . 组成，以字母或数字开头，至多 32 个字符。",
)


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    MANAGEMENT_COMMITTEE = "management_committee", "管委会"
    DEPARTMENT = "department", "部门"
    OTHER = "other", "其他"


class Agency(models.Model):
    """An agency that discloses information; `parent` is its supervising office (上级)."""

    code = models.CharField("机关代码", max_length=32, unique=True, validators=[CODE_VALIDATOR])
    name = models.CharField("机关名称", max_length=128, unique=True)
    kind = models.CharField(
        "机关类型", max_length=32, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subordinates",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering: ClassVar[list[str]] = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # A supervising office above itself would make every scope query loop.
        ancestor = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "上级机关不能是本机关或其下级机关。"})
            ancestor = ancestor.parent

    def ancestors(self) -> list[Agency]:
        """The chain of supervising offices, nearest first."""
        chain: list[Agency] = []
        ancestor = self.parent
        while ancestor is not None and ancestor not in chain:
            chain.append(ancestor)
            ancestor = ancestor.parent
        return chain


class Section(models.Model):
    """A section (股室) inside an agency; cases are handled by one (承办股室)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="sections"
    )
    name = models.CharField("股室名称", max_length=64)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "股室"
        verbose_name_plural = "股室"
        ordering: ClassVar[list[str]] = ["agency", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["agency", "name"], name="section_name_unique_in_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.name}"


class Role(models.TextChoices):
    """The membership's role choices, built from the one pure list (`gongkai.roles`)."""

    ADMINISTRATOR = PureRole.ADMINISTRATOR.value, PureRole.ADMINISTRATOR.label
    DISCLOSURE_OFFICE = PureRole.DISCLOSURE_OFFICE.value, PureRole.DISCLOSURE_OFFICE.label
    HANDLER = PureRole.HANDLER.value, PureRole.HANDLER.label
    APPROVER = PureRole.APPROVER.value, PureRole.APPROVER.label
    CONFIDENTIALITY_REVIEWER = (
        PureRole.CONFIDENTIALITY_REVIEWER.value,
        PureRole.CONFIDENTIALITY_REVIEWER.label,
    )
    LEADER = PureRole.LEADER.value, PureRole.LEADER.label
    SUPERVISING_REVIEWER = PureRole.SUPERVISING_REVIEWER.value, PureRole.SUPERVISING_REVIEWER.label


class Membership(models.Model):
    """A user holds `role` in `agency` (optionally in one section) until it is revoked.

    Revoking keeps the row (nothing is deleted) and sets `revoked_at`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="人员",
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="memberships"
    )
    section = models.ForeignKey(
        Section,
        verbose_name="股室",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField("授予时间", auto_now_add=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        ordering: ClassVar[list[str]] = ["agency", "role", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=Q(revoked_at__isnull=True),
                name="membership_active_role_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency.name} · {self.get_role_display()}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def clean(self) -> None:
        if self.section is not None and self.section.agency_id != self.agency_id:
            raise ValidationError({"section": "股室不属于该机关。"})
