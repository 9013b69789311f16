"""One's own account (password, e-mail), sessions, and the administrator's account actions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.accounts.administration import (
    account_deactivate,
    account_reactivate,
    account_reset_password,
    account_unlock,
    may_manage_account,
)
from gongkai.accounts.models import User
from gongkai.accounts.services import password_change, user_set_email
from gongkai.agencies.models import Membership, Role
from gongkai.agencies.services import membership_revoke
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def office():
    committee = make_agency(code="kfq", name="管委会")
    bureau = make_agency(code="tjj", name="统计局", parent=committee)
    return {
        "committee": committee,
        "bureau": bureau,
        "admin": make_member(agency=bureau, role=Role.ADMINISTRATOR),
        "admin_above": make_member(agency=committee, role=Role.ADMINISTRATOR),
        "handler": make_member(agency=bureau, role=Role.HANDLER),
    }


def test_password_change_needs_the_present_password_and_a_new_strong_one():
    user = make_user()
    with pytest.raises(ValidationError) as wrong:
        password_change(user=user, old_password="not it", new_password="a-new-passphrase-42")
    assert wrong.value.message_dict == {"old_password": ["当前密码不正确。"]}
    with pytest.raises(ValidationError) as same:
        password_change(user=user, old_password=PASSWORD, new_password=PASSWORD)
    assert same.value.message_dict == {"password1": ["新密码不能与当前密码相同。"]}
    with pytest.raises(ValidationError) as weak:
        password_change(user=user, old_password=PASSWORD, new_password="12345678901")
    assert "密码不能全是数字。" in weak.value.message_dict["password1"]
    assert not AuditEvent.objects.exists()


def test_password_change_clears_the_initial_password_mark_and_is_audited():
    # given a person signed in with an initial password
    user = make_user(must_change_password=True)
    # when they choose their own
    password_change(user=user, old_password=PASSWORD, new_password="a-new-passphrase-42")
    # then it is theirs, nothing asks again, and the log says so without the password
    user.refresh_from_db()
    assert user.check_password("a-new-passphrase-42") and not user.must_change_password
    event = AuditEvent.objects.get(action="user.change_password")
    assert event.actor == user
    assert event.after == {"password": "＊＊＊", "must_change_password": False}


def test_an_own_email_is_checked_and_its_change_is_audited_masked():
    user = make_user()
    with pytest.raises(ValidationError) as bad:
        user_set_email(user=user, email="not an address")
    assert bad.value.message_dict == {"email": ["请输入有效的电子邮箱地址。"]}
    user_set_email(user=user, email=" zhang@tjj.example.gov.cn ")
    user.refresh_from_db()
    assert user.email == "zhang@tjj.example.gov.cn"
    event = AuditEvent.objects.get(action="user.set_email")
    assert event.after == {"email": "＊＊＊"} and event.actor == user


def test_an_administrator_resets_a_password_to_be_changed_at_next_sign_in(office, client):
    # given the handler, signed in elsewhere
    handler = office["handler"]
    client.force_login(handler)
    # when the administrator resets its password
    account_reset_password(
        actor=office["admin"], person=handler, agency=office["bureau"], password="Reset-2026-tjj"
    )
    # then the new password works, must be changed, the old session is over
    handler.refresh_from_db()
    assert handler.check_password("Reset-2026-tjj") and handler.must_change_password
    assert client.get(reverse("workspace:home")).status_code == 302
    event = AuditEvent.objects.get(action="user.reset_password")
    assert event.agency == office["bureau"] and event.actor == office["admin"]
    assert "Reset-2026-tjj" not in str(event.after)


def test_a_weak_reset_password_is_refused_on_its_field(office):
    with pytest.raises(ValidationError) as refused:
        account_reset_password(
            actor=office["admin"], person=office["handler"], agency=office["bureau"], password="1"
        )
    assert "password1" in refused.value.message_dict


def test_a_deactivated_account_keeps_its_roles_and_history_and_its_sessions_end(office, client):
    handler = office["handler"]
    client.force_login(handler)
    assert client.get(reverse("workspace:home")).status_code == 200
    # when deactivated
    account_deactivate(
        actor=office["admin"], person=handler, agency=office["bureau"], reason="调离本机关"
    )
    # then its session no longer counts, its roles stay, the reason is recorded
    assert client.get(reverse("workspace:home")).status_code == 302
    handler.refresh_from_db()
    assert not handler.is_active
    assert Membership.objects.filter(user=handler, revoked_at__isnull=True).count() == 1
    event = AuditEvent.objects.get(action="user.deactivate")
    assert event.after == {"is_active": False, "reason": "调离本机关"}
    # and it cannot sign in, with the reason once the password is right
    response = client.post(
        reverse("workspace:login"), {"username": handler.username, "password": PASSWORD}
    )
    assert "该账号已停用，不能登录" in response.content.decode()
    response = client.post(
        reverse("workspace:login"), {"username": handler.username, "password": "wrong-one"}
    )
    assert "已停用" not in response.content.decode()
    # when reactivated it signs in again
    account_reactivate(actor=office["admin"], person=handler, agency=office["bureau"])
    response = client.post(
        reverse("workspace:login"), {"username": handler.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_deactivation_needs_a_reason(office):
    with pytest.raises(ValidationError):
        account_deactivate(
            actor=office["admin"], person=office["handler"], agency=office["bureau"], reason=" "
        )


def test_revoking_every_role_ends_the_sessions_and_a_new_role_does_not_revive_them(office, client):
    handler = office["handler"]
    client.force_login(handler)
    membership = Membership.objects.get(user=handler)
    # when its only role is revoked
    membership_revoke(actor=office["admin"], membership=membership)
    # then the open session is over
    assert client.get(reverse("workspace:home")).status_code == 302
    assert AuditEvent.objects.get(action="membership.revoke").after == {
        "active": False,
        "last_role": True,
    }
    # and a role given again lets the person sign in anew, not the old session back
    make_member(agency=office["bureau"], role=Role.LEADER, user=handler)
    assert client.get(reverse("workspace:home")).status_code == 302


def test_revoking_one_of_two_roles_keeps_the_session(office, client):
    handler = office["handler"]
    make_member(agency=office["bureau"], role=Role.LEADER, user=handler)
    client.force_login(handler)
    membership_revoke(
        actor=office["admin"], membership=Membership.objects.get(user=handler, role=Role.HANDLER)
    )
    assert client.get(reverse("workspace:home")).status_code == 200


def test_who_may_manage_an_account(office):
    admin, above, handler = office["admin"], office["admin_above"], office["handler"]
    bureau, committee = office["bureau"], office["committee"]
    root = make_user(is_superuser=True)
    # the agency's administrator and the one above it may; the handler may not
    assert may_manage_account(admin, handler, bureau)
    assert may_manage_account(above, handler, bureau)
    assert not may_manage_account(handler, admin, bureau)
    # nobody manages their own account here, and only a superuser manages a superuser's
    assert not may_manage_account(admin, admin, bureau)
    assert not may_manage_account(admin, root, bureau)
    assert may_manage_account(root, admin, bureau)
    # a person who also holds a role in the office above is out of the bureau admin's reach
    make_member(agency=committee, role=Role.LEADER, user=handler)
    assert not may_manage_account(admin, handler, bureau)
    assert may_manage_account(above, handler, bureau)
    with pytest.raises(PermissionDenied):
        account_unlock(actor=admin, person=handler, agency=bureau)


def test_deactivating_ones_own_account_is_refused(office):
    with pytest.raises(PermissionDenied, match="自己的账号"):
        account_deactivate(
            actor=office["admin"], person=office["admin"], agency=office["bureau"], reason="x"
        )
    assert User.objects.get(pk=office["admin"].pk).is_active
