"""Read a Word document (DOCX) into paragraphs and cell grids in body order.

The grid is built from the XML, one `w:tc` at a time, rather than from python-docx's
`row.cells`, which repeats a merged cell once per grid column: a cell spanning columns appears
once followed by empty strings, a vertically merged continuation (`w:vMerge`) is empty, and
rows starting or ending early (`w:gridBefore`/`w:gridAfter`) are padded. A table that holds
tables is layout: its paragraphs become paragraphs and the innermost tables become `Table`s.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn

from gongkai.report.model import ReportError
from gongkai.report.parse.document import Block, Document, Table, join_wrapped
from gongkai.report.parse.readers.limits import (
    MAX_DOCX_PART_BYTES,
    MAX_DOCX_XML_BYTES,
    TooLarge,
    check_time,
    check_zip,
)

__all__ = ["read"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")


def read(data: bytes) -> Document:
    """Read a DOCX file into a Document; ReportError for encrypted, old or damaged files."""
    _check_container(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document.element.body))
        title = (document.core_properties.title or "").strip()
    except ReportError:
        raise
    except MemoryError:
        raise TooLarge("文件过大：DOCX 内容超出可用内存") from None
    except Exception as error:  # python-docx and lxml raise many types on damaged parts
        raise ReportError("DOCX 文件已损坏，无法读取") from error
    if not blocks:
        raise ReportError("DOCX 文件中没有文字")
    return Document(kind="docx", blocks=blocks, title=title)


def _check_container(data: bytes) -> None:
    """Refuse what is not a DOCX package before python-docx sees it, naming the reason."""
    if not data.strip():
        raise ReportError("DOCX 文件为空")
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise ReportError("DOCX 文件已加密，无法读取")
        raise ReportError("这是旧版 Word 文档（.doc），请另存为 .docx 后再读取")
    if not data.startswith(b"PK"):
        raise ReportError("文件不是 DOCX（Word）文档")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
                raise ReportError("压缩包不是 DOCX（Word）文档")
            check_zip(
                package,
                data,
                kind="DOCX",
                part_limit=MAX_DOCX_PART_BYTES,
                xml_limit=MAX_DOCX_XML_BYTES,
            )
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ReportError("DOCX 文件已损坏或被截断") from None


def _blocks(container: Any) -> Iterator[Block]:
    """Paragraphs and tables of a body, a cell or a content control, in order."""
    for child in container.iterchildren():
        check_time()
        if child.tag == _P:
            text = _paragraph_text(child)
            if text:
                yield text
        elif child.tag == _TBL:
            table = None if child.find(".//" + _TBL) is not None else _table(child)
            if table is not None:
                yield table
            else:  # a layout table around tables, or a one-cell box around text
                for tc in child.iter(_TC):
                    if tc.getparent().getparent() is child:
                        yield from _blocks(tc)
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(p: Any) -> str:
    return join_wrapped(str(p.text).splitlines())


def _cell_text(tc: Any) -> str:
    return join_wrapped(_paragraph_text(p) for p in tc.iter(_P))


def _table(tbl: Any) -> Table | None:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(_TR):
        row = [""] * tr.grid_before
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            text = "" if tc.vMerge == "continue" else _cell_text(tc)
            row += [text] + [""] * (span - 1)
        row += [""] * tr.grid_after
        rows.append(row)
    if not rows:
        return None
    width = max(len(row) for row in rows)
    filled = [cell for row in rows for cell in row if cell]
    if len(rows) == 1 and len(filled) <= 1:
        return None
    return Table(rows=tuple(tuple(row + [""] * (width - len(row))) for row in rows))
