"""The information processing fee (信息处理费) of 国办函〔2020〕109号, in yuan, band by band.

Two methods, both progressive by excess; an agency picks one per application, never both
(109号第三条). Each quote lists its bands so the fee notice (收费通知书) can state the standard
and the amount (109号: 说明收费的依据、标准、数额).

- Per piece (按件, 第四条): pieces are counted per applicant, cumulatively within one natural
  month; the applicant's pieces earlier that month decide where this application's pieces fall.
  ≤10 free; 11–30 at 100 元; from 31, bands of 10 pieces, each band 100 元 more per piece.
- Per volume (按量, 第五条): pages of one application. ≤30 free; 31–100 at 10 元; 101–200 at
  20 元; 201 and more at 40 元. Whether the page thresholds accumulate over a month is not settled
  (application-procedure.md §17); here they apply per application.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "BandCharge",
    "FeeError",
    "FeeMethod",
    "FeeQuote",
    "per_piece_fee",
    "per_volume_fee",
]

_PIECES_FREE = 10
_PIECES_FIRST_BAND_END = 30
_PIECES_BAND = 10
_PIECE_STEP = Decimal(100)
_PAGE_BANDS: tuple[tuple[int, int | None, Decimal], ...] = (
    (1, 30, Decimal(0)),
    (31, 100, Decimal(10)),
    (101, 200, Decimal(20)),
    (201, None, Decimal(40)),
)


class FeeError(ValueError):
    """Numbers a fee cannot be computed from; the message (Chinese) says which."""


class FeeMethod(StrEnum):
    """How the fee is counted (109号第三条): one method per application."""

    PER_PIECE = "per_piece"
    PER_VOLUME = "per_volume"

    @property
    def label(self) -> str:
        """Return the method's name as printed on the fee notice."""
        return "按件计收" if self is FeeMethod.PER_PIECE else "按量计收"


@dataclass(frozen=True, slots=True)
class BandCharge:
    """The units of one band charged at one rate: pieces or pages `first`–`last` (inclusive)."""

    first: int
    last: int
    rate: Decimal

    @property
    def units(self) -> int:
        """Return how many pieces or pages the band holds."""
        return self.last - self.first + 1

    @property
    def amount(self) -> Decimal:
        """Return the band's amount in yuan."""
        return self.rate * self.units


@dataclass(frozen=True, slots=True)
class FeeQuote:
    """The fee of one application: method, the bands it fell into, and the total in yuan."""

    method: FeeMethod
    bands: tuple[BandCharge, ...]

    @property
    def amount(self) -> Decimal:
        """Return the total in yuan (0 when everything fell in the free band)."""
        return sum((band.amount for band in self.bands), Decimal(0))


def _piece_rate(number: int) -> Decimal:
    """Return the rate of the applicant's `number`-th piece of the month (109号第四条)."""
    if number <= _PIECES_FREE:
        return Decimal(0)
    if number <= _PIECES_FIRST_BAND_END:
        return _PIECE_STEP
    # 31–40 → band 1 (200 元), 41–50 → band 2 (300 元), …
    band = (number - _PIECES_FIRST_BAND_END - 1) // _PIECES_BAND + 1
    return _PIECE_STEP * (band + 1)


def _piece_band_end(number: int) -> int:
    """Return the last piece number charged at the same rate as piece `number`."""
    if number <= _PIECES_FREE:
        return _PIECES_FREE
    if number <= _PIECES_FIRST_BAND_END:
        return _PIECES_FIRST_BAND_END
    offset = number - _PIECES_FIRST_BAND_END - 1
    return _PIECES_FIRST_BAND_END + (offset // _PIECES_BAND + 1) * _PIECES_BAND


def per_piece_fee(*, pieces: int, earlier_this_month: int = 0) -> FeeQuote:
    """Return the per-piece fee of `pieces` after the applicant's `earlier_this_month` pieces.

    109号第四条: counted cumulatively per applicant within one natural month, so the same
    application costs more late in a busy month. Free bands are listed too (rate 0).
    """
    if pieces < 1:
        raise FeeError(f"按件计收的件数应为正整数，实际 {pieces}")
    if earlier_this_month < 0:
        raise FeeError(f"本月此前的申请件数不能为负数，实际 {earlier_this_month}")
    bands: list[BandCharge] = []
    number, last = earlier_this_month + 1, earlier_this_month + pieces
    while number <= last:
        end = min(_piece_band_end(number), last)
        bands.append(BandCharge(number, end, _piece_rate(number)))
        number = end + 1
    return FeeQuote(FeeMethod.PER_PIECE, tuple(bands))


def per_volume_fee(*, pages: int) -> FeeQuote:
    """Return the per-volume fee of an application of `pages` pages (109号第五条)."""
    if pages < 1:
        raise FeeError(f"按量计收的页数应为正整数，实际 {pages}")
    bands = tuple(
        BandCharge(first, min(pages, last) if last is not None else pages, rate)
        for first, last, rate in _PAGE_BANDS
        if first <= pages
    )
    return FeeQuote(FeeMethod.PER_VOLUME, bands)
