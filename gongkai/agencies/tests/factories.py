"""Factories for tests: the smallest valid objects, saved directly (no audit events)."""

from __future__ import annotations

import itertools

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, AgencyKind, Membership, Role, Section

_sequence = itertools.count(1)


def make_user(
    *, username: str | None = None, full_name: str = "测试人员", **fields: object
) -> User:
    n = next(_sequence)
    user = User(username=username or f"user{n}", full_name=full_name, **fields)
    user.set_password("correct horse battery")
    user.save()
    return user


def make_agency(
    *,
    code: str | None = None,
    name: str | None = None,
    parent: Agency | None = None,
    kind: AgencyKind = AgencyKind.DEPARTMENT,
) -> Agency:
    n = next(_sequence)
    return Agency.objects.create(
        code=code or f"agency-{n}", name=name or f"测试机关{n}", parent=parent, kind=kind
    )


def make_section(*, agency: Agency, name: str | None = None) -> Section:
    return Section.objects.create(agency=agency, name=name or f"股室{next(_sequence)}")


def make_member(
    *,
    agency: Agency,
    role: Role,
    user: User | None = None,
    section: Section | None = None,
) -> User:
    """A user holding `role` in `agency` (a new user unless one is given)."""
    user = user or make_user()
    Membership.objects.create(user=user, agency=agency, role=role, section=section)
    return user
