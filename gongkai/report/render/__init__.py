"""Writers of the annual report in the official layout: HTML, DOCX, PDF, XLSX and plain text.

`render(report, fmt)` picks the writer by format name and imports it only then, so writing text
never loads WeasyPrint or python-docx. Every writer draws the one layout in `layout`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol, cast

from gongkai.report.model import AnnualReport

__all__ = ["FORMATS", "MEDIA_TYPES", "render"]

FORMATS = ("html", "docx", "pdf", "xlsx", "txt")

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain; charset=utf-8",
}

_MODULES = {
    "html": "html",
    "docx": "docx",
    "pdf": "pdf",
    "xlsx": "xlsx",
    "txt": "text",
}


class _Writer(Protocol):
    def render(self, report: AnnualReport) -> bytes: ...


def render(report: AnnualReport, fmt: str) -> bytes:
    """The report drawn in format `fmt` (one of FORMATS); ValueError for any other format."""
    module = _MODULES.get(fmt)
    if module is None:
        raise ValueError(f"不支持的输出格式：{fmt!r}（可选：{'、'.join(FORMATS)}）")
    writer = cast(_Writer, import_module(f"{__name__}.{module}"))
    return writer.render(report)
