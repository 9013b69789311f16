"""The JSON API: scoped and masked reads, actions through the services, 403 and 409."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_member
from gongkai.applications.models import Application
from gongkai.applications.services import application_assign
from gongkai.applications.tests.factories import RESIDENT_ID, make_office, registered

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def office():
    return make_office()


@pytest.fixture
def case(office):
    return registered(office, D(2026, 3, 2), name="张三丰")


def post(client, case, action, **body):
    return client.post(
        f"/api/applications/{case.tracking_code}/actions/{action}",
        body,
        content_type="application/json",
    )


def test_the_openapi_document_describes_the_endpoints(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/applications/" in paths
    assert "/api/applications/{tracking_code}/actions/{action}" in paths


def test_an_anonymous_caller_is_refused(client, case):
    assert client.get("/api/applications/").status_code == 401


def test_the_list_is_scoped_and_masked(client, office, case):
    client.force_login(office.office)
    items = client.get("/api/applications/").json()["items"]
    assert [i["tracking_code"] for i in items] == [case.tracking_code]
    applicant = items[0]["applicant"]
    assert applicant["masked"] and applicant["name"] == "张**"
    assert RESIDENT_ID not in str(items)
    stranger = make_member(agency=make_office().agency, role=Role.DISCLOSURE_OFFICE)
    client.force_login(stranger)
    assert client.get("/api/applications/").json()["count"] == 0
    assert client.get(f"/api/applications/{case.tracking_code}").status_code == 404


def test_the_detail_shows_personal_data_only_to_the_office_and_handler(client, office, case):
    client.force_login(office.office)
    full = client.get(f"/api/applications/{case.tracking_code}").json()
    assert full["applicant"]["id_document_number"] == RESIDENT_ID
    assert "assign" in full["allowed_actions"]
    client.force_login(office.leader)
    masked = client.get(f"/api/applications/{case.tracking_code}").json()
    assert masked["applicant"]["masked"] and RESIDENT_ID not in str(masked)
    assert masked["allowed_actions"] == ["decide"]


def test_an_action_goes_through_the_service(client, office, case):
    client.force_login(office.office)
    response = post(
        client,
        case,
        "request_clarification",
        version=1,
        items=["写明文号"],
        answer_due="2026-03-20",
        on="2026-03-04",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "awaiting_clarification"
    assert response.json()["version"] == 2


def test_an_action_the_role_may_not_take_is_403(client, office, case):
    client.force_login(office.leader)
    response = post(client, case, "assign", version=1, section=office.section.pk)
    assert response.status_code == 403
    assert "交办承办股室" in response.json()["detail"]


def test_a_stale_version_is_409_and_changes_nothing(client, office, case):
    application_assign(
        application=case, actor=office.office, seen_version=1, section=office.section
    )
    client.force_login(office.approver)
    response = post(client, case, "decide", version=1, outcome="granted", ground="disclosed")
    assert response.status_code == 409
    assert response.json()["detail"] == "该申请已被他人更新，请刷新后重试。"
    case.refresh_from_db()
    assert case.state == "received" and case.outcome is None and case.version == 2


def test_bad_input_is_422_with_chinese_messages(client, office, case):
    client.force_login(office.approver)
    response = post(client, case, "decide", version=1, outcome="nonsense")
    assert response.status_code == 422
    assert "outcome" in response.json()["errors"]


def test_csrf_is_required_for_posts(office, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(office.approver)
    response = post(client, case, "decide", version=1, outcome="granted", ground="disclosed")
    assert response.status_code == 403
    assert Application.objects.get(pk=case.pk).outcome is None
