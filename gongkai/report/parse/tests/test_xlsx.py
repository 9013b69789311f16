"""The XLSX reader: one table a sheet, one sheet holding everything, merged ranges, numbers."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.report.model import ReportError
from gongkai.report.parse.document import Table
from gongkai.report.parse.readers.xlsx import read


def _save(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_sheet_per_table_with_merged_headers_reads_as_full_grids():
    # given a facts sheet pointing to a table sheet with merged header and label cells
    workbook = openpyxl.Workbook()
    facts = workbook.active
    assert isinstance(facts, Worksheet)
    facts.title = "报告信息"
    facts.append(["标题", "某局2023年政府信息公开工作年度报告"])
    facts.append(["年度", 2023])
    facts.append([])
    facts.append(["一、总体情况", "第一段。\n第二段。"])
    facts.append(["二、主动公开政府信息情况", "见工作表“表二”"])
    sheet = workbook.create_sheet("表二")
    sheet.append(["第二十条第（八）项", None, None])
    sheet.merge_cells("A1:C1")
    sheet.append(["信息内容", "本年收费金额（单位：万元）", None])
    sheet.merge_cells("B2:C2")
    sheet.append(["行政事业性收费", Decimal("0.30"), 7])
    sheet["B3"].number_format = "0.00"
    workbook.properties.title = "某局2023年报告"

    # when it is read
    document = read(_save(workbook))

    # then the facts are paragraphs and the table sheet sits where its section points
    assert document.kind == "xlsx"
    assert document.title == "某局2023年报告"
    assert document.blocks[:5] == [
        "标题：某局2023年政府信息公开工作年度报告",
        "年度：2023",
        "一、总体情况",
        "第一段。",
        "第二段。",
    ]
    assert document.blocks[5] == "二、主动公开政府信息情况"
    assert document.blocks[6] == Table(
        rows=(
            ("第二十条第（八）项", "", ""),
            ("信息内容", "本年收费金额（单位：万元）", ""),
            ("行政事业性收费", "0.30", "7"),
        )
    )
    assert len(document.blocks) == 7


def test_a_single_sheet_holding_everything_is_cut_at_empty_rows():
    # given headings, text and two tables on one sheet, tables set off by empty rows
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["某局2023年政府信息公开工作年度报告"])
    sheet.append(["一、总体情况"])
    sheet.append([])
    sheet.append([None, "行政复议", None, "行政诉讼"])
    sheet.merge_cells("B4:C4")
    sheet.append([None, "结果维持", "总计", "总计"])
    sheet.append([None, 0, 1.0, 12.5])
    sheet.append([])
    sheet.append(["五、存在的主要问题及改进情况"])

    # when it is read
    blocks = read(_save(workbook)).blocks

    # then text rows are paragraphs and the table keeps only its own columns
    assert blocks == [
        "某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        Table(
            rows=(
                ("行政复议", "", "行政诉讼"),
                ("结果维持", "总计", "总计"),
                ("0", "1", "12.5"),
            )
        ),
        "五、存在的主要问题及改进情况",
    ]


def test_the_projects_own_workbook_reads_back(tmp_path):
    # given the project's XLSX rendering of the sample report
    render = pytest.importorskip("gongkai.report.render.xlsx")
    model = pytest.importorskip("gongkai.report.model")
    import json
    from pathlib import Path

    sample = Path(model.__file__).parent / "samples" / "seed-figures-2023.json"
    if not sample.exists():
        pytest.skip("sample report absent")
    report = model.report_from_json(json.loads(sample.read_text(encoding="utf-8")))

    # when it is read
    document = read(render.render(report))

    # then the three tables come back in the sections' order
    shapes = [(len(t.rows), len(t.rows[0])) for t in document.tables()]
    assert shapes == [(14, 4), (28, 10), (4, 15)]
    assert document.blocks.index("二、主动公开政府信息情况") + 1 == document.blocks.index(
        document.tables()[0]
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "XLSX 文件为空"),
        (b"<html>", "不是 XLSX"),
        (b"PK\x03\x04 truncated", "已损坏或被截断"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "已加密"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "旧版 Excel"),
    ],
)
def test_damaged_or_foreign_input_is_refused_with_a_chinese_reason(data, reason):
    with pytest.raises(ReportError, match=reason):
        read(data)


def test_a_docx_is_not_taken_for_a_workbook():
    docx = pytest.importorskip("docx")
    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(ReportError, match="不是 XLSX"):
        read(out.getvalue())
