"""Cutting table 三's text lines into rows: the digits that follow a label."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.report.parse.mapping.rows import _value_run

_STARTS = "0123456789—-/"
_VALUE = _STARTS + "+ \t"


def _walked(segment: str, next_ordinal: str) -> str:
    """The value run found by walking the characters one by one (the reading's definition)."""
    begin = 0
    while begin < len(segment) and segment[begin] not in _STARTS:
        begin += 1
    end = begin
    while end < len(segment) and segment[end] in _VALUE:
        end += 1
    run, tail = segment[begin:end], segment[end : end + 1]
    if next_ordinal and tail in (".", ",") and run.rstrip().endswith(next_ordinal):
        run = run.rstrip()[: -len(next_ordinal)]
    return run


def test_the_run_stops_before_the_next_rows_ordinal():
    # given a crawler line where row 3's digits run into row 4's ordinal ("…0 0 4.保护…")
    segment = "部分公开 2 0 0 0 0 0 2 4.保护第三方"

    # then the run is the row's seven numbers, without the next row's "4"
    assert _value_run(segment, "4").split() == ["2", "0", "0", "0", "0", "0", "2"]


@given(
    st.text(alphabet="0123456789—-/+ \t.,件元部分公开一", max_size=30),
    st.sampled_from(["", "1", "4", "8"]),
)
def test_the_run_is_what_walking_the_characters_finds(segment: str, next_ordinal: str):
    assert _value_run(segment, next_ordinal) == _walked(segment, next_ordinal)
