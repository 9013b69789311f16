"""Specifications of the consistency rules: a consistent report passes, one broken cell fails
exactly the rule it breaks, with the right severity, cell path, expected and printed value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.report.catalogue import Layout, Outcome, SummaryRow
from gongkai.report.model import AnnualReport
from gongkai.report.rules import RULES, Finding, Options, Severity, check


def consistent_report(year: int = 2023) -> AnnualReport:
    """A small agency's report whose every rule holds (our own figures)."""
    report = AnnualReport.empty(agency="某县测试局", year=year, layout=Layout.Y2021)
    apps = report.applications
    apps[SummaryRow.NEW] = [3, 1, 0, 0, 0, 0, 4]
    apps[SummaryRow.CARRIED_OVER] = [1, 0, 0, 0, 0, 0, 1]
    apps["granted"] = [2, 1, 0, 0, 0, 0, 3]
    apps[Outcome.UNAVAILABLE_NOT_HELD] = [1, 0, 0, 0, 0, 0, 1]
    apps[SummaryRow.TOTAL] = [3, 1, 0, 0, 0, 0, 4]
    apps[SummaryRow.CARRIED_FORWARD] = [1, 0, 0, 0, 0, 0, 1]
    report.reviews["reconsideration"].update(upheld=1, pending=1, total=2)
    report.reviews["litigation_direct"].update(other=1, total=1)
    report.active["rules"] = {"issued": 1, "repealed": 0, "in_force": 5}
    report.active["normative_documents"] = {"issued": 3, "repealed": 1, "in_force": 20}
    report.active["fees_10k_yuan"] = {"": Decimal("0.35")}
    report.text = {
        "overview": f"{year}年，本局共收到政府信息公开申请4件。被申请行政复议2件，行政诉讼1件。",
        "problems": "信息发布不够及时。",
        "other_matters": "本年度未收取信息处理费。",
    }
    return report


def last_years_report() -> AnnualReport:
    """The same agency's report for 2022, consistent with `consistent_report()`."""
    report = consistent_report(2022)
    report.applications[SummaryRow.CARRIED_FORWARD] = [1, 0, 0, 0, 0, 0, 1]
    report.active["rules"] = {"issued": 0, "repealed": 0, "in_force": 4}
    report.active["normative_documents"] = {"issued": 2, "repealed": 0, "in_force": 18}
    return report


def set_cell(report: AnnualReport, key: str, column: int, value: int | None) -> None:
    cells = report.row(key)
    cells[column] = value
    report.applications[key] = cells


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_a_consistent_report_has_no_finding():
    # given a report whose numbers agree, and last year's that agrees with it
    report, previous = consistent_report(), last_years_report()
    # when it is checked
    findings = check(report, previous=previous)
    # then nothing is found
    assert findings == []


def test_rule_ids_are_unique_and_stable():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for contract_id in ("T3.balance", "T3.row_total", "T3.outcome_total", "T4.total"):
        assert contract_id in ids
    assert "X.carry_over" in ids


def test_balance_names_the_column_and_both_values():
    # given one more 自然人 application carried forward than the inputs allow
    report = consistent_report()
    report.applications[SummaryRow.CARRIED_FORWARD] = [2, 0, 0, 0, 0, 0, 2]
    # when checked
    findings = [f for f in check(report) if f.rule.startswith("T3")]
    # then T3.balance fails on 自然人 and 总计 (一+二−四 = 3+1−2), and nothing else
    assert {f.rule for f in findings} == {"T3.balance"}
    first = findings[0]
    assert first.severity is Severity.ERROR
    assert first.cells[0] == f"applications/{SummaryRow.TOTAL}/自然人"
    assert (first.expected, first.actual) == (2, 3)
    assert first.message == "表三 （七）总计 自然人列：应为 一+二−四 = 2，报告为 3"
    assert [f.cells[0] for f in findings] == [
        f"applications/{SummaryRow.TOTAL}/自然人",
        f"applications/{SummaryRow.TOTAL}/总计",
    ]


