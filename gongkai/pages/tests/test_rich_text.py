"""What staff type becomes safe HTML: plain text is paragraphed, HTML is cut to the allow-list."""

from __future__ import annotations

from gongkai.pages.rich_text import has_text, sanitise_body


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert sanitise_body("第一段\r\n第二行\n\n第二段") == "<p>第一段<br>第二行</p>\n<p>第二段</p>"


def test_a_less_than_sign_in_plain_text_is_text_not_a_tag():
    assert sanitise_body("甲<乙 & 丙") == "<p>甲&lt;乙 &amp; 丙</p>"
    assert sanitise_body("a<b & c") == "<p>a&lt;b &amp; c</p>"


def test_allowed_tags_are_kept():
    html = '<h2>一、主动公开</h2><ul><li><strong>时限</strong></li></ul><a href="https://example.cn">链接</a>'
    assert sanitise_body(html) == (
        "<h2>一、主动公开</h2><ul><li><strong>时限</strong></li></ul>"
        '<a href="https://example.cn" rel="noopener noreferrer">链接</a>'
    )


def test_scripts_styles_handlers_images_and_javascript_links_are_removed():
    html = (
        '<p onclick="steal()" style="color:red">正文<script>alert(1)</script></p>'
        '<style>p{}</style><img src="https://evil.example/x.png"><iframe src="x"></iframe>'
        '<a href="javascript:alert(1)">点我</a>'
    )
    cleaned = sanitise_body(html)
    for banned in ("script", "alert", "onclick", "style", "img", "iframe", "javascript"):
        assert banned not in cleaned
    assert "<p>正文</p>" in cleaned and "点我" in cleaned


def test_empty_markup_has_no_text():
    assert not has_text(sanitise_body("<p> </p><br>"))
    assert has_text(sanitise_body("<p>指南</p>"))
