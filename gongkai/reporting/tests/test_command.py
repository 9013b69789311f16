"""`gongkai annual export --agency CODE|NAME --year YEAR [--consolidated]` (cli-and-import.md)."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.agencies.tests.factories import make_agency
from gongkai.report.catalogue import SummaryRow
from gongkai.report.model import loads
from gongkai.report.rules import check
from gongkai.reporting.tests.factories import make_application
from gongkai.reviews.models import ReviewCaseResult, ReviewKind
from gongkai.reviews.tests.factories import make_case

ROOT = Path(__file__).resolve().parents[3]


def export(*args: str):
    out = StringIO()
    call_command("annual", "export", *args, stdout=out)
    return json.loads(out.getvalue())


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the export expecting a refusal; return its one stderr line."""
    with pytest.raises(SystemExit) as caught:
        export(*args)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err.strip()


@pytest.mark.django_db
def test_export_prints_the_report_json_by_code_or_full_name():
    # given
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    make_case(agency=agency, kind=ReviewKind.RECONSIDERATION, filed_on=date(2024, 3, 1),
              result=ReviewCaseResult.CORRECTED, decided_on=date(2024, 5, 1))  # fmt: skip
    # when
    by_code = export("--agency", "zmd-tjj", "--year", "2024")
    by_name = export("--agency", "驻马店经济开发区统计局", "--year", "2024")
    # then
    assert by_code == by_name
    assert by_code["agency"] == "驻马店经济开发区统计局" and by_code["year"] == 2024
    assert by_code["reviews"]["reconsideration"] == {
        "upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1,
    }  # fmt: skip
    # and the JSON reads back as a report that passes the consistency rules
    report = loads(json.dumps(by_code))
    assert not [f for f in check(report) if f.severity == "error"]


@pytest.mark.django_db
def test_export_consolidated_adds_the_subordinate_agencies():
    office = make_agency(code="office")
    department = make_agency(parent=office)
    for agency in (office, department):
        make_case(agency=agency, kind=ReviewKind.LITIGATION_DIRECT, filed_on=date(2023, 3, 1))
    alone = export("--agency", "office", "--year", "2023")
    whole = export("--agency", "office", "--year", "2023", "--consolidated")
    assert alone["reviews"]["litigation_direct"]["pending"] == 1
    assert whole["reviews"]["litigation_direct"]["pending"] == 2
    assert whole["notes"][0].startswith("汇总报告：")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--agency", "nowhere", "--year", "2024"), "机关 nowhere 不存在"),
        (("--agency", "known", "--year", "2018"), "年度 2018 无效"),
        (("--agency", "known", "--year", "二〇二四"), "年度 二〇二四 无效"),
        (("--agency", "known", "--year", "9999"), "年度 9999 无效"),
        (("--agency", "known"), "参数错误"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(capsys, args, message):
    make_agency(code="known")
    assert message in refused(capsys, *args)


@pytest.mark.django_db
def test_export_of_the_unfinished_current_year_says_so(capsys):
    # given an agency, and the current year not yet over
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    this_year = timezone.localdate().year
    # when it is exported
    data = export("--agency", "zmd-tjj", "--year", str(this_year))
    # then the JSON's notes and the operator's terminal both say the year is unfinished
    assert data["notes"][0].startswith(f"{this_year} 年度尚未结束")
    assert f"{this_year} 年度尚未结束" in capsys.readouterr().err
    # and a finished year carries no such note
    data = export("--agency", "zmd-tjj", "--year", str(this_year - 1))
    assert not any("尚未结束" in note for note in data.get("notes", []))


def test_the_installed_command_exports_from_a_fresh_database(tmp_path):
    # given a database on disk, migrated, with one agency and one lawsuit, all by commands
    gongkai = ROOT / ".venv" / "bin" / "gongkai"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'gongkai.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(gongkai), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )

    assert call("migrate", "-v", "0").returncode == 0
    assert call("agencies", "create", "zmd-tjj", "驻马店经济开发区统计局").returncode == 0
    recorded = call(
        "shell",
        "-c",
        "import datetime as d; from gongkai.agencies.models import Agency; "
        "from gongkai.reviews.services import review_case_record as r; "
        "r(actor=None, agency=Agency.objects.get(code='zmd-tjj'), "
        "kind='litigation_after_reconsideration', filed_on=d.date(2024, 7, 1))",
    )
    assert recorded.returncode == 0, recorded.stderr
    # when
    done = call("annual", "export", "--agency", "驻马店经济开发区统计局", "--year", "2024")
    # then
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["format"] == "gongkai.annual-report/1" and data["layout"] == "2021"
    assert data["reviews"]["litigation_after_reconsideration"]["pending"] == 1
    assert data["applications"][SummaryRow.NEW] == [0] * 7
    # and an unknown agency is one Chinese line, exit 2, nothing on stdout
    bad = call("annual", "export", "--agency", "nowhere", "--year", "2024")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.count("\n") == 1 and "机关 nowhere 不存在" in bad.stderr


@pytest.mark.django_db
def test_draft_then_check_then_export_the_published_version(capsys):
    from gongkai.agencies.models import Role
    from gongkai.agencies.tests.factories import make_member
    from gongkai.reporting.models import AgencyReport
    from gongkai.reporting.services import (
        report_edit_text,
        report_publish,
        report_sign,
        report_submit,
    )

    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    leader = make_member(agency=agency, role=Role.LEADER)
    # no report yet: check says so, exit 2
    assert refused_check(capsys, "--agency", "zmd-tjj", "--year", "2023").startswith(
        "驻马店经济开发区统计局2023年度报告尚未起草"
    )
    # draft: one line with the state and the findings' summary
    out = StringIO()
    call_command("annual", "draft", "--agency", "zmd-tjj", "--year", "2023", stdout=out)
    assert "第1版，草稿；错误 1 项" in out.getvalue()
    # check: the empty section 五 is an error, exit 1
    with pytest.raises(SystemExit) as caught:
        call_command("annual", "check", "--agency", "zmd-tjj", "--year", "2023", "--json")
    assert caught.value.code == 1
    findings = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in findings] == ["S.required"]
    # once written, signed and published, export prints the published version
    report = AgencyReport.objects.get(agency=agency, year=2023)
    report = report_edit_text(
        report=report, actor=office, seen_version=report.version, texts={"problems": "无。"}
    )
    report = report_submit(report=report, actor=office, seen_version=report.version)
    report = report_sign(report=report, actor=leader, seen_version=report.version)
    report_publish(report=report, actor=office, seen_version=report.version)
    make_application(agency=agency, kind="natural_person", receipt_date=date(2023, 5, 5))
    data = export("--agency", "zmd-tjj", "--year", "2023")
    assert data["text"]["problems"] == "无。"
    assert (
        data["applications"][SummaryRow.NEW] == [0] * 7
    )  # the published tables, not today's recount


def refused_check(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as caught:
        call_command("annual", "check", *args)
    assert caught.value.code == 2
    return capsys.readouterr().err.strip()
