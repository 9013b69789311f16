"""The timeline shows each user only the agencies whose log it may read."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.audit.selectors import timeline
from gongkai.audit.services import record_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices():
    committee = make_agency(code="kfq", name="管委会")
    bureau = make_agency(code="tjj", name="统计局", parent=committee)
    other = make_agency(code="other", name="别的局")
    with transaction.atomic():
        for agency in (committee, bureau, other):
            record_event(actor=None, action="agency.touch", obj=agency, before=None, after={})
        record_event(actor=None, action="platform.touch", obj=make_user(), before=None, after={})
    return committee, bureau, other


def labels(user):
    return sorted(event.object_label for event in timeline(user=user))


def test_disclosure_office_sees_its_own_agency_only(offices):
    _committee, bureau, _other = offices
    office = make_member(agency=bureau, role=Role.DISCLOSURE_OFFICE)
    assert labels(office) == ["统计局"]


def test_supervising_reviewer_sees_subordinates_not_its_own_office(offices):
    committee, _bureau, _other = offices
    reviewer = make_member(agency=committee, role=Role.SUPERVISING_REVIEWER)
    assert labels(reviewer) == ["统计局"]


def test_handler_and_anonymous_see_nothing(offices):
    _committee, bureau, _other = offices
    handler = make_member(agency=bureau, role=Role.HANDLER)
    assert labels(handler) == []
    assert labels(AnonymousUser()) == []


def test_superuser_sees_everything_including_platform_events(offices):
    root = make_user(is_superuser=True)
    assert len(labels(root)) == 4


def test_timeline_filters_by_agency_within_scope(offices):
    committee, bureau, other = offices
    admin = make_member(agency=committee, role=Role.ADMINISTRATOR)
    assert [e.object_label for e in timeline(user=admin, agency=bureau)] == ["统计局"]
    assert list(timeline(user=admin, agency=other)) == []
