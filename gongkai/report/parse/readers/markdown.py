"""Read Markdown converted from a PDF: pipe tables (damaged or not) and paragraph lines.

Conversion damage is left for the mapper to repair, with two exceptions done here: separator
rows (`|---|`) and page footers ("— 3 —") are dropped, and heading marks (`##`) are removed.
"""

from __future__ import annotations

import re

from gongkai.report.parse.document import Block, Document, Table
from gongkai.report.parse.readers.decode import decode_text
from gongkai.report.parse.readers.limits import check_chars

__all__ = ["read"]

_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FOOTER = re.compile(
    r"^[—–\-－]+\s*[0-9０-９]{1,3}\s*[—–\-－]+$|^第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?$"
)
_FOOTER_START = frozenset("—–-－第")
"""How a footer line begins: other lines are not matched against `_FOOTER`."""


def read(data: bytes) -> Document:
    """The Markdown file `data` as paragraphs and tables."""
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    notes: list[str] = []
    text = decode_text(data, notes)
    check_chars(len(text))
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if "--" not in line or not _SEPARATOR.match(line):
                rows.append(_cells(line))
            continue
        if not line or (line[0] in _FOOTER_START and _FOOTER.match(line)):
            continue
        if rows:
            blocks.append(Table(tuple(rows)))
            rows = []
        blocks.append(line.lstrip("#").strip())
    if rows:
        blocks.append(Table(tuple(rows)))
    return Document(kind="markdown", blocks=blocks, notes=notes)


def _cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return tuple(map(str.strip, body.split("|")))
