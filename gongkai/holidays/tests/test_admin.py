"""The admin edits days through `set_day` (audited) and never deletes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.admin import AdminSite
from django.test import RequestFactory

if not apps.is_installed("django.contrib.admin"):
    pytest.skip("django.contrib.admin is not in INSTALLED_APPS", allow_module_level=True)

from gongkai.accounts.models import User
from gongkai.audit.models import AuditEvent
from gongkai.holidays.admin import CalendarYearAdmin, OfficialDayAdmin
from gongkai.holidays.models import CalendarYear, OfficialDay, Source


@pytest.mark.django_db
def test_saving_in_the_admin_goes_through_the_audited_service() -> None:
    # given an administrator changing the 调休 Sunday 2025-01-26 to a rest day
    user = User.objects.create_user(username="admin-tester", password="x" * 12, is_staff=True)
    request = RequestFactory().post("/")
    request.user = user
    model_admin = OfficialDayAdmin(OfficialDay, AdminSite())
    obj = OfficialDay.objects.get(date=dt.date(2025, 1, 26))
    obj.is_off_day = True
    # when
    model_admin.save_model(request, obj, form=None, change=True)  # type: ignore[arg-type]
    # then
    row = OfficialDay.objects.get(date=dt.date(2025, 1, 26))
    assert (row.is_off_day, row.source) == (True, Source.ADMIN)
    assert AuditEvent.objects.get(action="holidays.set_day").actor == user
    assert not model_admin.has_delete_permission(request, row)
    assert model_admin.get_readonly_fields(request, row)[0] == "date"


@pytest.mark.django_db
def test_calendar_years_are_read_only_in_the_admin() -> None:
    request = RequestFactory().get("/")
    model_admin = CalendarYearAdmin(CalendarYear, AdminSite())
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.django_db
def test_the_admin_pages_render_for_a_superuser(admin_client) -> None:
    # given the seeded calendar; when a superuser opens the list and one day's page
    row = OfficialDay.objects.get(date=dt.date(2025, 1, 26))
    listing = admin_client.get("/workspace/admin/holidays/officialday/?date__year=2025")
    change = admin_client.get(f"/workspace/admin/holidays/officialday/{row.pk}/change/")
    years = admin_client.get("/workspace/admin/holidays/calendaryear/")
    # then
    assert listing.status_code == change.status_code == years.status_code == 200
    assert "春节" in listing.content.decode()
    assert "2025" in years.content.decode()


@pytest.mark.django_db
def test_the_admin_change_form_saves_through_the_service(admin_client, admin_user) -> None:
    # given the 调休 Sunday 2025-01-26; when a superuser ticks 放假 on its page
    row = OfficialDay.objects.get(date=dt.date(2025, 1, 26))
    response = admin_client.post(
        f"/workspace/admin/holidays/officialday/{row.pk}/change/",
        {"is_off_day": "on", "name": "春节"},
    )
    # then
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.is_off_day, row.source) == (True, Source.ADMIN)
    assert AuditEvent.objects.get(action="holidays.set_day").actor == admin_user
