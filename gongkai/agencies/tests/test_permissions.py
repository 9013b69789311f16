"""Permission predicates compose, and the scoped selectors agree with them everywhere."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.agencies import permissions as p
from gongkai.agencies import selectors as s
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import membership_revoke
from gongkai.agencies.tests.factories import make_agency, make_member, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """A city government over a committee over two bureaus; and an unrelated county."""
    city = make_agency(code="city", name="市政府")
    committee = make_agency(code="kfq", name="管委会", parent=city)
    bureau = make_agency(code="tjj", name="统计局", parent=committee)
    finance = make_agency(code="czj", name="财政局", parent=committee)
    county = make_agency(code="county", name="某县政府")
    return {a.code: a for a in (city, committee, bureau, finance, county)}


def test_predicates_compose_with_and_or_not(tree):
    bureau = tree["tjj"]
    leader = make_member(agency=bureau, role=Role.LEADER)
    leader_not_admin = p.has_role(Role.LEADER) & ~p.has_role(Role.ADMINISTRATOR)
    assert leader_not_admin(leader, bureau)
    assert (p.is_superuser | p.has_role(Role.LEADER))(leader, bureau)
    assert not (p.is_superuser & p.has_role(Role.LEADER))(leader, bureau)
    assert "has_role(leader)" in repr(leader_not_admin)


def test_anonymous_and_inactive_users_hold_nothing(tree):
    bureau = tree["tjj"]
    inactive = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    inactive.is_active = False
    inactive.save()
    for user in (AnonymousUser(), inactive):
        assert not p.can_view_agency(user, bureau)
        assert not p.can_administer(user, bureau)
        assert not s.agencies_visible_to(user=user).exists()


def test_supervising_reviewer_reads_every_agency_below_not_beside(tree):
    reviewer = make_member(agency=tree["kfq"], role=Role.SUPERVISING_REVIEWER)
    assert p.can_supervise(reviewer, tree["tjj"]) and p.can_supervise(reviewer, tree["czj"])
    assert not p.can_supervise(reviewer, tree["kfq"])  # its own office is not "below"
    assert not p.can_view_agency(reviewer, tree["city"])
    assert not p.can_view_agency(reviewer, tree["county"])
    assert not p.can_administer(reviewer, tree["tjj"])


def test_an_administrator_administers_its_agency_and_those_below(tree):
    admin = make_member(agency=tree["kfq"], role=Role.ADMINISTRATOR)
    assert p.can_administer(admin, tree["kfq"]) and p.can_administer(admin, tree["tjj"])
    assert not p.can_administer(admin, tree["city"])


def test_a_revoked_role_no_longer_counts(tree):
    bureau = tree["tjj"]
    handler = make_member(agency=bureau, role=Role.HANDLER)
    assert p.is_member(handler, bureau)
    membership_revoke(actor=None, membership=handler.memberships.get())
    handler.refresh_from_db()
    assert not p.is_member(handler, bureau)
    assert not s.agencies_visible_to(user=handler).exists()


PAIRS = [
    (p.can_view_agency, s.agencies_visible_to),
    (p.can_administer, s.agencies_administered_by),
    (p.can_view_audit, s.agencies_audited_by),
    (p.can_supervise, s.agencies_supervised_by),
    *(
        (scope.allows, lambda user, scope=scope: s.agencies_in(scope, user=user))
        for scope in (
            p.VIEW_AGENCY,
            p.ADMINISTER,
            p.AUDIT,
            p.SUPERVISE,
            p.REPORT_RECORDS,
            p.AGENCY_TEXTS,
            p.AGENCY_CASES,
            p.CASE_WORK,
        )
    ),
]


def test_selectors_agree_with_predicates_for_every_role_and_agency(tree):
    # given one user per (agency, role), a superuser and a user with no role
    users = [make_user(is_superuser=True), make_user()]
    for agency in tree.values():
        for role in Role:
            users.append(make_member(agency=agency, role=role))
    # then, for every user and agency, the queryset holds exactly what the predicate allows
    for predicate, selector in PAIRS:
        for user in users:
            scoped = set(selector(user=user).values_list("code", flat=True))
            allowed = {a.code for a in Agency.objects.all() if predicate(user, a)}
            assert scoped == allowed, (predicate, user.username)


def test_every_scope_is_declared_once_and_its_predicate_is_the_old_composition(tree):
    # the report's records: the office and the leader here, the supervising reviewer above
    office = make_member(agency=tree["tjj"], role=Role.DISCLOSURE_OFFICE)
    reviewer = make_member(agency=tree["kfq"], role=Role.SUPERVISING_REVIEWER)
    handler = make_member(agency=tree["tjj"], role=Role.HANDLER)
    allows = p.REPORT_RECORDS.allows
    assert allows(office, tree["tjj"]) and allows(reviewer, tree["tjj"])
    assert not allows(handler, tree["tjj"]) and not allows(reviewer, tree["kfq"])
    assert s.agencies_in(p.REPORT_RECORDS, user=reviewer).filter(pk=tree["kfq"].pk).count() == 0


def test_lookup_by_code_or_exact_full_name(tree):
    assert s.agency_by_code_or_name(value="kfq") == tree["kfq"]
    assert s.agency_by_code_or_name(value="管委会") == tree["kfq"]
    assert s.agency_by_code_or_name(value="管委") is None


def test_portal_agency_is_the_configured_one_or_the_first_leaf(tree, settings):
    assert s.portal_agency() == tree["tjj"]
    settings.PORTAL_AGENCY_CODE = "czj"
    assert s.portal_agency() == tree["czj"]


def test_agency_roles_are_the_active_roles_here_and_the_system_for_no_actor(tree):
    bureau = tree["tjj"]
    handler = make_member(agency=bureau, role=Role.HANDLER)
    make_member(agency=tree["city"], role=Role.LEADER, user=handler)
    assert s.agency_roles(handler, bureau) == {"handler"}
    assert s.agency_roles(None, bureau) == {"system"}
    membership_revoke(actor=None, membership=handler.memberships.get(agency=bureau))
    assert s.agency_roles(handler, bureau) == frozenset()
