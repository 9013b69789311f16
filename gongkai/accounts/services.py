"""Writes on accounts: each one transaction and one audit event; passwords never logged."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.audit.services import record_event


def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    password: str,
    validate: bool = True,
) -> User:
    """Create an active user who signs in with `username` and `password`.

    `validate=False` skips the password-strength rules; only the demo data uses it, for its
    published demo password.
    """
    username = username.strip()
    full_name = full_name.strip()
    if not username:
        raise ValidationError("用户名不能为空。")
    if not full_name:
        raise ValidationError("姓名不能为空。")
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"用户名 {username} 已被使用。")
    user = User(username=username, full_name=full_name)
    if validate:
        validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
        record_event(
            actor=actor,
            action="user.create",
            obj=user,
            before=None,
            after={"username": user.username, "full_name": user.full_name},
        )
    return user


def user_set_password(
    *, actor: User | None, user: User, password: str, validate: bool = True
) -> None:
    """Set a new password; the audit event says that it changed, never what it is."""
    if validate:
        validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.save(update_fields=["password"])
        record_event(
            actor=actor,
            action="user.set_password",
            obj=user,
            before=None,
            after={"password": "changed"},
        )
