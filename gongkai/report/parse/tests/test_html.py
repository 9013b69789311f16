"""The HTML reader: whole saved pages, merged cells, layout tables, Word-pasted spans, charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.model import ReportError
from gongkai.report.parse.document import Table, grid_rows
from gongkai.report.parse.readers.html import decode, read

CORPUS = Path(__file__).resolve().parents[4] / ".." / "shared" / "corpus"

SAVED_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>某局2023年政府信息公开工作年度报告</title>
<script>var nav = "不应出现";</script><style>p { color: red }</style></head>
<body>
<div class="meta"><div><strong>标题：</strong>某局2023年报告</div></div>
<nav><a href="/">首页</a></nav>
<!-- header Start -->
<table class="layout"><tr><td>
  <p>一、总体情况</p>
  <p>本年度主动公开信息&nbsp;１２条。</p>
  <table border="1">
    <tr><td colspan="3" rowspan="2">（本列数据的勾稽关系）</td><td colspan="2">申请人情况</td></tr>
    <tr><td>自然</td><td>总<span>计</span></td></tr>
    <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>
        <td>２</td><td>—</td></tr>
    <tr><td colspan="2"><p>（二）部分</p><p>公开</p></td><td>&nbsp;</td><td>0</td></tr>
  </table>
  <p><span>行</span><span>政复议</span></p>
</td></tr></table>
<script>document.write("也不应出现")</script>
</body></html>"""


def test_a_saved_page_reads_as_paragraphs_and_its_innermost_table():
    # given a crawler-saved page: header, navigation, scripts and a layout table around the data
    data = SAVED_PAGE.encode("utf-8")

    # when it is read
    document = read(data)

    # then the layout table's text is paragraphs, the data table a grid, scripts are gone
    assert document.kind == "html"
    assert document.title == "某局2023年政府信息公开工作年度报告"
    paragraphs = [block for block in document.blocks if isinstance(block, str)]
    assert "标题：某局2023年报告" in paragraphs
    assert "一、总体情况" in paragraphs
    assert "行政复议" in paragraphs
    assert not any("不应出现" in text or "header Start" in text for text in paragraphs)
    [table] = document.tables()
    assert table.rows == (
        ("（本列数据的勾稽关系）", "", "", "申请人情况", ""),
        ("", "", "", "自然", "总计"),
        ("三、本年度办理结果", "（一）予以公开", "", "２", "—"),
        ("", "（二）部分公开", "", "", "0"),
    )
    assert document.blocks.index(table) < document.blocks.index("行政复议")


def test_printed_text_is_kept_full_width_digits_and_all():
    # given a paragraph with a non-breaking space and full-width digits
    document = read(SAVED_PAGE.encode("utf-8"))

    # then the digits stay as printed and the space is an ordinary one
    assert "本年度主动公开信息 １２条。" in document.blocks


def test_grid_rows_lays_out_spans_per_the_table_convention():
    # given a header cell spanning two rows and two columns
    cells = [[("a", 2, 2), ("b", 1, 1)], [("c", 1, 1)], [("d", 1, 3)]]

    # then the covered positions are empty and every row is full width
    assert grid_rows(cells) == (("a", "", "b"), ("", "", "c"), ("d", "", ""))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('<meta charset="gb2312"><p>政府信息公开</p>'.encode("gbk"), "政府信息公开"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>镕</p>'.encode(
                "gb18030"
            ),
            "镕",
        ),
        ("<p>没有声明编码</p>".encode("gb18030"), "没有声明编码"),
        (b"\xef\xbb\xbf" + "<p>带 BOM</p>".encode(), "带 BOM"),
        ("<p>UTF-16</p>".encode("utf-16"), "UTF-16"),
    ],
)
def test_decoding_follows_bom_then_meta_then_utf8_then_gb18030(data, expected):
    # when the bytes are decoded, then the text is recovered
    assert expected in decode(data)


def test_a_broken_page_still_yields_its_text():
    # given a page with unclosed tags and a stray closing table
    data = "<html><body><p>一、总体情况<div><table><tr><td>a<td>b</table></table><p>尾".encode()

    # when it is read, then its text and the table survive
    document = read(data)
    assert document.tables()[0].rows == (("a", "b"),)
    assert "尾" in document.blocks


WORD_PASTED = """<html><body>
<p class=MsoNormal><span style="font-family:宋体">一、总体<font>情况</font></span><o:p></o:p></p>
<p><span style="COLOR:red; DISPLAY: NONE">隐藏的字</span><span hidden>也隐藏</span>
可见<!-- 注 -->的字</p>
<p>第一行<o:p>&nbsp;</o:p>第二行</p>
</body></html>"""


def test_word_markup_is_read_as_the_page_shows_it():
    # given Word's spans and fonts, hidden runs (any case, any spacing), a comment and <o:p>
    data = WORD_PASTED.encode("utf-8")

    # when it is read
    document = read(data)

    # then inline runs join, hidden runs and comments go (their tails stay), <o:p> ends a line
    assert document.blocks == ["一、总体情况", "可见的字", "第一行", "第二行"]


def test_hidden_runs_go_in_cells_too_whatever_quotes_their_style_holds():
    # given a hiding style holding both kinds of quote, repeated in cells and in a paragraph,
    # and another hiding style in a cell
    style = "display:none; font-family:&quot;Times&quot;,'宋体'"
    data = (
        f'<table><tr><td>甲<span style="{style}">藏</span></td>'
        f'<td><p>1<span style="{style}">9</span></p></td></tr>'
        '<tr><td><span style="display:none">藏</span>乙</td><td>2</td></tr></table>'
        f'<p>前<b style="{style}">藏</b>后</p>'
    ).encode()

    # when it is read
    document = read(data)

    # then every hidden run goes and the text around it stays
    assert document.tables()[0].rows == (("甲", "1"), ("乙", "2"))
    assert "前后" in document.blocks


def test_a_one_cell_box_reads_as_its_paragraphs():
    # given a table of one cell around text (a note box), between two paragraphs
    data = (
        "<p>前言</p><table><tr><td><p>说明：</p><p>本表数据截至12月31日。</p></td></tr></table>"
        "<p>结语</p><table><tr><td>单独一格</td></tr></table>"
    ).encode()

    # when it is read, then the box's text is a paragraph in its place, not a table
    document = read(data)
    assert document.blocks == ["前言", "说明：本表数据截至12月31日。", "结语", "单独一格"]
    assert document.tables() == []


@pytest.mark.parametrize("data", [b"", b"   \n", b"<html><body><script>x</script></body></html>"])
def test_an_empty_page_is_refused_in_chinese(data):
    with pytest.raises(ReportError, match="HTML"):
        read(data)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus absent")
def test_the_corpus_page_yields_the_three_tables():
    # given the saved county page with Word-pasted tables
    document = read((CORPUS / "2023_shuyang-fagaiju.html").read_bytes())

    # then tables 二, 三 and 四 come out whole, after the site's metadata table
    tables = [table for table in document.tables() if len(table.rows) > 6]
    assert [(len(t.rows), len(t.rows[0])) for t in tables] == [(14, 4), (28, 10)]
    three = tables[1]
    assert three.rows[3] == ("一、本年新收政府信息公开申请数量", "", "", "26", *[""] * 5, "26")
    four = document.tables()[-1]
    assert four.rows[0][:6] == ("行政复议", "", "", "", "", "行政诉讼")
    assert four.rows[3] == ("0", "0", "0", "1", "1", *["0"] * 10)
    assert isinstance(four, Table)
