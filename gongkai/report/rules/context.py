"""What a rule is given (the report, last year's, the options) and what a rule is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.report.catalogue import APPLICANT_COLUMNS, APPLICATION_ROW_KEYS
from gongkai.report.model import AnnualReport
from gongkai.report.rules.finding import Finding, Tally

__all__ = ["Context", "Options", "Row", "Rule", "seven_cells"]

Row = tuple[int | None, ...]
"""A table 三 row as the rules read it: exactly seven cells, None where unread."""


@dataclass(frozen=True, slots=True)
class Options:
    """Thresholds of the warning rules, for a supervising office to tune."""

    fee_limit_10k_yuan: Decimal = Decimal(10000)
    """T2.fee_unit: a department's fee amount at or above this many 万元 (1 亿元) is probably
    in 元."""
    government_fee_limit_10k_yuan: Decimal = Decimal(1_000_000)
    """T2.fee_unit: the same for a government's consolidated report (a city's fees reach
    10 亿元)."""


_UNREAD: Row = (None,) * len(APPLICANT_COLUMNS)


def seven_cells(cells: list[int | None] | None) -> Row:
    """A table 三 row's seven cells; a row not printed, or printed short, reads as unread."""
    if cells is None:
        return _UNREAD
    row = tuple(cells)
    if len(row) == len(APPLICANT_COLUMNS):  # as printed, nearly always
        return row
    return (row + _UNREAD)[: len(APPLICANT_COLUMNS)]


@dataclass(frozen=True, slots=True)
class Context:
    """One check run: the report, last year's report if given, and the options.

    What every rule reads is worked out once, when the run starts: the blank cells as a set,
    and table 三's rows as seven cells each. Each rule working them out again cost more than
    its own comparisons (a rule is a few sums; a report is checked in well under a millisecond).
    """

    report: AnnualReport
    previous: AnnualReport | None = None
    options: Options = field(default_factory=Options)
    blank: frozenset[str] = field(init=False, repr=False, compare=False)
    """The paths of the cells the reader found printed blank (`AnnualReport.blank_cells`)."""
    rows: dict[str, Row] = field(init=False, repr=False, compare=False)
    """Table 三 by row key, seven cells a row (see `seven_cells`)."""

    def __post_init__(self) -> None:
        # A frozen dataclass sets its derived fields through object.__setattr__.
        applications = self.report.applications
        object.__setattr__(self, "blank", frozenset(self.report.blank_cells))
        rows = {key: seven_cells(applications.get(key)) for key in APPLICATION_ROW_KEYS}
        object.__setattr__(self, "rows", rows)

    def row(self, key: str) -> Row:
        """Table 三's row `key` of the report under check, seven cells."""
        return self.rows[key]

    def tally(self, rule: str) -> Tally:
        """An empty tally for `rule` that knows which cells the reader found blank."""
        return Tally(rule, self.blank)


@dataclass(frozen=True, slots=True)
class Rule:
    """A consistency rule: its stable id, what it checks (in Chinese), and the check itself."""

    id: str
    title: str
    run: Callable[[Context], list[Finding]]
