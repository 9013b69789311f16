"""What a report file may cost to read: each reader stops at a limit and names it.

Hostile files are generated small (hostile.py); where the real limit would need a large file,
the test lowers the limit instead, so that the test shows the same check at a small scale.
"""

from __future__ import annotations

import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from gongkai.report.model import ReportError
from gongkai.report.parse import read_bytes, read_path
from gongkai.report.parse.document import Table
from gongkai.report.parse.readers import docx as docx_reader
from gongkai.report.parse.readers import html as html_reader
from gongkai.report.parse.readers import limits
from gongkai.report.parse.readers import pdf as pdf_reader
from gongkai.report.parse.readers import xlsx as xlsx_reader
from gongkai.report.parse.tests.hostile import (
    docx_with_body,
    pdf_pages,
    pdf_stream_bomb,
    pdf_with_contents,
    pdf_with_encoded_content,
    xlsx_with_cells,
    zip_lying_about_size,
)


def _reason(data: bytes) -> str:
    with pytest.raises(ReportError) as caught:
        read_bytes(data, name="hostile")
    return str(caught.value)


# --- XLSX ---------------------------------------------------------------------------------------


def test_a_far_cell_costs_nothing_more_than_a_near_one():
    # given a workbook with two cells, A1 and CV2000 (a grid of 200,000 cells between them)
    data = xlsx_with_cells([(1, 1, "甲"), (2000, 100, "乙")])
    assert len(data) < 2000

    # when it is read
    tracemalloc.start()
    started = time.perf_counter()
    document = xlsx_reader.read(data)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # then only the two cells were held, not the grid up to the far one
    assert document.blocks == ["甲", "乙"]
    assert peak < 3 << 20, f"peak {peak / 1e6:.1f} MB"
    assert seconds < 2


def test_the_last_cell_of_a_sheet_is_read_as_one_cell():
    # given A1 and XFD1048576, the largest sheet Excel allows
    data = xlsx_with_cells([(1, 1, "甲"), (1048576, 16384, "乙")])
    # when it is read, then two paragraphs, quickly
    started = time.perf_counter()
    assert xlsx_reader.read(data).blocks == ["甲", "乙"]
    assert time.perf_counter() - started < 2


def test_cells_far_apart_in_one_run_of_rows_are_refused_as_too_large_a_table():
    # given 100 consecutive rows with a cell in column A and one in column XFD
    cells = [(row, column, "x") for row in range(1, 101) for column in (1, 16384)]
    # then the table they would make (1.6 million cells) is refused, naming the limit
    reason = _reason(xlsx_with_cells(cells))
    assert reason == "文件过大：工作表中的表格超过 100 万格"


def test_a_table_below_the_grid_limit_keeps_its_empty_columns():
    cells = [(1, 1, "a"), (1, 3, "b"), (1, 5, "c"), (2, 2, "d"), (2, 3, "e"), (2, 4, "f")]
    assert xlsx_reader.read(xlsx_with_cells(cells)).blocks == [
        Table(rows=(("a", "", "b", "", "c"), ("", "d", "e", "f", "")))
    ]


def test_too_many_filled_cells_are_refused(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 50)
    cells = [(row, column, "1") for row in range(1, 12) for column in range(1, 6)]
    assert _reason(xlsx_with_cells(cells)) == "文件过大：工作簿中有文字的单元格超过 0 万个"


def test_a_workbook_with_a_dtd_is_refused_and_says_why():
    # given a sheet declaring entities that expand a billion times (a "billion laughs")
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    data = xlsx_with_cells([(1, 1, "&a9;")], prologue=f"<!DOCTYPE worksheet [{entities}]>")
    # then it is refused before any XML parser sees it
    assert _reason(data) == "XLSX 文件含有 DTD 实体声明（Office 文件不应含有），拒绝读取"


