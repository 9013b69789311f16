"""Writes on the fee ledger (行政事业性收费): one transaction and one audit event each.

Amounts are yuan to the fen (two decimals), as on the receipt; table 二 shows the year's sum in
万元 (selectors.active_table).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.registers.models import FeeLedgerEntry
from gongkai.registers.services.documents import not_in_future, require_keeper

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["fee_record"]


def fee_record(
    *,
    actor: User | None,
    agency: Agency,
    collected_on: dt.date,
    amount_yuan: Decimal,
    item: str,
    basis: str = "",
    receipt_number: str = "",
) -> FeeLedgerEntry:
    """Enter `amount_yuan` yuan of administrative fees (行政事业性收费) collected by `agency`."""
    require_keeper(actor, agency)
    not_in_future(collected_on, "收费日期")
    item, receipt_number = item.strip(), receipt_number.strip()
    if not item:
        raise ValidationError("请填写收费项目。")
    if not amount_yuan.is_finite() or amount_yuan <= 0:
        raise ValidationError("收费金额应大于 0 元。")
    if amount_yuan != amount_yuan.quantize(Decimal("0.01")):
        raise ValidationError("收费金额以元为单位，最多两位小数（到分）。")
    entry = FeeLedgerEntry(
        agency=agency,
        collected_on=collected_on,
        amount_yuan=amount_yuan,
        item=item,
        basis=basis.strip(),
        receipt_number=receipt_number,
    )
    with transaction.atomic():
        if (
            receipt_number
            and FeeLedgerEntry.objects.filter(agency=agency, receipt_number=receipt_number).exists()
        ):
            raise ValidationError(f"票据号 {receipt_number} 已登记。")
        entry.full_clean(validate_constraints=False)
        entry.save()
        record_event(
            actor=actor,
            action="fee.record",
            obj=entry,
            before=None,
            after={
                "collected_on": collected_on.isoformat(),
                "amount_yuan": str(amount_yuan),
                "item": item,
                "receipt_number": receipt_number,
            },
        )
    return entry
