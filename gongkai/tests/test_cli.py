"""The `gongkai` command hands Django's commands on, spelt as people type them."""

from __future__ import annotations

import pytest

from gongkai.agencies.tests.factories import make_agency
from gongkai.cli import run_django


@pytest.mark.django_db
def test_api_token_is_typed_with_a_hyphen(capsys):
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    assert run_django(["api-token", "list", "--agency", "zmd-tjj"]) == 0
    assert "尚无 API 令牌" in capsys.readouterr().out


def test_an_unknown_command_is_one_chinese_line(capsys):
    assert run_django(["no-such-command"]) == 2
    assert "未知命令：no-such-command" in capsys.readouterr().err
