"""agency_update, section_rename and staff_create: permission, validation, audit, atomicity."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts.models import User
from gongkai.agencies.admin_services import agency_update, section_rename, staff_create
from gongkai.agencies.models import AgencyKind, Membership, Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section, make_user
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")


@pytest.fixture
def bureau(committee):
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)


def update(agency, actor, **change):
    values = {
        "code": agency.code,
        "name": agency.name,
        "kind": agency.kind,
        "parent": agency.parent,
    }
    return agency_update(actor=actor, agency=agency, **{**values, **change})


def test_agency_update_records_before_and_after(bureau):
    admin = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    update(bureau, admin, name="统计局", kind=AgencyKind.OTHER)
    event = AuditEvent.objects.get()
    assert event.action == "agency.update" and event.actor == admin
    assert event.before is not None and event.after is not None
    assert (event.before["name"], event.after["name"]) == ("驻马店经济开发区统计局", "统计局")
    assert event.after["kind"] == "other"


def test_an_unchanged_agency_records_nothing(bureau):
    update(bureau, None)
    assert not AuditEvent.objects.exists()


def test_only_the_superuser_may_make_an_agency_top_level(bureau):
    admin_above = make_member(agency=bureau.parent, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        update(bureau, admin_above, parent=None)
    update(bureau, make_user(is_superuser=True), parent=None)
    bureau.refresh_from_db()
    assert bureau.parent is None


def test_moving_under_an_office_needs_the_right_to_administer_it(bureau):
    elsewhere = make_agency(code="other", name="其他管委会")
    admin = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        update(bureau, admin, parent=elsewhere)


def test_a_loop_of_supervising_offices_is_refused(committee, bureau):
    with pytest.raises(ValidationError) as caught:
        update(committee, None, parent=bureau)
    assert caught.value.message_dict == {"parent": ["上级机关不能是本机关或其下级机关。"]}


def test_duplicate_code_and_name_are_refused_on_their_fields(committee, bureau):
    with pytest.raises(ValidationError) as caught:
        update(bureau, None, code="zmd-kfq", name="驻马店经济开发区管理委员会")
    assert caught.value.message_dict == {
        "code": ["机关代码 zmd-kfq 已存在。"],
        "name": ["机关名称“驻马店经济开发区管理委员会”已存在。"],
    }


def test_section_rename_is_audited_and_refuses_duplicates(bureau):
    first = make_section(agency=bureau, name="统计股")
    make_section(agency=bureau, name="综合股")
    with pytest.raises(ValidationError):
        section_rename(actor=None, section=first, name="综合股")
    section_rename(actor=None, section=first, name="统计调查股")
    assert AuditEvent.objects.get().action == "section.rename"
    with pytest.raises(PermissionDenied):
        section_rename(
            actor=make_member(agency=bureau, role=Role.LEADER), section=first, name="又改"
        )


def test_staff_create_is_all_or_nothing(bureau, committee):
    other_section = make_section(agency=committee, name="办公室")
    # when the role cannot be granted (a section of another agency)
    with pytest.raises(ValidationError):
        staff_create(
            actor=None,
            agency=bureau,
            username="li.lei",
            full_name="李雷",
            password="Tongji-2026-zmd",
            role=Role.HANDLER,
            section=other_section,
        )
    # then no account was left behind either
    assert not User.objects.filter(username="li.lei").exists()
    assert not AuditEvent.objects.exists()


def test_staff_create_needs_the_right_to_administer(bureau):
    with pytest.raises(PermissionDenied):
        staff_create(
            actor=make_member(agency=bureau, role=Role.DISCLOSURE_OFFICE),
            agency=bureau,
            username="li.lei",
            full_name="李雷",
            password="Tongji-2026-zmd",
            role=Role.HANDLER,
        )
    assert not Membership.objects.filter(user__username="li.lei").exists()
