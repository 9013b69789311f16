"""Decode a file's bytes to text: UTF-8 (with or without BOM), else GB18030."""

from __future__ import annotations

from gongkai.report.model import ReportError

__all__ = ["decode_text"]


def decode_text(data: bytes) -> str:
    """The text of `data`; ReportError if it is neither UTF-8 nor GB18030 text."""
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
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReportError("文本编码无法识别（既不是 UTF-8 也不是 GB18030）") from None
