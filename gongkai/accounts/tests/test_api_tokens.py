"""API tokens: created by the agency's administrator with the secret shown once and only its
digest stored, revoked for good, refused when unknown, revoked or expired; create and revoke
audited in the agency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.accounts.api_tokens import (
    Refusal,
    TokenRefused,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    api_token_status,
    token_digest,
)
from gongkai.accounts.models import ApiToken, ApiTokenPermission
from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.audit.actions import action_label, changes
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

READ = [ApiTokenPermission.READ_APPLICATIONS.value]


@pytest.fixture
def agency():
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")


@pytest.fixture
def admin(agency):
    return make_member(agency=agency, role=Role.ADMINISTRATOR)


def test_the_secret_is_returned_once_and_only_its_digest_is_stored(agency, admin):
    # when the administrator creates a token for the government service platform
    issued = api_token_create(
        actor=admin, agency=agency, system_name=" 政务服务平台 ", permissions=READ
    )

    # then the secret is a long random gk_ string that the database does not hold
    secret = issued.secret
    assert secret.startswith("gk_") and len(secret) >= 40
    stored = ApiToken.objects.get()
    assert stored.digest == token_digest(secret) and len(stored.digest) == 64
    row = ApiToken.objects.filter(pk=stored.pk).values().get()
    assert not any(secret in str(value) for value in row.values())
    assert stored.hint == secret[:10] and stored.system_name == "政务服务平台"
    assert stored.created_by == admin and stored.permissions == READ
    # two tokens never share a secret
    other = api_token_create(actor=admin, agency=agency, system_name="12345", permissions=READ)
    assert other.secret != secret


def test_create_and_revoke_are_audited_without_the_secret(agency, admin):
    issued = api_token_create(
        actor=admin, agency=agency, system_name="政务服务平台", permissions=READ
    )
    api_token_revoke(actor=admin, token=issued.token)

    events = list(AuditEvent.objects.filter(object_type="accounts.apitoken").order_by("id"))
    assert [e.action for e in events] == ["api_token.create", "api_token.revoke"]
    assert all(e.agency == agency and e.actor == admin for e in events)
    assert [action_label(e.action) for e in events] == ["新建 API 令牌", "撤销 API 令牌"]
    for event in events:
        assert issued.secret not in str(event.before) + str(event.after)
        assert issued.token.digest not in str(event.before) + str(event.after)
    shown = {c.field: c.after for c in changes(None, events[0].after, action=events[0].action)}
    assert shown["对接系统"] == "政务服务平台"
    assert shown["权限"] == "读取本机关的申请（个人信息脱敏）"


def test_a_revoked_token_is_refused_and_cannot_be_revoked_twice(agency, admin):
    issued = api_token_create(
        actor=admin, agency=agency, system_name="政务服务平台", permissions=READ
    )
    assert api_token_authenticate(secret=issued.secret) == issued.token

    revoked = api_token_revoke(actor=admin, token=issued.token)

    assert revoked.revoked_at is not None and revoked.revoked_by == admin
    with pytest.raises(TokenRefused) as refused:
        api_token_authenticate(secret=issued.secret)
    assert refused.value.refusal == Refusal.REVOKED and "已撤销" in str(refused.value)
    with pytest.raises(ValidationError):
        api_token_revoke(actor=admin, token=issued.token)
    assert api_token_status(revoked) == "已撤销"


def test_an_expired_token_is_refused(agency, admin):
    tomorrow = timezone.now() + dt.timedelta(days=1)
    issued = api_token_create(
        actor=None, agency=agency, system_name="政务服务平台", permissions=READ, expires_at=tomorrow
    )
    assert api_token_authenticate(secret=issued.secret, now=tomorrow - dt.timedelta(seconds=1))

    with pytest.raises(TokenRefused) as refused:
        api_token_authenticate(secret=issued.secret, now=tomorrow)
    assert refused.value.refusal == Refusal.EXPIRED and "已过期" in str(refused.value)
    assert api_token_status(issued.token, now=tomorrow) == "已过期"


@pytest.mark.parametrize(
    "secret", ["", "gk_", "gk_unknown", "not-a-token", "gk_" + "x" * 500, "gk_\ud800"]
)
def test_an_unknown_or_malformed_secret_is_refused_alike(agency, admin, secret):
    api_token_create(actor=admin, agency=agency, system_name="政务服务平台", permissions=READ)
    with pytest.raises(TokenRefused) as refused:
        api_token_authenticate(secret=secret)
    assert refused.value.refusal == Refusal.UNKNOWN and refused.value.token is None


def test_a_use_notes_the_time_at_most_once_a_minute(agency, admin):
    issued = api_token_create(
        actor=admin, agency=agency, system_name="政务服务平台", permissions=READ
    )
    first = timezone.now()
    api_token_authenticate(secret=issued.secret, now=first)
    api_token_authenticate(secret=issued.secret, now=first + dt.timedelta(seconds=30))
    issued.token.refresh_from_db()
    assert issued.token.last_used_at == first
    later = first + dt.timedelta(minutes=2)
    api_token_authenticate(secret=issued.secret, now=later)
    issued.token.refresh_from_db()
    assert issued.token.last_used_at == later
    # a use is not audited
    assert not AuditEvent.objects.filter(action__startswith="api_token.use").exists()


def test_only_an_administrator_of_the_agency_creates_and_revokes(agency, admin):
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    other_admin = make_member(agency=make_agency(), role=Role.ADMINISTRATOR)
    for actor in (office, other_admin):
        with pytest.raises(PermissionDenied):
            api_token_create(actor=actor, agency=agency, system_name="平台", permissions=READ)
    issued = api_token_create(actor=admin, agency=agency, system_name="平台", permissions=READ)
    for actor in (office, other_admin):
        with pytest.raises(PermissionDenied):
            api_token_revoke(actor=actor, token=issued.token)
    above = make_member(agency=make_agency(), role=Role.ADMINISTRATOR)
    agency.parent = above.memberships.get().agency
    agency.save()
    assert api_token_revoke(actor=above, token=issued.token).revoked_at is not None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"system_name": "  "}, "system_name"),
        ({"system_name": "平" * 65}, "system_name"),
        ({"permissions": []}, "permissions"),
        ({"permissions": ["applications.write"]}, "permissions"),
        ({"expires_at": timezone.now() - dt.timedelta(minutes=1)}, "expires_at"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_created(agency, admin, fields, field):
    values = {"system_name": "政务服务平台", "permissions": READ} | fields
    with pytest.raises(ValidationError) as error:
        api_token_create(actor=admin, agency=agency, **values)
    assert list(error.value.message_dict) == [field]
    assert not ApiToken.objects.exists() and not AuditEvent.objects.exists()
