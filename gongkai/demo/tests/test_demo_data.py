"""`gongkai demo_data`: the demo agencies, accounts and pages, loaded once, then kept."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from gongkai.accounts.models import User
from gongkai.agencies.demo import ACCOUNTS, DEMO_PASSWORD
from gongkai.agencies.models import Agency, Membership, Role, Section
from gongkai.pages.models import AgencyPage, PageKind

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code: object = 0
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_demo_data_loads_once_and_again_changes_nothing():
    # when
    code, out, _ = run("demo_data")
    # then
    assert code == 0
    bureau = Agency.objects.get(code="zmd-tjj")
    assert bureau.name == "驻马店经济开发区统计局"
    assert bureau.parent is not None
    assert bureau.parent.name == "驻马店经济开发区管理委员会"
    assert set(Section.objects.filter(agency=bureau).values_list("name", flat=True)) >= {
        "综合股",
        "统计股",
    }
    assert {m.role for m in Membership.objects.all()} == set(Role)
    for account in ACCOUNTS:
        assert User.objects.get(username=account.username).check_password(DEMO_PASSWORD)
        assert account.username in out
    assert "http://127.0.0.1:8000/workspace/" in out
    assert set(AgencyPage.objects.filter(agency=bureau).values_list("kind", flat=True)) == {
        PageKind.GUIDE,
        PageKind.POLICIES,
    }
    counts = (
        Agency.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AgencyPage.objects.count(),
    )
    # when run again
    code, out, _ = run("demo_data")
    # then
    assert code == 0 and "未作改动" in out
    assert counts == (
        Agency.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AgencyPage.objects.count(),
    )


def test_demo_data_restores_a_changed_demo_password():
    run("demo_data")
    user = User.objects.get(username="demo-leader")
    user.set_password("something else entirely")
    user.save()
    run("demo_data")
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


def test_each_demo_agency_names_its_reconsideration_organ():
    from gongkai.letters.selectors import letter_settings_for

    run("demo_data")
    # 行政复议法第二十四条: the city government, not the 管委会 the bureau reports to
    parent = Agency.objects.get(code="zmd-tjj").parent
    assert parent is not None
    for code in ("zmd-tjj", parent.code):
        organ = letter_settings_for(Agency.objects.get(code=code)).reconsideration_organ
        assert organ == "驻马店市人民政府"
