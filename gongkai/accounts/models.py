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
