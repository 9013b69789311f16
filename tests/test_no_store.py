"""Pages and API answers with personal data carry `Cache-Control: no-store`; the portal's
public pages do not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications.tests.factories import make_office, registered

pytestmark = pytest.mark.django_db


def test_workspace_case_pages_and_the_api_are_not_stored(client):
    office = make_office()
    case = registered(office, dt.date(2026, 3, 2))
    client.force_login(office.office)
    for url in (
        reverse("workspace:case_detail", args=[case.tracking_code]),
        reverse("workspace:home"),
        f"/api/applications/{case.tracking_code}",
        "/api/applications/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_the_citizens_forms_and_tracking_pages_are_not_stored(client):
    for url in (reverse("portal:apply"), reverse("portal:track")):
        assert "no-store" in client.get(url)["Cache-Control"], url
    refused = client.post(reverse("portal:track"), {"tracking_code": "X", "query_code": "Y"})
    assert "no-store" in refused["Cache-Control"]


def test_public_pages_keep_their_caching(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
