"""Writes on the decision register: one transaction and one audit event each.

A month's decisions of one kind come either one by one (`decision_record`) or as a monthly
total (`monthly_total_set`, `monthly_totals_import`); where a month has a total, the total is
that month's figure (selectors.decision_counts), so nothing is counted twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.registers.decision_file import TotalsFileError, read_totals
from gongkai.registers.models import (
    FIRST_YEAR,
    AdministrativeDecision,
    DecisionKind,
    DecisionMonthlyTotal,
    TotalSource,
)
from gongkai.registers.services.documents import not_in_future, require_keeper

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "TotalsFileError",
    "TotalsImport",
    "decision_record",
    "monthly_total_set",
    "monthly_totals_import",
]


def decision_record(
    *,
    actor: User | None,
    agency: Agency,
    kind: DecisionKind,
    decided_on: dt.date,
    reference: str = "",
) -> AdministrativeDecision:
    """Enter one licensing, penalty or enforcement decision of `agency`, made `decided_on`."""
    require_keeper(actor, agency)
    not_in_future(decided_on, "决定日期")
    reference = reference.strip()
    decision = AdministrativeDecision(
        agency=agency, kind=kind, decided_on=decided_on, reference=reference
    )
    with transaction.atomic():
        if (
            reference
            and AdministrativeDecision.objects.filter(
                agency=agency, kind=kind, reference=reference
            ).exists()
        ):
            raise ValidationError(f"决定书文号 {reference} 已登记。")
        decision.full_clean(validate_constraints=False)
        decision.save()
        record_event(
            actor=actor,
            action="administrative_decision.record",
            obj=decision,
            before=None,
            after={
                "kind": kind.value,
                "decided_on": decided_on.isoformat(),
                "reference": reference,
            },
        )
    return decision


def _check_month(year: int, month: int) -> None:
    today = timezone.localdate()
    if not 1 <= month <= 12 or year < FIRST_YEAR or (year, month) > (today.year, today.month):
        raise ValidationError(f"{year}年{month}月不是可以填报的月份。")


def _put_total(
    *, agency: Agency, kind: str, year: int, month: int, count: int, source: TotalSource
) -> tuple[DecisionMonthlyTotal, int | None]:
    """Create or correct one month's total (inside the caller's transaction); the old count."""
    total = (
        DecisionMonthlyTotal.objects.select_for_update()
        .filter(agency=agency, kind=kind, year=year, month=month)
        .first()
    )
    before = None if total is None else total.count
    if total is None:
        total = DecisionMonthlyTotal(agency=agency, kind=kind, year=year, month=month)
    total.count, total.source = count, source
    total.save()
    return total, before


def monthly_total_set(
    *,
    actor: User | None,
    agency: Agency,
    kind: DecisionKind,
    year: int,
    month: int,
    count: int,
) -> DecisionMonthlyTotal:
    """Enter (or correct) the number of `kind` decisions `agency` made in `month` of `year`."""
    require_keeper(actor, agency)
    _check_month(year, month)
    if count < 0:
        raise ValidationError("数量不能小于 0。")
    with transaction.atomic():
        total, before = _put_total(
            agency=agency, kind=kind, year=year, month=month, count=count,
            source=TotalSource.MANUAL,
        )  # fmt: skip
        record_event(
            actor=actor,
            action="decision_total.set",
            obj=total,
            before=None if before is None else {"count": before},
            after={"kind": kind.value, "year": year, "month": month, "count": count},
        )
    return total


@dataclass(frozen=True, slots=True)
class TotalsImport:
    """What an import did: months newly entered, months whose total it corrected."""

    created: int
    updated: int


def monthly_totals_import(
    *, agency: Agency, path: Path, actor: User | None = None, today: dt.date | None = None
) -> TotalsImport:
    """Import the monthly totals file at `path` (decision_file) into `agency`, all rows or none.

    A month already holding a total of that kind is corrected to the file's figure (the latest
    file wins). Raises TotalsFileError (nothing written) listing every bad row as `第N行: …`.
    """
    require_keeper(actor, agency)
    rows = read_totals(path, today=today or timezone.localdate())
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _total, before = _put_total(
                agency=agency, kind=row.kind, year=row.year, month=row.month, count=row.count,
                source=TotalSource.IMPORT,
            )  # fmt: skip
            if before is None:
                created += 1
            elif before != row.count:
                updated += 1
        record_event(
            actor=actor,
            action="decision_totals.import",
            obj=agency,
            before=None,
            after={"file": path.name, "rows": len(rows), "created": created, "updated": updated},
        )
    return TotalsImport(created=created, updated=updated)
