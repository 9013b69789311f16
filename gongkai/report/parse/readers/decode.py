"""Decode a file's bytes to text: UTF-8 (with or without BOM), UTF-16 by its BOM, else GB18030.

A UTF-8 file with a few invalid bytes (a character cut by an editor, one byte damaged in a
copy) is still UTF-8: the bad bytes become U+FFFD and a note says how many, rather than the
whole file being read as GB18030 mojibake or refused.
"""

from __future__ import annotations

from gongkai.report.model import ReportError

__all__ = ["decode_text", "mostly_utf8"]

_REPLACEMENT = "\ufffd"
_MAX_BAD_SHARE = 100
"""At most one invalid byte per this many non-ASCII characters decoded, and at most
`_MAX_BAD` in all: text in another encoding fails nearly at every character."""
_MAX_BAD = 64


def decode_text(data: bytes, notes: list[str] | None = None) -> str:
    """The text of `data`; ReportError if it is neither UTF-8 nor GB18030 text.

    `notes` receives a Chinese note when invalid bytes of a UTF-8 text were replaced.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReportError("文本编码无法识别（UTF-16 解码失败）") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = mostly_utf8(data, notes)
    if lenient is not None:
        return lenient
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReportError("文本编码无法识别（既不是 UTF-8 也不是 GB18030）") from None


def mostly_utf8(data: bytes, notes: list[str] | None = None) -> str | None:
    """`data` decoded as UTF-8 with its few invalid bytes replaced, or None if it is not
    UTF-8 text with a few invalid bytes (but another encoding, or binary)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if bad <= 0 or bad > _MAX_BAD or bad * _MAX_BAD_SHARE > wide:
        return None
    if notes is not None:
        notes.append(f"文件中有 {bad} 处字节不是有效的 UTF-8 编码，已替换为“{_REPLACEMENT}”")
    return text
