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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "code", "message"),
    [
        ("short-1", "password_too_short", "密码太短，至少需要 10 个字符。"),
        ("password123", "password_too_common", "这个密码太常见了。"),
        ("20240101123456", "password_entirely_numeric", "密码不能全是数字。"),
        ("wangwu-2024", "password_too_similar", "密码与用户名太相似。"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(password, code, message):
    # given the project's validators (AUTH_PASSWORD_VALIDATORS), with Django's English
    # catalogue entry for the minimum length missing from zh_Hans
    # when a weak password is set
    with pytest.raises(ValidationError) as refused:
        user_create(actor=None, username="wangwu-2024", full_name="王五", password=password)
    # then the refusal says why in Chinese, with Django's error code kept
    errors = refused.value.error_list
    assert code in {error.code for error in errors}
    assert message in refused.value.messages
    assert not any(ch.isascii() and ch.isalpha() for text in refused.value.messages for ch in text)


def test_password_help_texts_are_in_chinese():
    from django.contrib.auth.password_validation import password_validators_help_texts

    texts = password_validators_help_texts()
    assert "密码至少需要 10 个字符。" in texts
    assert all(not any(ch.isascii() and ch.isalpha() for ch in text) for text in texts)
