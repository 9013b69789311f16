"""The PDF reader: paragraphs, ruled grids, tables over a page break, refusals in Chinese."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gongkai.report.model import ReportError
from gongkai.report.parse.readers.pdf import read

CORPUS = Path(__file__).resolve().parents[4] / ".." / "shared" / "corpus"

_STYLE = """
@page { size: A4; margin: 20mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; }
p { text-indent: 2em; margin: 0; }
h2 { font-size: 14pt; margin: 6pt 0; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td { border: 0.8pt solid black; padding: 2pt; font-size: 10pt; }
"""

_ROWS = "".join(f"<tr><td>{n}.第{n}行</td><td>{n}</td><td>{n * 2}</td></tr>" for n in range(1, 46))

_HTML = f"""<html><head><style>{_STYLE}</style></head><body>
<h2>一、总体情况</h2>
<p>本年度主动公开政府信息一百二十条，其中规范性文件八件；全年共收到政府信息公开申请二十六件，均在法定期限内答复完毕，未发生因政府信息公开工作被申请行政复议的情况。</p>
<p>第二段较短。</p>
<h2>二、收到和处理政府信息公开申请情况</h2>
<table>
<tr><td rowspan="2">（本列数据的勾稽关系）</td><td colspan="2">申请人情况</td></tr>
<tr><td>自然人</td><td>总计</td></tr>
<tr><td>一、本年新收政府信息公开申请数量</td><td>26</td><td>26</td></tr>
</table>
<h2>三、长表</h2>
<table>{_ROWS}</table>
<h2>四、其他需要报告的事项</h2>
<p>无。</p>
</body></html>"""


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    pdf_bytes: bytes = weasyprint.HTML(string=_HTML).write_pdf()
    return pdf_bytes


def test_paragraphs_and_tables_come_in_reading_order(report_pdf):
    # given a two-page PDF with headings, wrapped paragraphs and a merged-header table
    # when it is read
    document = read(report_pdf)

    # then wrapped lines are one paragraph, CJK joined without spaces
    assert document.kind == "pdf"
    assert document.pages == 2
    texts = [block for block in document.blocks if isinstance(block, str)]
    assert texts[0] == "一、总体情况"
    assert texts[1].startswith("本年度主动公开政府信息一百二十条")
    assert texts[1].endswith("未发生因政府信息公开工作被申请行政复议的情况。")
    assert texts[2] == "第二段较短。"
    assert texts[-1] == "无。"
    header = document.tables()[0]
    assert header.rows == (
        ("（本列数据的勾稽关系）", "申请人情况", ""),
        ("", "自然人", "总计"),
        ("一、本年新收政府信息公开申请数量", "26", "26"),
    )
    assert document.blocks.index(header) == 4


def test_a_table_running_over_a_page_break_is_one_table(report_pdf):
    # given a 45-row table that starts on page 1 and ends on page 2
    tables = read(report_pdf).tables()

    # then it comes back as one grid with every row in order
    assert len(tables) == 2
    long = tables[1]
    assert len(long.rows) == 45
    assert long.rows[0] == ("1.第1行", "1", "2")
    assert long.rows[-1] == ("45.第45行", "45", "90")


# A line holds 40 characters, the first line of a paragraph 38 (2em indent): paragraphs of
# 38 characters fill their one line, those of 78 fill two.
_WORDS = "政府信息公开工作" * 10

_SHORT_PARAGRAPHS = "".join(
    f"<p>{'一二三四五六七八'[n]}{_WORDS[: (76 if n % 3 == 0 else 36)]}{'；' if n % 2 else '。'}</p>"
    for n in range(8)
)


def test_paragraphs_ending_in_a_semicolon_stay_apart_where_most_are_one_line():
    # given indented paragraphs, most of one or two lines, half of them ending with "；"
    weasyprint = pytest.importorskip("weasyprint")
    html = f"<html><head><style>{_STYLE}</style></head><body>{_SHORT_PARAGRAPHS}</body></html>"
    data: bytes = weasyprint.HTML(string=html).write_pdf()

    # when it is read
    document = read(data)

    # then each paragraph comes back on its own, none joined to the next
    texts = [block for block in document.blocks if isinstance(block, str)]
    assert len(texts) == 8
    assert [text[0] for text in texts] == list("一二三四五六七八")


def _pdf_of(body: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    html = f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>"
    data: bytes = weasyprint.HTML(string=html).write_pdf()
    return data


def test_a_line_cut_short_by_a_web_address_or_a_quote_does_not_end_its_paragraph():
    # given paragraphs where a long address or a quoted phrase could not be cut at line end
    body = "".join(
        f"<p>{_WORDS[:offset]}请登录网站 www.example-county-government.gov.cn/zwgk/nb 查看，"
        f"或者来电咨询“依申请公开”事项{_WORDS[:30]}。</p>"
        for offset in (20, 24, 28, 30, 33)
    )

    # when it is read
    texts = [block for block in read(_pdf_of(body)).blocks if isinstance(block, str)]

    # then every paragraph comes back whole
    assert len(texts) == 5
    assert all(text.endswith("。") for text in texts)


def test_one_line_paragraphs_are_told_apart_by_their_indent_from_the_headings():
    # given headings at the margin and paragraphs that each fit on their one indented line
    body = "".join(
        f"<h2>{'一二三'[n]}、标题</h2><p>{_WORDS[:60]}</p>"
        + "".join(f"<p>第{m}段{_WORDS[:20]}</p>" for m in range(5))
        for n in range(3)
    )

    # when it is read
    texts = [block for block in read(_pdf_of(body)).blocks if isinstance(block, str)]

    # then each line is a paragraph of its own
    assert len(texts) == 3 * 7


def test_damaged_operators_are_not_logged_while_tables_are_found(report_pdf, monkeypatch, caplog):
    # given a PDF whose table parser complains about damaged content as it goes
    import logging

    import pdfplumber

    real_open = pdfplumber.open

    def complaining_open(*args, **kwargs):
        logging.getLogger("pdfminer.pdfinterp").warning("Cannot set gray level")
        return real_open(*args, **kwargs)

    monkeypatch.setattr(pdfplumber, "open", complaining_open)

    # when it is read
    with caplog.at_level(logging.WARNING):
        read(report_pdf)

    # then nothing is logged: the command line prints one reason or none
    assert not [record for record in caplog.records if record.name.startswith("pdfminer")]


def test_a_page_without_text_is_a_scan():
    # given a PDF whose only page is blank (as a scan without OCR looks to a text reader)
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    import io

    out = io.BytesIO()
    document.save(out)

    # then it is refused: there is no text layer
    with pytest.raises(ReportError, match="没有文字层"):
        read(out.getvalue())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "PDF 文件为空"),
        (b"PK\x03\x04", "文件不是 PDF"),
        (b"%PDF-1.7\n garbage garbage", "PDF 文件已损坏或被截断"),
    ],
)
def test_damaged_or_foreign_input_is_refused_with_a_chinese_reason(data, reason):
    with pytest.raises(ReportError, match=reason):
        read(data)


def test_a_truncated_pdf_is_refused(report_pdf):
    with pytest.raises(ReportError, match="已损坏或被截断"):
        read(report_pdf[: len(report_pdf) // 2])


def test_an_encrypted_pdf_is_refused(monkeypatch):
    # given PDFium reporting a password-protected document
    def locked(_data):
        raise pdfium.PdfiumError("Incorrect password error", err_code=4)

    monkeypatch.setattr(pdfium, "PdfDocument", locked)

    # then the reason says so
    with pytest.raises(ReportError, match="已加密"):
        read(b"%PDF-1.7 ...")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus absent")
@pytest.mark.parametrize("name", ["2023_hongze-qu.pdf", "2024_huaian-shi.pdf"])
def test_the_corpus_pdfs_yield_three_tables_with_table_three_whole(name):
    # given a published report whose table 三 runs over a page break
    document = read((CORPUS / name).read_bytes())

    # then tables 二, 三 and 四 come back whole: 14, 26 or 28, and 4 rows
    shapes = [(len(t.rows), len(t.rows[0])) for t in document.tables()]
    assert shapes[0] == (14, 4)
    assert shapes[1][1] == 10 and shapes[1][0] in (26, 28)
    assert shapes[2] == (4, 15)
    three = document.tables()[1]
    assert three.rows[-1][0] == "四、结转下年度继续办理"
    assert "（四）无法提供" in [row[1] for row in three.rows]
