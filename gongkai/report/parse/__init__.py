"""Readers for published annual reports: one per source type, one label-driven mapper.

`read_bytes` sniffs the type from the content (not the file name), hands the bytes to the
reader module `gongkai.report.parse.readers.<kind>` (each has `read(data: bytes) -> Document`),
and maps the document onto the report (`gongkai.report.parse.mapping`). Readers are imported
only when needed, so reading a text file never imports lxml or pdfplumber. Any failure inside a
reader becomes a ReportError with a one-line Chinese reason.

What a file may cost is bounded (`readers.limits`): its size on disk, what its compressed parts
inflate to, its pages, cells and characters, and the time its reader takes; past a limit the
reason names it (「文件过大：…」).
"""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

from gongkai.report.model import AnnualReport, ReportError, Source
from gongkai.report.os_errors import os_reason
from gongkai.report.parse import readers
from gongkai.report.parse.readers.limits import MAX_FILE_BYTES, TooLarge, check_chars, time_budget

__all__ = ["READERS", "SUFFIXES", "read_bytes", "read_path", "sniff"]

SUFFIXES: dict[str, tuple[str, ...]] = {
    "text": (".txt",),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "docx": (".docx",),
    "pdf": (".pdf",),
    "xlsx": (".xlsx",),
    "json": (".json",),
}
"""The file names each kind is usually saved under (the type itself is sniffed from content);
a folder walk looks for these. Adding a reader means adding its kind here."""
READERS = tuple(kind for kind in SUFFIXES if kind != "json")
"""Reader modules by kind; "json" is read by the model itself."""

_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|div|p)[\s>]", re.IGNORECASE)
_PIPE_ROW = re.compile(rb"^\s*\|.*\|\s*$", re.MULTILINE)


def sniff(data: bytes) -> str:
    """The kind of `data`: pdf, docx, xlsx, html, json, markdown or text."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(b"{") and b'"format"' in data[:4096]:
        return "json"
    if b"<" in data[:65536] and _HTML.search(data[:65536]):
        return "html"
    if data.count(b"|", 0, 200000) >= 6:  # three table rows hold at least six pipes
        rows = _PIPE_ROW.finditer(data[:200000])
        if len(list(itertools.islice(rows, 3))) == 3:
            return "markdown"
    return "text"


def _zip_kind(data: bytes) -> str:
    import zipfile  # only for a ZIP file: reading text never loads it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReportError("文件已损坏或被截断（无法打开压缩包）") from None
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    raise ReportError("不支持的压缩文件：既不是 Word 文档也不是 Excel 表格")


def read_bytes(data: bytes, name: str = "") -> AnnualReport:
    """The annual report in `data` (any supported type); ReportError if it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(_too_large_file())
    if not data.strip():
        raise ReportError("文件内容为空")
    kind = sniff(data)
    if kind == "json":
        from gongkai.report.model import loads

        try:
            return loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ReportError("JSON 文件不是 UTF-8 编码") from None
    from gongkai.report.parse.mapping.mapper import map_document

    try:
        reader = readers.load(kind)
        with time_budget():
            document = reader.read(data)
        check_chars(document.characters())
        report = map_document(document, name=name)
    except ReportError:
        raise
    except ImportError:
        raise ReportError(f"缺少读取 {kind} 文件所需的组件") from None
    except MemoryError:
        raise TooLarge("文件过大，无法读取（内存不足）") from None
    except RecursionError:
        raise ReportError("文件结构嵌套过深，无法解析") from None
    except Exception:
        raise ReportError("文件已损坏或被截断，无法读取") from None
    report.notes.extend(note for note in document.notes if note not in report.notes)
    report.source = Source(file=name, type=kind, pages=document.pages)
    return report


def _too_large_file() -> str:
    return f"文件过大：超过 {MAX_FILE_BYTES >> 20} MB"


def read_path(path: Path) -> AnnualReport:
    """The annual report in the file at `path`; ReportError if it cannot be read."""
    try:
        with Path(path).open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # a larger file is refused unread
    except OSError as exc:
        raise ReportError(f"{os_reason(exc)}：{path}") from None
    return read_bytes(data, name=Path(path).name)
