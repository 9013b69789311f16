"""Reads for the staff's work queues: which applications wait for whom, and for how long.

- the disclosure office: applications that arrived and wait for 确认收到 (条例第三十一条第（三）
  项: an online application is received on the day both sides confirm it, so until then its
  clock has not started and nothing else reminds anyone of it), with their age in working days
  on the official calendar; received applications not yet handed to a section (交办);
- a handler: its own open cases (assigned to it, or to its section with no handler named), by
  reply due date;
- the approver and the leader: the cases in which the workflow lets them decide
  (`Action.DECIDE`), by reply due date.

Every list is bounded by the caller's agencies; a list by due date reads the due dates the
replay stored (`case_clock`) and replays only the cases it shows, in one query for their events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from gongkai.applications.listing import ListedCase, with_clocks
from gongkai.applications.models import Application
from gongkai.applications.procedure.workflow import TRANSITIONS, Action, State
from gongkai.holidays.selectors import official_calendar

__all__ = [
    "QUEUE_LENGTH",
    "AwaitingReceipt",
    "awaiting_receipt",
    "cases_awaiting_decision",
    "cases_of_handler",
    "unassigned_cases",
]

# A queue on the home page shows this many; the case list shows the rest.
QUEUE_LENGTH = 20


def _states_of(action: Action, role: str | None = None) -> list[str]:
    """The states from which `action` (by `role`, if given) is allowed, from the workflow."""
    return sorted(
        {
            source.value
            for row in TRANSITIONS
            if row.action is action and (role is None or role in row.roles)
            for source in row.sources
        }
    )


# Open cases whose reply clock runs or is paused: received, neither decided nor withdrawn.
_HANDLED = _states_of(Action.WITHDRAW)


@dataclass(frozen=True, slots=True)
class AwaitingReceipt:
    """An application waiting for 确认收到: when it arrived and how many working days since."""

    application: Application
    arrived_on: dt.date
    age: int  # working days after arrival, up to and including today
    provisional: bool  # the count crosses a year whose holidays are not loaded

    @property
    def online(self) -> bool:
        return self.application.source == "portal"


def awaiting_receipt(
    *, agency_ids: Collection[int], as_of: dt.date | None = None
) -> list[AwaitingReceipt]:
    """Return the applications of `agency_ids` waiting for 确认收到, oldest first."""
    today = as_of or timezone.localdate()
    calendar = official_calendar()
    cases = (
        Application.objects.filter(agency_id__in=agency_ids, state=State.ARRIVED.value)
        .select_related("agency")
        .order_by("arrived_at", "id")
    )
    found = []
    for case in cases:
        moment = case.arrived_at or case.created_at
        arrived = timezone.localdate(moment) if moment is not None else today
        count = calendar.workdays_between(arrived, today)
        found.append(AwaitingReceipt(case, arrived, max(count.days, 0), count.provisional))
    return found


def unassigned_cases(*, agency_ids: Collection[int]) -> list[Application]:
    """Return the received, open cases of `agency_ids` with no handling section, oldest first."""
    return list(
        Application.objects.filter(
            agency_id__in=agency_ids,
            state__in=_states_of(Action.ASSIGN),
            section__isnull=True,
        )
        .select_related("agency")
        .order_by("receipt_date", "id")[:QUEUE_LENGTH]
    )


def _by_due(cases: QuerySet[Application], as_of: dt.date | None) -> list[ListedCase]:
    """The first `QUEUE_LENGTH` of `cases` by reply due date as the clock shows it today.

    A case whose clock ran at its last act shows its stored `reply_due`, so SQL picks the first
    of those; a paused case's date moves with the day, so each of those is replayed. Only these
    few clocks are computed, however long the queue is.
    """
    fixed = cases.filter(clock_paused=False).order_by(F("reply_due").asc(nulls_last=True), "id")
    chosen = [*fixed[:QUEUE_LENGTH], *cases.filter(clock_paused=True)]
    listed = with_clocks(chosen, as_of=as_of)
    far = dt.date.max
    return sorted(listed, key=lambda c: (c.due or far, c.application.pk))[:QUEUE_LENGTH]


def cases_of_handler(
    *,
    user_id: int,
    agency_ids: Collection[int],
    section_ids: Collection[int],
    as_of: dt.date | None = None,
) -> list[ListedCase]:
    """Return the handler's open cases by reply due date: assigned to it, or to one of its
    sections with no handler named yet."""
    mine = Q(handler_id=user_id) | Q(section_id__in=section_ids, handler__isnull=True)
    cases = (
        Application.objects.filter(agency_id__in=agency_ids, state__in=_HANDLED)
        .filter(mine)
        .select_related("agency", "section", "handler")
    )
    return _by_due(cases, as_of)


def cases_awaiting_decision(
    *, agency_ids: Collection[int], role: str, as_of: dt.date | None = None
) -> list[ListedCase]:
    """Return the cases of `agency_ids` in which `role` may make the decision, by due date."""
    states = _states_of(Action.DECIDE, role)
    if not states:
        return []
    cases = Application.objects.filter(agency_id__in=agency_ids, state__in=states).select_related(
        "agency", "section", "handler"
    )
    return _by_due(cases, as_of)
