"""The one reader of a stored case's clock, and the due dates the replay stores on the case.

Every reader of a case's clock goes through here: load the events (one query for any number of
cases), put them in the order they happened, turn them into clock events and replay them
(`deadlines.clock`, `deadlines.check_events`). The case page, the lists, the due and overdue
lists and the act's check all read the same replay.

ARCHITECTURE rule 3 holds: no one types a due date. The replay derives three columns, which
`store_due_dates` writes after each act (inside its transaction), at intake, at import and when
the official calendar changes (`refresh_due_dates`), and nothing else writes:

- `reply_due` (and `reply_due_provisional`): the reply due date once every open pause has ended
  at the latest (a consultation or a fee wait ends at the end of the party's period). NULL
  while the clock has not started, has stopped, waits for 补正, or is paused with no end known
  yet (a consultation letter not yet served). While a pause runs, the due date the clock shows
  moves with the day and is earlier than this one; once the pause ends it equals this one.
- `next_due`: the earliest of `reply_due` and the open periods inside it (补正, 征求意见, 缴费).
  A case has something overdue on a day exactly when `next_due` is before it, so the overdue
  list across every agency is one indexed query.
- `clock_paused`: a pause was open at the last write, so the due date shown moves with the day;
  the due-soon list replays these (and the cases whose `next_due` is near) and no others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.procedure import deadlines
from gongkai.applications.procedure.clock_replay import ClockRules, replay
from gongkai.applications.procedure.deadlines import Clock, DeadlineError
from gongkai.applications.procedure.history import EventKind, clock_events
from gongkai.holidays.selectors import official_calendar
from gongkai.workdays import Calendar

if TYPE_CHECKING:
    from django.db.models import QuerySet

__all__ = [
    "DueDates",
    "case_clock",
    "check_history",
    "clocks_for",
    "due_dates",
    "events_by_case",
    "refresh_after_calendar_change",
    "refresh_due_dates",
    "store_due_dates",
]


def _in_order(events: Iterable[ApplicationEvent]) -> list[ApplicationEvent]:
    return sorted(events, key=lambda e: (e.date, e.id))


def _clock_events(events: Iterable[ApplicationEvent]) -> list[deadlines.Event]:
    return clock_events((e.kind, e.date, e.details) for e in _in_order(events))


def events_by_case(ids: Iterable[int]) -> dict[int, list[ApplicationEvent]]:
    """Return the events of the cases `ids`, each case's in the order they happened: one query."""
    found: dict[int, list[ApplicationEvent]] = {pk: [] for pk in ids}
    for event in ApplicationEvent.objects.filter(application_id__in=list(found)).order_by(
        "date", "id"
    ):
        found[event.application_id].append(event)
    return found


def check_history(
    events: Sequence[ApplicationEvent], calendar: Calendar | None = None
) -> tuple[str, ...]:
    """Check a whole history against the law; return its warnings or raise DeadlineError."""
    return deadlines.check_events(_clock_events(events), calendar or official_calendar())


def case_clock(
    application: Application,
    *,
    as_of: dt.date | None = None,
    through: ApplicationEvent | None = None,
    before: ApplicationEvent | None = None,
) -> Clock:
    """Return the case's reply clock at the end of `as_of` (today by default).

    `through` (or `before`) one of the case's events replays the history only up to and
    including that event (or up to it): the clock as the act left it (or found it) — what a
    letter about the act states, e.g. the due dates before and after an extension.
    """
    events = events_by_case([application.pk])[application.pk]
    for cut, keep in ((through, 1), (before, 0)):
        if cut is not None:
            index = next(i for i, e in enumerate(events) if e.pk == cut.pk)
            events = events[: index + keep]
    return deadlines.clock(
        _clock_events(events), official_calendar(), as_of=as_of or timezone.localdate()
    )


def clocks_for(
    cases: Sequence[Application],
    *,
    as_of: dt.date | None = None,
    calendar: Calendar | None = None,
) -> list[Clock]:
    """Return the clock of each of `cases` (in their order) at the end of `as_of`: one query
    for the events (and the official calendar's, unless the caller has it)."""
    today = as_of or timezone.localdate()
    calendar = calendar or official_calendar()
    events = events_by_case(case.pk for case in cases)
    return [
        deadlines.clock(_clock_events(events[case.pk]), calendar, as_of=today) for case in cases
    ]


