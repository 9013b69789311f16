"""Writes on items: one function per action, each atomic, workflow-checked and audited.

Errors: `WorkflowError` (the workflow refuses; Chinese message), `PermissionDenied` (no role
in the agency), `ConcurrentChange` (the item changed since the actor loaded it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record_event
from gongkai.publications.models import (
    ConfidentialityReview,
    ItemEvent,
    PublishedItem,
    ReviewOutcome,
    Validity,
)
from gongkai.publications.services.attachments import publish_removals
from gongkai.publications.services.base import (
    act,
    agency_roles,
    audit_snapshot,
    record_item_event,
)
from gongkai.publications.services.content import (
    ItemContent,
    apply_revision,
    assign_index_number,
    copy_revision,
    latest_revision,
    local_year,
    save_revision,
)
from gongkai.publications.services.follow_up import (
    after_publication,
    after_retirement,
    after_withdrawal,
)
from gongkai.publications.workflow import AUTHOR_ROLES, Action, State, WorkflowError

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.agencies.models import Agency

__all__ = [
    "AUTHORING_ACTIONS",
    "item_approve",
    "item_create_draft",
    "item_import_published",
    "item_publish",
    "item_reject",
    "item_retire",
    "item_revise",
    "item_submit",
    "item_update_draft",
    "item_withdraw",
    "publish_due_scheduled",
]

# Whoever did one of these wrote (part of) the item: they may not approve it.
AUTHORING_ACTIONS = ("create", Action.UPDATE.value, Action.SUBMIT.value, Action.REVISE.value)


def _reason(reason: str, what: str) -> str:
    text = reason.strip()
    if not text:
        raise WorkflowError(f"{what}须说明理由")
    return text


def item_create_draft(*, actor: User, agency: Agency, content: ItemContent) -> PublishedItem:
    """Create an item as a draft (revision 1) written by `actor`, a handler or the office."""
    if not agency_roles(actor, agency) & AUTHOR_ROLES:
        raise PermissionDenied("只有承办人或公开办可以起草主动公开信息。")
    with transaction.atomic():
        item = PublishedItem.objects.create(
            agency=agency,
            title=content.title.strip(),
            category=content.category,
            issuer=agency.name,
            created_by=actor,
        )
        revision = save_revision(item=item, content=content, author=actor, number=1)
        apply_revision(item, revision)
        item.save()
        record_item_event(item=item, action="create", actor=actor, from_state="")
        record_event(
            actor=actor,
            action="publication.create",
            obj=item,
            before=None,
            after=audit_snapshot(item),
        )
    return item


def item_update_draft(
    *, item: PublishedItem, actor: User, seen_version: int, content: ItemContent
) -> PublishedItem:
    """Save a new revision of a draft; a public item's public version is left as it is."""

    def apply(current: PublishedItem) -> None:
        number = current.revision_number + 1
        revision = save_revision(item=current, content=content, author=actor, number=number)
        current.revision_number = number
        if not current.is_public:
            apply_revision(current, revision)

    return act(item=item, actor=actor, seen_version=seen_version, action=Action.UPDATE, apply=apply)


def item_submit(*, item: PublishedItem, actor: User, seen_version: int) -> PublishedItem:
    """Submit the draft for approval (审核)."""
    return act(item=item, actor=actor, seen_version=seen_version, action=Action.SUBMIT)


def _not_an_author(actor: User) -> Callable[[PublishedItem], None]:
    def check(current: PublishedItem) -> None:
        wrote = ItemEvent.objects.filter(
            item=current, actor=actor, action__in=AUTHORING_ACTIONS
        ).exists()
        if wrote:
            raise WorkflowError("起草或修改过本信息的人员不能审核自己的信息，请由其他审核人审核")

    return check


def item_approve(
    *, item: PublishedItem, actor: User, seen_version: int, note: str = ""
) -> PublishedItem:
    """Approve the submitted item; refused to anyone who wrote any version of it."""
    check = _not_an_author(actor)
    return act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.APPROVE,
        reason=note.strip(),
        check=check,
    )


def item_reject(
    *, item: PublishedItem, actor: User, seen_version: int, reason: str
) -> PublishedItem:
    """Send the item back to draft (审核不通过, or the office before publication), with a reason."""
    text = _reason(reason, "退回")

    def apply(current: PublishedItem) -> None:
        current.scheduled_at = None

    return act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.REJECT,
        reason=text,
        apply=apply,
    )


def _cleared_for_publication(current: PublishedItem) -> None:
    # Defence in depth: the table already routes through CLEARED; the review on file must be
    # of this very revision (any edit or attachment makes a new revision number).
    review = ConfidentialityReview.objects.filter(item=current).order_by("-id").first()
    if (
        review is None
        or review.outcome != ReviewOutcome.CLEARED
        or review.revision_number != current.revision_number
    ):
        raise WorkflowError("本版本未通过保密审查，不能发布")


