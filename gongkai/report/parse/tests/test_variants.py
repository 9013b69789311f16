"""Printing variants real reports show, each on a synthetic report (spec §9)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.report.catalogue import Outcome, SummaryRow
from gongkai.report.parse import read_bytes
from gongkai.report.parse.tests.fixtures import REVIEWS, ROWS_2021, TAB_TEXT, values


def test_one_blank_cell_in_a_table_two_grid_row_is_zero_and_recorded():
    # given a 规章 row whose 本年制发件数 cell was printed blank
    data = TAB_TEXT.replace("规章\t0\t0\t0", "规章\t\t2\t5").encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the blank cell is 0 and recorded, the others keep their numbers
    assert report.active["rules"] == {"issued": 0, "repealed": 2, "in_force": 5}
    assert "active/rules/issued" in report.blank_cells
    assert "active/rules/repealed" not in report.blank_cells


def test_a_fee_printed_with_its_unit_keeps_the_unit_in_the_notes():
    # given a fee cell printed as "3500元"
    data = TAB_TEXT.replace("行政事业性收费\t0.35", "行政事业性收费\t3500元").encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the number is read as printed and the unit is noted for rule T2.fee_unit
    assert report.active["fees_10k_yuan"] == {"": Decimal(3500)}
    assert any("收费" in note and "“元”" in note for note in report.notes)


def _one_cell_per_line(text: str) -> str:
    """The text with every table cell on a line of its own (spec §9.9)."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(
            cell for cell in line.split("\t") if cell.strip()
        ) if "\t" in line else out.append(line)
    return "\n".join(out)


def test_a_table_printed_one_cell_per_line_reads_as_the_tab_separated_one():
    # given the report with each label and each number on a line of its own
    data = _one_cell_per_line(TAB_TEXT).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then every table reads as the tab-separated copy does
    expected = read_bytes(TAB_TEXT.encode(), "x.txt")
    assert dict(report.numbers()) == dict(expected.numbers())


def test_one_cell_per_line_with_six_as_one_row_and_a_printed_subtotal():
    # given (六) printed as one row, and a subtotal printed on the (三) group row
    lines = ["三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "总计"]
    for index, label in enumerate(ROWS_2021):
        if index == 4:
            lines += ["（三）不予公开", *["0"] * 7]
        if index in (20, 21):
            continue
        lines += ["（六）其他处理" if index == 22 else label, *map(str, values(index))]
    head, rest = TAB_TEXT.split("三、收到和处理政府信息公开申请情况", 1)
    tail = rest[rest.index("四、政府信息公开行政复议") :]
    data = (head + "\n".join(lines) + "\n" + tail).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the subtotal shifts nothing and (六)'s numbers go to 3.其他
    assert report.applications[Outcome.WITHHELD_STATE_SECRET] == [0] * 7
    assert report.applications[Outcome.UNAVAILABLE_NOT_HELD] == values(12)
    assert report.applications[Outcome.OTHER_HANDLING_OTHER] == values(22)
    assert report.applications[Outcome.OTHER_HANDLING_NO_CLARIFICATION] is None
    assert report.applications[SummaryRow.TOTAL] == values(23)


def test_a_traditional_copy_is_read_even_where_a_line_has_only_rare_traditional_characters():
    # given a copy in traditional characters, "行政許可" and "穩定" among them
    opencc = pytest.importorskip("opencc")
    data = opencc.OpenCC("s2t").convert(TAB_TEXT).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then it reads as the simplified one
    expected = read_bytes(TAB_TEXT.encode(), "x.txt")
    assert dict(report.numbers()) == dict(expected.numbers())
    assert report.agency == "测试县统计局"


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("测试县统计局 2023 年政府信息公开工作 年度报告", "测试县统计局", 2023),
        ("2023年测试县统计局政府信息公开工作年度报告", "测试县统计局", 2023),
        ("正文\n2023 年测试县统计局政府信息公开\n工作年度报告", "测试县统计局", 2023),
        ("测试县统计局政府信息公开工作年度报告（2023年度）", "测试县统计局", 2023),
        ("首页>政务公开>测试县统计局2023年度政府信息公开工作年度报告", "测试县统计局", 2023),
    ],
)
def test_agency_and_year_come_from_the_title_in_its_variants(title, agency, year):
    # given the report under one of the titles real reports print
    data = TAB_TEXT.replace("测试县统计局 2023 年政府信息公开工作 年度报告", title).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then agency and year are found
    assert (report.agency, report.year) == (agency, year)