def test_outcome_total_fails_when_an_outcome_row_is_added():
    # given one 自然人 application filed under 重复申请 as well (row total kept right)
    report = consistent_report()
    report.applications[Outcome.NOT_PROCESSED_REPEATED] = [1, 0, 0, 0, 0, 0, 1]
    # when checked
    findings = [f for f in check(report) if f.rule.startswith("T3")]
    # then （七）总计 is short of the outcome rows in 自然人 and 总计 columns
    assert {f.rule for f in findings} == {"T3.outcome_total"}
    first = findings[0]
    assert first.severity is Severity.ERROR
    assert first.cells[0] == f"applications/{SummaryRow.TOTAL}/自然人"
    assert f"applications/{Outcome.NOT_PROCESSED_REPEATED}/自然人" in first.cells
    assert (first.expected, first.actual) == (4, 3)


def test_outcome_total_in_the_2019_layout_counts_only_other_handling_other():
    # given a 2019-layout report with one application under （六）其他处理
    report = consistent_report(2020)
    report.layout = Layout.Y2019
    report.active = AnnualReport.empty(agency="x", year=2020, layout=Layout.Y2019).active
    report.applications[Outcome.OTHER_HANDLING_NO_CLARIFICATION] = None
    report.applications[Outcome.OTHER_HANDLING_FEE_UNPAID] = None
    report.applications[Outcome.UNAVAILABLE_NOT_HELD] = [0] * 7
    report.applications[Outcome.OTHER_HANDLING_OTHER] = [1, 0, 0, 0, 0, 0, 1]
    # when checked, then nothing is found
    assert check(report) == []


def test_row_total_names_the_row():
    # given a 总计 printed 0 beside two 自然人 applications granted
    report = consistent_report()
    set_cell(report, "granted", 6, 0)
    # when checked
    finding = only([f for f in check(report) if f.rule == "T3.row_total"])
    # then
    assert finding.severity is Severity.ERROR
    assert finding.cells[0] == "applications/granted/总计"
    assert (finding.expected, finding.actual) == (3, 0)
    assert finding.message == "表三 （一）予以公开 总计列：应为 六类申请人之和 = 3，报告为 0"


def test_a_blank_total_turns_the_failure_into_a_warning_that_says_so():
    # given the 总计 of （一）予以公开 printed blank (read as 0)
    report = consistent_report()
    set_cell(report, "granted", 6, 0)
    report.blank_cells = ["applications/granted/总计"]
    # when checked
    findings = check(report)
    # then no error, a row_total warning saying 总计留空, and a blank-total warning
    assert not [f for f in findings if f.severity is Severity.ERROR]
    row = only([f for f in findings if f.rule == "T3.row_total"])
    assert row.severity is Severity.WARNING
    assert "总计留空" in row.message
    blank = only([f for f in findings if f.rule == "T3.blank_total"])
    assert blank.cells == ("applications/granted/总计",)


def test_a_blank_that_cannot_explain_the_gap_stays_an_error():
    # given a blank part cell while the printed total is already too small
    report = consistent_report()
    report.applications["granted"] = [2, 1, 0, 0, 0, 0, 2]
    report.blank_cells = ["applications/granted/科研机构"]
    # when checked, then the row total is still an error: a blank can only add
    finding = only([f for f in check(report) if f.rule == "T3.row_total"])
    assert finding.severity is Severity.ERROR


def test_an_unreadable_cell_skips_the_comparison_with_one_warning():
    # given the 自然人 cell of （七）总计 unreadable
    report = consistent_report()
    set_cell(report, SummaryRow.TOTAL, 0, None)
    # when checked
    findings = [f for f in check(report) if f.rule == "T3.balance"]
    # then one warning names the cell, and no number is guessed
    finding = only(findings)
    assert finding.severity is Severity.WARNING
    assert finding.cells == (f"applications/{SummaryRow.TOTAL}/自然人",)
    assert "未能读出" in finding.message


def test_non_negative_flags_the_negative_cell():
    report = consistent_report()
    report.applications[Outcome.WITHHELD_STATE_SECRET] = [0, 0, 0, 0, 0, 0, 0]
    set_cell(report, Outcome.WITHHELD_STATE_SECRET, 2, -1)
    set_cell(report, Outcome.WITHHELD_STATE_SECRET, 6, -1)
    findings = [f for f in check(report) if f.rule == "T3.non_negative"]
    assert [f.cells for f in findings] == [
        (f"applications/{Outcome.WITHHELD_STATE_SECRET}/科研机构",),
        (f"applications/{Outcome.WITHHELD_STATE_SECRET}/总计",),
    ]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].actual == -1


