"""The `gongkai report` command as users run it: a real process, real files, the contract's
exit codes (0 consistent, 1 findings, 2 unreadable) and one Chinese line per problem."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.report import parse
from gongkai.report.catalogue import SummaryRow

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN_TXT = FIXTURES / "clean-2022.txt"
BROKEN_TXT = FIXTURES / "broken-2022.txt"
CLEAN_JSON = FIXTURES / "clean-2022.json"

needs_reader = pytest.mark.skipif(
    not hasattr(parse, "read_path"), reason="the document reader (parse.read_path) is not in yet"
)


def gongkai(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "report", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], start: str) -> None:
    assert result.returncode == 2, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(start), lines[0]
    assert "Traceback" not in result.stderr


# --- parse ----------------------------------------------------------------------------------------


@needs_reader
def test_parse_prints_the_reports_json() -> None:
    # when a clean text report is parsed
    result = gongkai("parse", CLEAN_TXT)
    # then the JSON holds its tables
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "gongkai.annual-report/1"
    assert data["year"] == 2022
    assert data["applications"][SummaryRow.NEW] == [3, 1, 0, 0, 0, 0, 4]
    assert data["reviews"]["reconsideration"]["total"] == 2


def test_parse_reads_its_own_json() -> None:
    result = gongkai("parse", CLEAN_JSON)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["agency"] == "青禾县示例局"


# --- check ----------------------------------------------------------------------------------------


def test_check_a_consistent_report_exits_0_with_a_summary() -> None:
    result = gongkai("check", CLEAN_JSON)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{CLEAN_JSON}：一致",
        "共 1 个文件：一致 1，有发现 0，无法读取 0",
    ]


@needs_reader
def test_check_a_consistent_text_report_exits_0() -> None:
    result = gongkai("check", CLEAN_TXT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "共 1 个文件：一致 1，有发现 0，无法读取 0"


@needs_reader
def test_check_json_lists_the_broken_cell() -> None:
    # given a report whose （七）总计 自然人 is printed 2 instead of 3
    # when checked with --json
    result = gongkai("check", "--json", BROKEN_TXT)
    # then exit 1 and a T3.balance error on that cell, with every contract field
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    balance = [f for f in findings if f["rule"] == "T3.balance"]
    assert set(balance[0]) == {"file", "rule", "severity", "message", "cells", "expected", "actual"}
    assert balance[0]["file"] == str(BROKEN_TXT)
    assert balance[0]["severity"] == "error"
    assert balance[0]["cells"][0] == f"applications/{SummaryRow.TOTAL}/自然人"
    assert (balance[0]["expected"], balance[0]["actual"]) == (3, 2)
    assert "表三 （七）总计 自然人列" in balance[0]["message"]
    assert result.stderr == ""  # the summary goes to stderr only on a terminal


@needs_reader
def test_check_prints_findings_in_chinese() -> None:
    result = gongkai("check", BROKEN_TXT)
    assert result.returncode == 1
    assert (
        "[T3.balance] 错误：表三 （七）总计 自然人列：应为 一+二−四 = 3，报告为 2" in result.stdout
    )
    assert result.stdout.splitlines()[-1] == "共 1 个文件：一致 0，有发现 1，无法读取 0"


@needs_reader
def test_check_walks_a_folder_and_skips_foreign_json(tmp_path: Path) -> None:
    # given a folder with a clean and a broken report, and a JSON file that is not a report
    shutil.copy(CLEAN_TXT, tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    shutil.copy(BROKEN_TXT, tmp_path / "sub" / "b.txt")
    (tmp_path / "a.gold.json").write_text('{"file": "a.txt"}', encoding="utf-8")
    # when the folder is checked
    result = gongkai("check", tmp_path)
    # then both reports are checked and the summary counts them
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[-1] == "共 2 个文件：一致 1，有发现 1，无法读取 0"
    assert result.stderr == ""  # no progress bar: stderr is not a terminal


def test_check_against_last_year(tmp_path: Path) -> None:
    # given last year's report that carried 2 applications forward where this year says 1
    data = json.loads(CLEAN_JSON.read_text(encoding="utf-8"))
    data["year"] = 2021
    data["applications"][SummaryRow.CARRIED_FORWARD] = [2, 0, 0, 0, 0, 0, 2]
    previous = tmp_path / "2021.json"
    previous.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # when checked with --previous
    result = gongkai("check", "--json", "--previous", previous, CLEAN_JSON)
    # then X.carry_over warns
    assert result.returncode == 1
    rules = {f["rule"] for f in json.loads(result.stdout)}
    assert "X.carry_over" in rules


def test_an_unreadable_file_among_good_ones_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = gongkai("check", CLEAN_JSON, empty)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"无法读取：{empty}：文件为空"]
    assert result.stdout.splitlines()[-1] == "共 2 个文件：一致 1，有发现 0，无法读取 1"


# --- bad input: exit 2, one line, no traceback ------------------------------------------------


@pytest.mark.parametrize("command", ["parse", "check"])
def test_a_missing_file(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = (
        gongkai(command, missing) if command == "parse" else gongkai(command, "--json", missing)
    )
    assert_one_line_error(result, f"无法读取：{missing}：文件不存在")


def test_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert_one_line_error(gongkai("parse", empty), f"无法读取：{empty}：文件为空")


def test_binary_garbage(tmp_path: Path) -> None:
    garbage = tmp_path / "report.txt"
    garbage.write_bytes(bytes(range(256)) * 40 + b"\x00\xff\xfe" * 100)
    assert_one_line_error(gongkai("parse", garbage), f"无法读取：{garbage}：")


def test_a_handmade_truncated_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Pa"
    )
    assert_one_line_error(gongkai("check", pdf), f"无法读取：{pdf}：")


def test_a_rendered_pdf_cut_in_half(tmp_path: Path) -> None:
    # given a real PDF of a report, written by the render command, then truncated
    whole = tmp_path / "whole.pdf"
    rendered = gongkai("render", CLEAN_JSON, "--to", "pdf", "-o", whole)
    assert rendered.returncode == 0, rendered.stderr
    cut = tmp_path / "cut.pdf"
    data = whole.read_bytes()
    assert data.startswith(b"%PDF")
    cut.write_bytes(data[: len(data) // 2])
    # when it is parsed, then one line and exit 2
    assert_one_line_error(gongkai("parse", cut), f"无法读取：{cut}：")


def test_a_json_file_that_is_not_a_report(tmp_path: Path) -> None:
    bad = tmp_path / "other.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    assert_one_line_error(gongkai("parse", bad), f"无法读取：{bad}：")


def test_a_usage_error_is_one_line() -> None:
    assert_one_line_error(gongkai("render", CLEAN_JSON, "--to", "odt"), "参数错误：")


def test_a_folder_without_reports(tmp_path: Path) -> None:
    assert_one_line_error(gongkai("check", tmp_path), f"无法读取：{tmp_path}：文件夹中没有报告文件")


# --- render ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "html", "xlsx"])
def test_render_writes_the_file(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = gongkai("render", CLEAN_JSON, "--to", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0


def test_render_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "report.txt"
    result = gongkai("render", CLEAN_JSON, "--to", "txt", "-o", out)
    assert_one_line_error(result, f"无法写出：{out}：")


# --- operating system errors: one Chinese line, no English strerror -------------------------------


def test_render_onto_a_folder_says_so_in_chinese(tmp_path: Path) -> None:
    result = gongkai("render", CLEAN_JSON, "--to", "txt", "-o", tmp_path)
    assert_one_line_error(result, f"无法写出：{tmp_path}：是文件夹，不是文件")


def test_render_into_a_missing_folder_names_it_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "no" / "report.txt"
    result = gongkai("render", CLEAN_JSON, "--to", "txt", "-o", out)
    assert_one_line_error(result, f"无法写出：{out}：所在的文件夹不存在")
    assert "No such file" not in result.stderr


def test_a_file_that_cannot_be_opened_is_named_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.report.model import ReportError

    report = tmp_path / "report.txt"
    report.write_bytes(CLEAN_TXT.read_bytes())

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ReportError) as caught:
        parse.read_path(report)
    assert str(caught.value) == f"没有读取权限：{report}"


def test_a_docx_bomb_is_too_large_in_one_line(tmp_path: Path) -> None:
    from gongkai.report.parse.tests.hostile import docx_with_body, zip_lying_about_size

    # given a DOCX whose document.xml inflates to 18 MB from some 60 KB, its header lying
    bomb = tmp_path / "bomb.docx"
    body = docx_with_body(450_000)
    bomb.write_bytes(zip_lying_about_size(body, "word/document.xml", claimed=1000))
    # then parse and check answer 「文件过大」, exit 2, in one line
    assert_one_line_error(gongkai("parse", bomb), f"无法读取：{bomb}：文件过大：")
    result = gongkai("check", bomb)
    assert result.returncode == 2 and "文件过大" in result.stderr and "损坏" not in result.stderr
