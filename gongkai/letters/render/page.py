"""The page measures both writers share (GB/T 9704-2012, approximately)."""

from __future__ import annotations

from gongkai.letters.compose import Letter

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


def signature_right_chars(letter: Letter) -> float:
    """Return the agency name's distance from the right edge, in characters.

    GB/T 9704 7.3.5.1: the name is centred over the date, which stands four characters from
    the right edge; a name longer than the date ends flush with it instead.
    """
    spare = len(letter.date_text) - len(letter.agency_name)
    return DATE_RIGHT_CHARS + max(spare, 0) / 2
