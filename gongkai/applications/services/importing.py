"""Importing an agency's application register: all rows or none, one audit event.

Each row becomes a case with a new tracking code (no query code: the applicant never had one),
its receipt event, and — when the register gives an outcome — its decision on the 答复日期,
the case then CLOSED; otherwise the case is open (RECEIVED) and its clock runs from the receipt
date. The register's own case number (编号) and unknown columns (notes) are kept.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.case_clock import refresh_due_dates
from gongkai.applications.models import Application, ApplicationEvent, Source
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.register_file import RegisterError, RegisterRow, read_register
from gongkai.applications.procedure.workflow import State
from gongkai.audit.services import record_event

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["ImportResult", "RegisterError", "applications_import"]

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """How many cases the register brought in, and how many of them are concluded."""

    created: int
    concluded: int

    @property
    def open(self) -> int:
        return self.created - self.concluded


def _tracking_codes(count: int, year: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        wanted = count - len(codes)
        fresh = {
            f"{year}-{''.join(secrets.choice(_ALPHABET) for _ in range(8))}" for _ in range(wanted)
        }
        taken = set(
            Application.objects.filter(tracking_code__in=fresh).values_list(
                "tracking_code", flat=True
            )
        )
        codes |= fresh - taken
    return sorted(codes)


def applications_import(
    *, agency: Agency, path: Path, actor: User | None = None, today: dt.date | None = None
) -> ImportResult:
    """Import the register at `path` into `agency`; raise RegisterError (nothing written)
    listing every bad row as `第N行: reason`."""
    today = today or timezone.localdate()
    rows = read_register(path, today=today)
    numbers = [row.case_number for row in rows if row.case_number]
    taken = set(
        Application.objects.filter(agency=agency, case_number__in=numbers).values_list(
            "case_number", flat=True
        )
    )
    if taken:
        raise RegisterError(
            [
                f"第{row.line}行: 编号 {row.case_number} 已在本机关登记过"
                for row in rows
                if row.case_number in taken
            ]
        )
    with transaction.atomic():
        cases = Application.objects.bulk_create(
            [
                _case(agency, row, code)
                for row, code in zip(rows, _tracking_codes(len(rows), today.year), strict=True)
            ],
            batch_size=1000,
        )
        ApplicationEvent.objects.bulk_create(
            [
                event
                for case, row in zip(cases, rows, strict=True)
                for event in _events(case, row, actor)
            ],
            batch_size=2000,
        )
        refresh_due_dates(Application.objects.filter(pk__in=[case.pk for case in cases]))
        concluded = sum(1 for row in rows if row.outcome is not None)
        record_event(
            actor=actor,
            action="applications.import",
            obj=agency,
            before=None,
            after={"file": path.name, "created": len(rows), "concluded": concluded},
        )
    return ImportResult(created=len(rows), concluded=concluded)


def _case(agency: Agency, row: RegisterRow, code: str) -> Application:
    concluded = row.outcome is not None
    return Application(
        agency=agency,
        tracking_code=code,
        source=Source.IMPORT,
        case_number=row.case_number,
        applicant_kind=row.applicant_kind,
        applicant_name=row.applicant_name,
        channel=row.channel.value,
        receipt_date=row.receipt_date,
        description=row.description,
        state=(State.CLOSED if concluded else State.RECEIVED).value,
        outcome=row.outcome,
        concluded_on=row.concluded_on,
        notes=row.notes,
    )


def _events(case: Application, row: RegisterRow, actor: User | None) -> list[ApplicationEvent]:
    def event(kind: EventKind, date: dt.date, details: dict[str, object]) -> ApplicationEvent:
        return ApplicationEvent(
            application=case, kind=kind.value, date=date, actor=actor, details=details
        )

    events = [
        event(EventKind.IMPORTED, row.receipt_date, {"line": row.line}),
        event(EventKind.RECEIVED, row.receipt_date, {}),
    ]
    if row.outcome is not None and row.concluded_on is not None:
        events.append(event(EventKind.DECIDED, row.concluded_on, {"outcome": row.outcome}))
        events.append(event(EventKind.CLOSED, row.concluded_on, {}))
    return events
