"""The text the disclosure office types for a public page, and the HTML the portal shows.

Staff never type HTML. They type paragraphs with a tiny markup, and this module alone turns
it into HTML, escaping everything else (so `<script>` typed is shown as text, never run):

    ## 小标题           a heading (### a smaller one)
    - 一项              a bulleted list (one line each; "* " works too)
    1. 第一项           a numbered list ("1.", "1、" too; the list numbers itself)
    **加粗**            bold
    [文字](网址)         a link: http(s)://, mailto:, tel: or an address on this site (/apply/)
    a blank line        starts a new paragraph; a single line break is kept as a line break

`markup_from_html` goes the other way for the pages written as HTML before this editor
existed, so the office can edit them in the same markup (tables become lines of cells).

Pure Python (no Django): the result still passes through `gongkai.pages.rich_text`'s nh3
allow-list before it is stored.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

__all__ = ["MARKUP_HELP", "html_from_markup", "markup_from_html"]

MARKUP_HELP = (
    "直接输入文字，空一行为新的一段。行首“## ”为小标题（“### ”为更小的标题），"
    "行首“- ”为列表项，行首“1. ”或“1、”为编号列表项（自动编号）；**文字** 为加粗；"
    "[文字](网址) 为链接（网址以 http://、https://、mailto:、tel: 或 / 开头）。"
    "不能输入 HTML：输入的尖括号等符号按原样显示为文字。"
)

_HEADING = re.compile(r"^(#{2,4})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
# "1. ", "1.", "1．" or "1、" then the item; not "3.5亿元" (a digit follows the point).
_NUMBERED = re.compile(r"^\d{1,3}(?:[.．、]\s+|[.．、](?=[^\d\s]))(.*)$")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:|/(?!/))", re.IGNORECASE)


def _inline(text: str) -> str:
    """Escape `text`, then make links and bold of the markup (in the escaped text)."""
    out: list[str] = []
    last = 0
    for match in _LINK.finditer(text):
        out.append(_bold(escape(text[last : match.start()], quote=False)))
        label, url = match.group(1), match.group(2)
        if _SAFE_URL.match(url):
            out.append(f'<a href="{escape(url)}">{_bold(escape(label, quote=False))}</a>')
        else:  # an address we do not link (javascript:, data:, //host): shown as typed
            out.append(_bold(escape(match.group(0), quote=False)))
        last = match.end()
    out.append(_bold(escape(text[last:], quote=False)))
    return "".join(out)


def _bold(escaped: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", escaped)


def html_from_markup(text: str) -> str:
    """The HTML for what the office typed: headings, lists, paragraphs; everything escaped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def close_paragraph() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal list_tag
        if items:
            body = "".join(f"<li>{_inline(item)}</li>" for item in items)
            blocks.append(f"<{list_tag}>{body}</{list_tag}>")
            items.clear()
        list_tag = ""

    for raw in lines:
        line = raw.strip()
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if not line:
            close_paragraph()
            close_list()
        elif heading:
            close_paragraph()
            close_list()
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{_inline(heading.group(2).strip())}</h{level}>")
        elif bullet or numbered:
            close_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag:
                close_list()
            list_tag = tag
            items.append((bullet or numbered).group(1).strip())  # type: ignore[union-attr]
        elif items and raw[:1] in (" ", "\t", "　"):
            items[-1] += " " + line  # an indented line continues the list item
        else:
            close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return "\n".join(blocks)


class _ToMarkup(HTMLParser):
    """Walks the allowed tags of a page written as HTML and writes the markup for them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.lists: list[list[int]] = []  # per open list: [is_numbered, count]
        self.href: str | None = None
        self.link_text: list[str] = []
        self.cells: list[str] = []

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(self.prefix + text)
        self.current, self.prefix = [], ""

    def _write(self, text: str) -> None:
        (self.link_text if self.href is not None else self.current).append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "blockquote", "tr", "h2", "h3", "h4"):
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.prefix = "#" * int(tag[1]) + " "
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._flush()
            numbered, count = self.lists[-1] if self.lists else (False, 0)
            if self.lists:
                self.lists[-1][1] = count + 1
            self.prefix = f"{count + 1}. " if numbered else "- "
        elif tag == "br":
            self._write("\n")
        elif tag in ("strong", "b"):
            self._write("**")
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = []
        elif tag in ("td", "th") and self.current:
            self.current.append("　")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "blockquote", "li", "tr", "h2", "h3", "h4"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in ("strong", "b"):
            self._write("**")
        elif tag == "a" and self.href is not None:
            text, href = "".join(self.link_text), self.href
            self.href = None
            self._write(f"[{text}]({href})" if href and _SAFE_URL.match(href) else text)

    def handle_data(self, data: str) -> None:
        self._write(re.sub(r"\s+", " ", data) if "\n" in data else data)


def markup_from_html(html: str) -> str:
    """The markup for a page written as HTML before this editor (best effort, no HTML left)."""
    parser = _ToMarkup()
    parser.feed(html)
    parser.close()
    parser._flush()
    out: list[str] = []
    for block in parser.blocks:
        # list items sit together; every other block is its own paragraph
        if out and not (_is_item(block) and out[-1] and _is_item(out[-1])):
            out.append("")
        out.append(block)
    return "\n".join(out)


def _is_item(line: str) -> bool:
    return line.startswith("- ") or _NUMBERED.match(line) is not None
