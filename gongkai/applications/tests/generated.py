"""Generated case histories for table 三 tests and the benchmark: rows written directly.

A seeded generator (not the services: tens of thousands of cases must load in seconds) that
still obeys the model's constraints: an open case is RECEIVED with no outcome; a concluded one
is CLOSED with one outcome from the catalogue and an 答复日期 on or after its receipt date.
"""

from __future__ import annotations

import datetime as dt
import random

from gongkai.agencies.models import Agency
from gongkai.applications.models import APPLICANT_KINDS, Application, Source
from gongkai.applications.procedure.workflow import State
from gongkai.report.catalogue import OUTCOME_KEYS


def generate_cases(
    *,
    agency: Agency,
    count: int,
    seed: int,
    first: dt.date = dt.date(2019, 6, 1),
    last: dt.date = dt.date(2026, 11, 1),
    open_share: float = 0.15,
    batch_size: int = 2000,
) -> list[Application]:
    """Create `count` cases received between `first` and `last` and return them (unsaved ids
    on SQLite/PostgreSQL are filled by bulk_create)."""
    rng = random.Random(seed)
    span = (last - first).days
    cases = []
    for n in range(count):
        received = first + dt.timedelta(days=rng.randrange(span + 1))
        concluded = None
        outcome = None
        if rng.random() >= open_share:
            # most within a month, some across the year's end, a few long
            days = rng.choice([rng.randrange(0, 30), rng.randrange(0, 60), rng.randrange(0, 400)])
            concluded = received + dt.timedelta(days=days)
            outcome = rng.choice(OUTCOME_KEYS)
        cases.append(
            Application(
                agency=agency,
                tracking_code=f"G{seed}-{n:07d}",
                source=Source.IMPORT,
                applicant_kind=rng.choice(APPLICANT_KINDS),
                applicant_name=f"申请人{rng.randrange(500)}",
                channel="online",
                receipt_date=received,
                description="生成的申请",
                state=(State.CLOSED if outcome else State.RECEIVED).value,
                outcome=outcome,
                concluded_on=concluded,
            )
        )
    return Application.objects.bulk_create(cases, batch_size=batch_size)
