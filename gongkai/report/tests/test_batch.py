"""Many reports at once: the folder walk takes every type the readers read, one file's
failure stays its own, and `gongkai report sum` adds a folder up cell by cell."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

from gongkai.report.batch import REPORT_SUFFIXES, Tally, check_files, find_reports
from gongkai.report.catalogue import Layout, SummaryRow
from gongkai.report.model import AnnualReport, dumps
from gongkai.report.parse import SUFFIXES
from gongkai.report.render import render

GONGKAI = [sys.executable, "-m", "gongkai.cli"]


def a_report(name: str, new: int, fee: str = "0", year: int = 2024) -> AnnualReport:
    report = AnnualReport.empty(agency=name, year=year, layout=Layout.Y2021)
    report.applications[SummaryRow.NEW] = [new, 0, 0, 0, 0, 0, new]
    report.applications["granted"] = [new, 0, 0, 0, 0, 0, new]
    report.applications[SummaryRow.TOTAL] = [new, 0, 0, 0, 0, 0, new]
    report.active["fees_10k_yuan"][""] = Decimal(fee)
    report.reviews["reconsideration"]["upheld"] = 1
    report.reviews["reconsideration"]["total"] = 1
    return report


def test_a_folder_walk_takes_every_suffix_the_reader_registry_names(tmp_path):
    # the registry is the one list: .xlsx and .docx are in it
    assert {".xlsx", ".docx", ".pdf", ".md", ".txt", ".html", ".json"} <= REPORT_SUFFIXES
    assert {s for kind in SUFFIXES.values() for s in kind} == REPORT_SUFFIXES
    (tmp_path / "甲.xlsx").write_bytes(render(a_report("甲", 2), "xlsx"))
    (tmp_path / "乙.docx").write_bytes(render(a_report("乙", 3), "docx"))
    (tmp_path / "README.txt").write_text("说明")
    (tmp_path / "gold.json").write_text('{"cells": 1}')
    assert [p.name for p in find_reports(tmp_path)] == ["乙.docx", "甲.xlsx"]


def test_one_unreadable_file_is_reported_and_the_others_are_checked(tmp_path):
    good = tmp_path / "a.json"
    good.write_text(dumps(a_report("甲", 2)), encoding="utf-8")
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"%PDF-1.7 broken")
    tally = Tally()
    results = list(check_files([str(bad), str(good)]))
    for checked in results:
        tally.add(checked)
    assert results[0].problem.startswith(f"无法读取：{bad}：")
    assert results[1].report is not None and not results[1].problem
    assert (tally.unreadable, tally.consistent + tally.with_findings) == (1, 1)
    assert tally.status() == 2


def test_check_dir_counts_excel_and_word_reports(tmp_path):
    (tmp_path / "甲.xlsx").write_bytes(render(a_report("甲", 2), "xlsx"))
    (tmp_path / "乙.docx").write_bytes(render(a_report("乙", 3), "docx"))
    result = subprocess.run(
        [*GONGKAI, "report", "check", str(tmp_path)], capture_output=True, text=True
    )
    assert "共 2 个文件" in result.stdout, result.stdout + result.stderr


def test_report_sum_adds_a_folder_up_to_the_hand_computed_total(tmp_path):
    # given three reports: 2, 3 and 5 applications granted; fees 0.35 + 1.2 + 0 万元
    for name, new, fee in (("甲", 2, "0.35"), ("乙", 3, "1.2"), ("丙", 5, "0")):
        (tmp_path / f"{name}.json").write_text(dumps(a_report(name, new, fee)), encoding="utf-8")
    # when they are summed
    result = subprocess.run(
        [*GONGKAI, "report", "sum", "--agency", "某区汇总", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    total = json.loads(result.stdout)
    # then every cell is the sum: 10 granted, 1.55 万元, 3 reconsiderations upheld
    assert total["agency"] == "某区汇总" and total["year"] == 2024
    assert total["applications"][SummaryRow.NEW] == [10, 0, 0, 0, 0, 0, 10]
    assert total["applications"]["granted"][6] == 10
    assert Decimal(total["active"]["fees_10k_yuan"]) == Decimal("1.55")
    assert total["reviews"]["reconsideration"] == {
        "upheld": 3,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 3,
    }
    assert total["notes"][0] == "汇总报告：3 份报告逐单元格相加。"


def test_report_sum_refuses_reports_of_different_years(tmp_path):
    (tmp_path / "a.json").write_text(dumps(a_report("甲", 1, year=2023)), encoding="utf-8")
    (tmp_path / "b.json").write_text(dumps(a_report("乙", 1, year=2024)), encoding="utf-8")
    result = subprocess.run(
        [*GONGKAI, "report", "sum", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "年度或表格格式不一致" in result.stderr
