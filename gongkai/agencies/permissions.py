"""Who may do what in which agency: small predicates `(user, agency) -> bool` that compose.

    can_view_agency = is_superuser | is_member | supervises
    can_view_audit(user, agency)

Each predicate answers for one agency. The selectors (selectors.py) answer the same questions
for whole querysets and are tested to agree with these predicates on every user and agency.

Decisions (docs/decisions/0001-roles-and-scope.md):
- a supervising-office reviewer (上级审查员) of an agency reads every agency below it;
- a system administrator (系统管理员) administers its agency and every agency below it;
- a Django superuser is the platform's own administrator and may do everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongkai.agencies.models import Agency, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Predicate:
    """A named test of (user, agency); `&`, `|` and `~` build new predicates."""

    name: str
    test: Callable[[AnyUser, Agency], bool]

    def __call__(self, user: AnyUser, agency: Agency) -> bool:
        if not user.is_authenticated or not user.is_active:
            return False
        return self.test(user, agency)

    def __and__(self, other: Predicate) -> Predicate:
        return Predicate(f"({self.name} & {other.name})", lambda u, a: self(u, a) and other(u, a))

    def __or__(self, other: Predicate) -> Predicate:
        return Predicate(f"({self.name} | {other.name})", lambda u, a: self(u, a) or other(u, a))

    def __invert__(self) -> Predicate:
        return Predicate(f"~{self.name}", lambda u, a: not self(u, a))

    def __repr__(self) -> str:
        return f"<Predicate {self.name}>"


def active_roles(user: AnyUser, agency: Agency) -> set[str]:
    """The roles `user` holds in `agency` now (cached on the user for the request)."""
    if not user.is_authenticated:
        return set()
    cache: dict[int, set[str]] | None = getattr(user, "_gongkai_roles", None)
    if cache is None:
        cache = {}
        for agency_id, role in user.memberships.filter(revoked_at__isnull=True).values_list(
            "agency_id", "role"
        ):
            cache.setdefault(agency_id, set()).add(role)
        user._gongkai_roles = cache  # type: ignore[attr-defined]
    return cache.get(agency.pk, set())


def forget_roles(user: AnyUser) -> None:
    """Drop the cached roles after a membership changes (services call it)."""
    if hasattr(user, "_gongkai_roles"):
        del user._gongkai_roles


def has_role(*roles: Role) -> Predicate:
    """Holds one of `roles` in the agency itself."""
    wanted = {str(role) for role in roles}
    names = ",".join(sorted(wanted))
    return Predicate(f"has_role({names})", lambda u, a: bool(active_roles(u, a) & wanted))


def has_role_above(*roles: Role) -> Predicate:
    """Holds one of `roles` in one of the agency's supervising offices (any level up)."""
    wanted = {str(role) for role in roles}
    names = ",".join(sorted(wanted))
    return Predicate(
        f"has_role_above({names})",
        lambda u, a: any(active_roles(u, above) & wanted for above in a.ancestors()),
    )


is_superuser = Predicate("is_superuser", lambda u, a: bool(u.is_superuser))
is_member = Predicate("is_member", lambda u, a: bool(active_roles(u, a)))
supervises = has_role_above(Role.SUPERVISING_REVIEWER, Role.ADMINISTRATOR)

ANY_ROLE: frozenset[Role] = frozenset(Role)


@dataclass(frozen=True)
class Scope:
    """Which agencies a user may see for one purpose, declared once: those where it holds one
    of `here`, every agency below one where it holds one of `above`, and all of them for the
    platform's superuser. `allows` is the per-object check; `agencies.selectors.agencies_in`
    is the same scope as a queryset (tested to agree)."""

    name: str
    here: frozenset[Role] = frozenset()
    above: frozenset[Role] = frozenset()

    @property
    def allows(self) -> Predicate:
        """The scope as a predicate `(user, agency) -> bool`."""
        test = is_superuser
        if self.here == ANY_ROLE:
            test = test | is_member
        elif self.here:
            test = test | has_role(*sorted(self.here))
        if self.above:
            test = test | has_role_above(*sorted(self.above))
        return Predicate(self.name, test.test)

    def split(self, held: Iterable[tuple[int, str]]) -> tuple[set[int], set[int]]:
        """From a user's active (agency id, role) rows: the agencies the scope shows it, and
        those below which it shows every agency (the caller walks down from them)."""
        here = {str(role) for role in self.here}
        above = {str(role) for role in self.above}
        rows = list(held)
        own = {agency for agency, role in rows if self.here == ANY_ROLE or role in here}
        return own, {agency for agency, role in rows if role in above}


def scope(name: str, *, here: Iterable[Role] = (), above: Iterable[Role] = ()) -> Scope:
    return Scope(name, frozenset(here), frozenset(above))


# Reading an agency: its own staff, the offices above it, the platform administrator.
VIEW_AGENCY = scope(
    "view_agency", here=ANY_ROLE, above=[Role.SUPERVISING_REVIEWER, Role.ADMINISTRATOR]
)
# Agencies, sections and staff: the administrator of the agency or of an office above it.
ADMINISTER = scope("administer", here=[Role.ADMINISTRATOR], above=[Role.ADMINISTRATOR])
# The audit timeline: those who answer for the agency's disclosure work, and those above it.
AUDIT = scope(
    "audit",
    here=[Role.ADMINISTRATOR, Role.DISCLOSURE_OFFICE, Role.LEADER],
    above=[Role.SUPERVISING_REVIEWER, Role.ADMINISTRATOR],
)
# Checking a subordinate agency's work and reports (上级审查).
SUPERVISE = scope("supervise", above=[Role.SUPERVISING_REVIEWER])
# The report's records (table 二's registers, table 四's reviews, the report itself): those who
# answer for the report (公开办), the leaders who sign it, the supervising reviewers above.
REPORT_RECORDS = scope(
    "report_records",
    here=[Role.DISCLOSURE_OFFICE, Role.LEADER],
    above=[Role.SUPERVISING_REVIEWER],
)

# The agency's own texts, its public pages (条例第十二条 puts the guide in the disclosure
# office's hands) and its letter templates and settings: the disclosure office, and the
# administrators of the agency or of an office above it, who may stand in.
AGENCY_TEXTS = scope(
    "agency_texts",
    here=[Role.DISCLOSURE_OFFICE, Role.ADMINISTRATOR],
    above=[Role.ADMINISTRATOR],
)
# Every case of the agency (a handler sees only its own and its sections': a rule on cases,
# `applications.selectors.application_list_for`): the disclosure office, the approvers, the
# leaders and the confidentiality reviewers, and the supervising reviewers above.
AGENCY_CASES = scope(
    "agency_cases",
    here=[Role.DISCLOSURE_OFFICE, Role.APPROVER, Role.LEADER, Role.CONFIDENTIALITY_REVIEWER],
    above=[Role.SUPERVISING_REVIEWER],
)
# Issuing letters: those who work on cases (which action allows which letter is the
# workflow's rule, checked by the caller).
CASE_WORK = scope(
    "case_work", here=[Role.DISCLOSURE_OFFICE, Role.HANDLER, Role.APPROVER, Role.LEADER]
)

can_view_agency = VIEW_AGENCY.allows
can_administer = ADMINISTER.allows
can_view_audit = AUDIT.allows
can_supervise = SUPERVISE.allows