def test_zero_input_warns_about_outcomes_without_applications():
    # given a 科研机构 column with no application but one 予以公开 (totals kept in step)
    report = consistent_report()
    report.applications["granted"] = [2, 1, 1, 0, 0, 0, 4]
    # when checked
    finding = only([f for f in check(report) if f.rule == "T3.zero_input"])
    # then a warning naming the column and the outcome cell
    assert finding.severity is Severity.WARNING
    assert "applications/granted/科研机构" in finding.cells
    assert (finding.expected, finding.actual) == (0, 1)


def test_review_total_names_the_block():
    # given 行政复议 总计 printed 0 beside 1 upheld and 1 pending
    report = consistent_report()
    report.reviews["reconsideration"]["total"] = 0
    report.text = {}
    # when checked
    finding = only(check(report))
    # then
    assert finding.rule == "T4.total"
    assert finding.severity is Severity.ERROR
    assert finding.cells[0] == "reviews/reconsideration/total"
    assert (finding.expected, finding.actual) == (2, 0)
    assert finding.message.startswith(
        "表四 行政复议 总计：应为 结果维持+结果纠正+其他结果+尚未审结 = 2"
    )


def test_review_non_negative():
    report = consistent_report()
    report.reviews["litigation_after_reconsideration"]["pending"] = -2
    finding = only([f for f in check(report) if f.rule == "T4.non_negative"])
    assert finding.cells == ("reviews/litigation_after_reconsideration/pending",)
    assert finding.severity is Severity.ERROR


def test_table2_non_negative_includes_the_fee():
    report = consistent_report()
    report.active["fees_10k_yuan"] = {"": Decimal("-0.5")}
    finding = only([f for f in check(report) if f.rule == "T2.non_negative"])
    assert finding.cells == ("active/fees_10k_yuan",)
    assert finding.actual == "-0.5"


def test_fee_unit_warns_above_the_configurable_limit():
    # given a fee of 35 000 万元 (3.5 亿元), probably typed in 元
    report = consistent_report()
    report.active["fees_10k_yuan"] = {"": Decimal("35000")}
    # when checked with the default limit, then one warning
    finding = only([f for f in check(report) if f.rule == "T2.fee_unit"])
    assert finding.severity is Severity.WARNING
    assert finding.actual == "35000"
    # and with a limit raised for a city government, none
    raised = Options(fee_limit_10k_yuan=Decimal(1_000_000))
    assert [f for f in check(report, options=raised) if f.rule == "T2.fee_unit"] == []


def test_fee_unit_allows_a_governments_larger_amount():
    # given a city government's consolidated report collecting 9.6 亿元 (96 171.6 万元)
    report = consistent_report()
    report.agency = "某市人民政府"
    report.active["fees_10k_yuan"] = {"": Decimal("96171.6")}
    # when checked, then no unit warning
    assert [f for f in check(report) if f.rule == "T2.fee_unit"] == []


def test_stock_compares_with_last_year_as_a_warning():
    # given 行政规范性文件 现行有效 printed 25 where 18+3−1 = 20
    report, previous = consistent_report(), last_years_report()
    report.active["normative_documents"]["in_force"] = 25
    # when checked against last year
    finding = only(check(report, previous=previous))
    # then
    assert finding.rule == "T2.stock"
    assert finding.severity is Severity.WARNING
    assert finding.cells[0] == "active/normative_documents/in_force"
    assert (finding.expected, finding.actual) == (20, 25)


def test_layout_warns_for_old_tables_in_a_new_year():
    report = consistent_report()
    report.layout = Layout.Y2019
    finding = only([f for f in check(report) if f.rule == "T2.layout"])
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual) == ("2021", "2019")


def test_carry_over_compares_with_last_years_carried_forward():
    # given last year carried 2 forward, but this year says 1 was carried over
    report, previous = consistent_report(), last_years_report()
    previous.applications[SummaryRow.CARRIED_FORWARD] = [2, 0, 0, 0, 0, 0, 2]
    previous.applications[SummaryRow.NEW] = [4, 1, 0, 0, 0, 0, 5]
    # when checked
    findings = [f for f in check(report, previous=previous) if f.rule == "X.carry_over"]
    # then one warning per differing column
    assert [f.cells[0] for f in findings] == [
        f"applications/{SummaryRow.CARRIED_OVER}/自然人",
        f"applications/{SummaryRow.CARRIED_OVER}/总计",
    ]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].cells[1] == f"previous/applications/{SummaryRow.CARRIED_FORWARD}/自然人"
    assert (findings[0].expected, findings[0].actual) == (2, 1)


