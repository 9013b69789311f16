"""What every item action shares: roles, the optimistic lock, the workflow check, the event
and the audit event, all in one transaction.

`act(...)` is the one path by which an action changes an item, on the platform's one audited
change (`gongkai.audit.changes.locked_change`):

1. lock the row and compare its version with the one the actor saw;
2. ask `workflow.step` whether one of the actor's roles in the agency may take the action;
3. let the action write what it writes (`apply`), then the new state and version + 1;
4. append one `ItemEvent` and record one audit event.

Any failure raises before the transaction commits, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from gongkai.agencies.selectors import agency_roles
from gongkai.audit.changes import ConcurrentChange, locked_change
from gongkai.publications.models import ItemEvent, PublishedItem
from gongkai.publications.workflow import MACHINE, Action, State, step

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["ConcurrentChange", "act", "agency_roles", "audit_snapshot", "record_item_event"]


def _check_step(state: State, action: Action, roles: frozenset[str], *, public: bool) -> State:
    return MACHINE.for_any_role(
        roles,
        lambda role: step(state, action, role, public=public),
        nobody=PermissionDenied("您在本机关没有办理主动公开的岗位。"),
    )


def audit_snapshot(item: PublishedItem) -> dict[str, Any]:
    """Return the item's state for the audit log."""
    return {
        "index_number": item.index_number,
        "title": item.title,
        "state": item.state,
        "is_public": item.is_public,
        "revision": item.revision_number,
        "public_revision": item.public_revision_number,
        "validity": item.validity,
        "version": item.version,
    }


def record_item_event(
    *,
    item: PublishedItem,
    action: str,
    actor: User | None,
    from_state: str,
    reason: str = "",
) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        action=action,
        actor=actor,
        from_state=from_state,
        to_state=item.state,
        revision_number=item.revision_number,
        reason=reason,
    )


Apply = Callable[[PublishedItem], None]
"""Given the locked item (state still the old one), write the action's own changes on it."""


def act(
    *,
    item: PublishedItem,
    actor: User | None,
    seen_version: int,
    action: Action,
    reason: str = "",
    apply: Apply | None = None,
    check: Callable[[PublishedItem], None] | None = None,
    then: Callable[[PublishedItem], None] | None = None,
    audit_action: str | None = None,
) -> PublishedItem:
    """Take `action` on `item` as `actor`, who saw `seen_version`; see the module docstring.

    `check` runs on the locked item before anything is written (rules the table cannot see);
    `apply` writes the action's own fields; `then` runs on the saved item, in the same
    transaction (what the action sets off elsewhere, e.g. the registers). The audit event is
    `publication.<action>` unless `audit_action` names a more precise one (an attachment
    added or removed is an UPDATE to the workflow, `publication.attach` or `.detach` to the
    audit log).
    """
    from_state = item.state
    taken = {"reason": reason} if reason else {}

    def change(current: PublishedItem) -> Mapping[str, Any]:
        nonlocal from_state
        from_state = current.state
        moved = _check_step(
            State(current.state),
            action,
            agency_roles(actor, current.agency),
            public=current.is_public,
        )
        if check is not None:
            check(current)
        if apply is not None:
            apply(current)
        current.state = moved.value
        return taken

    def after(current: PublishedItem) -> None:
        if then is not None:
            then(current)
        record_item_event(
            item=current, action=action.value, actor=actor, from_state=from_state, reason=reason
        )

    locked_change(
        model=PublishedItem,
        pk=item.pk,
        seen_version=seen_version,
        actor=actor,
        action=audit_action or f"publication.{action.value}",
        describe=lambda current: f"信息“{current.title}”",
        snapshot=audit_snapshot,
        change=change,
        after=after,
    )
    item.refresh_from_db()
    return item
