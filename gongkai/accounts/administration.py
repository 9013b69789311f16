"""What an administrator (系统管理员) does to a colleague's account: reset its password, lift a
sign-in lockout, deactivate it and bring it back. Each one transaction, audited in the agency
whose administration page it was done from.

Who may: `may_manage_account`. An administrator reaches every account that holds (or held) a
role in an agency it administers — but only when it administers every agency where that
account holds a role now, so that a department's administrator cannot take over an account
of the office above it. Superusers' accounts are for superusers only. Nobody manages their
own account here: they change their own password in 我的账号.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.services import login_attempts_reset, sessions_end
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import can_administer
from gongkai.audit.services import record_event

__all__ = [
    "account_deactivate",
    "account_reactivate",
    "account_reset_password",
    "account_unlock",
    "may_manage_account",
]

REASON_MAX_LENGTH = 200


def may_manage_account(actor: User, person: User, agency: Agency) -> bool:
    """Whether `actor` may reset, unlock or deactivate `person` from `agency`'s pages."""
    if not actor.is_active or actor.pk == person.pk:
        return False
    if actor.is_superuser:
        return True
    if person.is_superuser or not can_administer(actor, agency):
        return False
    memberships = Membership.objects.filter(user_id=person.pk).select_related("agency__parent")
    if not any(m.agency_id == agency.pk for m in memberships):
        return False
    return all(can_administer(actor, m.agency) for m in memberships if m.revoked_at is None)


def _require(actor: User, person: User, agency: Agency) -> None:
    if actor.pk == person.pk:
        raise PermissionDenied("不能在这里管理自己的账号：请在“我的账号”中修改密码。")
    if not may_manage_account(actor, person, agency):
        raise PermissionDenied(f"无权管理{person}的账号：该人员在您不管理的机关也有岗位。")


def account_reset_password(*, actor: User, person: User, agency: Agency, password: str) -> None:
    """Give `person` a new initial password, to be changed at their next sign-in.

    Their sessions end (Django ties sessions to the password) and any sign-in lockout is
    lifted: a forgotten password is why both are asked for.
    """
    _require(actor, person, agency)
    try:
        validate_password(password, person)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    person.set_password(password)
    person.must_change_password = True
    with transaction.atomic():
        person.save(update_fields=["password", "must_change_password"])
        record_event(
            actor=actor,
            action="user.reset_password",
            obj=person,
            agency=agency,
            before=None,
            after={"password": "changed", "must_change_password": True},
        )
        login_attempts_reset(actor=actor, username=person.username, agency=agency)


def account_unlock(*, actor: User, person: User, agency: Agency) -> int:
    """Lift `person`'s sign-in lockouts from every address; return how many were lifted."""
    _require(actor, person, agency)
    return login_attempts_reset(actor=actor, username=person.username, agency=agency)


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["请填写停用原因。"]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": [f"停用原因至多 {REASON_MAX_LENGTH} 个字。"]})
    return reason


def account_deactivate(*, actor: User, person: User, agency: Agency, reason: str) -> None:
    """Deactivate `person`: they cannot sign in and their sessions end; their roles, cases and
    history stay as they are (nothing is deleted)."""
    _require(actor, person, agency)
    reason = _reason(reason)
    if not person.is_active:
        raise ValidationError("该账号已停用。")
    with transaction.atomic():
        person.is_active = False
        person.save(update_fields=["is_active"])
        sessions_end(user=person)
        record_event(
            actor=actor,
            action="user.deactivate",
            obj=person,
            agency=agency,
            before={"is_active": True},
            after={"is_active": False, "reason": reason},
        )


def account_reactivate(*, actor: User, person: User, agency: Agency) -> None:
    """Let a deactivated account sign in again (with the roles it still holds)."""
    _require(actor, person, agency)
    if person.is_active:
        raise ValidationError("该账号未停用。")
    with transaction.atomic():
        person.is_active = True
        person.save(update_fields=["is_active"])
        record_event(
            actor=actor,
            action="user.reactivate",
            obj=person,
            agency=agency,
            before={"is_active": False},
            after={"is_active": True},
        )
