"""Write an annual report as an A4 PDF: the HTML page drawn by WeasyPrint.

The HTML's font lists all end in Noto Serif CJK SC, so every character has a glyph on a Linux
host with fonts-noto-cjk; the text stays extractable (pdfplumber reads the labels back).
"""

from __future__ import annotations

from typing import cast

from gongkai.report.model import AnnualReport
from gongkai.report.render.html import report_html
from gongkai.report.render.layout import report_title

__all__ = ["render"]


def render(report: AnnualReport) -> bytes:
    """The report as PDF bytes (A4 portrait)."""
    from weasyprint import HTML  # heavy: imported only when a PDF is asked for

    document = HTML(string=report_html(report), base_url=None).render()
    document.metadata.title = report_title(report)
    document.metadata.authors = [report.agency]
    return cast(bytes, document.write_pdf())
