"""Writes on accounts: each one transaction and one audit event; passwords never logged.

What a person does to their own account (password, e-mail) is here; what an administrator
does to someone else's (reset, unlock, deactivate) is in `administration.py`.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F

from gongkai.accounts.models import User
from gongkai.audit.services import record_event

__all__ = [
    "login_attempts_reset",
    "password_change",
    "sessions_end",
    "superuser_create",
    "user_create",
    "user_set_email",
    "user_set_password",
]


def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    password: str,
    validate: bool = True,
    must_change_password: bool = False,
) -> User:
    """Create an active user who signs in with `username` and `password`.

    `must_change_password`: the password was chosen by someone else (an administrator's
    initial password), so the person must replace it at first sign-in.
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
    user = User(username=username, full_name=full_name, must_change_password=must_change_password)
    if validate:
        validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
        after: dict[str, Any] = {"username": user.username, "full_name": user.full_name}
        if must_change_password:
            after["must_change_password"] = True
        record_event(actor=actor, action="user.create", obj=user, before=None, after=after)
    return user


def superuser_create(
    *, username: str, full_name: str, email: str, password: str | None, **extra: Any
) -> User:
    """Create a platform superuser (`createsuperuser`): a system command, audited.

    Django's command has already checked the password against the validators (or was told
    not to); `password` None leaves an unusable password, as Django does.
    """
    extra.setdefault("is_staff", True)
    extra.setdefault("is_superuser", True)
    user = User(username=username.strip(), full_name=full_name.strip(), email=email, **extra)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save()
        record_event(
            actor=None,
            action="user.create_superuser",
            obj=user,
            before=None,
            after={"username": user.username, "full_name": user.full_name},
        )
    return user


def user_set_password(
    *,
    actor: User | None,
    user: User,
    password: str,
    validate: bool = True,
    action: str = "user.set_password",
) -> None:
    """Set a new password; the audit event says that it changed, never what it is.

    The person chose it (a system command typed at the console, the demo), so nothing asks
    them to change it again. Every other session of the user ends: Django ties sessions to
    the password hash.
    """
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.must_change_password = False
    with transaction.atomic():
        user.save(update_fields=["password", "must_change_password"])
        record_event(
            actor=actor, action=action, obj=user, before=None, after={"password": "changed"}
        )


def password_change(*, user: User, old_password: str, new_password: str) -> None:
    """The person replaces their own password, proving they know the present one."""
    errors: dict[str, list[str]] = {}
    if not user.check_password(old_password):
        errors["old_password"] = ["当前密码不正确。"]
    elif new_password == old_password:
        errors["password1"] = ["新密码不能与当前密码相同。"]
    else:
        try:
            validate_password(new_password, user)
        except ValidationError as error:
            errors["password1"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    was_required = user.must_change_password
    user.set_password(new_password)
    user.must_change_password = False
    with transaction.atomic():
        user.save(update_fields=["password", "must_change_password"])
        record_event(
            actor=user,
            action="user.change_password",
            obj=user,
            before={"must_change_password": True} if was_required else None,
            after={"password": "changed", "must_change_password": False}
            if was_required
            else {"password": "changed"},
        )


def user_set_email(*, user: User, email: str) -> User:
    """The person sets the e-mail address their reminders go to (blank: none)."""
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": ["请输入有效的电子邮箱地址。"]}) from None
    if email == user.email:
        return user
    with transaction.atomic():
        before = {"email": user.email}
        user.email = email
        user.save(update_fields=["email"])
        record_event(
            actor=user, action="user.set_email", obj=user, before=before, after={"email": email}
        )
    return user


def sessions_end(*, user: User) -> None:
    """End every session of `user` (call it inside the audited service that needs it)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])


def login_attempts_reset(
    *,
    actor: User | None,
    username: str | None = None,
    ip_address: str | None = None,
    ip_or_username: bool = False,
    agency: Any = None,
) -> int:
    """Lift sign-in lockouts: delete the failed-attempt counters that match; return how many.

    Audited once for every account whose counters go (`user.unlock`); counters kept for a
    username no account has (someone guessing names) unlock nobody and are not recorded.
    Both the administrator's 解除锁定 and django-axes' reset commands come here
    (gongkai.accounts.throttling.AuditedAxesHandler).
    """
    attempts = AccessAttempt.objects.all()
    if ip_or_username:
        attempts = attempts.filter(ip_address=ip_address) | attempts.filter(username=username)
    else:
        if ip_address:
            attempts = attempts.filter(ip_address=ip_address)
        if username:
            attempts = attempts.filter(username=username)
    with transaction.atomic():
        per_username: dict[str, int] = {}
        for name in attempts.values_list("username", flat=True):
            per_username[name or ""] = per_username.get(name or "", 0) + 1
        count: int
        count, _ = attempts.delete()
        for user in User.objects.filter(username__in=list(per_username)).order_by("username"):
            record_event(
                actor=actor,
                action="user.unlock",
                obj=user,
                agency=agency,
                before={"failed_sign_in_addresses": per_username[user.username]},
                after={"failed_sign_in_addresses": 0},
            )
    return count
