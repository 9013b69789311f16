"""What every case action shares: roles, the optimistic lock, events, the clock check, audit.

`act(...)` is the one path by which an action changes a case, on the platform's one audited
change (`gongkai.audit.changes.locked_change`, with its retry when SQLite refuses a lock):

1. lock the row (`select_for_update`) and compare its version with the one the actor saw;
2. ask `workflow.step` whether one of the actor's roles in the agency may take the action;
3. write the new fields with `UPDATE … WHERE id = … AND version = seen` (version + 1);
4. append the case events and replay the whole history through `deadlines.check_events`
   (a sequence the law does not allow raises, and everything rolls back), and store the due
   dates the replay derives on the case (`case_clock.store_due_dates`, the only writer);
5. write one audit event, personal data masked.

Any failure raises before the transaction commits, so nothing is written: neither the case,
nor its events, nor the audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import agency_roles
from gongkai.applications.case_clock import check_history, store_due_dates
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.procedure import deadlines
from gongkai.applications.procedure.correction import RequestKind
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.workflow import (
    APPLICANT,
    MACHINE,
    Action,
    Fact,
    State,
    Step,
    WorkflowError,
    step,
)
from gongkai.audit.changes import ConcurrentChange, locked_change
from gongkai.holidays.selectors import official_calendar

if TYPE_CHECKING:
    from gongkai.accounts.models import User

# The kinds that record a letter's service, dated when the addressee received it.
SERVICE_KINDS = frozenset(
    {EventKind.FEE_NOTICE_SERVED, EventKind.CONSULTATION_SERVED, EventKind.REASONS_REQUEST_SERVED}
)

__all__ = [
    "SERVICE_KINDS",
    "ActionResult",
    "ConcurrentChange",
    "NewEvent",
    "Resume",
    "act",
    "append_events",
    "audit_snapshot",
    "case_roles",
    "event_date",
]


Resume = Callable[[Application, list[ApplicationEvent]], State]
"""Given the locked case and its history, the state a pause resumes."""


@dataclass(frozen=True, slots=True)
class NewEvent:
    """A case event to append: kind, date and details (JSON-able)."""

    kind: EventKind
    date: dt.date
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActionResult:
    """The case after an action, and the clock's warnings (e.g. 补正告知超期) to show."""

    application: Application
    warnings: tuple[str, ...] = ()


# A person holding both the disclosure_office and the approver role counts as the head of the
# disclosure office for rows marked `office_head`. Extensions no longer need it: staff request
# and the approver (负责人) approves (条例第三十三条第二款; docs/decisions/0009).
OFFICE_HEAD_ROLES = frozenset({Role.DISCLOSURE_OFFICE.value, Role.APPROVER.value})


def case_roles(user: User, agency: Agency) -> tuple[frozenset[str], bool]:
    """Return the user's active roles in `agency` and whether the user heads the office."""
    roles = agency_roles(user, agency)
    return roles, roles >= OFFICE_HEAD_ROLES


def check_step(
    *,
    state: State,
    action: Action,
    roles: frozenset[str],
    office_head: bool,
    outcome: str | None = None,
    resume_to: State | None = None,
    facts: frozenset[Fact] = frozenset(),
    kind: RequestKind | str = RequestKind.DISCLOSURE,
) -> Step:
    """Return the step for the first of `roles` the workflow allows; else raise its refusal.

    `kind` is the case's request kind: a 更正申请 follows its own table (条例第四十一条)."""
    return MACHINE.for_any_role(
        roles,
        lambda role: step(
            state,
            action,
            role,
            outcome=outcome,
            office_head=office_head,
            resume_to=resume_to,
            facts=facts,
            kind=kind,
        ),
        nobody=PermissionDenied("您在本机关没有办理申请的岗位。"),
    )


_FACT_KINDS = {
    EventKind.CLARIFICATION_ANSWERED: Fact.CLARIFICATION_ANSWERED,
    EventKind.REASONS_REQUESTED: Fact.REASONS_REQUESTED,
}


def history_facts(past: Sequence[ApplicationEvent]) -> frozenset[Fact]:
    """Return the steps the case's history holds that later decisions presuppose.

    A 补正 answered counts for 补正后申请内容仍不明确 only when it asked about the content (a
    补正 of the identity proof alone says nothing about whether the request is clear).
    """
    facts = {_FACT_KINDS[EventKind(e.kind)] for e in past if e.kind in _FACT_KINDS}
    about_content = any(
        e.kind == EventKind.CLARIFICATION_REQUESTED
        and "content" in (e.details or {}).get("about", ["content"])
        for e in past
    )
    if not about_content:
        facts.discard(Fact.CLARIFICATION_ANSWERED)
    return frozenset(facts)


