"""`gongkai api-token create|list|revoke`: the operator's tokens, audited as a system command;
the secret printed once on its own last line; a leaked token revoked by the secret itself."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from gongkai.accounts.api_tokens import api_token_authenticate, token_digest
from gongkai.accounts.models import ApiToken
from gongkai.agencies.tests.factories import make_agency
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")


def run(*args: str) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code: object = 0
    try:
        call_command("api_token", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_create_prints_the_secret_once_and_stores_its_digest(agency):
    code, out, _ = run(
        "create", "--agency", "zmd-tjj", "--system", "政务服务平台", "--expires", "2099-12-31"
    )
    assert code == 0
    lines = out.strip().splitlines()
    secret = lines[-1]
    assert secret.startswith("gk_") and "只显示这一次" in lines[0] and "2100-01-01" in lines[0]
    token = ApiToken.objects.get()
    assert token.digest == token_digest(secret) and token.created_by is None
    assert token.permissions == ["applications.read"]
    assert api_token_authenticate(secret=secret) == token
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.actor is None and event.agency == agency


def test_list_shows_no_secret_and_revoke_takes_the_number_or_the_leaked_secret(agency):
    first = run("create", "--agency", "zmd-tjj", "--system", "政务服务平台")[1].split()[-1]
    second = run("create", "--agency", "驻马店经济开发区统计局", "--system", "12345 热线")[1]
    second = second.split()[-1]

    _, listing, _ = run("list", "--agency", "zmd-tjj")
    assert "政务服务平台" in listing and "12345 热线" in listing and "有效" in listing
    assert first not in listing and second not in listing

    one = ApiToken.objects.get(system_name="政务服务平台")
    assert run("revoke", str(one.pk))[0] == 0
    code, out, _ = run("revoke", second)  # the leaked secret itself
    assert code == 0 and "已撤销" in out and "12345 热线" in out
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="api_token.revoke", actor=None).count() == 2
    assert "已撤销" in run("list", "--agency", "zmd-tjj")[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "--agency", "nowhere", "--system", "平台"), "机关 nowhere 不存在"),
        (("create", "--agency", "zmd-tjj", "--system", " "), "请填写对接系统的名称"),
        (
            ("create", "--agency", "zmd-tjj", "--system", "平台", "--expires", "明天"),
            "日期 明天 无效",
        ),
        (
            ("create", "--agency", "zmd-tjj", "--system", "平台", "--expires", "2000-01-01"),
            "不能早于今天",
        ),
        (
            (
                "create",
                "--agency",
                "zmd-tjj",
                "--system",
                "平台",
                "--permission",
                "applications.write",
            ),
            "没有这项权限",
        ),
        (("revoke", "99"), "没有这个 API 令牌"),
        (("revoke", "gk_unknown"), "没有这个 API 令牌"),
        (("revoke", "abc"), "既不是令牌编号"),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_2(agency, args, message):
    code, _, err = run(*args)
    assert code == 2 and message in err
    assert not ApiToken.objects.exists()


def test_revoking_twice_is_refused(agency):
    run("create", "--agency", "zmd-tjj", "--system", "政务服务平台")
    token = ApiToken.objects.get()
    run("revoke", str(token.pk))
    code, _, err = run("revoke", str(token.pk))
    assert code == 2 and "已撤销" in err
