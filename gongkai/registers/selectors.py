"""Reads on the registers: table 二 of an agency's annual report, and where 现行有效 breaks.

Counting rules (docs/decisions/0005-table-two-registers.md), for YEAR:
- 本年制发件数 / 本年废止件数: documents of the kind issued / repealed in YEAR;
- 现行有效件数 at 31 December of YEAR: with no opening balance at or before YEAR, the documents
  issued by then and not repealed by then; with a balance (the agency's own count at the end of
  year B ≤ YEAR), that balance plus the documents issued after B, minus those repealed after B,
  up to the end of YEAR — so documents older than B may be entered only when they are repealed;
- so in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y) holds by construction, except in a
  year that has its own balance which disagrees: `stock_discrepancies` lists those years;
- 本年处理决定数量: per kind and month, the month's total if one was entered, else the decisions
  recorded one by one in that month;
- 本年收费金额: the year's fees summed in yuan, then divided by 10 000 and rounded half up to
  4 decimals (one yuan = 0.0001 万元), never a sum of rounded parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import REPORT_RECORDS
from gongkai.agencies.selectors import agencies_in
from gongkai.registers.models import (
    AdministrativeDecision,
    DecisionKind,
    DecisionMonthlyTotal,
    DocumentKind,
    FeeLedgerEntry,
    RegisterOpeningBalance,
    RegulatoryDocument,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.accounts.models import User

__all__ = [
    "ActiveTable",
    "DocumentCounts",
    "MonthCell",
    "StockLine",
    "active_table",
    "agencies_with_registers_visible_to",
    "decision_counts",
    "decision_months",
    "document_counts",
    "documents_of",
    "fees_10k_yuan",
    "fees_of_year",
    "stock_discrepancies",
    "stock_lines",
    "yuan_to_10k_yuan",
]

TEN_THOUSAND = Decimal(10000)
FOUR_PLACES = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class DocumentCounts:
    """One row of table 二's first block: issued and repealed in the year, in force at its end."""

    issued: int
    repealed: int
    in_force: int
    balance: int | None = None
    """The opening balance entered for this very year, if any (it then gives `in_force`)."""


@dataclass(frozen=True, slots=True)
class ActiveTable:
    """Table 二 of the 2021 layout (annual-report-format.md §3): the ten cells."""

    rules: DocumentCounts
    normative_documents: DocumentCounts
    licensing: int
    penalty: int
    enforcement: int
    fees_10k_yuan: Decimal

    def cells(self) -> dict[str, dict[str, int | Decimal | None]]:
        """The table as `AnnualReport.active` holds it: row key → column key → value."""
        cells: dict[str, dict[str, int | Decimal | None]] = {}
        for key, row in (("rules", self.rules), ("normative_documents", self.normative_documents)):
            cells[key] = {"issued": row.issued, "repealed": row.repealed, "in_force": row.in_force}
        cells["licensing"] = {"": self.licensing}
        cells["penalty"] = {"": self.penalty}
        cells["enforcement"] = {"": self.enforcement}
        cells["fees_10k_yuan"] = {"": self.fees_10k_yuan}
        return cells


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def document_counts(
    *, agency: Agency, years: Iterable[int]
) -> dict[tuple[DocumentKind, int], DocumentCounts]:
    """Table 二's document rows for each of `years`, keyed (kind, year): two queries in all."""
    years = sorted(set(years))
    if not years:
        return {}
    balances: dict[DocumentKind, dict[int, int]] = {kind: {} for kind in DocumentKind}
    for kind, year, in_force in RegisterOpeningBalance.objects.filter(
        agency=agency, year__lte=years[-1]
    ).values_list("kind", "year", "in_force"):
        balances[DocumentKind(kind)][year] = in_force

    counts: dict[str, Count] = {}
    plan: dict[tuple[DocumentKind, int], tuple[int | None, int | None]] = {}
    for kind in DocumentKind:
        of_kind = Q(kind=kind)
        for year in years:
            first, last = date(year, 1, 1), _year_end(year)
            tag = f"{kind.value}_{year}"
            counts[f"{tag}_issued"] = Count(
                "id", filter=of_kind & Q(issued_on__range=(first, last))
            )
            counts[f"{tag}_repealed"] = Count(
                "id", filter=of_kind & Q(repealed_on__range=(first, last))
            )
            since = max((b for b in balances[kind] if b <= year), default=None)
            plan[kind, year] = (since, balances[kind].get(year))
            if since == year:
                continue  # the year's own balance gives its in_force
            after = of_kind if since is None else of_kind & Q(issued_on__gt=_year_end(since))
            counts[f"{tag}_after_issued"] = Count("id", filter=after & Q(issued_on__lte=last))
            gone = of_kind if since is None else of_kind & Q(repealed_on__gt=_year_end(since))
            counts[f"{tag}_after_repealed"] = Count("id", filter=gone & Q(repealed_on__lte=last))
    row = RegulatoryDocument.objects.filter(agency=agency).aggregate(**counts)

    table: dict[tuple[DocumentKind, int], DocumentCounts] = {}
    for (kind, year), (since, own) in plan.items():
        tag = f"{kind.value}_{year}"
        if own is not None:
            in_force = own
        else:
            opening = 0 if since is None else balances[kind][since]
            in_force = opening + int(row[f"{tag}_after_issued"]) - int(row[f"{tag}_after_repealed"])
        table[kind, year] = DocumentCounts(
            issued=int(row[f"{tag}_issued"]),
            repealed=int(row[f"{tag}_repealed"]),
            in_force=in_force,
            balance=own,
        )
    return table


