"""The mapper, the text and Markdown readers and the registry, on synthetic and seed reports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.report.catalogue import APPLICATION_ROW_KEYS, Layout, Outcome, SummaryRow
from gongkai.report.model import ReportError
from gongkai.report.parse import read_bytes, read_path, sniff
from gongkai.report.parse.mapping.glued import balanced_splits, run_of
from gongkai.report.parse.mapping.normalise import label_key, parse_count, to_simplified
from gongkai.report.parse.tests.fixtures import (
    REVIEWS,
    ROWS_2021,
    TAB_TEXT,
    glued_text,
    values,
)

SHARED = Path(__file__).resolve().parents[4].parent / "shared"
SEED = SHARED / "seed" / "000_df08a9a1df66fae3.txt"


def _expected_rows() -> dict[str, list[int]]:
    return {key: values(index) for index, key in enumerate(APPLICATION_ROW_KEYS)}


# --- the seed ------------------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_seed_parses_to_its_printed_values():
    # given the seed report (PDF text with tabs)
    # when it is read
    report = read_path(SEED)
    # then every printed value is read, all zero, in the 2021 layout
    assert report.agency == "驻马店经济开发区统计局"
    assert report.year == 2023
    assert report.layout is Layout.Y2021
    assert all(value == 0 for _, value in report.numbers())
    assert all(cells == [0] * 7 for cells in report.applications.values())
    assert set(report.text) == {"overview", "problems", "other_matters"}
    assert report.source is not None and report.source.type == "text"


# --- tab-separated text --------------------------------------------------------------------------


def test_tab_text_reads_every_table():
    # given a PDF-like text whose "3.其他" row lost its leading cells
    data = TAB_TEXT.encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the tables hold the printed values, the dash cell is blank, full-width digits read
    assert (report.agency, report.year, report.layout) == ("测试县统计局", 2023, Layout.Y2021)
    assert report.applications == _expected_rows()
    assert [v for _, v in report.numbers()][-15:] == REVIEWS
    assert report.active["normative_documents"] == {"issued": 3, "repealed": 1, "in_force": 9}
    assert report.active["licensing"] == {"": 17}
    assert report.active["penalty"] == {"": 0}
    assert "active/penalty" in report.blank_cells
    assert report.active["fees_10k_yuan"] == {"": Decimal("0.35")}
    assert report.text["problems"] == "信息发布还不够及时。"


def test_gb18030_text_is_decoded():
    # given the same report saved in GB18030
    # when it is read
    report = read_bytes(TAB_TEXT.encode("gb18030"))
    # then it reads as the UTF-8 one
    assert report.applications == _expected_rows()


def test_traditional_characters_are_read():
    # given a copy in traditional characters
    data = TAB_TEXT.replace("本年新收政府信息公开申请数量", "本年新收政府信息公開申請數量")
    data = data.replace("政府信息公开工作 年度报告", "政府信息公開工作 年度報告")
    # when it is read
    report = read_bytes(data.encode())
    # then labels still match
    assert report.applications[SummaryRow.NEW] == values(0)


# --- crawler exports with glued digits ------------------------------------------------------


def test_glued_digits_are_split_by_the_row_sums():
    # given a crawler export whose cells are glued together
    # when it is read
    report = read_bytes(glued_text().encode(), "crawler.txt")
    # then each row and table 四 are split as printed
    assert report.year == 2024
    assert report.applications == _expected_rows()
    assert [v for _, v in report.numbers()][-15:] == REVIEWS
    # table 二's glued 6856 has several splits: unreadable, not guessed
    unreadable = {"issued": None, "repealed": None, "in_force": None}
    assert report.active["normative_documents"] == unreadable
    assert report.active["rules"] == {"issued": None, "repealed": None, "in_force": None}
    assert report.active["penalty"] == {"": 159}


def test_blank_rows_in_glued_text_are_zero_and_recorded():
    # given an export where two (六) rows were printed empty
    # when it is read
    report = read_bytes(glued_text(blank_rows=(20, 21)).encode())
    # then they read as zeros and every cell is listed as blank
    assert report.applications[Outcome.OTHER_HANDLING_NO_CLARIFICATION] == [0] * 7
    assert report.applications[Outcome.OTHER_HANDLING_FEE_UNPAID] == [0] * 7
    assert f"applications/{Outcome.OTHER_HANDLING_FEE_UNPAID}/总计" in report.blank_cells
    assert report.applications[Outcome.OTHER_HANDLING_OTHER] == values(22)


def test_wrong_printed_totals_are_kept_as_printed():
    # given a report printing 0 in every 总计 cell (the row sums fail)
    # when it is read
    report = read_bytes(glued_text(totals=False).encode())
    # then the printed zeros are kept
    assert report.applications[SummaryRow.NEW] == [10, 2, 0, 0, 0, 0, 0]


def test_space_separated_row_with_blank_total():
    # given a row of six space-separated zeros (its 总计 printed blank)
    text = glued_text().replace("（一）予以公开5100006", "（一）予以公开 0 0 0 0 0 0 ")
    text = text.replace("（七）总计132000015", "（七）总计 8 2 0 0 0 0 10")
    text = text.replace("四、结转下年度继续办理0000000", "四、结转下年度继续办理 5 0 0 0 0 0 5")
    # when it is read
    report = read_bytes(text.encode())
    # then the 总计 is blank and read as 0
    assert report.applications["granted"] == [0] * 7
    assert report.blank_cells == ["applications/granted/总计"]


def test_glued_split_uses_column_equations_when_a_row_is_ambiguous():
    # given a 予以公开 row "330000033" (33|0…|33 or 3|30|…|33) and a balancing table
    splits = [v for v, _ in balanced_splits(run_of(["330000033"]), 7)]
    assert len(splits) == 2
    text = glued_text().replace("（一）予以公开5100006", "（一）予以公开330000033")
    text = text.replace(
        "一、本年新收政府信息公开申请数量102000012", "一、本年新收政府信息公开申请数量381000039"
    )
    text = text.replace("（七）总计132000015", "（七）总计411000042")
    # when it is read
    report = read_bytes(text.encode())
    # then the split that balances the columns is chosen
    assert report.applications["granted"] == [33, 0, 0, 0, 0, 0, 33]


# --- 2019 layout -----------------------------------------------------------------------------


def test_2019_layout_with_single_other_row_and_signed_changes():
    # given a 2019-layout report: old table 二 columns, one （六）其他处理 row
    rows = [label for i, label in enumerate(ROWS_2021) if i not in (20, 21, 22)]
    lines = [
        "测试市2020年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t0\t0\t7",
        "规范性文件\t5\t5\t66",
        "第二十条第（五）项",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政许可\t39\t+12\t2278",
        "其他对外管理服务事项\t10\t-3\t105",
        "第二十条第（六）项",
        "行政处罚\t26\t0\t38",
        "行政强制\t12\t—\t29",
        "第二十条第（八）项",
        "行政事业性收费\t35\t-15",
        "第二十条第（九）项",
        "政府集中采购\t3\t395.5",
        "三、收到和处理政府信息公开申请情况",
    ]
    for label in rows:
        printed = label in ("一、本年新收政府信息公开申请数量", "（七）总计")
        cells = [4, 0, 0, 0, 0, 0, 4] if printed else [0] * 7
        if label == "（七）总计":
            lines.append("\t（六）其他处理\t" + "\t".join(["4", "0", "0", "0", "0", "0", "4"]))
        lines.append(f"\t{label}\t" + "\t".join(map(str, cells)))
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "\t".join(["0"] * 15)]
    # when it is read
    report = read_bytes("\n".join(lines).encode())
    # then the layout is 2019, (六) goes to 3.其他, the two 2021 sub-rows are not printed
    assert report.layout is Layout.Y2019
    assert report.applications[Outcome.OTHER_HANDLING_OTHER] == [4, 0, 0, 0, 0, 0, 4]
    assert report.applications[Outcome.OTHER_HANDLING_NO_CLARIFICATION] is None
    assert report.active["licensing"] == {"previous_items": 39, "change": 12, "decisions": 2278}
    assert report.active["other_services"]["change"] == -3
    assert report.active["fees"] == {"previous_items": 35, "change": -15}
    assert "active/enforcement/change" in report.blank_cells
    assert report.active["procurement"]["amount"] == Decimal("395.5")


# --- Markdown with conversion damage ---------------------------------------------------------


def test_markdown_with_broken_tables():
    # given a PDF→Markdown copy: a label torn from its values, a row with no label, a footer
    lines = [
        "2024 年测试市人民政府办公厅政府信息公开",
        "工作年度报告",
        "一、总体情况",
        "概述。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "22",
        "（其中修订 16 件）",
        "第二十条第（五）项",
        "行政许可 3",
        "第二十条第（六）项",
        "行政处罚 0",
        "行政强制 0",
        "第二十条第（八）项",
        "行政事业性收费 0",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "|---|---|---|---|",
        "| 规章 | 22 | 235 |",
        "| 行政规范性文件 | 34 | 55 | 189 |",
        "三、收到和处理政府信息公开申请情况",
    ]
    for index, label in enumerate(ROWS_2021):
        cells = " | ".join(map(str, values(index)))
        if index == 3:
            lines += ["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"]
            lines += [f"| {cells} |", "|---|---|---|---|---|---|---|"]
        elif index == 19:
            lines += [f"| {cells} |", "— 5 —"]
        elif index == 20:
            lines += [f"| 行政机关不再处理其政府信息公 | {cells} |"]
        else:
            lines.append(f"| {label} | {cells} |")
    lines += [
        "四、政府信息公开行政复议、行政诉讼情况",
        "| 维持 | 纠正 | 结果 | 审结 | 总计 |",
        "| " + " | ".join(map(str, REVIEWS)) + " |",
        "六、其他需要报告的事项",
        "无。",
    ]
    data = "\n".join(lines).encode()
    # when it is read
    assert sniff(data) == "markdown"
    report = read_bytes(data)
    # then the rows are filed by label and order, and the lost 规章 cell comes from the note
    assert report.agency == "测试市人民政府办公厅"
    assert report.applications == _expected_rows()
    assert report.active["rules"] == {"issued": 22, "repealed": 22, "in_force": 235}
    assert report.active["licensing"] == {"": 3}


# --- units ---------------------------------------------------------------------------------------


def test_normalisation():
    assert label_key("（二）部分公开 (区分处理的，只计)") == "(二)部分公开(区分处理的,只计)"
    assert to_simplified("國辦公開") == "国办公开"
    assert parse_count("１２") == (12, False)
    assert parse_count("1,234") == (1234, False)
    assert parse_count("—") == (0, True)
    assert parse_count("abc") == (None, False)


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "空"),
        (b"   \n", "空"),
        ("一份会议通知，与年度报告无关。".encode(), "不是"),
        (TAB_TEXT.split("三、收到")[0].encode(), "表三"),
        (TAB_TEXT.split("四、政府信息公开行政复议")[0].encode(), "表四"),
        (b"%PDF-1.4 broken", ""),
        (b"PK\x03\x04 broken zip", "损坏"),
    ],
)
def test_unreadable_input_is_a_one_line_chinese_error(data: bytes, reason: str):
    # given input that is not a readable report
    # when it is read
    with pytest.raises(ReportError) as caught:
        read_bytes(data)
    # then the reason is one line, in Chinese
    message = str(caught.value)
    assert reason in message and "\n" not in message


def test_json_input_round_trips():
    # given a report as JSON
    from gongkai.report.model import dumps

    report = read_bytes(TAB_TEXT.encode())
    # when its JSON is read back
    again = read_bytes(dumps(report).encode())
    # then it is the same report
    assert again.applications == report.applications


@pytest.mark.parametrize("heading", ["六、其他需要报告的事项", "六、其他需报告的事项"])
def test_section_six_is_found_under_its_printed_variants(heading: str):
    # given a report whose last heading is printed in a shortened form
    text = glued_text().replace("六、其他需要报告的事项", heading)

    # when it is read
    report = read_bytes(text.encode())

    # then section 六 is its own text, not part of section 五
    assert report.text["other_matters"] == "无。"
    assert "无。" not in report.text["problems"]
