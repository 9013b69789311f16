"""Sign-in lockouts by username and address, lifting them (audited), the audited account
commands, and the sign-in records in the Django admin (read only)."""

from __future__ import annotations

from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.urls import reverse

from gongkai.accounts.administration import account_unlock
from gongkai.accounts.models import User
from gongkai.accounts.throttling import lockouts_of
from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def lock_out(client, username: str, address: str) -> None:
    for i in range(5):
        client.post(
            reverse("workspace:login"),
            {"username": username, "password": f"wrong{i}"},
            REMOTE_ADDR=address,
        )


def sign_in(client, username: str, address: str) -> int:
    status: int = client.post(
        reverse("workspace:login"),
        {"username": username, "password": PASSWORD},
        REMOTE_ADDR=address,
    ).status_code
    return status


def test_a_lockout_holds_for_the_username_from_that_address_only(client):
    # given someone guessing a leader's password from one address
    agency = make_agency()
    leader = make_member(agency=agency, role=Role.LEADER)
    lock_out(client, leader.username, "203.0.113.9")
    # then that address is locked for that username
    assert sign_in(client, leader.username, "203.0.113.9") == 429
    assert lockouts_of(leader.username) == 1
    # and the leader still signs in from the office's own address: an outsider cannot lock
    # the office out
    assert sign_in(client, leader.username, "10.1.2.3") == 302


def test_the_administrator_lifts_a_lockout_and_it_is_audited(client):
    agency = make_agency()
    admin = make_member(agency=agency, role=Role.ADMINISTRATOR)
    handler = make_member(agency=agency, role=Role.HANDLER)
    lock_out(client, handler.username, "10.1.2.3")
    assert sign_in(client, handler.username, "10.1.2.3") == 429
    # when the administrator lifts it
    assert account_unlock(actor=admin, person=handler, agency=agency) == 1
    # then the handler signs in, and the log names who lifted it
    assert sign_in(client, handler.username, "10.1.2.3") == 302
    event = AuditEvent.objects.get(action="user.unlock")
    assert (event.actor, event.agency, event.object_id) == (admin, agency, str(handler.pk))


def test_the_reset_commands_are_audited(client):
    agency = make_agency()
    handler = make_member(agency=agency, role=Role.HANDLER)
    lock_out(client, handler.username, "10.1.2.3")
    lock_out(client, "no-such-user", "10.1.2.3")
    # when the operator lifts the lockout from the console
    call_command("axes_reset_username", handler.username, stdout=StringIO())
    # then it is gone and audited as a system command
    assert not AccessAttempt.objects.filter(username=handler.username).exists()
    event = AuditEvent.objects.get(action="user.unlock")
    assert event.actor is None and event.object_id == str(handler.pk)
    # and resetting an address lifts what is left; a guessed name is no account to record
    call_command("axes_reset_ip", "10.1.2.3", stdout=StringIO())
    assert not AccessAttempt.objects.exists()
    assert AuditEvent.objects.filter(action="user.unlock").count() == 1


def test_createsuperuser_is_audited(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Platform-root-2026")
    call_command(
        "createsuperuser",
        "--noinput",
        "--username=root",
        "--full_name=平台管理员",
        stdout=StringIO(),
    )
    root = User.objects.get(username="root")
    assert root.is_superuser and root.check_password("Platform-root-2026")
    event = AuditEvent.objects.get(action="user.create_superuser")
    assert event.actor is None and event.after == {"username": "root", "full_name": "平台管理员"}


def test_changepassword_is_audited_and_checks_the_password(monkeypatch):
    user = make_user(username="wang", must_change_password=True)
    typed = iter(["123", "123", "Console-pass-2026", "Console-pass-2026"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    err = StringIO()
    result = StringIO()
    call_command("changepassword", "wang", stdout=result, stderr=err)
    user.refresh_from_db()
    assert user.check_password("Console-pass-2026") and not user.must_change_password
    assert "密码太短" in err.getvalue()
    assert "已修改用户 wang 的密码" in result.getvalue()
    event = AuditEvent.objects.get(action="user.set_password")
    assert event.actor is None and event.object_id == str(user.pk)


def test_sign_in_records_cannot_be_deleted_in_the_django_admin(client):
    # given a successful sign-in (an AccessLog row) and a locked address (an AccessAttempt)
    root = make_user(is_superuser=True, is_staff=True)
    assert sign_in(client, root.username, "10.1.2.3") == 302
    client.logout()
    lock_out(client, "someone", "10.9.9.9")
    log, attempt = AccessLog.objects.get(), AccessAttempt.objects.get()
    client.force_login(root)
    # then the superuser reads both lists ...
    assert client.get(reverse("admin:axes_accesslog_changelist")).status_code == 200
    page = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200
    # ... with no delete action, and the delete pages refuse
    assert "delete_selected" not in page.content.decode()
    for name, obj in (("accesslog", log), ("accessattempt", attempt)):
        url = reverse(f"admin:axes_{name}_delete", args=[obj.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse("admin:axes_accesslog_changelist"),
        {"action": "delete_selected", "_selected_action": [log.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert AccessLog.objects.filter(pk=log.pk).exists()
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
