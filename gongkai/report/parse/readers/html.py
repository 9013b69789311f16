"""Read an HTML page (a saved web page, a Word-pasted report) into paragraphs and cell grids.

The whole page is read: a crawler's capture header, the site's navigation and footer stay as
paragraphs around the report, which the mapper finds by its headings. Scripts, styles and
forms are dropped. A table that contains tables is page layout: its own text becomes
paragraphs and only the innermost tables become `Table`s. Cell texts are kept as printed
(full-width digits, dashes, blanks); only whitespace is tidied.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterator
from typing import Literal, cast

import lxml.html
from lxml import etree

from gongkai.report.model import ReportError
from gongkai.report.parse.document import (
    CJK,
    SPACES,
    Block,
    Document,
    Table,
    grid_rows,
    join_tidied,
    join_wrapped,
)
from gongkai.report.parse.readers.decode import mostly_utf8
from gongkai.report.parse.readers.limits import MAX_HTML_TAGS, TooLarge, check_time

__all__ = ["decode", "read"]

# fmt: off
# Elements whose content is never part of the printed page.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "select",
        "option",
        "button",
        "textarea",
        "svg",
        "iframe",
        "object",
        "embed",
        "canvas",
        "nav",
    }
)
# Elements that end a paragraph (everything else is inline: its text runs on).
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "hr",
        "br",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "center",
        "body",
        "html",
        "tbody",
        "thead",
        "tfoot",
    }
)
# fmt: on
_Role = Literal["skipped", "table", "block", "inline"]
_CJK_GAP = re.compile(f"(?<=[{CJK}])[ \t\r\n\u00a0]*\n[ \t\r\n\u00a0]*(?=[{CJK}])")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.IGNORECASE)
_SPAN = re.compile(r"\s*(\d+)")
# lxml's HTML parser without lxml.html's element classes: the same tree, but lxml does not call
# back into Python to choose a class for every element the walk touches; nor a table of the
# page's ids, which nothing here looks up.
_PARSER = etree.HTMLParser(collect_ids=False)
_DEPTH = re.compile(r"depth in document: (\d+)")
_WITH_HIDDEN = etree.XPath("//@hidden/..")  # 3 times faster than //*[@hidden]
_STYLES = etree.XPath("//@style", smart_strings=False)
_WITH_STYLE = etree.XPath("//*[@style = $style]")


def read(data: bytes) -> Document:
    """Read an HTML page into a Document of paragraphs and innermost data tables."""
    notes: list[str] = []
    text = decode(data, notes)
    if not text.strip():
        raise ReportError("HTML 文件为空")
    # Every element is at least one "<": a cheap bound on the tree before building it.
    if text.count("<") > MAX_HTML_TAGS:
        raise TooLarge(f"文件过大：HTML 页面超过 {MAX_HTML_TAGS // 10_000} 万个标签")
    root = _parse(text)
    check_time()
    title = _title(root)
    body = root.find(".//body")
    walker = _Walker(_hidden_elements(root))
    blocks = list(walker.blocks(body if body is not None else root))
    if not blocks:
        raise ReportError("HTML 页面中没有可读的文字")
    return Document(kind="html", blocks=blocks, title=title, notes=notes)


def decode(data: bytes, notes: list[str] | None = None) -> str:
    """Decode HTML bytes by BOM, then the declared meta charset, then UTF-8, then GB18030.

    UTF-8 with a few invalid bytes (declared or not) is read as UTF-8, the bytes replaced
    and a note added to `notes` (`mostly_utf8`).
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", errors="ignore").lower()
        if name in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"}:
            name = "gb18030"  # a superset: pages labelled GB2312 routinely hold GBK characters
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = mostly_utf8(data, notes)
    if lenient is not None:
        return lenient
    return data.decode("gb18030", errors="replace")


def _parse(text: str) -> etree._Element:
    # lxml refuses a str carrying an XML encoding declaration; strip it.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        root = None
    _refuse_if_cut(_PARSER.error_log)
    if root is None or not any(part.strip() for part in root.itertext()):
        try:
            from lxml.html import soupparser

            root = soupparser.fromstring(text)
        except Exception as error:  # bs4 raises assorted errors on garbage
            raise ReportError("HTML 文件无法解析") from error
    return root


def _refuse_if_cut(log: etree._ListErrorLog) -> None:
    """libxml2 stops reading a page nested deeper than its limit and keeps what came before:
    the rest of the page would be missing without a word, the report then not found in it."""
    for entry in log:
        if entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            depth = _DEPTH.search(entry.message)
            if depth:
                raise TooLarge(f"HTML 页面的元素嵌套超过 {depth.group(1)} 层，其后的内容无法读取")
            raise TooLarge("HTML 页面超出解析器的上限，其后的内容无法读取")


def _title(root: etree._Element) -> str:
    node = root.find(".//title")
    if node is None:
        return ""
    return join_wrapped([_text(node)])


