"""The office's markup: headings, lists, links and bold become HTML; nothing typed is HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from gongkai.pages.markup import html_from_markup, markup_from_html
from gongkai.pages.rich_text import sanitise_body


def test_paragraphs_headings_lists_links_and_bold():
    # given what an office clerk types
    text = (
        "本指南依据条例第十二条编制。\n第二行。\n\n"
        "## 一、主动公开\n"
        "- 机构职能\n- **统计公报**\n\n"
        "1. 申请方式：[在线申请](/apply/)\n2. 答复期限\n\n"
        "联系：[邮箱](mailto:gk@example.cn)"
    )
    # then
    assert html_from_markup(text) == (
        "<p>本指南依据条例第十二条编制。<br>第二行。</p>\n"
        "<h2>一、主动公开</h2>\n"
        "<ul><li>机构职能</li><li><strong>统计公报</strong></li></ul>\n"
        '<ol><li>申请方式：<a href="/apply/">在线申请</a></li><li>答复期限</li></ol>\n'
        '<p>联系：<a href="mailto:gk@example.cn">邮箱</a></p>'
    )


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        '<p onmouseover="x()">正文</p>',
        "[点我](javascript:alert(1))",
        "[点我](//evil.example/)",
        '[点我](https://a.example/" onclick="x)',
    ],
)
def test_nothing_typed_becomes_markup_of_its_own(typed):
    # when the HTML is read back by a parser
    html = sanitise_body(html_from_markup(typed))
    tags = _tags(html)
    # then it has paragraphs and safe links only: no script, no handler, no foreign scheme
    assert {tag for tag, _ in tags} <= {"p", "a"}
    for _, attrs in tags:
        assert set(attrs) <= {"href", "rel"}
        href = attrs.get("href") or "https://"
        assert href.startswith(("https://", "/")) and not href.startswith("//")


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    found: list[tuple[str, dict[str, str | None]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


def test_raw_html_is_shown_as_the_text_typed():
    assert html_from_markup("a < b & <em>c</em>") == "<p>a &lt; b &amp; &lt;em&gt;c&lt;/em&gt;</p>"


def test_an_indented_line_continues_a_list_item():
    assert html_from_markup("- 第一项\n  接着写\n- 第二项") == (
        "<ul><li>第一项 接着写</li><li>第二项</li></ul>"
    )


def test_a_page_written_as_html_before_the_editor_comes_back_the_same():
    # given a page saved as HTML before the markup editor
    html = (
        "<p>第一段，<strong>加粗</strong>。</p>\n<h2>一、主动公开</h2>\n"
        '<ol>\n<li>申请：<a href="/apply/">在线</a></li>\n<li>期限</li>\n</ol>\n'
        "<ul><li>地址</li></ul>\n<p>末段</p>"
    )
    # when it is turned into markup and back
    text = markup_from_html(html)
    # then the office edits text, not HTML, and the page reads the same
    assert "<" not in text
    assert html_from_markup(text) == (
        "<p>第一段，<strong>加粗</strong>。</p>\n<h2>一、主动公开</h2>\n"
        '<ol><li>申请：<a href="/apply/">在线</a></li><li>期限</li></ol>\n'
        "<ul><li>地址</li></ul>\n<p>末段</p>"
    )


def test_numbered_items_as_people_type_them_but_not_a_number_in_a_sentence():
    assert html_from_markup("1.申请方式\n2、答复期限\n3． 收费") == (
        "<ol><li>申请方式</li><li>答复期限</li><li>收费</li></ol>"
    )
    assert html_from_markup("3.5亿元用于统计调查。") == "<p>3.5亿元用于统计调查。</p>"
    assert html_from_markup("1. 2025年数据") == "<ol><li>2025年数据</li></ol>"
