"""Reads on applications: scoped lists, the clock, due and overdue cases, table 三, repeats.

`applications_table` computes table 三 with ONE query (counts grouped by applicant kind and
outcome), never loading cases into Python (ARCHITECTURE rule 4), by the counting rule
of cli-and-import.md:

- `new`: received in YEAR;
- `carried_over`: received before YEAR and not concluded before YEAR;
- an outcome row: concluded in YEAR with that outcome;
- `carried_forward`: received by the end of YEAR and not concluded by the end of YEAR.

So 一 + 二 = 三(七) + 四 holds by construction in every column. "Received" is the receipt date
of 条例第三十一条 (a case still waiting for its receipt to be confirmed is not counted yet);
"concluded" is the 答复日期 `concluded_on` that goes with the outcome.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Value
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.permissions import AGENCY_CASES
from gongkai.agencies.selectors import subordinate_ids
from gongkai.applications.case_clock import case_clock, clocks_for, events_by_case
from gongkai.applications.models import (
    APPLICANT_KINDS,
    CONCLUDED_STATES,
    Application,
    ApplicationEvent,
)
from gongkai.applications.procedure.clock_explain import Explanation, explain
from gongkai.applications.procedure.correction import RequestKind
from gongkai.applications.procedure.deadlines import Clock, SubDeadlineKind
from gongkai.applications.procedure.history import (
    ApplicantStep,
    EventKind,
    applicant_steps,
    clock_events,
)
from gongkai.applications.procedure.similarity import DEFAULT_THRESHOLD, fingerprint, resemblance
from gongkai.applications.procedure.workflow import State
from gongkai.applications.query_codes import hash_query_code, query_code_matches
from gongkai.holidays.selectors import official_calendar
from gongkai.report.catalogue import (
    APPLICATION_ROW_KEYS,
    FOLDED_IN_2019,
    FOLDED_INTO,
    OUTCOME_KEYS,
    Layout,
    SummaryRow,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User

__all__ = [
    "DueItem",
    "application_by_codes",
    "application_clock",
    "application_explanation",
    "application_list_for",
    "application_list_of_agency",
    "applications_table",
    "due_soon_and_overdue",
    "open_consultations",
    "overdue_cases",
    "pending_extension_request",
    "pieces_earlier_this_month",
    "possible_repeats",
]

# States whose reply clock may be running or paused (received, not yet decided).
_CLOCKED = tuple(
    s.value for s in State if s not in (State.ARRIVED, State.WITHDRAWN, *CONCLUDED_STATES)
)


# --- Lists --------------------------------------------------------------------------------------


def application_list_for(*, user: User | AnonymousUser) -> QuerySet[Application]:
    """Return the cases `user` may see, newest first, with agency, section and handler joined.

    Disclosure office, approvers, leaders and confidentiality reviewers see their agency's
    cases; a handler sees the cases assigned to it or to one of its sections; a supervising
    reviewer (上级审查员) sees the cases of the agencies below its office. The number of queries
    does not depend on the number of cases.
    """
    cases = Application.objects.select_related("agency", "section", "handler").order_by("-id")
    if not (user.is_authenticated and user.is_active):
        return cases.none()
    if user.is_superuser:
        return cases
    memberships = list(
        Membership.objects.filter(user_id=user.pk, revoked_at__isnull=True).values_list(
            "agency_id", "role", "section_id"
        )
    )
    # The agency-wide roles by the scope declared once (`AGENCY_CASES`); a handler's own cases
    # are a rule on cases, not on agencies.
    wide, above = AGENCY_CASES.split((agency, role) for agency, role, _ in memberships)
    wide |= subordinate_ids(above) if above else set()
    handler_agencies = {agency for agency, role, _ in memberships if role == Role.HANDLER}
    sections = {
        section for _, role, section in memberships if role == Role.HANDLER and section is not None
    }
    scope = Q(agency_id__in=wide)
    if handler_agencies:
        scope |= Q(agency_id__in=handler_agencies) & (
            Q(handler_id=user.pk) | Q(section_id__in=sections)
        )
    return cases.filter(scope)


def application_list_of_agency(*, agency_id: int) -> QuerySet[Application]:
    """Return one agency's cases, newest first, joined as `application_list_for` joins them:
    what another system's API token (scoped to that agency) reads."""
    return (
        Application.objects.select_related("agency", "section", "handler")
        .filter(agency_id=agency_id)
        .order_by("-id")
    )


_STAND_IN = hash_query_code(secrets.token_urlsafe(24))
"""The stored form of a code nobody has: what an unknown tracking code is compared with."""


