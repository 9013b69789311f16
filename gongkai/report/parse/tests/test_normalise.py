"""Text normalisation: one character for one character, so positions survive."""

from __future__ import annotations

import bisect

from hypothesis import given
from hypothesis import strategies as st

from gongkai.report.parse.mapping.normalise import compact, normalise


def test_full_width_forms_spaces_dashes_and_quotes_are_unified_character_for_character():
    # given a line with full-width digits and brackets, an ideographic space, an em dash,
    # curly and corner quotes, enumeration commas and a circled digit
    text = "（一）本年新收\u3000１２件、“三安全一稳定”——「其他」①"

    # when it is normalised
    out = normalise(text)

    # then each changed character has one replacement and the rest stays as printed
    assert out == '(一)本年新收 12件,"三安全一稳定"——"其他"1'
    assert len(out) == len(text)


def test_ascii_text_is_returned_as_it_is():
    assert normalise("1\t2 - 3") == "1\t2 - 3"


def test_compact_drops_whitespace_and_maps_back_to_the_original_positions():
    # given a line with spaces of several kinds
    text = "总 计\u3000１\n２"

    # when it is compacted
    packed = compact(text)

    # then the text has no whitespace and every character knows where it came from
    assert packed.text == "总计12"
    assert [text[index] for index in packed.origin] == ["总", "计", "１", "２"]


def _origin(text: str) -> list[int]:
    """Where each non-space character of `text` stands: the map Compact keeps as runs."""
    return [index for index, char in enumerate(text) if not char.isspace()]


@given(st.text(alphabet=" \t\n\r\u2028\u3000\u00a0总计一12３,，", max_size=40))
def test_compact_maps_every_position_as_a_character_by_character_map_would(text: str) -> None:
    # given any text of words, digits and spaces of several kinds (some only the slow path
    # handles), spaces first or last
    packed = compact(text)
    origin = _origin(normalise(text))

    # then each compact character, the end after it and the way back from a position agree
    # with the plain per-character map
    assert packed.text == "".join(normalise(text)[index] for index in origin)
    assert packed.origin == origin
    for index in range(1, len(origin) + 1):
        assert packed.end(index) == origin[index - 1] + 1
    assert packed.end_of_source() == (origin[-1] + 1 if origin else 0)
    for position in range(len(text) + 1):
        assert packed.index(position) == bisect.bisect_left(origin, position)
