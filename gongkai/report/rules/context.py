"""What a rule is given (the report, last year's, the options) and what a rule is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.report.model import AnnualReport
from gongkai.report.rules.finding import Finding, Tally

__all__ = ["Context", "Options", "Rule"]


@dataclass(frozen=True, slots=True)
class Options:
    """Thresholds of the warning rules, for a supervising office to tune."""

    fee_limit_10k_yuan: Decimal = Decimal(10000)
    """T2.fee_unit: a department's fee amount at or above this many 万元 (1 亿元) is probably
    in 元."""
    government_fee_limit_10k_yuan: Decimal = Decimal(1_000_000)
    """T2.fee_unit: the same for a government's consolidated report (a city's fees reach
    10 亿元)."""


@dataclass(frozen=True, slots=True)
class Context:
    """One check run: the report, last year's report if given, and the options."""

    report: AnnualReport
    previous: AnnualReport | None = None
    options: Options = field(default_factory=Options)

    def tally(self, rule: str) -> Tally:
        """An empty tally for `rule` that knows which cells the reader found blank."""
        return Tally(rule, frozenset(self.report.blank_cells))


@dataclass(frozen=True, slots=True)
class Rule:
    """A consistency rule: its stable id, what it checks (in Chinese), and the check itself."""

    id: str
    title: str
    run: Callable[[Context], list[Finding]]
