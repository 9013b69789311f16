"""Decoding a report's text: a few invalid bytes in UTF-8 are replaced and noted, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.model import ReportError, dumps
from gongkai.report.parse import read_bytes
from gongkai.report.parse.readers.decode import decode_text

CLEAN = Path(__file__).parents[2] / "tests" / "fixtures" / "clean-2022.txt"
NOTE = "文件中有 1 处字节不是有效的 UTF-8 编码，已替换为“\ufffd”"


def _damaged(data: bytes) -> bytes:
    """`data` with a stray byte (0xFF, never valid in UTF-8) inside a phrase of its overview."""
    at = data.index("主动公开工作".encode()) + len("主".encode())
    return data[:at] + b"\xff" + data[at:]


def test_one_invalid_byte_in_a_utf8_report_is_replaced_and_noted():
    # given the clean report with one byte of one character damaged
    clean = CLEAN.read_bytes()
    damaged = _damaged(clean)

    # when it is read
    report = read_bytes(damaged, name="damaged.txt")

    # then every table reads as in the clean copy, and a note says what was replaced
    expected = read_bytes(clean, name="damaged.txt")
    assert report.applications == expected.applications
    assert report.active == expected.active
    assert report.reviews == expected.reviews
    assert NOTE in report.notes
    assert NOTE in dumps(report)


def test_one_invalid_byte_in_a_utf8_html_page_is_replaced_and_noted():
    page = "<html><body><p>政府信息公开工作年度报告</p>" + "<p>本机关全年主动公开信息。</p>" * 20
    data = _damaged((page + "<p>主动公开工作</p></body></html>").encode())
    from gongkai.report.parse.readers import html

    document = html.read(data)
    assert document.notes == [NOTE]
    assert "主\ufffd" in document.text()


def test_text_in_gb18030_is_still_read_as_gb18030_without_a_note():
    notes: list[str] = []
    text = "政府信息公开工作年度报告\n本年度共收到申请 3 件。\n" * 10
    assert decode_text(text.encode("gb18030"), notes) == text
    assert notes == []


def test_utf8_with_many_invalid_bytes_is_not_taken_for_utf8():
    # one invalid byte in every few characters is another encoding, or not text at all
    data = ("政府信息公开".encode() + b"\xff") * 200
    with pytest.raises(ReportError):
        decode_text(data)
