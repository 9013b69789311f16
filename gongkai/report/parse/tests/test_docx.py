"""The DOCX reader: body order, merged cells once, layout tables, refusals in Chinese."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from gongkai.report.model import ReportError
from gongkai.report.parse.document import Table
from gongkai.report.parse.readers.docx import read


def _report_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "某局2023年政府信息公开工作年度报告"
    document.add_paragraph("一、总体情况")
    document.add_paragraph("")  # an empty paragraph is not a block
    table = document.add_table(rows=4, cols=5)
    table.cell(0, 0).merge(table.cell(1, 2)).text = "（本列数据的勾稽关系）"
    table.cell(0, 3).merge(table.cell(0, 4)).text = "申请人情况"
    table.cell(1, 3).text = "自然\n人"
    table.cell(1, 4).text = "总计"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "三、本年度办理结果"
    table.cell(2, 1).merge(table.cell(2, 2)).text = "（一）予以公开"
    table.cell(2, 3).text = "２"
    table.cell(2, 4).text = "—"
    table.cell(3, 1).text = "（二）部分公开"
    table.cell(3, 4).text = "0"
    document.add_paragraph("二、主动公开政府信息情况")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_and_tables_come_in_body_order_with_merged_cells_once():
    # given a report with a table whose header and label cells are merged both ways
    data = _report_docx()

    # when it is read
    document = read(data)

    # then each merged cell appears once, followed or topped by empty strings
    assert document.kind == "docx"
    assert document.title == "某局2023年政府信息公开工作年度报告"
    assert document.blocks[0] == "一、总体情况"
    assert document.blocks[2] == "二、主动公开政府信息情况"
    table = document.blocks[1]
    assert isinstance(table, Table)
    assert table.rows == (
        ("（本列数据的勾稽关系）", "", "", "申请人情况", ""),
        ("", "", "", "自然人", "总计"),
        ("三、本年度办理结果", "（一）予以公开", "", "２", "—"),
        ("", "（二）部分公开", "", "", "0"),
    )


def test_a_layout_table_yields_its_text_and_the_table_inside():
    # given a one-row layout table whose cell holds a paragraph and a data table
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].text = "三、收到和处理政府信息公开申请情况"
    inner = cell.add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "信息内容"
    inner.cell(0, 1).text = "本年处理决定数量"
    inner.cell(1, 0).text = "行政许可"
    inner.cell(1, 1).text = "3"
    out = io.BytesIO()
    document.save(out)

    # when it is read
    blocks = read(out.getvalue()).blocks

    # then the outer text is a paragraph and only the inner table is a Table
    assert blocks[0] == "三、收到和处理政府信息公开申请情况"
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.rows == (("信息内容", "本年处理决定数量"), ("行政许可", "3"))


def _zip(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name in names:
            package.writestr(name, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "DOCX 文件为空"),
        (b"%PDF-1.7 not a docx", "文件不是 DOCX"),
        (_zip(["hello.txt"]), "压缩包不是 DOCX"),
        (b"PK\x03\x04 truncated", "已损坏或被截断"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "已加密",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Word"),
        (_zip(["[Content_Types].xml", "word/document.xml"]), "DOCX 文件已损坏"),
    ],
)
def test_damaged_or_foreign_input_is_refused_with_a_chinese_reason(data, reason):
    with pytest.raises(ReportError, match=reason):
        read(data)


def test_a_truncated_docx_is_refused():
    # given a real document cut in half
    data = _report_docx()

    # then reading it fails with a reason, not a library exception
    with pytest.raises(ReportError):
        read(data[: len(data) // 2])
