"""Another system reads the API with its token (`Authorization: Bearer gk_…`): its own agency's
cases only, personal data masked, never an action; an unknown, revoked or expired token is a
Chinese 401; a token decides alone, whatever session cookie comes with it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.accounts.api_tokens import api_token_create, api_token_revoke
from gongkai.accounts.models import ApiToken, ApiTokenPermission
from gongkai.api.tests.test_api_errors import assert_chinese_json
from gongkai.applications.models import Application
from gongkai.applications.tests.factories import RESIDENT_ID, make_office, registered

pytestmark = pytest.mark.django_db
READ = [ApiTokenPermission.READ_APPLICATIONS.value]


@pytest.fixture
def office():
    return make_office()


@pytest.fixture
def case(office):
    return registered(office, dt.date(2026, 3, 2), name="张三丰")


@pytest.fixture
def secret(office):
    return api_token_create(
        actor=None, agency=office.agency, system_name="政务服务平台", permissions=READ
    ).secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def assert_chinese_401(response) -> str:
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    return str(assert_chinese_json(response, 401)["detail"])


def test_a_token_reads_its_agencys_list_and_detail_masked(client, case, secret):
    # when the government service platform reads the list and one case with its token
    listing = client.get("/api/applications/", headers=bearer(secret))
    detail = client.get(f"/api/applications/{case.tracking_code}", headers=bearer(secret))

    # then it sees the agency's case, the applicant masked, and no action offered
    assert listing.status_code == 200, listing.content
    assert [i["tracking_code"] for i in listing.json()["items"]] == [case.tracking_code]
    assert detail.status_code == 200
    body = detail.json()
    assert body["applicant"]["masked"] and body["applicant"]["name"] == "张**"
    assert RESIDENT_ID not in listing.content.decode() + detail.content.decode()
    assert "13800138000" not in detail.content.decode()
    assert body["allowed_actions"] == []
    # and the use is noted on the token
    assert ApiToken.objects.get().last_used_at is not None


def test_a_token_never_sees_another_agencys_case(client, case, secret):
    # given a case of another agency
    other = registered(make_office(), dt.date(2026, 3, 3))

    # then the token lists only its own, and the other answers 404 as for a person out of scope
    codes = [
        i["tracking_code"]
        for i in client.get("/api/applications/", headers=bearer(secret)).json()["items"]
    ]
    assert codes == [case.tracking_code]
    response = client.get(f"/api/applications/{other.tracking_code}", headers=bearer(secret))
    assert response.status_code == 404
    assert response.json()["detail"] == "没有找到该申请。"


def test_a_token_of_the_supervising_office_does_not_read_the_agencies_below(client, office, case):
    # given a token of the office above the case's agency
    above = make_office()
    office.agency.parent = above.agency
    office.agency.save()
    secret = api_token_create(
        actor=None, agency=above.agency, system_name="市级平台", permissions=READ
    ).secret

    # then it reads its own agency only (decision 0016)
    assert client.get("/api/applications/", headers=bearer(secret)).json()["count"] == 0
    assert (
        client.get(f"/api/applications/{case.tracking_code}", headers=bearer(secret)).status_code
        == 404
    )


def test_a_token_cannot_act_even_with_a_good_body(client, office, case, secret):
    response = client.post(
        f"/api/applications/{case.tracking_code}/actions/assign",
        {"version": 1, "section": office.section.pk},
        content_type="application/json",
        headers=bearer(secret),
    )
    assert response.status_code == 403
    assert "只能读取" in response.json()["detail"]
    # a token's write is refused before its body is read: no 422 for a broken one
    broken = client.post(
        f"/api/applications/{case.tracking_code}/actions/assign",
        "{broken",
        content_type="application/json",
        headers=bearer(secret),
    )
    assert broken.status_code == 403
    assert Application.objects.get(pk=case.pk).state == "received"


def test_a_token_without_the_read_permission_is_403(client, case, secret):
    ApiToken.objects.update(permissions=[])
    response = client.get("/api/applications/", headers=bearer(secret))
    assert response.status_code == 403
    assert response.json()["detail"] == "该 API 令牌无权读取申请。"


def test_unknown_revoked_and_expired_tokens_are_chinese_401s(client, office, case, secret):
    unknown = assert_chinese_401(client.get("/api/applications/", headers=bearer("gk_" + "A" * 43)))
    malformed = assert_chinese_401(client.get("/api/applications/", headers=bearer("")))
    assert unknown == malformed  # nothing tells an unknown secret from a malformed one

    api_token_revoke(actor=None, token=ApiToken.objects.get())
    assert "已撤销" in assert_chinese_401(client.get("/api/applications/", headers=bearer(secret)))

    expiring = api_token_create(
        actor=None,
        agency=office.agency,
        system_name="12345 热线",
        permissions=READ,
        expires_at=timezone.now() + dt.timedelta(seconds=1),
    )
    ApiToken.objects.filter(pk=expiring.token.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(
        f"/api/applications/{case.tracking_code}", headers=bearer(expiring.secret)
    )
    assert "已过期" in assert_chinese_401(response)


def test_a_bad_token_is_refused_even_with_a_good_session(client, office, secret):
    # given a signed-in disclosure office whose request also carries a revoked token
    client.force_login(office.office)
    api_token_revoke(actor=None, token=ApiToken.objects.get())

    # then the token decides: 401, not the session's answer
    assert_chinese_401(client.get("/api/applications/", headers=bearer(secret)))


def test_a_good_token_with_a_session_cookie_acts_as_the_token_alone(client, office, case, secret):
    # given the disclosure office's session cookie sent along with a token
    client.force_login(office.office)

    # then the answer is the token's: personal data masked, no action
    body = client.get(f"/api/applications/{case.tracking_code}", headers=bearer(secret)).json()
    assert body["applicant"]["masked"] and body["allowed_actions"] == []
    response = client.post(
        f"/api/applications/{case.tracking_code}/actions/assign",
        {"version": 1, "section": office.section.pk},
        content_type="application/json",
        headers=bearer(secret),
    )
    assert response.status_code == 403


def test_a_token_needs_no_csrf_token(office, case, secret):
    checked = Client(enforce_csrf_checks=True)
    response = checked.get("/api/applications/", headers=bearer(secret))
    assert response.status_code == 200


def test_without_a_token_or_session_the_401_names_both_ways_in(client):
    detail = assert_chinese_json(client.get("/api/applications/"), 401)["detail"]
    assert "登录工作平台" in detail and "API 令牌" in detail


def test_the_session_still_works_as_before(client, office, case):
    client.force_login(office.office)
    body = client.get(f"/api/applications/{case.tracking_code}").json()
    assert body["applicant"]["id_document_number"] == RESIDENT_ID
    assert "assign" in body["allowed_actions"]


def test_a_tokens_list_takes_as_many_queries_for_one_case_as_for_five(
    client, office, case, secret, django_assert_max_num_queries
):
    client.get("/api/applications/", headers=bearer(secret))  # note the use once
    with CaptureQueriesContext(connection) as one:
        client.get("/api/applications/", headers=bearer(secret))
    for day in range(3, 7):
        registered(office, dt.date(2026, 3, day))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/api/applications/", headers=bearer(secret))
    assert response.json()["count"] == 5