def test_a_title_with_no_agency_before_the_page_title_does_not_swallow_it():
    # given a container title without the agency, then the agency and year on their own lines
    data = (
        "政府信息公开工作年度报告\n测试市人民政府\n2024 年政府信息公开工作年度报告\n"
        + TAB_TEXT.split("\n", 1)[1]
    ).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the agency is the line before the year
    assert (report.agency, report.year) == ("测试市人民政府", 2024)


_REVIEW_LINE = "\t".join(map(str, REVIEWS))


def test_table_four_printed_as_three_rows_of_five_on_a_wide_grid():
    # given table 四's blocks printed one under the other, the grid as wide as its header
    rows = "\n".join("\t".join(map(str, REVIEWS[i : i + 5])) + "\t" * 10 for i in (0, 5, 10))
    data = TAB_TEXT.replace(_REVIEW_LINE, rows).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the fifteen cells are the printed ones, in order
    assert [value for _, value in report.numbers()][-15:] == REVIEWS


@pytest.mark.parametrize("separator", ["\t", " "])
def test_table_four_transposed_one_result_a_row(separator):
    # given table 四 printed with one result a row and the three blocks as columns
    words = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = "\n".join(
        separator.join([word, *(str(REVIEWS[block * 5 + index]) for block in range(3))])
        for index, word in enumerate(words)
    )
    data = TAB_TEXT.replace(_REVIEW_LINE, rows).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the cells are filed by block and result
    assert [value for _, value in report.numbers()][-15:] == REVIEWS


def test_a_fee_with_its_unit_in_running_text_keeps_the_unit_in_the_notes():
    # given a space-separated copy whose fee reads "3500 元"
    text = TAB_TEXT.replace("行政事业性收费\t0.35", "行政事业性收费\t3500 元")
    data = "\n".join(" ".join(c for c in line.split("\t") if c) for line in text.split("\n"))
    # when it is read
    report = read_bytes(data.encode(), "x.txt")
    # then the number is read and the unit noted, as rule T2.fee_unit expects
    assert report.active["fees_10k_yuan"] == {"": Decimal(3500)}
    assert any("收费" in note and "“元”" in note for note in report.notes)


def test_a_page_title_without_agency_or_year_does_not_run_into_the_report_title():
    # given a page whose first line is a generic "政府信息公开年报" heading
    data = ("政府信息公开年报\n" + TAB_TEXT).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the agency is the report title's
    assert (report.agency, report.year) == ("测试县统计局", 2023)


def test_a_sidebar_mentioning_table_three_words_before_the_report_is_skipped():
    # given a web page whose sidebar, before the report, lists a link with "本年新收"
    data = ("相关链接\n本年新收来信统计\n关于行政复议的通知\n" + TAB_TEXT).encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the tables are the report's
    assert report.applications[SummaryRow.NEW] == values(0)


def test_a_stray_traditional_character_does_not_make_a_page_a_traditional_copy():
    # given a simplified page whose header offers a "繁體" version
    from gongkai.report.parse.mapping.normalise import simplifier

    texts = ["首页 | 繁體 | 无障碍", "测试县统计局2023年政府信息公开工作年度报告"]

    # when the document's converter is chosen
    convert = simplifier(texts)

    # then nothing is converted (the costly converter is not even loaded)
    assert convert is str
    assert simplifier([*texts, "國辦公開 行政許可 穩定 資訊"]) is not str
