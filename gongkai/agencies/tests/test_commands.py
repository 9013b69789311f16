"""`gongkai agencies create` (cli-and-import.md)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.tests.factories import make_agency

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code: object = 0
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_create_an_agency_under_a_parent_given_by_code_or_full_name():
    make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    code, out, _ = run(
        "agencies", "create", "zmd-tjj", "驻马店经济开发区统计局", "--parent", "zmd-kfq"
    )
    assert code == 0 and "已创建机关 zmd-tjj" in out
    code, _, _ = run(
        "agencies",
        "create",
        "zmd-czj",
        "驻马店经济开发区财政局",
        "--parent",
        "驻马店经济开发区管理委员会",
    )
    assert code == 0
    parent = Agency.objects.get(code="zmd-czj").parent
    assert parent is not None and parent.code == "zmd-kfq"
    assert Agency.objects.get(code="zmd-czj").kind == AgencyKind.DEPARTMENT


def test_a_top_level_agency_defaults_to_a_government_and_kind_takes_chinese():
    run("agencies", "create", "zmd", "驻马店市人民政府")
    run("agencies", "create", "kfq", "开发区管委会", "--parent", "zmd", "--kind", "管委会")
    assert Agency.objects.get(code="zmd").kind == AgencyKind.GOVERNMENT
    assert Agency.objects.get(code="kfq").kind == AgencyKind.MANAGEMENT_COMMITTEE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "zmd-tjj", "另一个名称"), "机关代码 zmd-tjj 已存在。"),
        (("create", "new", "新局", "--parent", "nowhere"), "上级机关 nowhere 不存在"),
        (("create", "new", "新局", "--kind", "公司"), "机关类型 公司 无效"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(args, message):
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    code, _, err = run("agencies", *args)
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert "Traceback" not in err
    assert Agency.objects.count() == 1
