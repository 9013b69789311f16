"""Reads for the staff's work queues on the publishing path (主动公开).

- an author's returned drafts: its drafts whose last act was a return (退回修改 by the approver
  or the office, 保密审查不通过 by the reviewer), each with the reason given;
- the items waiting for a role's step: the approver's 待审核, the confidentiality reviewer's
  待保密审查 (条例第十七条), the office's 待发布 — the states come from the workflow table.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from gongkai.publications.models import ItemEvent, PublishedItem
from gongkai.publications.services.items import AUTHORING_ACTIONS
from gongkai.publications.workflow import TRANSITIONS, Action, State

__all__ = [
    "QUEUE_LENGTH",
    "ReturnedDraft",
    "items_waiting_for",
    "last_return",
    "returned_drafts",
]

QUEUE_LENGTH = 20
# The acts that send an item back to its author.
RETURNS = (Action.REJECT.value, Action.REVIEW_REJECT.value)
# The step each role takes on someone else's item (not drafting, not after publication).
_STEPS = {
    "approver": (Action.APPROVE,),
    "confidentiality_reviewer": (Action.REVIEW_CLEAR,),
    "disclosure_office": (Action.PUBLISH,),
}


@dataclass(frozen=True, slots=True)
class ReturnedDraft:
    """A draft sent back to its author, with who sent it back and why."""

    item: PublishedItem
    action: str
    reason: str

    @property
    def returned_by(self) -> str:
        return Action(self.action).label


def returned_drafts(*, user_id: int) -> list[ReturnedDraft]:
    """Return the user's drafts whose last act was a return, most recently returned first."""
    last = ItemEvent.objects.filter(item=OuterRef("pk")).order_by("-id")
    items = (
        PublishedItem.objects.filter(created_by_id=user_id, state=State.DRAFT.value)
        .annotate(
            last_action=Subquery(last.values("action")[:1]),
            last_reason=Subquery(last.values("reason")[:1]),
            last_event=Subquery(last.values("id")[:1]),
        )
        .filter(last_action__in=RETURNS)
        .select_related("agency")
        .order_by("-last_event")[:QUEUE_LENGTH]
    )
    return [ReturnedDraft(item, item.last_action, item.last_reason) for item in items]


def last_return(item: PublishedItem) -> ReturnedDraft | None:
    """Return why the draft was sent back, when its last act was a return; else None."""
    if item.state != State.DRAFT.value:
        return None
    last = ItemEvent.objects.filter(item=item).order_by("-id").first()
    if last is None or last.action not in RETURNS:
        return None
    return ReturnedDraft(item, last.action, last.reason)


def waiting_states(role: str) -> list[str]:
    """The states in which an item waits for `role`'s step."""
    steps = _STEPS.get(role, ())
    return sorted(
        {
            source.value
            for row in TRANSITIONS
            if row.action in steps and role in row.roles
            for source in row.sources
        }
    )


def items_waiting_for(
    *, role: str, agency_ids: Collection[int], user_id: int
) -> QuerySet[PublishedItem]:
    """Return the items of `agency_ids` waiting for `role`'s step, oldest first.

    An approver is not shown the items it wrote: the service refuses their approval to anyone
    who wrote a version (`item_approve`), so they wait for another approver.
    """
    items = PublishedItem.objects.filter(
        agency_id__in=agency_ids, state__in=waiting_states(role)
    ).select_related("agency", "category")
    if role == "approver":
        wrote = ItemEvent.objects.filter(
            item=OuterRef("pk"), actor_id=user_id, action__in=AUTHORING_ACTIONS
        )
        items = items.exclude(Exists(wrote))
    return items.order_by("updated_at", "id")
