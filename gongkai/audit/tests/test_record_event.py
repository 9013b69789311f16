"""record_event: one event per change, inside the change's transaction, never deleted."""

from __future__ import annotations

import pytest
from django.db import transaction

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import MASK, mask_personal_data, record_event

pytestmark = pytest.mark.django_db


def test_an_event_records_actor_object_and_change():
    # given
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    actor = make_member(agency=agency, role=Role.ADMINISTRATOR)
    section = make_section(agency=agency, name="综合股")
    # when
    with transaction.atomic():
        event = record_event(
            actor=actor,
            action="section.rename",
            obj=section,
            before={"name": "综合股"},
            after={"name": "办公室"},
        )
    # then
    event.refresh_from_db()
    assert event.actor == actor
    assert event.agency == agency  # taken from the object's own agency
    assert (event.object_type, event.object_id) == ("agencies.section", str(section.pk))
    assert event.object_label == "驻马店经济开发区统计局综合股"
    assert (event.before, event.after) == ({"name": "综合股"}, {"name": "办公室"})


def test_an_event_rolls_back_with_its_change():
    # given
    agency = make_agency()
    # when the service's transaction fails after recording
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(actor=None, action="agency.touch", obj=agency, before=None, after={})
        raise RuntimeError("the change failed")
    # then
    assert not AuditEvent.objects.filter(action="agency.touch").exists()


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    agency = make_agency()
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        record_event(actor=None, action="agency.touch", obj=agency, before=None, after={})


def test_events_cannot_be_changed_or_deleted():
    # given
    agency = make_agency()
    with transaction.atomic():
        event = record_event(actor=None, action="agency.touch", obj=agency, before=None, after={})
    # then
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="x")
    event.action = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent._meta.default_permissions == ("add", "view")


def test_deleting_what_an_event_points_at_is_refused():
    # given an agency with history
    agency = make_agency()
    with transaction.atomic():
        record_event(actor=None, action="agency.touch", obj=agency, before=None, after={})
    # then the history protects it (no cascade ever deletes events)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        agency.delete()


def test_personal_data_is_masked_before_it_is_stored():
    # given
    agency = make_agency()
    # when
    with transaction.atomic():
        event = record_event(
            actor=None,
            action="applicant.update",
            obj=agency,
            before={"id_number": "41170219900101001X", "phone": "", "status": "new"},
            after={"id_number": "411702199001010028", "contact": {"phone": "13800000000"}},
        )
    # then the change is visible, the values are not
    event.refresh_from_db()
    assert event.before == {"id_number": MASK, "phone": "", "status": "new"}
    assert event.after == {"id_number": MASK, "contact": MASK}
    assert mask_personal_data({"address": {"x": 1}}) == {"address": MASK}