def test_an_xlsx_sheet_inflating_past_the_limit_is_too_large(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_XLSX_PART_BYTES", 100_000)
    cells = [(row, 1, "政府信息公开") for row in range(1, 3000)]
    reason = _reason(xlsx_with_cells(cells))
    assert reason == "文件过大：xl/worksheets/sheet1.xml 解压后超过 0 MB"


def test_many_sheets_each_under_the_part_limit_are_refused_by_their_total(monkeypatch):
    # given sheets of 40 KB each, their total past a limit lowered to 100 KB (8 MB in truth:
    # openpyxl parses every sheet once on opening, before any can be read as a stream)
    monkeypatch.setattr(xlsx_reader, "MAX_XLSX_XML_BYTES", 100_000)
    cells = [(row, 1, "政府信息公开") for row in range(1, 800)]
    data = xlsx_with_cells(cells, copies=3)
    assert len(xlsx_reader.read(xlsx_with_cells(cells)).blocks) == 799
    assert _reason(data) == "文件过大：XML 内容解压后合计超过 0 MB"


# --- DOCX ---------------------------------------------------------------------------------------


def test_a_docx_bomb_is_too_large_not_damaged(monkeypatch):
    # given a DOCX whose document.xml inflates past the limit (lowered: 1 MB)
    monkeypatch.setattr(docx_reader, "MAX_DOCX_PART_BYTES", 1 << 20)
    data = docx_with_body(30_000)
    # then it is refused as too large, by the size it declares
    assert _reason(data) == "文件过大：word/document.xml 解压后超过 1 MB"


def test_a_docx_lying_about_its_size_is_too_large_not_damaged(monkeypatch):
    # given the same bomb whose headers claim 1,000 bytes (zipfile would stop there and find
    # the CRC wrong: "damaged")
    monkeypatch.setattr(docx_reader, "MAX_DOCX_PART_BYTES", 1 << 20)
    data = zip_lying_about_size(docx_with_body(30_000), "word/document.xml", claimed=1000)
    # then what it inflates to, counted as a stream, shows it too large
    assert _reason(data) == "文件过大：word/document.xml 解压后超过 1 MB"


def test_a_docx_lying_about_its_size_below_the_limit_is_damaged():
    data = zip_lying_about_size(docx_with_body(100), "word/document.xml", claimed=1000)
    assert _reason(data) == "DOCX 文件已损坏：word/document.xml 的大小与声明不符"


def test_a_docx_within_the_limits_is_read():
    document = docx_reader.read(docx_with_body(3, text="本年度"))
    assert document.blocks == ["本年度", "本年度", "本年度"]


# --- PDF ----------------------------------------------------------------------------------------


def test_a_pdf_stream_bomb_is_refused_before_the_pdf_reader_inflates_it():
    # given a one-page PDF whose content stream inflates to 8 MB (1 GiB in the issue)
    data = pdf_stream_bomb(8 << 20)
    assert len(data) < 100_000
    # then it is refused by what the stream inflates to, counted as a stream
    assert _reason(data) == "文件过大：PDF 内容流解压后超过 4 MB"


def _double_flate(content: bytes) -> bytes:
    return zlib.compress(zlib.compress(content, 9), 9)


def _run_length(content: bytes) -> bytes:
    """RunLengthDecode's encoding of `content` made of runs of one byte, 128 at a time."""
    return b"".join(bytes([129, content[i]]) for i in range(0, len(content), 128)) + b"\x80"


@pytest.mark.parametrize(
    ("filters", "encode"),
    [
        (b"[/FlateDecode /FlateDecode]", _double_flate),
        (b"[/ASCIIHexDecode /FlateDecode]", lambda c: zlib.compress(c, 9).hex().encode() + b">"),
        (b"/RunLengthDecode", _run_length),
    ],
    ids=["flate in flate", "flate behind hex", "run length"],
)
def test_a_stream_bomb_behind_other_filters_is_refused(filters, encode):
    # given a content stream of 8 MB of spaces behind a chain of filters, a few KB on disk
    data = pdf_with_encoded_content(encode(b" " * (8 << 20)), filters)
    assert len(data) < 200_000
    # then what the chain decodes to is counted, and refused
    assert _reason(data) == "文件过大：PDF 内容流解压后超过 4 MB"


def test_a_pdf_of_more_pages_than_the_limit_is_refused_by_its_page_count():
    reason = _reason(pdf_pages(201, ruled=False))
    assert reason == "文件过大：页数超过 200 页（共 201 页）"


def test_a_pdf_page_too_complex_for_table_search_is_refused():
    # given a page of 11,000 short rules (a table page has about 1,500 objects)
    rules = b"".join(b"%d 100 m %d 700 l S\n" % (x % 400 + 50, x % 400 + 50) for x in range(11_000))
    data = pdf_with_contents([rules + b"BT /F1 12 Tf 72 750 Td (Text) Tj ET"])
    assert _reason(data) == "文件过大：PDF 第 1 页过于复杂（图形和文字超过 1 万个）"


def test_a_font_program_may_be_large_but_counts_in_the_total(monkeypatch):
    # given a PDF holding a 5 MB font program (a whole CJK font is as large), in a PDF
    font = b"<< /Length1 5242880 /Length %d /Filter /FlateDecode >>\nstream\n"
    program = zlib.compress(b"\0" * (5 << 20))
    data = pdf_pages(1, ruled=False).replace(
        b"%%EOF", b"9 0 obj\n" + font % len(program) + program + b"\nendstream\nendobj\n%%EOF"
    )
    # then it passes the content limit (4 MB), but not a total lowered below it
    limits.check_pdf_streams(data)
    monkeypatch.setattr(limits, "MAX_PDF_INFLATED_BYTES", 4 << 20)
    with pytest.raises(limits.TooLarge, match="PDF 解压后超过 4 MB"):
        limits.check_pdf_streams(data)


# --- HTML, text ---------------------------------------------------------------------------------


def test_html_nested_deeper_than_the_parser_reads_says_why():
    # given a page whose report stands after 300 nested <div>s (libxml2 stops at 256)
    page = "<html><body><p>开头</p>" + "<div>" * 300 + "表三" + "</div>" * 300 + "</body></html>"
    # then the reason is the nesting, not 「不是年度报告」
    assert _reason(page.encode()) == "HTML 页面的元素嵌套超过 256 层，其后的内容无法读取"


def test_html_with_too_many_tags_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_HTML_TAGS", 100)
    page = "<html><body>" + "<p>段落</p>" * 60 + "</body></html>"
    assert _reason(page.encode()) == "文件过大：HTML 页面超过 0 万个标签"


def test_text_past_the_character_limit_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CHARS", 10_000)
    assert _reason("政府信息公开\n".encode() * 2000) == "文件过大：文字超过 1 万字"


def test_a_file_past_the_size_limit_is_refused_unread(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (limits.MAX_FILE_BYTES + 1))
    with pytest.raises(limits.TooLarge, match="文件过大：超过 20 MB"):
        read_path(big)


def test_a_reader_past_its_time_budget_stops_and_names_it():
    data = docx_with_body(2000)
    with limits.time_budget(0), pytest.raises(limits.TooLarge) as caught:
        docx_reader.read(data)
    assert str(caught.value) == "文件过大：读取超过 7 秒仍未完成"


def test_pdf_reader_checks_the_budget_between_pages():
    with limits.time_budget(0), pytest.raises(limits.TooLarge, match="读取超过"):
        pdf_reader.read(pdf_pages(3, ruled=False))


# --- the register imports' workbook rows --------------------------------------------------------


def test_first_sheet_rows_are_numbered_as_the_sheet_shows_them():
    from gongkai.report.parse.readers.workbook import first_sheet_rows

    data = xlsx_with_cells([(1, 1, "年份"), (1, 3, "数量"), (3, 2, "x")])
    assert list(first_sheet_rows(data)) == [(1, ["年份", None, "数量"]), (2, []), (3, [None, "x"])]


def test_first_sheet_rows_stop_at_their_time_budget(monkeypatch):
    from gongkai.report.parse.readers import workbook

    monkeypatch.setattr(workbook, "READ_SECONDS", 0)
    with pytest.raises(limits.TooLarge, match="读取超过 0 秒"):
        list(workbook.first_sheet_rows(xlsx_with_cells([(1, 1, "年份")])))