def test_carry_over_refuses_a_report_that_is_not_last_years():
    report, previous = consistent_report(), consistent_report(2020)
    finding = only([f for f in check(report, previous=previous) if f.rule == "X.carry_over"])
    assert (finding.expected, finding.actual) == (2022, 2020)


@pytest.mark.parametrize(
    ("sentence", "rule_cells"),
    [
        ("全年共收到政府信息公开申请5件。", (f"applications/{SummaryRow.NEW}/总计",)),
        ("本年度未收到政府信息公开申请。", (f"applications/{SummaryRow.NEW}/总计",)),
        ("被申请行政复议3件。", ("reviews/reconsideration/total",)),
        ("未发生因政府信息公开工作被申请行政诉讼的情况。", None),
    ],
)
def test_narrative_numbers_must_match_the_tables(sentence, rule_cells):
    # given a narrative stating a number the tables contradict
    report = consistent_report()
    report.text["overview"] = sentence
    # when checked
    finding = only([f for f in check(report) if f.rule == "TXT.numbers"])
    # then a warning on the table cell the sentence is about
    assert finding.severity is Severity.WARNING
    if rule_cells:
        assert finding.cells == rule_cells
    else:
        assert finding.cells[0] == "reviews/litigation_direct/total"


def test_narrative_document_counts_are_not_applications():
    # given a Fujian-style sentence counting documents disclosed on request (条, not 件)
    report = consistent_report()
    report.text["overview"] = (
        "全年制作政府信息120条，其中依申请公开信息35条，受理依申请公开信息35条。"
    )
    # when checked, then no text finding
    assert [f for f in check(report) if f.rule == "TXT.numbers"] == []


def test_fee_mention_wants_a_word_on_fees_when_fee_notices_went_unpaid():
    report = consistent_report()
    report.applications["granted"] = [1, 1, 0, 0, 0, 0, 2]
    report.applications[Outcome.OTHER_HANDLING_FEE_UNPAID] = [1, 0, 0, 0, 0, 0, 1]
    report.text["other_matters"] = "无其他需要报告的事项。"
    finding = only(check(report))
    assert finding.rule == "TXT.fee_mention"
    assert finding.cells == (f"applications/{Outcome.OTHER_HANDLING_FEE_UNPAID}/总计",)
    assert finding.severity is Severity.WARNING


def test_structure_reports_missing_rows_sections_and_the_readers_notes():
    # given a report without a 规章 row, without section 五, and a reader's note
    report = consistent_report()
    report.active["rules"] = {"issued": None, "repealed": None, "in_force": None}
    del report.text["problems"]
    report.notes.append("缺少表四标题")
    # when checked
    findings = [f for f in check(report) if f.rule == "S.structure"]
    # then three warnings
    assert [f.severity for f in findings] == [Severity.WARNING] * 3
    assert findings[0].cells == ("active/rules",)
    assert "五" in findings[1].message
    assert findings[2].message == "缺少表四标题"


def test_structure_notes_a_collapsed_other_handling_in_the_2021_layout():
    report = consistent_report()
    report.applications[Outcome.OTHER_HANDLING_NO_CLARIFICATION] = None
    report.applications[Outcome.OTHER_HANDLING_FEE_UNPAID] = None
    finding = only(check(report))
    assert finding.rule == "S.structure"
    assert "其他处理" in finding.message


def test_fee_mention_wants_the_信息处理费_statement_every_year():
    # 国办公开办函〔2021〕30号: section 六 states the fees collected, even when none were
    report = consistent_report()
    report.text["other_matters"] = "无其他需要报告的事项。"
    finding = only(check(report))
    assert finding.rule == "TXT.fee_mention"
    assert "未说明信息处理费的收取情况" in finding.message
    report.text["other_matters"] = "本年度未收取信息处理费。"
    assert [f for f in check(report) if f.rule == "TXT.fee_mention"] == []