def event_date(on: dt.date | None) -> dt.date:
    """Return the date of an action: `on`, or today; a date in the future is refused."""
    today = timezone.localdate()
    if on is None:
        return today
    if on > today:
        raise WorkflowError(f"日期 {on.isoformat()} 晚于今天，不能预先记录")
    return on


def audit_snapshot(application: Application) -> dict[str, Any]:
    """Return the case's state for the audit log; personal-data keys are masked by record_event."""
    return {
        "tracking_code": application.tracking_code,
        "state": application.state,
        "outcome": application.outcome,
        "concluded_on": _iso(application.concluded_on),
        "receipt_date": _iso(application.receipt_date),
        # Names, as people read them in the log (the ids stay on the case and its events).
        "section": application.section.name if application.section else None,
        "handler": _name(application.handler),
        "version": application.version,
        "applicant_name": application.applicant_name,
        "id_number": application.id_document_number or application.credit_code,
        "phone": application.contact_phone,
        "email": application.contact_email,
        "address": application.contact_address,
    }


def _name(user: User | None) -> str | None:
    return (user.full_name or user.username) if user is not None else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def history(application: Application) -> list[ApplicationEvent]:
    """Return the case's events in the order they happened."""
    return list(ApplicationEvent.objects.filter(application=application).order_by("date", "id"))


def append_events(
    application: Application, events: Sequence[NewEvent], actor: User | None
) -> list[ApplicationEvent]:
    """Write `events` to the case's history (the caller stores the due dates they change)."""
    return [
        ApplicationEvent.objects.create(
            application=application,
            kind=new.kind.value,
            date=new.date,
            actor=actor,
            details=dict(new.details),
        )
        for new in events
    ]


def act(
    *,
    application: Application,
    actor: User | None,
    seen_version: int,
    action: Action,
    events: Sequence[NewEvent],
    outcome: str | None = None,
    resume_to: State | None = None,
    resume_from: Resume | None = None,
    changes: Mapping[str, Any] | None = None,
    audit_details: Mapping[str, Any] | None = None,
    as_applicant: bool = False,
) -> ActionResult:
    """Take `action` on the case as `actor`, who saw `seen_version`; see the module docstring.

    Runs on the platform's one audited change (`audit.changes.locked_change`: the lock, the
    version, the conditional write, the audit event and the SQLite retry).

    `as_applicant`: the applicant acts on the portal (no account, `actor` None), holding the
    case's query code; the workflow's "applicant" role decides what they may do.

    `resume_from`, if given, is called with the locked case and its history and returns the
    state a pause resumes (END_CONSULTATION, PAY_FEE). `changes` are other fields to write.
    """
    past: list[ApplicationEvent] = []
    warnings: tuple[str, ...] = ()

    def change(current: Application) -> Mapping[str, Any]:
        past.extend(history(current))
        pause_ends = resume_from(current, past) if resume_from is not None else resume_to
        if as_applicant:
            roles, office_head = frozenset({APPLICANT}), False
        elif actor is None:
            raise PermissionDenied("须由工作人员办理。")
        else:
            roles, office_head = case_roles(actor, current.agency)
        moved = check_step(
            state=State(current.state),
            action=action,
            roles=roles,
            office_head=office_head,
            outcome=outcome,
            resume_to=pause_ends,
            facts=history_facts(past),
            kind=current.request_kind,
        )
        # A reminder is not part of the case's story: a backdated act may precede it. Service
        # is learned later (the return receipt): it may precede acts recorded since, and the
        # replay below checks it against the letter it serves.
        dated = [e.date for e in past if e.kind != EventKind.REMINDED]
        last = dated[-1] if dated else None
        for new in events:
            if last is not None and new.date < last and new.kind not in SERVICE_KINDS:
                raise WorkflowError(
                    f"“{new.kind.label}”的日期 {new.date.isoformat()} "
                    f"早于上一事件的日期 {last.isoformat()}"
                )
        for name, value in (changes or {}).items():
            setattr(current, name, value)
        current.state = moved.state.value
        if moved.outcome is not None:
            current.outcome = moved.outcome
            current.concluded_on = events[-1].date if events else timezone.localdate()
        return dict(audit_details or {})

    def after(current: Application) -> None:
        nonlocal warnings
        added = append_events(current, events, actor)
        calendar = official_calendar()  # read once for the three replays below
        everything = [*past, *added]
        try:
            earlier = check_history(past, calendar)
            warnings = tuple(w for w in check_history(everything, calendar) if w not in earlier)
        except deadlines.DeadlineError as error:
            raise WorkflowError(str(error)) from error
        store_due_dates(current, everything, calendar)

    locked_change(
        model=Application,
        pk=application.pk,
        seen_version=seen_version,
        actor=actor,
        action=f"application.{action.value}",
        describe=lambda case: f"申请 {case.tracking_code} ",
        snapshot=audit_snapshot,
        change=change,
        after=after,
    )
    application.refresh_from_db()
    return ActionResult(application=application, warnings=warnings)
