"""Glued digits no split can balance are an error on the table, several splits a warning."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gongkai.report.catalogue import Outcome
from gongkai.report.model import dumps, loads
from gongkai.report.parse import read_bytes
from gongkai.report.parse.mapping.glued import Run, _splits, balanced_splits, run_of, splits
from gongkai.report.parse.tests.fixtures import VALUES_2021, glued_text
from gongkai.report.rules import Severity, check

NOT_HELD = 12  # （四）1.本机关不掌握相关政府信息: [4, 1, 0, 0, 0, 0, 5] in the fixture


def _read(text: str):
    return read_bytes(text.encode("utf-8"), "export.txt")


def _glued(values: list[int], spaces: list[bool]) -> Run:
    """`values` printed glued, a space left after each value whose flag is set."""
    tokens, current = [], ""
    for value, space in zip(values, spaces, strict=False):
        current += str(value)
        if space:
            tokens.append(current)
            current = ""
    return run_of([*tokens, current] if current else tokens)


def test_a_glued_row_that_no_split_balances_is_an_error_quoting_the_printed_digits():
    # given a crawler export whose row （四）1 prints 4|1|…|15 glued: "41000015" (5 misprinted)
    report = _read(glued_text(rows={NOT_HELD: [4, 1, 0, 0, 0, 0, 15]}))

    # when it is checked
    findings = check(report)

    # then an error on table 三 quotes the digits and says no split balances
    [error] = [f for f in findings if f.severity is Severity.ERROR]
    assert error.rule == "T3.glued"
    assert "41000015" in error.message and "任何拆分都不能" in error.message
    assert error.cells[0] == f"applications/{Outcome.UNAVAILABLE_NOT_HELD}/自然人"
    assert error.actual == "41000015"


def test_the_error_survives_the_json_round_trip():
    # given the same damaged export, parsed and written as JSON
    report = _read(glued_text(rows={NOT_HELD: [4, 1, 0, 0, 0, 0, 15]}))
    again = loads(dumps(report))

    # then checking the JSON gives the same findings
    assert again.undecoded == report.undecoded
    assert check(again) == check(report)


def test_two_rows_whose_splits_balance_two_ways_each_give_a_warning_naming_them():
    # given two outcome rows printed "110000011": 1|10|0|0|0|0|11 or 11|0|0|0|0|0|11 each,
    # and totals that hold either way round (12 natural persons, 10 companies)
    rows = {
        0: [12, 10, 0, 0, 0, 0, 22],
        2: [1, 10, 0, 0, 0, 0, 11],
        3: [11, 0, 0, 0, 0, 0, 11],
        23: [12, 10, 0, 0, 0, 0, 22],
        1: [0] * 7,
        12: [0] * 7,
        16: [0] * 7,
        22: [0] * 7,
    }
    report = _read(glued_text(rows=rows))

    # when it is checked
    findings = [f for f in check(report) if f.rule == "T3.glued"]

    # then each ambiguous row is a warning naming both splits, and no cell is guessed
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    assert "1|10|0|0|0|0|11" in findings[0].message
    assert "11|0|0|0|0|0|11" in findings[0].message
    assert report.applications["granted"] == [None, None, 0, 0, 0, 0, 11]


def test_table_four_glued_so_that_no_split_balances_is_an_error():
    # given table 四 glued with the first block's 总计 misprinted (10+0+1+0 printed as 12)
    reviews = [10, 0, 1, 0, 12, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    report = _read(glued_text(reviews=reviews))

    # when it is checked
    errors = [f for f in check(report) if f.severity is Severity.ERROR]

    # then one error on table 四 quotes the digits
    assert [f.rule for f in errors] == ["T4.glued"]
    assert "10010120001100000" in errors[0].message
    assert all(cell.startswith("reviews/") for cell in errors[0].cells)


def test_an_undamaged_export_has_nothing_undecoded():
    report = _read(glued_text())
    assert report.undecoded == []
    assert not [f for f in check(report) if f.rule.endswith(".glued")]
    assert VALUES_2021[NOT_HELD] == [4, 1, 0, 0, 0, 0, 5]


@example(parts=7, values=[217, 217, 217, 0, 12, 217], total=None, spaces=[False] * 7)
@settings(max_examples=300, deadline=None)
@given(
    parts=st.sampled_from([5, 7]),
    values=st.lists(st.sampled_from([0, 0, 1, 2, 3, 10, 12, 25, 100, 217]), min_size=6, max_size=6),
    total=st.sampled_from([None, 0, 1, 11, 100]),
    spaces=st.lists(st.booleans(), min_size=7, max_size=7),
)
def test_balanced_splits_are_every_split_whose_parts_add_up_to_its_total(
    parts, values, total, spaces
):
    # given a row's digits glued, sometimes with a space left between cells
    row = values[: parts - 1]
    row.append(sum(row) if total is None else total)
    run = _glued(row, spaces)

    # then the fast reading gives what filtering every split gives, in the same order
    # (against every split: `splits` stops at LIMIT, which a 20-digit run of 7 cells passes)
    expected = [split for split in _splits(run, parts, 0) if sum(split[:-1]) == split[-1]]
    assert [values for values, _ in balanced_splits(run, parts)] == expected


@settings(max_examples=300, deadline=None)
@given(
    blocks=st.lists(
        st.lists(st.sampled_from([0, 0, 1, 2, 5, 10, 12, 100]), min_size=4, max_size=4),
        min_size=1,
        max_size=3,
    ),
    start=st.sampled_from([0, 0, 1, 2]),
)
def test_blocks_that_need_not_end_the_run_are_every_balanced_block(blocks, start):
    # given table 四's blocks (four parts and their total) glued into one run
    digits = "".join(str(value) for parts in blocks for value in (*parts, sum(parts)))
    run = run_of([digits])

    # then the fast reading finds every block from `start` whose parts add up to its total,
    # each with where it ends, in the order of its parts' lengths
    expected = [
        (split, start + sum(len(str(value)) for value in split))
        for size in range(5, len(digits) - start + 1)
        for split in splits(run_of([digits[start : start + size]]), 5)
        if sum(split[:-1]) == split[-1]
    ]
    expected.sort(key=lambda block: [len(str(value)) for value in block[0][:-1]])
    assert list(balanced_splits(run, 5, start, to_end=False)) == expected


@settings(max_examples=80, deadline=None)
@given(
    blocks=st.lists(
        st.lists(
            st.sampled_from([0, 0, 1, 3, 10, 25, 999_999, 1_234_567, 9_999_999]),
            min_size=4,
            max_size=4,
        ),
        min_size=1,
        max_size=2,
    ),
    start=st.sampled_from([0, 0, 1, 2]),
    spaces=st.lists(st.booleans(), min_size=15, max_size=15),
    leave=st.sampled_from([0, 0, 5, 10]),
)
def test_blocks_are_every_balanced_block_with_wide_numbers_and_printed_spaces(
    blocks, start, spaces, leave
):
    # given table 四's blocks glued, some numbers of seven digits (a total of eight), and a
    # space left between some of the numbers
    values = [value for parts in blocks for value in (*parts, sum(parts))]
    run = _glued(values, spaces)

    # then the reading is what filtering every split of every stretch from `start` gives:
    # parts of at most seven digits, a total as wide as their sum, no number across a
    # printed space, leaving at least `leave` digits after it, in the order of the parts' lengths
    expected = [
        ((*parts, int(run.digits[total_start:end])), end)
        for total_start in range(start + 4, len(run))
        for end in range(total_start + 1, len(run) - leave + 1)
        if run.fits(total_start, end)
        for parts in _splits(Run(run.digits[:total_start], run.cuts), 4, start)
        if sum(parts) == int(run.digits[total_start:end])
    ]
    expected.sort(key=lambda block: [len(str(value)) for value in block[0][:-1]])
    assert list(balanced_splits(run, 5, start, to_end=False, leave=leave)) == expected
