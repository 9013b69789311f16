"""Processing fees of 国办函〔2020〕109号: the spec's worked examples and every band edge."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.applications.procedure.fees import (
    BandCharge,
    FeeError,
    FeeMethod,
    per_piece_fee,
    per_volume_fee,
)


def test_spec_example_35_pieces_in_a_month_cost_3000_yuan() -> None:
    # 10×0 + 20×100 + 5×200 = 3 000 元 (application-procedure.md §10).
    quote = per_piece_fee(pieces=35)
    assert quote.method is FeeMethod.PER_PIECE
    assert quote.bands == (
        BandCharge(1, 10, Decimal(0)),
        BandCharge(11, 30, Decimal(100)),
        BandCharge(31, 35, Decimal(200)),
    )
    assert quote.amount == Decimal(3000)


def test_spec_example_250_pages_cost_4700_yuan() -> None:
    # 30×0 + 70×10 + 100×20 + 50×40 = 4 700 元.
    quote = per_volume_fee(pages=250)
    assert [band.amount for band in quote.bands] == [0, 700, 2000, 2000]
    assert quote.amount == Decimal(4700)


@pytest.mark.parametrize(
    ("pieces", "amount"),
    [
        (1, 0),
        (10, 0),  # ≤10 free
        (11, 100),  # first charged piece
        (30, 2000),  # 20×100
        (31, 2200),  # + 200
        (40, 4000),  # 20×100 + 10×200
        (41, 4300),  # + 300
        (50, 7000),  # + 10×300 in all
        (51, 7400),  # + 400
    ],
)
def test_per_piece_band_edges(pieces: int, amount: int) -> None:
    assert per_piece_fee(pieces=pieces).amount == Decimal(amount)


def test_pieces_accumulate_within_the_month() -> None:
    # 28 pieces earlier this month; this application's 5 are pieces 29–33: 2×100 + 3×200.
    quote = per_piece_fee(pieces=5, earlier_this_month=28)
    assert quote.bands == (BandCharge(29, 30, Decimal(100)), BandCharge(31, 33, Decimal(200)))
    assert quote.amount == Decimal(800)
    # Whatever the split, the month's total is the same.
    assert per_piece_fee(pieces=28).amount + quote.amount == per_piece_fee(pieces=33).amount


def test_an_applicant_within_the_free_pieces_pays_nothing() -> None:
    assert per_piece_fee(pieces=3, earlier_this_month=7).amount == 0


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (1, 0),
        (30, 0),  # ≤30 free
        (31, 10),
        (100, 700),  # 70×10
        (101, 720),  # + 20
        (200, 2700),  # 700 + 100×20
        (201, 2740),  # + 40
    ],
)
def test_per_volume_band_edges(pages: int, amount: int) -> None:
    assert per_volume_fee(pages=pages).amount == Decimal(amount)


def test_nonsense_counts_are_refused_in_chinese() -> None:
    with pytest.raises(FeeError, match="件数应为正整数"):
        per_piece_fee(pieces=0)
    with pytest.raises(FeeError, match="不能为负数"):
        per_piece_fee(pieces=1, earlier_this_month=-1)
    with pytest.raises(FeeError, match="页数应为正整数"):
        per_volume_fee(pages=0)


def test_the_method_names_on_the_notice() -> None:
    assert FeeMethod.PER_PIECE.label == "按件计收"
    assert FeeMethod.PER_VOLUME.label == "按量计收"
