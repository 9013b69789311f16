"""The user model, password hashing and account services."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from config.settings import base
from gongkai.accounts.models import User
from gongkai.accounts.services import user_create, user_set_password
from gongkai.audit.models import AuditEvent


def test_argon2_is_the_first_password_hasher():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("correct horse battery").startswith("argon2$")


@pytest.mark.django_db
def test_user_create_hashes_the_password_and_never_logs_it():
    # when
    user = user_create(
        actor=None, username="zhangsan", full_name="张三", password="统计局公开办2024!"
    )
    # then
    assert user.check_password("统计局公开办2024!")
    assert str(user) == "张三" and user.get_full_name() == "张三"
    event = AuditEvent.objects.get(action="user.create")
    assert event.after == {"username": "zhangsan", "full_name": "张三"}
    assert "统计局公开办2024!" not in str(event.before) + str(event.after)


@pytest.mark.django_db
def test_weak_passwords_and_taken_usernames_are_refused():
    with pytest.raises(ValidationError):
        user_create(actor=None, username="lisi", full_name="李四", password="123456")
    user_create(actor=None, username="lisi", full_name="李四", password="a-long-passphrase-42")
    with pytest.raises(ValidationError, match="已被使用"):
        user_create(actor=None, username="lisi", full_name="李四", password="another-long-one-42")


@pytest.mark.django_db
def test_set_password_records_only_that_it_changed():
    user = user_create(actor=None, username="w", full_name="王五", password="a-long-passphrase-42")
    user_set_password(actor=user, user=user, password="a-newer-passphrase-43")
    user.refresh_from_db()
    assert user.check_password("a-newer-passphrase-43")
    event = AuditEvent.objects.get(action="user.set_password")
    assert event.actor == user and event.after == {"password": "＊＊＊"}


def test_the_user_model_has_a_full_name_and_no_split_names():
    field_names = {f.name for f in User._meta.get_fields()}
    assert "full_name" in field_names
    assert not {"first_name", "last_name"} & field_names
    assert User._meta.get_field("full_name").verbose_name == "姓名"
