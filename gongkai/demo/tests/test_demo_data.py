"""`gongkai demo_data`: the demo agencies, accounts and pages, loaded once, then kept."""

from __future__ import annotations

import io
from pathlib import Path

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


SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed"


def test_the_demo_publishes_the_seed_agencys_2023_report_through_the_platform():
    from gongkai.report.model import report_from_json
    from gongkai.reporting.models import AgencyReport

    run("demo_data")
    bureau = Agency.objects.get(code="zmd-tjj")
    report = AgencyReport.objects.get(agency=bureau, year=2023)
    assert report.state == "published" and report.public_version is not None
    published = report.public_version
    assert published.signed_by is not None and not published.published_late
    text = published.data["text"]
    assert "全年共发布信息16条，包含工作动态信息12条，数据发布信息4条。" in text["overview"]
    assert "未收到政府信息公开申请" in text["overview"]
    assert "未收取信息处理费" in text["other_matters"]
    # every table cell of the published report is zero, as in the seed
    content = report_from_json(published.data)
    assert all(not value for _, value in content.numbers())
    # the 2025 draft carries 2024's section 五 unchanged: a warning a new user meets
    draft = AgencyReport.objects.get(agency=bureau, year=2025)
    rules = {f["rule"] for f in draft.versions.get().findings}
    assert draft.state == "draft" and "TXT.copied" in rules


def test_the_demo_2023_tables_equal_the_seeds():
    from gongkai.report.model import report_from_json
    from gongkai.report.parse import read_path
    from gongkai.reporting.models import AgencyReport

    seeds = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seed is not beside this checkout")
    run("demo_data")
    published = AgencyReport.objects.get(agency__code="zmd-tjj", year=2023).public_version
    assert published is not None
    demo = report_from_json(published.data)
    assert dict(demo.numbers()) == dict(read_path(seeds[0]).numbers())


def test_the_demo_has_a_correction_request_waiting_for_the_approvers_decision(client):
    from django.urls import reverse

    from gongkai.applications.models import Application

    # when the demo is loaded
    run("demo_data")
    # then one 更正申请 was received by post and handed to 统计股's handler
    case = Application.objects.get(request_kind="correction")
    assert case.section is not None and case.section.name == "统计股"
    assert (case.state, case.channel) == ("received", "post")
    assert case.handler is not None and case.handler.username == "demo-handler"
    assert case.receipt_date is not None and case.outcome is None
    # and the approver finds it among the cases to decide, tagged as what it is
    client.force_login(User.objects.get(username="demo-approver"))
    home = client.get(reverse("workspace:home")).content.decode()
    assert case.tracking_code in home and '<span class="tag">更正申请</span>' in home
    # and loading the demo again adds no second one
    run("demo_data")
    assert Application.objects.count() == 1
