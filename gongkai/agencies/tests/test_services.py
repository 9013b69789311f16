"""Agency, section and membership services: validated, permission-checked, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency, AgencyKind, Membership, Role
from gongkai.agencies.services import (
    agency_create,
    membership_grant,
    membership_revoke,
    section_create,
)
from gongkai.agencies.tests.factories import make_agency, make_member, make_section, make_user
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_agency_create_records_the_supervising_office_and_an_event():
    # given
    committee = agency_create(
        actor=None,
        code="zmd-kfq",
        name="驻马店经济开发区管理委员会",
        kind=AgencyKind.MANAGEMENT_COMMITTEE,
    )
    # when
    bureau = agency_create(
        actor=None, code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee
    )
    # then
    assert bureau.parent == committee
    assert bureau.ancestors() == [committee]
    event = AuditEvent.objects.get(action="agency.create", object_id=str(bureau.pk))
    assert event.actor is None
    assert event.agency == bureau
    assert event.after == {
        "code": "zmd-tjj",
        "name": "驻马店经济开发区统计局",
        "kind": "department",
        "parent": "zmd-kfq",
        "index_prefix": "",
    }


@pytest.mark.parametrize(
    ("code", "name", "reason"),
    [
        ("zmd-tjj", "另一个局", "机关代码 zmd-tjj 已存在"),
        ("other", "驻马店经济开发区统计局", "已存在"),
        ("bad code", "新局", "机关代码只能由"),
    ],
)
def test_agency_create_refuses_duplicates_and_bad_codes(code, name, reason):
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    with pytest.raises(ValidationError, match=reason):
        agency_create(actor=None, code=code, name=name)
    assert Agency.objects.count() == 1


def test_only_an_administrator_above_may_create_a_subordinate_agency():
    committee = make_agency()
    handler = make_member(agency=committee, role=Role.HANDLER)
    admin = make_member(agency=committee, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        agency_create(actor=handler, code="x", name="某局", parent=committee)
    with pytest.raises(PermissionDenied):
        agency_create(actor=admin, code="x", name="某局", parent=None)
    assert agency_create(actor=admin, code="x", name="某局", parent=committee).parent == committee


def test_an_agency_cannot_be_its_own_supervising_office():
    top = make_agency()
    below = make_agency(parent=top)
    top.parent = below
    with pytest.raises(ValidationError, match="上级机关不能是本机关或其下级机关"):
        top.full_clean()


def test_section_names_are_unique_within_an_agency_only():
    first, second = make_agency(), make_agency()
    section_create(actor=None, agency=first, name="综合股")
    section_create(actor=None, agency=second, name="综合股")
    with pytest.raises(ValidationError, match="已有股室"):
        section_create(actor=None, agency=first, name="综合股")


def test_membership_grant_and_revoke_keep_the_row_and_audit_both():
    # given
    agency = make_agency()
    admin = make_member(agency=agency, role=Role.ADMINISTRATOR)
    section = make_section(agency=agency, name="统计股")
    clerk = make_user(full_name="李四")
    # when
    membership = membership_grant(
        actor=admin, user=clerk, agency=agency, role=Role.HANDLER, section=section
    )
    membership_revoke(actor=admin, membership=membership)
    # then the row stays, marked revoked, and a new grant is possible
    membership.refresh_from_db()
    assert membership.revoked_at is not None and not membership.is_active
    again = membership_grant(actor=admin, user=clerk, agency=agency, role=Role.HANDLER)
    assert Membership.objects.filter(user=clerk).count() == 2
    assert again.is_active
    actions = list(
        AuditEvent.objects.filter(agency=agency, object_type="agencies.membership")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["membership.grant", "membership.revoke", "membership.grant"]


def test_a_role_is_held_once_at_a_time():
    agency = make_agency()
    clerk = make_member(agency=agency, role=Role.HANDLER)
    with pytest.raises(ValidationError, match="已是"):
        membership_grant(actor=None, user=clerk, agency=agency, role=Role.HANDLER)
    # and the database says the same
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=clerk, agency=agency, role=Role.HANDLER)


def test_a_section_of_another_agency_is_refused():
    agency, other = make_agency(), make_agency()
    with pytest.raises(ValidationError, match="不属于"):
        membership_grant(
            actor=None,
            user=make_user(),
            agency=agency,
            role=Role.HANDLER,
            section=make_section(agency=other),
        )


def test_a_non_administrator_cannot_grant_roles():
    agency = make_agency()
    leader = make_member(agency=agency, role=Role.LEADER)
    with pytest.raises(PermissionDenied):
        membership_grant(actor=leader, user=make_user(), agency=agency, role=Role.HANDLER)
