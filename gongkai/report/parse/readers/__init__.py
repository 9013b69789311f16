"""The readers: one module per input format, each with `read(data: bytes) -> Document`.

A reader knows its file format and nothing about the annual report: it turns the bytes into
paragraphs and cell grids (`gongkai.report.parse.document`), which the mapper
(`gongkai.report.parse.mapping`) then reads as a report. Beside the format readers: `decode`
(text encodings), `limits` (what reading one file may cost) and `workbook` (the first sheet's
rows of an .xlsx, for the register imports).

`load(kind)` imports a reader only when a file of its kind is read, so reading a text file
never imports lxml or pdfplumber.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["load"]


def load(kind: str) -> ModuleType:
    """The reader module of `kind` ("text", "markdown", "html", "docx", "pdf", "xlsx")."""
    return importlib.import_module(f"{__name__}.{kind}")
