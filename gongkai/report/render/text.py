"""Write an annual report as plain text, the way text extracted from a published PDF reads.

Title, section headings and narrative paragraphs are separated by blank lines; a table's rows
are tab-separated lines on the full grid, a merged cell's text at its first position and empty
cells for the positions it covers (the shape of the seed's extraction).
"""

from __future__ import annotations

from gongkai.report.model import AnnualReport
from gongkai.report.render.grid import text_grid
from gongkai.report.render.layout import document_layout

__all__ = ["render", "report_text"]


def report_text(report: AnnualReport) -> str:
    """The report as plain text, ending with one newline."""
    document = document_layout(report)
    blocks = [document.title]
    for section in document.sections:
        blocks.append(section.title)
        blocks.extend(section.paragraphs)
        if section.table is not None:
            blocks.append("\n".join("\t".join(row) for row in text_grid(section.table)))
    return "\n\n".join(blocks) + "\n"


def render(report: AnnualReport) -> bytes:
    """The report as UTF-8 plain text."""
    return report_text(report).encode("utf-8")
