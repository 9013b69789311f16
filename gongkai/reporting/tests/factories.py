"""Applications saved directly for report tests: only what table 三 reads (no events)."""

from __future__ import annotations

import itertools
from datetime import date

from gongkai.agencies.models import Agency

_sequence = itertools.count(1)


def make_application(
    *,
    agency: Agency,
    kind: str,
    receipt_date: date,
    outcome: str | None = None,
    concluded_on: date | None = None,
):
    """A received application of applicant kind `kind`; concluded with `outcome` if given."""
    from gongkai.applications.models import CHANNEL_CHOICES, Application, Source
    from gongkai.applications.procedure.workflow import State

    return Application.objects.create(
        agency=agency,
        tracking_code=f"T-REPORT-{next(_sequence)}",
        source=Source.STAFF,
        applicant_kind=kind,
        applicant_name="申请人",
        channel=CHANNEL_CHOICES[0][0],
        description="某项政府信息",
        receipt_date=receipt_date,
        state=State.CLOSED if outcome else State.RECEIVED,
        outcome=outcome,
        concluded_on=concluded_on,
    )
