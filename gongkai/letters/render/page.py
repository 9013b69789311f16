"""The page measures both writers share (GB/T 9704-2012, approximately)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from gongkai.letters.composition.compose import Letter

MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 37, 35
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 28, 26
BODY_PT = 16.0  # 三号
TITLE_PT = 22.0  # 二号
HEADING_PT = 26.0  # 发文机关标志: larger than the title
LINE_PT = 28.0  # about 22 lines a page
RED = (0xC0, 0x00, 0x00)

TITLE_FONTS = ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "华文中宋", "STZhongsong")
BODY_FONTS = ("仿宋_GB2312", "仿宋", "FangSong", "STFangsong")
FALLBACK_FONT = "Noto Serif CJK SC"
"""Every font list ends here: present wherever fonts-noto-cjk is, with every CJK glyph."""

DATE_RIGHT_CHARS = 4  # 成文日期右空四字


@dataclass(frozen=True, slots=True)
class Layout:
    """The measures of one page layout (left and right margins never change)."""

    body_pt: float
    line_pt: float
    title_pt: float
    heading_pt: float
    margin_top_mm: float
    margin_bottom_mm: float


STANDARD = Layout(BODY_PT, LINE_PT, TITLE_PT, HEADING_PT, MARGIN_TOP_MM, MARGIN_BOTTOM_MM)
LAYOUTS: tuple[Layout, ...] = (
    STANDARD,
    # 三号 on tighter lines, the margins of GB/T 9704 信函格式 (heading 30 mm from the top).
    Layout(BODY_PT, 24.0, TITLE_PT, 24.0, 30, 25),
    Layout(15.0, 22.0, 20.0, 22.0, 30, 25),  # 小三
    Layout(14.0, 21.0, 18.0, 20.0, 25, 20),  # 四号
)
"""Most to least generous. A notice is printed in the first layout that holds it on one page
(decision 0017: a one-page notice matters more to the applicant and the clerk than 三号 on
28 pt lines); a letter that fits in none keeps the standard layout over several pages."""

_A4_HEIGHT_MM, _A4_WIDTH_MM, _PT_PER_MM = 297, 210, 72 / 25.4


def estimated_layout(letter: Letter) -> Layout:
    """Return the first layout whose page, by a count of lines, holds the whole letter.

    For writers that cannot measure their own pages (DOCX: Word lays it out); the PDF writer
    measures the real layout instead. Latin letters and digits count as half a character.
    """
    for layout in LAYOUTS:
        if _estimated_height(letter, layout) <= _text_height(layout):
            return layout
    return STANDARD


def _text_height(layout: Layout) -> float:
    return (_A4_HEIGHT_MM - layout.margin_top_mm - layout.margin_bottom_mm) * _PT_PER_MM


def _estimated_height(letter: Letter, layout: Layout) -> float:
    width = (_A4_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * _PT_PER_MM
    per_line = math.floor(width / layout.body_pt)
    lines = 1 + SIGNATURE_GAP_LINES + 2  # recipient; gap; name and date
    for text in letter.paragraphs:
        chars = 2 + sum(0.5 if ord(char) < 0x2E80 else 1 for char in text)
        lines += math.ceil(chars / per_line)
    head = layout.heading_pt * 1.3 + 8 + layout.line_pt + layout.title_pt * 1.4 + 2 * layout.line_pt
    return head + lines * layout.line_pt


SIGNATURE_GAP_LINES = 1
"""GB/T 9704 7.3.5.1: the signature stands one empty line below the text (正文下空一行); the
seal, pressed over signature and date, reaches at most a line above them. Three empty lines
pushed the signature of a one-page notice onto a second page."""

CLOSINGS = ("特此",)
"""The closing formula (特此告知。特此函询。特此通知。) opens the block kept with the signature."""


def closing_start(letter: Letter) -> int:
    """Return the index of the first paragraph kept on one page with the signature.

    The closing formula (特此告知。) and what follows it (联系人及电话) go with the signature;
    a letter without one keeps its last paragraph with it (GB/T 9704 7.3.5: no signature
    alone on a page).
    """
    paragraphs = letter.paragraphs
    for index in range(len(paragraphs) - 1, -1, -1):
        if paragraphs[index].startswith(CLOSINGS):
            return index
    return max(len(paragraphs) - 1, 0)


def signature_right_chars(letter: Letter) -> float:
    """Return the agency name's distance from the right edge, in characters.

    GB/T 9704 7.3.5.1: the name is centred over the date, which stands four characters from
    the right edge; a name longer than the date ends flush with it instead.
    """
    spare = len(letter.date_text) - len(letter.agency_name)
    return DATE_RIGHT_CHARS + max(spare, 0) / 2