def application_by_codes(*, tracking_code: str, query_code: str) -> Application | None:
    """Return the case whose tracking code and secret query code both match, else None.

    For the public status page: a wrong query code and an unknown tracking code look the same,
    and take the same time: an unknown code is checked against a stand-in hash, so the answer's
    delay does not tell which tracking codes exist.
    """
    case = Application.objects.filter(tracking_code=tracking_code.strip().upper()).first()
    known = case is not None and bool(case.query_code_hash)
    stored = case.query_code_hash if case is not None and known else _STAND_IN
    # An unknown tracking code is compared with a stand-in of the same form, so the answer's
    # delay does not tell which tracking codes exist.
    matches = query_code_matches(query_code.strip().upper(), stored)
    return case if known and matches else None


# --- The clock ----------------------------------------------------------------------------------


def application_clock(
    *,
    application: Application,
    as_of: dt.date | None = None,
    through: ApplicationEvent | None = None,
    before: ApplicationEvent | None = None,
) -> Clock:
    """Return the case's reply clock at the end of `as_of` (today by default): `case_clock`."""
    return case_clock(application, as_of=as_of, through=through, before=before)


def application_explanation(
    *, application: Application, as_of: dt.date | None = None, name_parties: bool = True
) -> Explanation:
    """Return how the case's dates were computed (the same reasoning as the replay command)."""
    events = events_by_case([application.pk])[application.pk]
    return explain(
        clock_events((e.kind, e.date, e.details) for e in events),
        official_calendar(),
        as_of=as_of or timezone.localdate(),
        name_parties=name_parties,
    )


@dataclass(frozen=True, slots=True)
class DueItem:
    """One deadline of one case: the reply, or a period inside it (补正, 征求意见, 缴费)."""

    application: Application
    clock: Clock
    what: str  # "reply" or a SubDeadlineKind value
    due: dt.date
    days_left: int  # working days from as_of to due; negative when overdue
    overdue: bool

    @property
    def label(self) -> str:
        return _DUE_LABELS.get(self.what, self.what)


_DUE_LABELS = {
    "reply": "答复期限",
    SubDeadlineKind.CLARIFICATION_ANSWER.value: "补正期限",
    SubDeadlineKind.CONSULTATION_REPLY.value: "征求意见答复期限",
    SubDeadlineKind.FEE_PAYMENT.value: "缴费期限",
}


def applicant_steps_of(*, application: Application) -> list[ApplicantStep]:
    """The case's steps as its applicant may see them (history.APPLICANT_SEES): reads the
    kind and the date only, never the details or who recorded them."""
    rows = (
        ApplicationEvent.objects.filter(application=application)
        .order_by("date", "id")
        .values_list("kind", "date")
    )
    return applicant_steps(rows)


def open_consultations(*, application: Application) -> list[str]:
    """Return the parties consulted on the case whose consultation has not ended, in order."""
    parties: list[str] = []
    for kind, party in (
        ApplicationEvent.objects.filter(
            application=application,
            kind__in=[EventKind.CONSULTATION_STARTED, EventKind.CONSULTATION_ENDED],
        )
        .order_by("date", "id")
        .values_list("kind", "details__party")
    ):
        if kind == EventKind.CONSULTATION_STARTED:
            parties.append(str(party))
        elif str(party) in parties:
            parties.remove(str(party))
    return parties


def pending_extension_request(*, application: Application) -> ApplicationEvent | None:
    """Return the case's extension request awaiting the approver, or None.

    A request is answered by the next grant or refusal (条例第三十三条第二款); at most one is open.
    """
    latest = (
        ApplicationEvent.objects.filter(
            application=application,
            kind__in=[
                EventKind.EXTENSION_REQUESTED,
                EventKind.EXTENSION_GRANTED,
                EventKind.EXTENSION_REFUSED,
            ],
        )
        .order_by("-date", "-id")
        .first()
    )
    return latest if latest is not None and latest.kind == EventKind.EXTENSION_REQUESTED else None


def overdue_cases(
    *, agency_ids: Iterable[int], as_of: dt.date | None = None
) -> QuerySet[Application]:
    """Return the open cases of `agency_ids` with a deadline passed at the end of `as_of`.

    One indexed query, whatever the number of cases: the stored `next_due` (the earliest of the
    reply due date and the periods inside it, written by the replay) is before the day.
    """
    today = as_of or timezone.localdate()
    return (
        Application.objects.filter(
            agency_id__in=list(agency_ids), state__in=_CLOCKED, next_due__lt=today
        )
        .select_related("agency", "section", "handler")
        .order_by("next_due", "id")
    )


