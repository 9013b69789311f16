"""Reading a catalogue file: headers, every bad row as `第N行`, hostile files refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from gongkai.publications.catalogue_file import (
    MAX_ROWS,
    CatalogueFileError,
    CatalogueRow,
    read_catalogue,
)

HEADER = "公开事项,公开栏目,责任股室,公开依据,公开时限类型,时限（工作日）\n"


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8-sig")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_good_csv_reads_with_defaults_for_blank_cells():
    data = csv_bytes(
        HEADER + "统计执法检查结果,工作动态,统计股,条例第二十条,,\n"
        "月度主要经济指标,数据发布,统计股,,每月,15\n"
    )
    rows = read_catalogue(data, name="目录.csv")
    assert rows == [
        CatalogueRow(2, "统计执法检查结果", "工作动态", "统计股", "条例第二十条", "on_change", 20),
        CatalogueRow(3, "月度主要经济指标", "数据发布", "统计股", "", "monthly", 15),
    ]


def test_a_good_xlsx_reads_in_any_column_order_with_other_columns_ignored():
    data = xlsx_bytes(
        [
            ["备注", "时限(工作日)", "公开事项", "公开时限类型"],
            ["内部用", 20.0, "部门预算", "每年"],
        ]
    )
    (row,) = read_catalogue(data, name="目录.XLSX")
    assert (row.title, row.timing, row.workdays, row.line) == ("部门预算", "yearly", 20, 2)


def test_every_bad_row_is_reported_and_nothing_is_returned():
    data = csv_bytes(
        HEADER + "好的事项,,,,,\n"
        ",,,,,\n"  # blank lines are skipped
        ",工作动态,,,,\n"
        "坏的时限,,,,每周,0\n"
        "好的事项,,,,,\n"
    )
    with pytest.raises(CatalogueFileError) as refused:
        read_catalogue(data, name="目录.csv")
    assert refused.value.lines == (
        "第4行: 公开事项为空",
        "第5行: 公开时限类型“每周”无效（可选：形成或变更之日起限期公开、每月、每季度、每年）；"
        "时限“0”应为 1–365 的整数（工作日）",
        "第6行: 公开事项“好的事项”与第2行重复",
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "第1行: 文件为空，缺少表头"),
        (csv_bytes("名称,栏目\n一,二\n"), "a.csv", "第1行: 缺少必填列：公开事项"),
        (csv_bytes("公开事项,公开事项\n一,二\n"), "a.csv", "第1行: 列名重复：公开事项"),
        ("公开事项\n一\n".encode("gbk"), "a.csv", "第1行: 文件不是 UTF-8 编码的 CSV"),
        (b"not a zip at all", "a.xlsx", "第1行: 文件不是 XLSX 工作簿"),
        (csv_bytes("公开事项\n"), "a.csv", "第2行: 文件中没有公开事项"),
    ],
)
def test_files_that_cannot_be_read_say_why_in_one_line(data, name, message):
    with pytest.raises(CatalogueFileError) as refused:
        read_catalogue(data, name=name)
    assert len(refused.value.lines) == 1
    assert refused.value.lines[0].startswith(message)


def test_an_xlsx_declaring_a_dtd_is_refused_before_parsing():
    good = xlsx_bytes([["公开事项"], ["一"]])
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + content
            target.writestr(info, content)
    with pytest.raises(CatalogueFileError, match="DTD"):
        read_catalogue(buffer.getvalue(), name="a.xlsx")


def test_a_sheet_past_the_row_limit_is_refused_with_the_limit():
    data = csv_bytes("公开事项\n" + "".join(f"事项{i}\n" for i in range(MAX_ROWS + 1)))
    with pytest.raises(CatalogueFileError) as refused:
        read_catalogue(data, name="a.csv")
    assert refused.value.lines == (
        f"第{MAX_ROWS + 2}行: 表格超过 {MAX_ROWS} 行，请分成几个文件导入",
    )


def test_a_sheet_claiming_a_huge_range_is_read_a_few_columns_wide():
    # given a sheet with a cell at A1 and one far away (the sheet's dimension is huge)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "公开事项"
    sheet["A2"] = "一"
    sheet["ZZ3000"] = "远处"
    buffer = io.BytesIO()
    book.save(buffer)
    # then the reader stops at its row limit instead of building the whole grid
    with pytest.raises(CatalogueFileError, match="表格超过"):
        read_catalogue(buffer.getvalue(), name="a.xlsx")
