"""The administrator's API token pages: a new token's secret shown once (never again, never
stored), the list without secrets, revoking after a question; each audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.api_tokens import api_token_authenticate, api_token_create, token_digest
from gongkai.accounts.models import ApiToken
from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

READ = "applications.read"


@pytest.fixture
def agency():
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")


@pytest.fixture
def admin_client(client, agency):
    client.force_login(make_member(agency=agency, role=Role.ADMINISTRATOR))
    return client


def new_token(client, **fields):
    data = {"system_name": "政务服务平台", "permissions": [READ]} | fields
    return client.post(reverse("workspace:api_token_new", args=["zmd-tjj"]), data)


def test_a_new_token_is_shown_once_and_works(admin_client, agency):
    # when the administrator creates a token for the government service platform
    response = new_token(admin_client, expires_on=(timezone.localdate() + dt.timedelta(days=30)))

    # then the answer shows the secret once, not to be stored by any cache
    assert response.status_code == 200
    secret = response.context["secret"]
    html = response.content.decode()
    assert secret.startswith("gk_") and secret in html and "只显示这一次" in html
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.digest == token_digest(secret) and token.agency == agency
    # valid through the chosen day, in the platform's time zone
    assert timezone.localtime(token.expires_at).date() == timezone.localdate() + dt.timedelta(31)
    # and the secret is nowhere else: not in the session, not in a message, not in the list
    assert secret not in str(dict(admin_client.session))
    listing = admin_client.get(reverse("workspace:api_token_list", args=["zmd-tjj"]))
    text = listing.content.decode()
    assert secret not in text and token.hint in text and "政务服务平台" in text
    assert "尚未使用" in text
    # the secret works, and the list then says when it was last used
    assert api_token_authenticate(secret=secret) == token
    listing = admin_client.get(reverse("workspace:api_token_list", args=["zmd-tjj"]))
    assert "尚未使用" not in listing.content.decode()
    assert AuditEvent.objects.filter(action="api_token.create", agency=agency).count() == 1


def test_a_form_with_bad_input_is_refused_in_chinese(admin_client):
    response = new_token(admin_client, system_name="", permissions=[])
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["system_name"] == ["这个字段是必填项。"]
    assert errors["permissions"] == ["请至少选择一项权限。"]
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    errors = new_token(admin_client, expires_on=yesterday.isoformat()).context["form"].errors
    assert errors["expires_on"] == ["有效期不能早于今天。"]
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_ends_the_token(admin_client, agency):
    secret = new_token(admin_client).context["secret"]
    token = ApiToken.objects.get()
    url = reverse("workspace:api_token_revoke", args=["zmd-tjj", token.pk])

    # the question names the system and what stops
    question = admin_client.get(url).content.decode()
    assert "撤销政务服务平台的 API 令牌" in question and "401" in question
    assert ApiToken.objects.get().revoked_at is None

    response = admin_client.post(url, follow=True)

    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by is not None
    assert "已撤销政务服务平台的 API 令牌" in response.content.decode()
    assert "已撤销或已过期的令牌" in response.content.decode()
    with pytest.raises(Exception, match="已撤销"):
        api_token_authenticate(secret=secret)
    assert AuditEvent.objects.filter(action="api_token.revoke", agency=agency).count() == 1
    # a second revoke changes nothing and says so
    again = admin_client.post(url, follow=True).content.decode()
    assert "该 API 令牌已撤销" in again
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_a_token_of_another_agency_is_not_found_from_this_agencys_pages(admin_client, agency):
    other = make_agency(code="zmd-cz", name="驻马店经济开发区财政局")
    theirs = api_token_create(actor=None, agency=other, system_name="平台", permissions=[READ])
    url = reverse("workspace:api_token_revoke", args=["zmd-tjj", theirs.token.pk])
    assert admin_client.post(url).status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None
    # and their own pages are the other agency's administrator's: 403
    assert admin_client.get(reverse("workspace:api_token_list", args=["zmd-cz"])).status_code == 403


def test_the_agency_pages_link_to_the_tokens(admin_client):
    html = admin_client.get(reverse("workspace:agency_detail", args=["zmd-tjj"])).content.decode()
    assert reverse("workspace:api_token_list", args=["zmd-tjj"]) in html


def test_the_audit_timeline_names_the_token_acts_in_chinese(admin_client):
    new_token(admin_client)
    token = ApiToken.objects.get()
    admin_client.post(reverse("workspace:api_token_revoke", args=["zmd-tjj", token.pk]))

    html = admin_client.get(reverse("workspace:audit")).content.decode()

    assert "新建 API 令牌" in html and "撤销 API 令牌" in html
    assert "对接系统" in html and "政务服务平台" in html and token.hint in html
    assert token.digest not in html
