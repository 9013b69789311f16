"""Who reads and who changes the official calendar: it is national, so no agency is asked."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.agencies.models import Membership, Role
from gongkai.agencies.services import membership_revoke
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.holidays.permissions import can_edit_calendar, can_view_calendar


@pytest.mark.django_db
def test_an_administrator_of_any_agency_and_the_superuser_edit_the_calendar():
    # given administrators of two unrelated agencies and every other role
    bureau = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    other = make_agency(code="xc-cz", name="西城区财政局")
    admins = [
        make_member(agency=bureau, role=Role.ADMINISTRATOR),
        make_member(agency=other, role=Role.ADMINISTRATOR),
    ]
    others = [make_member(agency=bureau, role=role) for role in Role if role != Role.ADMINISTRATOR]
    # then
    assert all(can_edit_calendar(user) for user in admins)
    assert can_edit_calendar(make_user(is_superuser=True))
    assert not any(can_edit_calendar(user) for user in others)
    assert all(can_view_calendar(user) for user in [*admins, *others, make_user()])


@pytest.mark.django_db
def test_a_revoked_administrator_an_inactive_user_and_the_anonymous_cannot_edit():
    bureau = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    revoked = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    membership_revoke(actor=None, membership=Membership.objects.get(user=revoked))
    inactive = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    inactive.is_active = False
    inactive.save()
    assert not can_edit_calendar(revoked)
    assert not can_edit_calendar(inactive) and not can_view_calendar(inactive)
    assert not can_edit_calendar(AnonymousUser()) and not can_view_calendar(AnonymousUser())
