"""Attachment content sniffing: the type is read from the file's first bytes, not its name.

Pure Python. The accepted types and the size limit are settings
(`GONGKAI_ATTACHMENT_MAX_BYTES`, `GONGKAI_ATTACHMENT_TYPES`); this module only recognises.
"""

from __future__ import annotations

__all__ = ["DEFAULT_TYPES", "sniff_content_type"]

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
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character cut at the end of the sample is still text.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return "application/octet-stream"
    if "\x00" in text:
        return "application/octet-stream"
    return "text/plain"
