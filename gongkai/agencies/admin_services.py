"""Administration writes the workspace needs beyond services.py: editing an agency, renaming a
section, creating a staff account with its first role. Each one transaction, audited.

Kept apart from services.py (owned by the platform's core) until they are merged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.accounts.services import user_create
from gongkai.agencies.models import Agency, AgencyKind, Membership, Role, Section
from gongkai.agencies.permissions import can_administer
from gongkai.agencies.selectors import subordinate_ids
from gongkai.agencies.services import agency_snapshot, membership_grant
from gongkai.audit.services import record_event

if TYPE_CHECKING:
    from gongkai.accounts.models import User


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def agency_update(
    *,
    actor: User | None,
    agency: Agency,
    code: str,
    name: str,
    kind: AgencyKind,
    parent: Agency | None,
) -> Agency:
    """Change an agency's code, name, kind or supervising office.

    Moving it under another office needs the right to administer that office too; making it a
    top-level agency is for the platform's administrator only.
    """
    if actor is not None:
        _require(can_administer(actor, agency), f"无权修改{agency.name}。")
        if parent is not None and parent.pk != agency.parent_id:
            _require(can_administer(actor, parent), f"无权把机关划到{parent.name}之下。")
        if parent is None and agency.parent_id is not None:
            _require(actor.is_superuser, "只有平台管理员可以把机关设为顶级机关。")
    code, name = code.strip(), name.strip()
    errors: dict[str, str] = {}
    if Agency.objects.filter(code=code).exclude(pk=agency.pk).exists():
        errors["code"] = f"机关代码 {code} 已存在。"
    if Agency.objects.filter(name=name).exclude(pk=agency.pk).exists():
        errors["name"] = f"机关名称“{name}”已存在。"
    if parent is not None and (parent.pk == agency.pk or parent.pk in subordinate_ids([agency.pk])):
        errors["parent"] = "上级机关不能是本机关或其下级机关。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        before = agency_snapshot(agency)
        agency.code, agency.name, agency.kind, agency.parent = code, name, kind, parent
        after = agency_snapshot(agency)
        if after == before:
            return agency
        agency.full_clean()
        agency.save()
        record_event(actor=actor, action="agency.update", obj=agency, before=before, after=after)
    return agency


def section_rename(*, actor: User | None, section: Section, name: str) -> Section:
    """Give a section (股室) a new name; its cases and staff stay with it."""
    agency = section.agency
    if actor is not None:
        _require(can_administer(actor, agency), f"无权管理{agency.name}的股室。")
    name = name.strip()
    if Section.objects.filter(agency=agency, name=name).exclude(pk=section.pk).exists():
        raise ValidationError({"name": f"{agency.name}已有股室“{name}”。"})
    if name == section.name:
        return section
    with transaction.atomic():
        before = {"agency": agency.code, "name": section.name}
        section.name = name
        section.full_clean()
        section.save(update_fields=["name"])
        record_event(
            actor=actor,
            action="section.rename",
            obj=section,
            before=before,
            after={"agency": agency.code, "name": name},
        )
    return section


def staff_create(
    *,
    actor: User | None,
    agency: Agency,
    username: str,
    full_name: str,
    password: str,
    role: Role,
    section: Section | None = None,
) -> Membership:
    """Create a staff account and give it its first role in `agency`, both or neither.

    The password is an initial one, known to the administrator: the person must change it at
    first sign-in. Two audit events (user.create, membership.grant) in one transaction.
    """
    if actor is not None:
        _require(can_administer(actor, agency), f"无权为{agency.name}创建人员。")
    with transaction.atomic():
        user = user_create(
            actor=actor,
            username=username,
            full_name=full_name,
            password=password,
            must_change_password=True,
        )
        return membership_grant(actor=actor, user=user, agency=agency, role=role, section=section)
