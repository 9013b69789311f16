"""Every API error is JSON in Chinese, in one shape (`detail`, and `errors` by field): a huge
offset, a wrong type, a missing field, a broken body, a wrong method, an unknown address, no
sign-in, a failed CSRF check, an unexpected exception."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from gongkai.applications.tests.factories import make_office, registered

pytestmark = pytest.mark.django_db

LATIN_WORDS = re.compile(r"[A-Za-z]{4,}")
IDENTIFIERS = {"JSON", "CSRF", "CSRFToken", "Authorization", "Bearer"}


@pytest.fixture
def office():
    return make_office()


@pytest.fixture
def signed_in(client, office):
    client.force_login(office.office)
    return client


def assert_chinese_json(response, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and re.search(r"[\u4e00-\u9fff]", body["detail"])
    messages = [body["detail"], *(m for ms in (body.get("errors") or {}).values() for m in ms)]
    for message in messages:
        message = message.split("可选值：")[0]  # the valid values are identifiers
        # identifiers such as CSRF, JSON, X-CSRFToken, YYYY-MM-DD, the Authorization header and
        # its Bearer scheme may appear; English prose not
        words = [w for w in LATIN_WORDS.findall(message) if w not in IDENTIFIERS]
        assert not words, message
    return dict(body)


def test_an_offset_beyond_the_databases_integers_is_a_chinese_422(signed_in):
    for offset in (2**63, 2**64 + 5, 10**30):
        body = assert_chinese_json(signed_in.get(f"/api/applications/?offset={offset}"), 422)
        assert body["errors"]["offset"] == ["不能大于 1000000000。"]


def test_a_negative_offset_and_wrong_types_are_named_by_field(signed_in):
    body = assert_chinese_json(signed_in.get("/api/applications/?offset=-1&limit=abc"), 422)
    assert body["errors"] == {"offset": ["不能小于 0。"], "limit": ["须为整数。"]}


def test_a_large_offset_within_bounds_is_an_empty_page(signed_in, office):
    registered(office, dt.date(2026, 3, 2))
    response = signed_in.get("/api/applications/?offset=1000000000")
    assert response.status_code == 200 and response.json()["items"] == []


def test_an_action_without_its_version_or_with_a_broken_body_is_refused_in_chinese(
    signed_in, office
):
    case = registered(office, dt.date(2026, 3, 2))
    url = f"/api/applications/{case.tracking_code}/actions/assign"
    body = assert_chinese_json(signed_in.post(url, {}, content_type="application/json"), 422)
    assert body["errors"] == {"version": ["必填。"]}
    assert_chinese_json(signed_in.post(url, "{broken", content_type="application/json"), 400)
    bad_action = f"/api/applications/{case.tracking_code}/actions/fly"
    body = assert_chinese_json(
        signed_in.post(bad_action, {"version": 1}, content_type="application/json"), 422
    )
    assert list(body["errors"]) == ["action"]


def test_a_wrong_method_and_an_unknown_address_answer_json(signed_in):
    response = signed_in.delete("/api/applications/")
    assert_chinese_json(response, 405)
    assert "GET" in response["Allow"]
    assert "no-store" in response["Cache-Control"]
    assert_chinese_json(signed_in.get("/api/no-such-thing/"), 404)


def test_no_sign_in_and_a_failed_csrf_check_answer_in_chinese(office):
    anonymous = Client()
    assert_chinese_json(anonymous.get("/api/applications/"), 401)
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(office.office)
    case = registered(office, dt.date(2026, 3, 2))
    response = checked.post(
        f"/api/applications/{case.tracking_code}/actions/assign",
        {"version": 1},
        content_type="application/json",
    )
    assert "CSRF" in assert_chinese_json(response, 403)["detail"]


def test_an_unexpected_exception_is_a_json_500(signed_in, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("gongkai.api.callers.application_list_for", broken)
    assert_chinese_json(signed_in.get("/api/applications/"), 500)