def _text(element: etree._Element) -> str:
    return "".join(part for part in element.itertext() if isinstance(part, str))


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return _local_name(tag)


@functools.lru_cache(maxsize=1024)
def _local_name(tag: str) -> str:
    """A tag without namespace or prefix, in lower case ("o:p" is a "p")."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


@functools.lru_cache(maxsize=1024)
def _role(tag: object) -> _Role:
    """What an element of this tag is to the walk; comments (whose tag is not a str) are skipped."""
    name = _local_name(tag) if isinstance(tag, str) else ""
    if not name or name in _SKIPPED:
        return "skipped"
    if name == "table":
        return "table"
    return "block" if name in _BLOCKS else "inline"


def _hidden_elements(root: etree._Element) -> set[etree._Element]:
    """The page's elements with a `hidden` attribute or a style that hides them.

    libxml2 finds them among the page's attributes, instead of the walk reading two attributes
    at every element (a quarter of its time on a Word page, whose thousand runs repeat a dozen
    styles). lxml gives back the same proxy for a node while one is alive, so the walk tests
    membership by identity.
    """
    # XPath results are typed as any XPath value; these select elements, or attribute values
    hidden = set(cast("list[etree._Element]", _WITH_HIDDEN(root)))
    for style in set(cast("list[str]", _STYLES(root))):
        if _hiding(style):
            hidden.update(cast("list[etree._Element]", _WITH_STYLE(root, style=style)))
    return hidden


def _hiding(style: str) -> bool:
    """Whether a style attribute hides its element."""
    return "display:none" in style.replace(" ", "").lower()


class _Walker:
    """Walk the tree once, collecting paragraphs and tables in reading order."""

    def __init__(self, hidden: set[etree._Element]) -> None:
        self._hidden = hidden
        self._out: list[Block] = []
        self._line: list[str] = []

    def blocks(self, root: etree._Element) -> Iterator[Block]:
        self._walk(root)
        self._flush()
        yield from self._out

    def _flush(self) -> None:
        if not self._line:  # most block boundaries follow another one
            return
        text = _tidy("".join(self._line))
        if text:
            self._out.append(text)
        self._line = []

    def _walk(self, element: etree._Element) -> None:
        role = _role(element.tag)
        if role != "skipped" and element not in self._hidden:
            if role == "table" and element.find(".//table") is None:
                self._table(element)
            else:  # a table that holds tables is page layout: a block like a div
                block = role != "inline"
                if block:
                    self._flush()
                text = element.text  # lxml builds a new str at every access
                if text:
                    self._line.append(text)
                for child in element:
                    self._walk(child)
                if block:
                    self._flush()
        tail = element.tail
        if tail:
            self._line.append(tail)

    def _table(self, element: etree._Element) -> None:
        self._flush()
        table = _table(element, self._hidden)
        if table is not None:
            self._out.append(table)
        else:  # a one-cell box around text: its text is a paragraph
            self._line.append(_inner_text(element, self._hidden))
            self._flush()


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows (thead, tbody, tfoot or bare), not those of nested tables."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in {"thead", "tbody", "tfoot"}:
            yield from (row for row in child if _tag(row) == "tr")


def _span(value: str | None) -> int:
    if value is None:
        return 1
    match = _SPAN.match(value)
    return max(1, min(int(match.group(1)), 1000)) if match else 1


def _table(element: etree._Element, hidden: set[etree._Element]) -> Table | None:
    cells = [
        [
            (_cell_text(cell, hidden), _span(cell.get("rowspan")), _span(cell.get("colspan")))
            for cell in row
            if _tag(cell) in {"td", "th"}
        ]
        for row in _rows(element)
    ]
    rows = grid_rows(cells)
    filled = {c for row in rows for c, text in enumerate(row) if text}
    if len(filled) <= 1 and len(rows) <= 1:
        return None
    return Table(rows=rows)


def _tidy(text: str) -> str:
    """A run of inline text as one paragraph: no gaps between CJK characters, single spaces."""
    if text.isspace():  # most runs on a Word page: the line breaks between its tags
        return ""
    if "\n" in text:
        text = _CJK_GAP.sub("", text)
    return SPACES.sub(" ", text).strip()


def _cell_text(cell: etree._Element, hidden: set[etree._Element]) -> str:
    """A cell's text with its paragraphs and line breaks joined as wrapped text."""
    if len(cell) == 0:  # most cells hold bare text: no walk needed
        return _tidy(cell.text or "")
    walker = _Walker(hidden)
    walker._walk(cell)
    walker._flush()
    return join_tidied(block for block in walker._out if isinstance(block, str))


def _inner_text(table: etree._Element, hidden: set[etree._Element]) -> str:
    """A table's text read from its rows, as wrapped text (`_cell_text` of the table itself
    would take it for a table again)."""
    walker = _Walker(hidden)
    for child in table:
        walker._walk(child)
    walker._flush()
    return join_tidied(block for block in walker._out if isinstance(block, str))