# --- The stored due dates -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueDates:
    """What the replay stores on a case (see the module docstring)."""

    reply_due: dt.date | None = None
    reply_due_provisional: bool = False
    next_due: dt.date | None = None
    clock_paused: bool = False

    @classmethod
    def of(cls, application: Application) -> DueDates:
        """Return the due dates `application` holds now."""
        return cls(*(getattr(application, name) for name in cls.__slots__))


def due_dates(
    events: Sequence[ApplicationEvent], calendar: Calendar, rules: ClockRules | None = None
) -> DueDates:
    """Return the due dates the replay of `events` stores on the case."""
    case = replay(_clock_events(events), calendar, rules or ClockRules(), None)
    if case.receipt is None or case.stopped_on is not None:
        return DueDates()
    pausing = [w for w in case.waits if w.counted and w.pause_from is not None and w.end is None]
    ends = [w.cap.date for w in pausing if w.cap is not None]
    reply = None
    if len(ends) == len(pausing):  # every open pause ends on a known day
        last = max((e.date for e in events), default=case.receipt)
        reply = case.due(max([last, *ends]))
    # The open periods inside the reply period, as `deadlines.clock` lists them.
    periods = [sub.due.date for sub in deadlines.open_deadlines(case, case.receipt)]
    dates = [*periods, *([reply.date] if reply is not None else [])]
    return DueDates(
        reply_due=reply.date if reply is not None else None,
        reply_due_provisional=reply is not None and reply.provisional,
        next_due=min(dates, default=None),
        clock_paused=bool(pausing) or case.awaiting_clarification,
    )


def store_due_dates(
    application: Application,
    events: Sequence[ApplicationEvent],
    calendar: Calendar | None = None,
) -> None:
    """Write the replay's due dates of `events` (the case's whole history) on the case.

    A case whose receipt is not yet established (an online submission awaiting 确认收到) has
    no clock: nothing is read or written for it. Dates equal to those the case holds are not
    written again. `calendar` saves reading the official calendar again when the caller has it.
    """
    if any(event.kind == EventKind.RECEIVED for event in events):  # the clock's start
        dates = due_dates(events, calendar or official_calendar())
    else:
        dates = DueDates()
    if dates == DueDates.of(application):
        return
    Application.objects.filter(pk=application.pk).update(
        reply_due=dates.reply_due,
        reply_due_provisional=dates.reply_due_provisional,
        next_due=dates.next_due,
        clock_paused=dates.clock_paused,
    )
    for name in DueDates.__slots__:
        setattr(application, name, getattr(dates, name))


def refresh_due_dates(cases: QuerySet[Application] | None = None, *, batch: int = 500) -> int:
    """Replay `cases` (default: every case) and store their due dates; return how many changed.

    Run when the official calendar changes (a year's notice moves due dates) and by
    `manage.py applications_due_dates`. One query for the events of each batch; only the
    cases whose dates changed are written.
    """
    calendar = official_calendar()
    ids = list(
        (cases if cases is not None else Application.objects.all()).values_list("pk", flat=True)
    )
    changed = 0
    with transaction.atomic():
        for start in range(0, len(ids), batch):
            chunk = Application.objects.filter(pk__in=ids[start : start + batch])
            events = events_by_case(case.pk for case in chunk)
            stale = []
            for case in chunk:
                try:
                    dates = due_dates(events[case.pk], calendar)
                except DeadlineError:  # a history the new calendar faults: keep what is stored
                    continue
                if dates != DueDates.of(case):
                    for name in DueDates.__slots__:
                        setattr(case, name, getattr(dates, name))
                    stale.append(case)
            Application.objects.bulk_update(stale, list(DueDates.__slots__))
            changed += len(stale)
    return changed


def refresh_after_calendar_change(years: frozenset[int]) -> None:
    """Replay the cases whose stored due dates `years`' official days can move.

    A case with a deadline running from December before the first changed year on, or paused
    (its due date moves with the day): the others are closed or have every date behind them.
    Runs in the calendar change's transaction (`holidays.services.after_calendar_change`).
    """
    since = dt.date(min(years) - 1, 12, 1)
    refresh_due_dates(
        Application.objects.filter(
            Q(next_due__gte=since) | Q(reply_due__gte=since) | Q(clock_paused=True)
        )
    )
