"""Write a composed letter as a file: `render_letter(letter, fmt) -> bytes`.

One module per format (docx, pdf), both pure (no Django). The page follows 党政机关公文格式
(GB/T 9704-2012) as far as a generated notice sensibly can: A4, margins 37/35/28/26 mm, the
issuing agency's name as heading (red, 小标宋), the document number (文号), the title in 小标宋,
the recipient flush left, the body in 仿宋 三号 (16 pt) indented two characters, and the
signature — agency name centred over the date, the date four characters from the right edge
— with room above it for the seal.
"""

from __future__ import annotations

from gongkai.letters.composition.compose import Letter
from gongkai.letters.composition.kinds import LetterFormat

__all__ = ["render_letter"]


def render_letter(letter: Letter, fmt: LetterFormat | str) -> bytes:
    """Return `letter` as a file of format `fmt` ("docx" or "pdf")."""
    fmt = LetterFormat(fmt)
    if fmt is LetterFormat.DOCX:
        from gongkai.letters.render.docx import render_docx

        return render_docx(letter)
    from gongkai.letters.render.pdf import render_pdf

    return render_pdf(letter)