def due_soon_and_overdue(
    *, agency: Agency, within: int = 5, as_of: dt.date | None = None
) -> tuple[list[DueItem], list[DueItem]]:
    """Return (due within `within` working days, overdue) for the agency's open cases.

    Two queries: the stored due dates choose the cases that may have a deadline within the
    horizon (a date at most `within` working days ahead, or a pause, whose due date moves with
    the day), and only those are replayed (`case_clock.clocks_for`).
    """
    today = as_of or timezone.localdate()
    calendar = official_calendar()
    # The last day at most `within` working days ahead (a holiday after the last working day too).
    horizon = calendar.add_workdays(today, within + 1).date - dt.timedelta(days=1)
    cases = list(
        Application.objects.filter(agency=agency, state__in=_CLOCKED)
        .filter(Q(next_due__lte=horizon) | Q(clock_paused=True))
        .select_related("agency", "section", "handler")
        .order_by("id")
    )
    soon: list[DueItem] = []
    overdue: list[DueItem] = []
    for case, case_clock_ in zip(
        cases, clocks_for(cases, as_of=today, calendar=calendar), strict=True
    ):
        deadlines = []
        if case_clock_.reply_due is not None:
            deadlines.append(("reply", case_clock_.reply_due.date))
        deadlines += [(sub.kind.value, sub.due.date) for sub in case_clock_.open_deadlines]
        for what, due in deadlines:
            left = calendar.workdays_between(today, due).days
            item = DueItem(case, case_clock_, what, due, left, today > due)
            if item.overdue:
                overdue.append(item)
            elif left <= within:
                soon.append(item)
    key = lambda item: (item.due, item.application.pk)  # noqa: E731
    return sorted(soon, key=key), sorted(overdue, key=key)


# --- Table 三 -----------------------------------------------------------------------------------