def _publish(current: PublishedItem, moment: dt.datetime) -> None:
    apply_revision(current, latest_revision(current))
    publish_removals(current, moment)
    if current.index_number is None:
        current.index_number = assign_index_number(current, year=local_year(moment))
    if current.published_at is None:
        current.published_at = moment
    if current.is_document and not current.validity:
        current.validity = Validity.IN_FORCE
    current.updated_public_at = moment
    current.is_public = True
    current.public_revision_number = current.revision_number
    current.scheduled_at = None


def item_publish(
    *, item: PublishedItem, actor: User, seen_version: int, at: dt.datetime | None = None
) -> PublishedItem:
    """Publish the cleared item now, or at `at` if that is later than now (定时发布).

    The first publication assigns the index number; a revision replaces the public version.
    """
    moment = timezone.now()
    if at is not None and at > moment:

        def schedule(current: PublishedItem) -> None:
            current.scheduled_at = at

        return act(
            item=item,
            actor=actor,
            seen_version=seen_version,
            action=Action.SCHEDULE,
            check=_cleared_for_publication,
            apply=schedule,
        )
    return act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.PUBLISH,
        check=_cleared_for_publication,
        apply=lambda current: _publish(current, moment),
        then=after_publication(actor),
    )


def publish_due_scheduled(*, now: dt.datetime | None = None) -> list[PublishedItem]:
    """Publish every scheduled item whose time has come (`gongkai publications publish-due`).

    One transaction per item, so one failure does not hold back the others.
    """
    moment = now or timezone.now()
    published = []
    due = PublishedItem.objects.filter(state=State.SCHEDULED.value, scheduled_at__lte=moment)
    for item in due.order_by("scheduled_at", "id"):
        published.append(
            act(
                item=item,
                actor=None,
                seen_version=item.version,
                action=Action.PUBLISH_DUE,
                check=_cleared_for_publication,
                apply=lambda current: _publish(current, current.scheduled_at or moment),
                then=after_publication(None),
            )
        )
    return published


def item_revise(
    *, item: PublishedItem, actor: User, seen_version: int, reason: str
) -> PublishedItem:
    """Start a new version of a published item (更新); the public version stays until the new
    one is published."""
    text = _reason(reason, "更新")
    return act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.REVISE,
        reason=text,
        apply=lambda current: copy_revision(current, actor),
    )


def item_withdraw(
    *, item: PublishedItem, actor: User, seen_version: int, reason: str
) -> PublishedItem:
    """Withdraw a public item (撤回): off the lists and search; its page shows the notice."""
    text = _reason(reason, "撤回")

    def apply(current: PublishedItem) -> None:
        current.is_public = False
        current.withdrawn_at = timezone.now()
        current.withdrawal_reason = text
        current.scheduled_at = None

    return act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.WITHDRAW,
        reason=text,
        apply=apply,
        then=after_withdrawal(),
    )


def item_retire(
    *,
    item: PublishedItem,
    actor: User,
    seen_version: int,
    validity: Validity,
    on: dt.date,
    reason: str,
) -> PublishedItem:
    """Mark a public document no longer in force (失效 or 废止) from `on`; it stays public."""
    text = _reason(reason, "宣布失效或废止")
    if validity not in (Validity.RETIRED, Validity.REPEALED):
        raise WorkflowError("只能宣布失效或废止")

    def check(current: PublishedItem) -> None:
        if not current.is_document:
            raise WorkflowError("只有带文号的文件或规范性文件才有效力状态")
        if current.validity in (Validity.RETIRED, Validity.REPEALED):
            raise WorkflowError("该文件已失效或废止")
        if current.date_written is not None and on < current.date_written:
            raise WorkflowError("失效或废止日期不能早于成文日期")

    def apply(current: PublishedItem) -> None:
        current.validity = validity
        current.validity_changed_on = on

    return act(
        item=item,
        actor=actor,
        seen_version=seen_version,
        action=Action.RETIRE,
        reason=text,
        check=check,
        apply=apply,
        then=after_retirement(actor, on=on),
    )


def item_import_published(
    *,
    agency: Agency,
    content: ItemContent,
    published_at: dt.datetime,
    reason: str,
    actor: User | None = None,
) -> PublishedItem:
    """Record an item that was already published elsewhere (an earlier portal, the demo).

    It did not pass this system's path, so the event says so with `reason`; it gets an index
    number of its publication year like any other.
    """
    text = _reason(reason, "导入已发布信息")
    with transaction.atomic():
        item = PublishedItem.objects.create(
            agency=agency,
            title=content.title.strip(),
            category=content.category,
            issuer=agency.name,
            created_by=actor,
        )
        revision = save_revision(item=item, content=content, author=actor, number=1)
        item.state = State.PUBLISHED.value
        _publish(item, published_at)
        item.save()
        after_publication(actor)(item)
        record_item_event(item=item, action="import", actor=actor, from_state="", reason=text)
        record_event(
            actor=actor,
            action="publication.import",
            obj=item,
            before=None,
            after={**audit_snapshot(item), "reason": text, "revision_id": revision.pk},
        )
    return item