def decision_counts(*, agency: Agency, year: int) -> dict[DecisionKind, int]:
    """本年处理决定数量 per kind: months with a total count the total; the other months count
    the decisions recorded one by one (two aggregate queries)."""
    totals = DecisionMonthlyTotal.objects.filter(agency=agency, year=year).aggregate(
        **{kind.value: Sum("count", filter=Q(kind=kind)) for kind in DecisionKind}
    )
    month_has_total = DecisionMonthlyTotal.objects.filter(
        agency=OuterRef("agency"),
        kind=OuterRef("kind"),
        year=year,
        month=ExtractMonth(OuterRef("decided_on")),
    )
    recorded = (
        AdministrativeDecision.objects.filter(
            agency=agency, decided_on__range=(date(year, 1, 1), _year_end(year))
        )
        .filter(~Exists(month_has_total))
        .aggregate(**{kind.value: Count("id", filter=Q(kind=kind)) for kind in DecisionKind})
    )
    return {
        kind: int(totals[kind.value] or 0) + int(recorded[kind.value] or 0) for kind in DecisionKind
    }


def yuan_to_10k_yuan(amount: Decimal) -> Decimal:
    """Yuan as 万元, rounded half up (四舍五入) to 4 decimals: 12 345.67 元 → 1.2346 万元."""
    return (amount / TEN_THOUSAND).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def fees_10k_yuan(*, agency: Agency, year: int) -> Decimal:
    """本年收费金额（万元）: the fees `agency` collected in `year` (one aggregate query)."""
    total = FeeLedgerEntry.objects.filter(
        agency=agency, collected_on__range=(date(year, 1, 1), _year_end(year))
    ).aggregate(total=Sum("amount_yuan"))["total"]
    return yuan_to_10k_yuan(Decimal(total or 0))


def active_table(*, agency: Agency, year: int) -> ActiveTable:
    """Table 二 (2021 layout) of `agency` for `year` from the registers (five queries)."""
    documents = document_counts(agency=agency, years=[year])
    decisions = decision_counts(agency=agency, year=year)
    return ActiveTable(
        rules=documents[DocumentKind.RULE, year],
        normative_documents=documents[DocumentKind.NORMATIVE_DOCUMENT, year],
        licensing=decisions[DecisionKind.LICENSING],
        penalty=decisions[DecisionKind.PENALTY],
        enforcement=decisions[DecisionKind.ENFORCEMENT],
        fees_10k_yuan=fees_10k_yuan(agency=agency, year=year),
    )


