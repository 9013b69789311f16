"""`record_event`: the one way any service writes the audit log, inside its own transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent

if TYPE_CHECKING:
    from gongkai.accounts.models import User

MASK = "＊＊＊"

JSONValue = Any


def mask_personal_data(values: Mapping[str, JSONValue] | None) -> dict[str, JSONValue] | None:
    """Replace the values of personal-data keys (settings.AUDIT_MASKED_KEYS) by a mask.

    This is the hook later apps extend (by adding keys) when their objects carry applicants'
    names, id numbers or addresses: the audit log keeps that something changed, never the value.
    """
    if values is None:
        return None
    masked: dict[str, JSONValue] = {}
    for key, value in values.items():
        if key in settings.AUDIT_MASKED_KEYS:
            masked[key] = MASK if value not in (None, "") else value
        elif isinstance(value, Mapping):
            masked[key] = mask_personal_data(value)
        else:
            masked[key] = value
    return masked


def agency_of(obj: models.Model) -> Agency | None:
    """The agency an object belongs to: itself, its `agency` attribute, or none."""
    if isinstance(obj, Agency):
        return obj
    agency = getattr(obj, "agency", None)
    return agency if isinstance(agency, Agency) else None


def record_event(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    before: Mapping[str, JSONValue] | None,
    after: Mapping[str, JSONValue] | None,
    agency: Agency | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` to `obj`, changing `before` into `after`.

    Call it inside the service's transaction, after `obj` is saved: if the change rolls back,
    so does its event. `actor` None means a system command. The agency defaults to the
    object's own agency, so the timeline can be scoped by who may see that agency.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside the service's transaction")
    if obj.pk is None:
        raise ValueError("record_event needs a saved object")
    return AuditEvent.objects.create(
        actor=actor,
        agency=agency if agency is not None else agency_of(obj),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:255],
        before=mask_personal_data(before),
        after=mask_personal_data(after),
    )
