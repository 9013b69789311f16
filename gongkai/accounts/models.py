"""The user: signs in by username; one full name (姓名) instead of first and last names.

`must_change_password` marks a password someone else chose (the administrator's initial or
reset password): the person must replace it before doing anything else. `session_epoch` ends
every session of the user when moved on (deactivation, last role revoked).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.crypto import salted_hmac


class AccountManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        """`createsuperuser` and every other path to a superuser go through the audited
        service (gongkai.accounts.services.superuser_create)."""
        from gongkai.accounts.services import superuser_create

        return superuser_create(
            username=username,
            full_name=str(extra.pop("full_name", "") or username),
            email=email or "",
            password=password,
            **extra,
        )


class User(AbstractUser):
    # Chinese names are not split into given and family names on screen.
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField("姓名", max_length=64)
    email = models.EmailField("电子邮箱", blank=True, help_text="用于接收办理提醒。")
    must_change_password = models.BooleanField(
        "须修改密码",
        default=False,
        help_text="初始密码或管理员重置的密码：下次登录后须先修改密码。",
    )
    session_epoch = models.PositiveIntegerField("会话代次", default=0, editable=False)

    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    objects: ClassVar[AccountManager] = AccountManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering: ClassVar[list[str]] = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django ties a session to the password hash; the epoch adds a way to end every
        # session without changing the password. Epoch 0 keeps Django's own hash, so sessions
        # opened before this field existed stay valid.
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc,no-any-return]
        key_salt = "gongkai.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class ApiTokenPermission(models.TextChoices):
    """What a token's system may do through the API; the value is stored, the label shown."""

    READ_APPLICATIONS = "applications.read", "读取本机关的申请（个人信息脱敏）"


class ApiToken(models.Model):
    """A credential another system (e.g. 政务服务平台) uses on the API instead of a session.

    It belongs to one agency and sees that agency's data only, within its `permissions`. The
    secret is shown once, when created; only its SHA-256 digest is stored (`digest`), and its
    first characters (`hint`) so that a leaked token can be matched to its row. Revoking keeps
    the row (nothing is deleted) and sets `revoked_at`.
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="api_tokens"
    )
    system_name = models.CharField("对接系统", max_length=64)
    permissions = models.JSONField("权限", default=list)
    digest = models.CharField("令牌摘要", max_length=64, unique=True, editable=False)
    hint = models.CharField("令牌开头", max_length=16, editable=False)
    created_by = models.ForeignKey(
        "User",
        verbose_name="创建人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="空：由系统命令创建",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    expires_at = models.DateTimeField("失效时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        "User",
        verbose_name="撤销人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"
        ordering: ClassVar[list[str]] = ["agency", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.system_name}（{self.hint}…）"

    @property
    def permission_labels(self) -> list[str]:
        labels = dict(ApiTokenPermission.choices)
        return [labels.get(value, value) for value in self.permissions]
