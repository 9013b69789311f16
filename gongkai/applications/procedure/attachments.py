"""Attachment content sniffing: the type is read from the file's first bytes, not its name.

Pure Python. The accepted types and the size limit are settings
(`GONGKAI_ATTACHMENT_MAX_BYTES`, `GONGKAI_ATTACHMENT_TYPES`); this module only recognises.
"""

from __future__ import annotations

import codecs
import re

__all__ = [
    "DEFAULT_TYPES",
    "NAME_LIMIT",
    "fit_file_name",
    "sniff_content_type",
    "text_encoding",
    "type_label",
]

NAME_LIMIT = 255  # the name columns' length
_LONGEST_EXTENSION = 16

# (magic prefix, content type). DOCX/XLSX are ZIP containers: told apart by their first part.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .doc/.xls
)
_ZIP = b"PK\x03\x04"
DEFAULT_TYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/tiff",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/x-ole-storage",
        "text/plain",
    }
)


_TYPE_LABELS = {
    "application/pdf": "PDF 文件",
    "image/jpeg": "JPEG 图片",
    "image/png": "PNG 图片",
    "image/gif": "GIF 图片",
    "image/tiff": "TIFF 图片",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word 文档",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel 表格",
    "application/x-ole-storage": "旧版 Word 或 Excel 文件",
    "text/plain": "纯文本",
    "application/zip": "ZIP 压缩包",
}


def type_label(content_type: str) -> str:
    """Return the file type as staff read it (PDF 文件, Word 文档), never the MIME type."""
    return _TYPE_LABELS.get(content_type, "其他文件")


def sniff_content_type(head: bytes) -> str:
    """Return the content type the first bytes of a file show (application/octet-stream if
    unknown). `head` should hold at least the first 4 KiB."""
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return content_type
    if head.startswith(_ZIP):
        if b"word/" in head:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if b"xl/" in head:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return "application/zip"
    return "text/plain" if text_encoding(head) else "application/octet-stream"


_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")
"""Control characters no text file holds (tab, line breaks, form feed, Ctrl-Z and ESC do)."""
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def text_encoding(head: bytes) -> str | None:
    """The encoding of a text file from its first bytes: "utf-8" (with or without BOM),
    "utf-16-le" or "utf-16-be" (by the BOM Windows Notepad writes as "Unicode"), "gb18030"
    (GBK and GB2312 files, as Chinese Windows saves "ANSI" text); None if it is not text.

    A multi-byte character cut at the end of the sample is still text.
    """
    for bom, encoding in _UTF16_BOMS:
        if head.startswith(bom):
            body = head[len(bom) :]
            text = _decoded(body[: len(body) - len(body) % 2], encoding, cut=2)
            return encoding if text is not None and not _CONTROL.search(text) else None
    text = _decoded(head, "utf-8", cut=3)
    if text is not None:
        return None if "\x00" in text else "utf-8"
    text = _decoded(head, "gb18030", cut=3)
    if text is not None and not _CONTROL.search(text):
        return "gb18030"
    return None


def _decoded(head: bytes, encoding: str, *, cut: int) -> str | None:
    """`head` decoded, or without its last bytes (up to `cut`); None if neither decodes."""
    for end in range(len(head), max(len(head) - cut, 0) - 1, -1):
        try:
            return head[:end].decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def fit_file_name(name: str, *, limit: int = NAME_LIMIT, fallback: str = "附件") -> str:
    """The file's name cut to `limit` characters, keeping its extension (`.pdf`, `.docx`).

    Cutting the end off a long name would drop the extension, and with it the type a
    downloaded file opens as. An "extension" longer than 16 characters or with a space is
    part of the name.
    """
    name = name.strip() or fallback
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and 0 < len(extension) <= _LONGEST_EXTENSION and " " not in extension:
        return stem[: limit - len(extension) - 1].rstrip() + "." + extension
    return name[:limit]
