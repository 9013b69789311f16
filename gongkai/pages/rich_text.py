"""The body of a public page: what staff type, turned into HTML that is safe to show.

Staff may type plain text (a blank line starts a new paragraph) or use a few HTML tags.
Either way the result passes through nh3 with a small allow-list, so a page can never carry
a script, a style, an image from elsewhere or an event handler.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Shown beside the editor so staff know what is kept.
ALLOWED_TAGS_HELP = (
    "段落 <p>、换行 <br>、小标题 <h2>–<h4>、列表 <ul> <ol> <li>、"
    "加粗 <strong>、强调 <em>、链接 <a href>、引用 <blockquote>、表格 <table>"
)

# A complete tag, `<p>` or `<a href="…">` or `</li>`: "a<b" in plain text is not one.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")
_BLANK_LINE = re.compile(r"\n\s*\n")


def looks_like_html(text: str) -> bool:
    return _TAG.search(text) is not None


def paragraphs_from_text(text: str) -> str:
    """Plain text → <p> per paragraph (blank line), <br> per single line break."""
    parts = [part.strip() for part in _BLANK_LINE.split(text) if part.strip()]
    return "\n".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in part.split("\n")) + "</p>"
        for part in parts
    )


def sanitise_body(text: str) -> str:
    """Return the safe HTML for what staff typed (plain text or the allowed tags)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not looks_like_html(text):
        text = paragraphs_from_text(text)
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    ).strip()


def has_text(html: str) -> bool:
    """Whether the HTML shows any words at all (not only empty tags)."""
    return bool(nh3.clean(html, tags=set()).strip())
