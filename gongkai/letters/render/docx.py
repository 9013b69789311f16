"""Write a letter as a Word document (DOCX) in the layout of official documents."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from gongkai.letters.composition.compose import Letter
from gongkai.letters.render import page

__all__ = ["render_docx"]

_TITLE_FONT = page.TITLE_FONTS[0]
_BODY_FONT = page.BODY_FONTS[0]


def render_docx(letter: Letter) -> bytes:
    """Return `letter` as DOCX bytes (A4)."""
    document = Document()
    # Word lays the page out itself: the layout is chosen by a count of lines (page.LAYOUTS).
    layout = page.estimated_layout(letter)
    _page_setup(document, layout)
    _own_properties(document, letter)

    heading = _paragraph(document, letter.agency_name, _TITLE_FONT, layout.heading_pt, layout)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in heading.runs:
        run.font.color.rgb = RGBColor(*page.RED)
    _red_rule(heading)
    number = _paragraph(document, letter.number, _BODY_FONT, layout.body_pt, layout)
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = _paragraph(document, letter.title, _TITLE_FONT, layout.title_pt, layout)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(layout.line_pt)
    title.paragraph_format.space_after = Pt(layout.line_pt)
    _paragraph(document, f"{letter.recipient}：", _BODY_FONT, layout.body_pt, layout)
    closing = page.closing_start(letter)
    for index, text in enumerate(letter.paragraphs):
        body = _paragraph(document, text, _BODY_FONT, layout.body_pt, layout)
        body.paragraph_format.first_line_indent = Pt(2 * layout.body_pt)
        # The signature never stands alone on a page (GB/T 9704 7.3.5): the closing (特此告知。
        # and the contact line) stays with it, each line kept with the next.
        if index >= closing:
            body.paragraph_format.keep_with_next = True
            body.paragraph_format.keep_together = True
    name = _paragraph(document, letter.agency_name, _BODY_FONT, layout.body_pt, layout)
    name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    name.paragraph_format.keep_with_next = True
    # One empty line above the signature (GB/T 9704 7.3.5.1); the seal presses on name and date.
    name.paragraph_format.space_before = Pt(page.SIGNATURE_GAP_LINES * layout.line_pt)
    name.paragraph_format.right_indent = Pt(page.signature_right_chars(letter) * layout.body_pt)
    date = _paragraph(document, letter.date_text, _BODY_FONT, layout.body_pt, layout)
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.paragraph_format.right_indent = Pt(page.DATE_RIGHT_CHARS * layout.body_pt)

    out = BytesIO()
    document.save(out)
    return out.getvalue()


# The extended properties (docProps/app.xml) of python-docx's template name "Microsoft Macintosh
# Word" and its Normal.dotm; a letter says what wrote it, and nothing else.
_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>gongkai</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _own_properties(document: DocxDocument, letter: Letter) -> None:
    """Set the document's properties from the letter: not the template's author, dates, tool."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    props.title, props.subject = letter.title, letter.kind.label
    props.author = props.last_modified_by = letter.agency_name
    props.comments = props.keywords = props.category = ""
    props.revision = 1
    props.created = props.modified = now
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's preview picture
            del package.rels[rel_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML


def _page_setup(document: DocxDocument, layout: page.Layout) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = (
        Mm(layout.margin_top_mm),
        Mm(layout.margin_bottom_mm),
    )
    section.left_margin = Mm(page.MARGIN_LEFT_MM)
    section.right_margin = Mm(page.MARGIN_RIGHT_MM)


def _paragraph(
    document: DocxDocument, text: str, east_asia: str, size: float, layout: page.Layout
) -> Paragraph:
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(layout.line_pt, size * 1.3))
    fmt.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.name = page.FALLBACK_FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    return paragraph


def _red_rule(paragraph: Paragraph) -> None:
    """Draw the red separator line (版头中的分隔线) below the heading."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "6"), ("color", "C00000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.append(borders)
