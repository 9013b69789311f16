"""Writes on agencies, sections and memberships: one transaction and one audit event each.

`actor` None means a platform command run by the server's operator (`gongkai agencies
create`); a person must hold the permission the action needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.services import sessions_end
from gongkai.agencies.models import Agency, AgencyKind, Membership, Role, Section
from gongkai.agencies.permissions import can_administer, forget_roles
from gongkai.audit.services import record_event

if TYPE_CHECKING:
    from gongkai.accounts.models import User


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def agency_snapshot(agency: Agency) -> dict[str, str | None]:
    return {
        "code": agency.code,
        "name": agency.name,
        "kind": agency.kind,
        "parent": agency.parent.code if agency.parent else None,
    }


def agency_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: AgencyKind = AgencyKind.DEPARTMENT,
    parent: Agency | None = None,
) -> Agency:
    """Create an agency under its supervising office `parent` (None: a top-level agency)."""
    if actor is not None:
        if parent is None:
            _require(actor.is_active and actor.is_superuser, "只有平台管理员可以创建顶级机关。")
        else:
            _require(can_administer(actor, parent), f"无权在{parent.name}下创建机关。")
    code, name = code.strip(), name.strip()
    if Agency.objects.filter(code=code).exists():
        raise ValidationError(f"机关代码 {code} 已存在。")
    if Agency.objects.filter(name=name).exists():
        raise ValidationError(f"机关名称“{name}”已存在。")
    agency = Agency(code=code, name=name, kind=kind, parent=parent)
    with transaction.atomic():
        agency.full_clean()
        agency.save()
        record_event(
            actor=actor,
            action="agency.create",
            obj=agency,
            before=None,
            after=agency_snapshot(agency),
        )
    return agency


def section_create(*, actor: User | None, agency: Agency, name: str) -> Section:
    """Create a section (股室) in `agency`."""
    if actor is not None:
        _require(can_administer(actor, agency), f"无权管理{agency.name}的股室。")
    name = name.strip()
    if Section.objects.filter(agency=agency, name=name).exists():
        raise ValidationError(f"{agency.name}已有股室“{name}”。")
    section = Section(agency=agency, name=name)
    with transaction.atomic():
        section.full_clean()
        section.save()
        record_event(
            actor=actor,
            action="section.create",
            obj=section,
            before=None,
            after={"agency": agency.code, "name": name},
        )
    return section


def membership_grant(
    *,
    actor: User | None,
    user: User,
    agency: Agency,
    role: Role,
    section: Section | None = None,
) -> Membership:
    """Give `user` the role `role` in `agency` (in `section` if given)."""
    if actor is not None:
        _require(can_administer(actor, agency), f"无权为{agency.name}分配岗位。")
    if section is not None and section.agency_id != agency.pk:
        raise ValidationError(f"股室“{section.name}”不属于{agency.name}。")
    if Membership.objects.filter(
        user=user, agency=agency, role=role, revoked_at__isnull=True
    ).exists():
        raise ValidationError(f"{user}已是{agency.name}的{Role(role).label}。")
    membership = Membership(user=user, agency=agency, role=role, section=section)
    with transaction.atomic():
        membership.full_clean()
        membership.save()
        record_event(
            actor=actor,
            action="membership.grant",
            obj=membership,
            before=None,
            after={
                "user": user.username,
                "agency": agency.code,
                "role": str(role),
                "section": section.name if section else None,
            },
        )
    forget_roles(user)
    return membership


def membership_revoke(*, actor: User | None, membership: Membership) -> Membership:
    """End a membership; the row stays, with the time it was revoked.

    Revoking a person's last role ends their sessions, and they cannot sign in until they are
    given a role again (gongkai.accounts.sign_in).
    """

    if actor is not None:
        _require(
            can_administer(actor, membership.agency), f"无权撤销{membership.agency.name}的岗位。"
        )
    if membership.revoked_at is not None:
        raise ValidationError("该岗位已撤销。")
    with transaction.atomic():
        membership.revoked_at = timezone.now()
        membership.save(update_fields=["revoked_at"])
        last_role = not Membership.objects.filter(
            user_id=membership.user_id, revoked_at__isnull=True
        ).exists()
        if last_role:
            sessions_end(user=membership.user)
        record_event(
            actor=actor,
            action="membership.revoke",
            obj=membership,
            before={"active": True},
            after={"active": False, "last_role": True} if last_role else {"active": False},
        )
    forget_roles(membership.user)
    return membership
