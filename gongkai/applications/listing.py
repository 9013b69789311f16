"""A page of cases with each case's due date, in a fixed number of queries.

The workspace list and the API list show the reply due date beside each case. The due date is
the pure clock over the case's events (ARCHITECTURE rule 3); the events of the whole page are
read in one query, whatever the page's length.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.applications.case_clock import clocks_for
from gongkai.applications.models import Application
from gongkai.applications.procedure.deadlines import Clock

__all__ = ["ListedCase", "with_clocks"]


@dataclass(frozen=True, slots=True)
class ListedCase:
    """One case of a list and its clock as of today."""

    application: Application
    clock: Clock

    @property
    def due(self) -> dt.date | None:
        return self.clock.reply_due.date if self.clock.reply_due is not None else None

    @property
    def provisional(self) -> bool:
        return self.clock.reply_due is not None and self.clock.reply_due.provisional


def with_clocks(cases: Sequence[Application], *, as_of: dt.date | None = None) -> list[ListedCase]:
    """Return `cases` (a page, already sliced) each with its clock: one query for the events."""
    return [
        ListedCase(case, case_clock)
        for case, case_clock in zip(cases, clocks_for(cases, as_of=as_of), strict=True)
    ]
