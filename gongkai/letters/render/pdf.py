"""Write a letter as an A4 PDF: an HTML page drawn by WeasyPrint.

Font lists end in Noto Serif CJK SC, so every character has a glyph on a Linux host with
fonts-noto-cjk and the text stays extractable (pdfplumber reads it back in the tests). The PDF
is tagged (PDF/UA-1) so that a screen reader reads the letter in order, and printed in the first
layout of `page.LAYOUTS` that holds it on one page.
"""

from __future__ import annotations

from html import escape
from typing import cast

from gongkai.letters.composition.compose import Letter
from gongkai.letters.render import page

__all__ = ["letter_html", "render_pdf"]


def _stack(fonts: tuple[str, ...]) -> str:
    return ", ".join(f'"{font}"' for font in (*fonts, page.FALLBACK_FONT))


def _css(layout: page.Layout) -> str:
    line = layout.line_pt
    return f"""
@page {{
  size: A4;
  margin: {layout.margin_top_mm}mm {page.MARGIN_RIGHT_MM}mm {layout.margin_bottom_mm}mm
    {page.MARGIN_LEFT_MM}mm;
}}
body {{ font-family: {_stack(page.BODY_FONTS)}; font-size: {layout.body_pt}pt;
  line-height: {line}pt; color: #000; margin: 0; }}
p {{ margin: 0; }}
.heading {{ font-family: {_stack(page.TITLE_FONTS)}; font-size: {layout.heading_pt}pt;
  line-height: 1.3; text-align: center; color: rgb{page.RED}; font-weight: bold;
  padding-bottom: 4pt; border-bottom: 1.5pt solid rgb{page.RED}; }}
.number {{ text-align: right; margin-top: 4pt; }}
.title {{ font-family: {_stack(page.TITLE_FONTS)}; font-size: {layout.title_pt}pt;
  line-height: 1.4; text-align: center; font-weight: bold; margin: {line}pt 0; }}
.body {{ text-indent: 2em; text-align: justify; }}
.signature {{ text-align: right; margin-top: {page.SIGNATURE_GAP_LINES * line}pt; }}
/* The signature never stands alone on a page (GB/T 9704 7.3.5): the closing goes with it. */
.closing {{ break-inside: avoid; page-break-inside: avoid; }}
.date {{ text-align: right; margin-right: {page.DATE_RIGHT_CHARS}em; }}
"""


def letter_html(letter: Letter, layout: page.Layout = page.STANDARD) -> str:
    """Return `letter` as a standalone HTML page (the PDF's source)."""
    lines = [f'<p class="body">{escape(text)}</p>' for text in letter.paragraphs]
    split = page.closing_start(letter)
    body, last = "\n".join(lines[:split]), "\n".join(lines[split:])
    name_right = page.signature_right_chars(letter)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(letter.title)}</title>
<style>{_css(layout)}</style></head><body>
<p class="heading">{escape(letter.agency_name)}</p>
<p class="number">{escape(letter.number)}</p>
<h1 class="title">{escape(letter.title)}</h1>
<p class="recipient">{escape(letter.recipient)}：</p>
{body}
<div class="closing">{last}
<p class="signature" style="margin-right: {name_right}em">{escape(letter.agency_name)}</p>
<p class="date">{escape(letter.date_text)}</p></div>
</body></html>"""


def render_pdf(letter: Letter) -> bytes:
    """Return `letter` as PDF bytes (A4 portrait)."""
    from weasyprint import HTML  # heavy: imported only when a PDF is asked for

    # The first layout that holds the letter on one page, else the standard one (page.LAYOUTS,
    # whose first is the standard: its document is kept rather than drawn twice).
    standard = None
    for layout in page.LAYOUTS:
        document = HTML(string=letter_html(letter, layout), base_url=None).render()
        standard = standard or document
        if len(document.pages) == 1:
            break
    else:
        document = standard
    document.metadata.title = letter.title
    document.metadata.authors = [letter.agency_name]
    # Tagged for screen readers (PDF/UA-1: structure tree, MarkInfo, language, title shown).
    return cast(bytes, document.write_pdf(pdf_variant="pdf/ua-1"))
