"""`gongkai workdays add|between|load|seed`: the output forms of cli-and-import.md, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.holidays.models import CalendarYear, Source
from gongkai.workdays.tests.notices import NOTICE_2025, notice_json

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the command expecting a refusal; return its one stderr line."""
    with pytest.raises(SystemExit) as caught:
        run(*args)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    return err.strip()


@pytest.mark.django_db
def test_add_prints_the_iso_date() -> None:
    # the spec's worked example: receipt Fri 2025-01-24, 补正 7 wd, reply 20 wd
    assert run("add", "2025-01-24", "7") == "2025-02-10\n"
    assert run("add", "2025-01-24", "20") == "2025-02-27\n"
    assert run("add", "2025-01-24", "0") == "2025-01-24\n"


@pytest.mark.django_db
def test_add_into_a_year_without_data_is_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    # 12/21–12/31 2026 = 9 working days; Fri 2027-01-01 元旦 rests (fixed by law); Mon 1/4 = 10
    assert run("add", "2026-12-18", "10") == "2027-01-04 provisional\n"
    assert "2027 年的节假日安排尚未载入" in capsys.readouterr().err


@pytest.mark.django_db
def test_between_prints_the_count() -> None:
    assert run("between", "2025-01-24", "2025-02-27") == "20\n"
    assert run("between", "2025-02-27", "2025-01-24") == "-20\n"
    assert run("between", "2026-12-31", "2027-01-04") == "1 provisional\n"


@pytest.mark.django_db
def test_load_prints_one_chinese_line_and_the_year_becomes_official(tmp_path: Path) -> None:
    # given the 2025 notice as a file (28 rest days, 5 调休 working days)
    notice = tmp_path / "2025.json"
    notice.write_text(notice_json(NOTICE_2025), encoding="utf-8")
    # when
    out = run("load", str(notice))
    # then
    assert out == "已载入 2025 年节假日安排：放假 28 天，调休上班 5 天，共 33 条。\n"
    assert CalendarYear.objects.get(year=2025).source == Source.NOTICE
    assert run("add", "2025-01-24", "20") == "2025-02-27\n"


@pytest.mark.django_db
def test_seed_reports_nothing_to_do_when_all_years_are_loaded() -> None:
    assert run("seed") == "没有需要载入的年份：均已载入。\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2025/1/24", "1"), "日期 2025/1/24 无效，应写作 YYYY-MM-DD"),
        (("add", "2025-02-30", "1"), "日期 2025-02-30 不存在"),
        (("add", "2025-01-24", "-1"), "工作日数 -1 无效"),
        (("add", "2025-01-24", "二十"), "工作日数 二十 无效"),
        (("between", "2025-01-24", "tomorrow"), "日期 tomorrow 无效"),
        (("add", "9999-12-30", "5"), "超出了日期范围"),
        (("seed", "2099"), "chinesecalendar 不含 2099 年"),
    ],
)
def test_bad_input_gets_one_chinese_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    assert message in refused(capsys, *args)


@pytest.mark.django_db
def test_load_refuses_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert "找不到文件" in refused(capsys, "load", str(tmp_path / "none.json"))


@pytest.mark.django_db
def test_load_of_a_folder_says_so_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    message = refused(capsys, "load", str(tmp_path))
    assert f"无法读取文件 {tmp_path}：是文件夹，不是文件" in message
    assert "Is a directory" not in message


@pytest.mark.django_db
def test_load_refuses_a_bad_notice_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # given a notice whose second entry has no is_off_day
    notice = tmp_path / "bad.json"
    notice.write_text(
        json.dumps(
            [
                {"date": "2027-01-01", "is_off_day": True, "name": "元旦"},
                {"date": "2027-02-06", "name": "春节"},
            ]
        ),
        encoding="utf-8",
    )
    # then
    assert refused(capsys, "load", str(notice)).endswith("第2条：缺少字段 is_off_day")
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_gongkai_command_in_a_fresh_database(tmp_path: Path) -> None:
    # given a fresh SQLite database created by `gongkai migrate` (which seeds the calendar)
    gongkai = Path(sys.executable).parent / "gongkai"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'gongkai.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(gongkai), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )

    migrated = call("migrate", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    # when / then
    added = call("workdays", "add", "2025-01-24", "20")
    assert (added.returncode, added.stdout, added.stderr) == (0, "2025-02-27\n", "")
    provisional = call("workdays", "between", "2026-12-31", "2027-01-04")
    assert (provisional.returncode, provisional.stdout) == (0, "1 provisional\n")
    bad = call("workdays", "add", "2025-13-01", "1")
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.count("\n") == 1
    assert "日期 2025-13-01 不存在" in bad.stderr