def applications_table(*, agency: Agency, year: int) -> dict[str, list[int]]:
    """Return table 三 of `agency` for `year`: row key → seven cells (six kinds, then 总计).

    One query: every case counted in YEAR was either concluded in it (an outcome row) or is
    still pending at its end (四), and was received in it (一) or before (二). Each part is
    grouped by applicant kind and outcome (at most 6 × 22 groups) with two counts. In the 2019
    layout (years before 2021) there are no rows for （六）1 and （六）2: those outcomes are
    counted under （六）3 其他 and their rows are zero.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # Each part reads one stretch of the index `application_table3_kind` (agency,
    # applicant_kind, outcome, concluded_on, receipt_date) per kind and outcome, already in
    # GROUP BY order, so SQLite neither reads the agency's whole history nor sorts. The `__in`
    # lists name every kind and outcome there can be (constraints
    # `application_applicant_kind_valid`, `application_outcome_in_catalogue`): they exclude
    # nothing, they give the index its seeks.
    of_agency = Application.objects.filter(agency=agency, applicant_kind__in=APPLICANT_KINDS)
    # Table 三 counts 政府信息公开申请 only, never a 更正申请 (条例第四十一条; decision 0015):
    # a concluded correction's outcome is outside OUTCOME_KEYS (`application_outcome_in_
    # catalogue`), so the seek excludes it; an open one is excluded by its request kind.
    concluded = of_agency.filter(outcome__in=OUTCOME_KEYS)
    # No outcome and no 答复日期 go together (`application_outcome_iff_concluded`).
    still_open = of_agency.filter(
        outcome__isnull=True, concluded_on__isnull=True, request_kind=RequestKind.DISCLOSURE
    )
    parts = [  # (cases, pending at the end of YEAR)
        # 答复日期 in YEAR, hence received by its end (`application_concluded_after_receipt`).
        (concluded.filter(concluded_on__gte=start, concluded_on__lte=end), False),
        (concluded.filter(concluded_on__gt=end, receipt_date__lte=end), True),
        (still_open.filter(receipt_date__lte=end), True),
    ]
    # COUNT(1), not COUNT(id): a constant, so SQLite reads no column for it (a fifth faster).
    grouped = [
        part.order_by()
        .values_list("applicant_kind", "outcome")
        .annotate(
            cases=Count(Value(1)),
            new=Count(Value(1), filter=Q(receipt_date__gte=start)),
            pending=Value(pending),
        )
        for part, pending in parts
    ]
    width = len(APPLICANT_KINDS) + 1
    table = {key: [0] * width for key in APPLICATION_ROW_KEYS}
    column = {kind: index for index, kind in enumerate(APPLICANT_KINDS)}
    folded = Layout.for_year(year) is Layout.Y2019
    for kind, outcome, count, new, pending in grouped[0].union(*grouped[1:], all=True):
        col = column[kind]
        table[SummaryRow.NEW.value][col] += new
        table[SummaryRow.CARRIED_OVER.value][col] += count - new
        if pending:
            table[SummaryRow.CARRIED_FORWARD.value][col] += count
        else:
            row = FOLDED_INTO if folded and outcome in FOLDED_IN_2019 else outcome
            table[row][col] += count
            table[SummaryRow.TOTAL.value][col] += count
    for cells in table.values():
        cells[-1] = sum(cells[:-1])
    return table


# --- Repeats and fees ---------------------------------------------------------------------------


def applicant_identifiers(application: Application) -> list[Q]:
    """Return one filter per identifier the case names (id number, credit code, name and phone
    together), each served by its own index."""
    filters = []
    if application.id_document_number:
        filters.append(Q(id_document_number=application.id_document_number))
    if application.credit_code:
        filters.append(Q(credit_code=application.credit_code))
    if application.applicant_name and application.contact_phone:
        filters.append(
            Q(applicant_name=application.applicant_name, contact_phone=application.contact_phone)
        )
    return filters


def same_applicant(application: Application) -> Q:
    """Return the filter for applications by the same applicant (id number, credit code, or
    name and phone together); matches nothing when the case names none of them."""
    match = Q(pk__in=[])
    for identifier in applicant_identifiers(application):
        match |= identifier
    return match


# The most recent earlier cases compared (each ~1 ms at 800 characters, ~3 ms at 5,000): a
# repeat (条例第三十六条第（六）项) follows its original, rarely twenty others of the same person.
REPEAT_CANDIDATES = 20


def possible_repeats(
    *, application: Application, window_days: int | None = None, threshold: float | None = None
) -> list[Application]:
    """Return earlier cases of the same applicant with a similar description, most alike first.

    The window (days before this case was created) and the similarity threshold are settings
    (GONGKAI_REPEAT_WINDOW_DAYS, default 180; GONGKAI_REPEAT_SIMILARITY, default 0.75, the
    bigram measure's equivalent of the former 0.8: `similarity`). Only the
    `REPEAT_CANDIDATES` most recent cases are compared, so the cost is bounded. Works on a case
    not yet saved (intake checks before its transaction). Only a flag for the handler: whether
    it is a repeat under 条例第三十六条第（六）项 is a person's call.
    """
    if window_days is None:
        window_days = int(getattr(settings, "GONGKAI_REPEAT_WINDOW_DAYS", 180))
    if threshold is None:
        threshold = float(getattr(settings, "GONGKAI_REPEAT_SIMILARITY", DEFAULT_THRESHOLD))
    since = (application.created_at or timezone.now()) - dt.timedelta(days=window_days)
    # A 更正申请 repeats only a 更正申请 (and a disclosure request only a disclosure request).
    earlier = Application.objects.filter(
        agency_id=application.agency_id,
        created_at__gte=since,
        request_kind=application.request_kind,
    )
    if application.pk is not None:
        earlier = earlier.exclude(pk=application.pk)
    # One query per identifier (an index seek each, however many cases the agency has), the
    # most recent first; then the most recent of them all.
    found: dict[int, Application] = {}
    for identifier in applicant_identifiers(application):
        recent = earlier.filter(identifier).only("id", "description").order_by("-id")
        found.update((other.pk, other) for other in recent[:REPEAT_CANDIDATES])
    candidates = [found[pk] for pk in sorted(found, reverse=True)[:REPEAT_CANDIDATES]]
    mine = fingerprint(application.description)
    scored = [(resemblance(mine, fingerprint(other.description)), other) for other in candidates]
    return [other for score, other in sorted(scored, key=lambda s: -s[0]) if score >= threshold]


def pieces_earlier_this_month(*, application: Application) -> int:
    """Return how many applications the same applicant made earlier in the same natural month.

    国办函〔2020〕109号第四条: per-piece fees count the applicant's pieces cumulatively within a
    natural month (one application = one piece; split units are counted by the caller). Counted
    across the agency by receipt date; earlier the same day means a smaller id.
    """
    day = application.receipt_date
    if day is None:
        return 0
    first = day.replace(day=1)
    return (
        # 109号 counts 政府信息公开申请: a 更正申请 (条例第四十一条) is no piece.
        Application.objects.filter(
            agency_id=application.agency_id, request_kind=RequestKind.DISCLOSURE
        )
        .filter(same_applicant(application))
        .filter(
            Q(receipt_date__gte=first, receipt_date__lt=day)
            | Q(receipt_date=day, pk__lt=application.pk)
        )
        .count()
    )
