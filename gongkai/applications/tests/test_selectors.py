"""Reads: who sees which cases (in a constant number of queries), and what is due or overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.accounts.models import User
from gongkai.agencies.models import Role
from gongkai.agencies.permissions import AGENCY_CASES
from gongkai.agencies.tests.factories import make_agency, make_member, make_section
from gongkai.applications.selectors import application_list_for, due_soon_and_overdue
from gongkai.applications.services import (
    ServedLetter,
    application_assign,
    application_record_service,
    application_start_consultation,
)
from gongkai.applications.tests.factories import make_office, registered

pytestmark = pytest.mark.django_db
D = dt.date


def test_each_role_sees_its_own_scope():
    office = make_office()
    mine = registered(office, D(2026, 3, 2))
    application_assign(
        application=mine,
        actor=office.office,
        seen_version=mine.version,
        section=office.section,
        on=D(2026, 3, 3),
    )
    not_mine = registered(office, D(2026, 3, 2))
    elsewhere = registered(make_office(), D(2026, 3, 2))
    other_section_handler = make_member(
        agency=office.agency, role=Role.HANDLER, section=make_section(agency=office.agency)
    )
    assert set(application_list_for(user=office.office)) == {mine, not_mine}
    assert set(application_list_for(user=office.leader)) == {mine, not_mine}
    assert set(application_list_for(user=office.handler)) == {mine}
    assert set(application_list_for(user=other_section_handler)) == set()
    assert elsewhere not in set(application_list_for(user=office.approver))


def test_a_supervising_reviewer_sees_the_cases_below():
    office = make_office()
    above = make_agency()
    office.agency.parent = above
    office.agency.save()
    reviewer = make_member(agency=above, role=Role.SUPERVISING_REVIEWER)
    case = registered(office, D(2026, 3, 2))
    assert list(application_list_for(user=reviewer)) == [case]


def test_an_anonymous_or_roleless_user_sees_nothing():
    office = make_office()
    registered(office, D(2026, 3, 2))
    nobody = User.objects.create(username="nobody", full_name="无岗位")
    assert list(application_list_for(user=nobody)) == []


@pytest.mark.parametrize("cases", [1, 20])
def test_the_list_takes_a_constant_number_of_queries(cases, django_assert_num_queries):
    office = make_office()
    for _ in range(cases):
        case = registered(office, D(2026, 3, 2))
        application_assign(
            application=case,
            actor=office.office,
            seen_version=case.version,
            section=office.section,
            handler=office.handler,
            on=D(2026, 3, 3),
        )
    user = User.objects.get(pk=office.handler.pk)
    # one query for the memberships, one for the cases with agency, section and handler
    with django_assert_num_queries(2):
        rows = [
            (c.tracking_code, c.agency.name, c.section and c.section.name, str(c.handler))
            for c in application_list_for(user=user)
        ]
    assert len(rows) == cases


def test_due_soon_and_overdue_use_the_clock():
    office = make_office()
    # received 2 March 2026: due 30 March (20 working days, no holiday in March)
    overdue = registered(office, D(2026, 3, 2))
    # received 26 October 2026: due 23 November; as of 18 November 3 working days are left
    soon = registered(office, D(2026, 10, 26))
    later = registered(office, D(2026, 11, 16))
    paused = registered(office, D(2026, 10, 26))
    paused = application_start_consultation(
        application=paused,
        actor=office.handler,
        seen_version=paused.version,
        party="甲公司",
        on=D(2026, 11, 2),
    ).application
    # its 15 working days run from the party's receipt (条例第三十二条), recorded apart
    application_record_service(
        application=paused,
        actor=office.handler,
        seen_version=paused.version,
        letter=ServedLetter.CONSULTATION,
        party="甲公司",
        on=D(2026, 11, 2),
    )
    due, late = due_soon_and_overdue(agency=office.agency, within=5, as_of=D(2026, 11, 18))
    assert [(i.application, i.what) for i in late] == [(overdue, "reply")]
    assert late[0].due == D(2026, 3, 30) and late[0].days_left < 0
    reply_soon = [i.application for i in due if i.what == "reply"]
    assert soon in reply_soon and later not in reply_soon
    # the consultation's own 15-working-day reply period is due on 23 November
    assert any(i.application == paused and i.what == "consultation_reply" for i in due)


def test_the_agency_wide_roles_see_exactly_the_cases_of_the_agencies_their_scope_allows():
    # given a case in an agency and in the agency above it, and one member per role in each
    office = make_office()
    above = make_agency()
    office.agency.parent = above
    office.agency.save()
    cases = [registered(office, D(2026, 3, 2))]
    users = [make_member(agency=a, role=r) for a in (office.agency, above) for r in Role]
    for user in users:
        if user.memberships.get().role == Role.HANDLER:
            continue  # its own and its sections' cases: a rule on cases, tested above
        # then the list holds a case exactly when the declared scope allows its agency
        expected = {c for c in cases if AGENCY_CASES.allows(user, c.agency)}
        assert set(application_list_for(user=user)) == expected, user.memberships.get().role