@dataclass(frozen=True, slots=True)
class StockLine:
    """The 现行有效 continuity of one kind in one year (rule T2.stock)."""

    kind: DocumentKind
    year: int
    previous_in_force: int
    issued: int
    repealed: int
    in_force: int
    balance: int | None

    @property
    def expected(self) -> int:
        return self.previous_in_force + self.issued - self.repealed

    @property
    def difference(self) -> int:
        """How many more documents the year's figure has than last year's carries forward."""
        return self.in_force - self.expected

    @property
    def holds(self) -> bool:
        return self.difference == 0


def stock_lines(*, agency: Agency, years: Iterable[int]) -> list[StockLine]:
    """For each kind and each of `years`: last year's 现行有效, this year's 制发 and 废止, and
    this year's 现行有效 (two queries)."""
    years = sorted(set(years))
    table = document_counts(agency=agency, years=[*years, *(year - 1 for year in years)])
    return [
        StockLine(
            kind=kind,
            year=year,
            previous_in_force=table[kind, year - 1].in_force,
            issued=table[kind, year].issued,
            repealed=table[kind, year].repealed,
            in_force=table[kind, year].in_force,
            balance=table[kind, year].balance,
        )
        for kind in DocumentKind
        for year in years
    ]


def stock_discrepancies(*, agency: Agency, years: Iterable[int]) -> list[StockLine]:
    """The years where in_force(Y) ≠ in_force(Y−1) + issued(Y) − repealed(Y): a year whose
    opening balance disagrees with last year's figure and the documents in the register."""
    return [line for line in stock_lines(agency=agency, years=years) if not line.holds]


@dataclass(frozen=True, slots=True)
class MonthCell:
    """One kind's decisions in one month: the total entered, if any, and the records."""

    month: int
    total: int | None
    recorded: int

    @property
    def counted(self) -> int:
        """What table 二 counts for the month: the total where there is one (no double count)."""
        return self.recorded if self.total is None else self.total


def decision_months(*, agency: Agency, year: int) -> dict[DecisionKind, list[MonthCell]]:
    """Each kind's twelve months of `year`: totals entered and decisions recorded (two queries);
    the counted figures add up to `decision_counts`."""
    totals = {
        (kind, month): count
        for kind, month, count in DecisionMonthlyTotal.objects.filter(
            agency=agency, year=year
        ).values_list("kind", "month", "count")
    }
    recorded = {
        (row["kind"], row["month"]): row["n"]
        for row in AdministrativeDecision.objects.filter(
            agency=agency, decided_on__range=(date(year, 1, 1), _year_end(year))
        )
        .annotate(month=ExtractMonth("decided_on"))
        .values("kind", "month")
        .annotate(n=Count("id"))
        .order_by()
    }
    return {
        kind: [
            MonthCell(
                month=month,
                total=totals.get((kind.value, month)),
                recorded=recorded.get((kind.value, month), 0),
            )
            for month in range(1, 13)
        ]
        for kind in DecisionKind
    }


def documents_of(*, agency: Agency, in_force: bool | None = None) -> QuerySet[RegulatoryDocument]:
    """`agency`'s rules and normative documents, newest first; only those in force (True) or
    repealed (False) when asked, with the publication item that brought each in."""
    documents = RegulatoryDocument.objects.filter(agency=agency).select_related("publication")
    if in_force is not None:
        documents = documents.filter(repealed_on__isnull=in_force)
    return documents.order_by("-issued_on", "-id")


def fees_of_year(*, agency: Agency, year: int) -> QuerySet[FeeLedgerEntry]:
    """The fee ledger entries `agency` collected in `year`, newest first."""
    return FeeLedgerEntry.objects.filter(
        agency=agency, collected_on__range=(date(year, 1, 1), _year_end(year))
    ).order_by("-collected_on", "-id")


def agencies_with_registers_visible_to(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    """The agencies whose records behind the report `user` may read (REPORT_RECORDS)."""
    return agencies_in(REPORT_RECORDS, user=user)
