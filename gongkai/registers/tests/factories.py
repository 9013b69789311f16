"""Factories for tests: register rows saved directly (no audit events)."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from decimal import Decimal

from gongkai.agencies.models import Agency
from gongkai.registers.models import (
    AdministrativeDecision,
    DecisionKind,
    DecisionMonthlyTotal,
    DocumentKind,
    FeeLedgerEntry,
    RegisterOpeningBalance,
    RegulatoryDocument,
    TotalSource,
)

_sequence = itertools.count(1)


def make_document(
    *,
    agency: Agency,
    kind: DocumentKind = DocumentKind.NORMATIVE_DOCUMENT,
    issued_on: date,
    repealed_on: date | None = None,
) -> RegulatoryDocument:
    n = next(_sequence)
    return RegulatoryDocument.objects.create(
        agency=agency, kind=kind, title=f"文件{n}", issued_on=issued_on, repealed_on=repealed_on
    )


def make_balance(
    *, agency: Agency, kind: DocumentKind, year: int, in_force: int
) -> RegisterOpeningBalance:
    return RegisterOpeningBalance.objects.create(
        agency=agency, kind=kind, year=year, in_force=in_force
    )


def make_decision(
    *, agency: Agency, kind: DecisionKind, decided_on: date
) -> AdministrativeDecision:
    return AdministrativeDecision.objects.create(agency=agency, kind=kind, decided_on=decided_on)


def make_total(
    *, agency: Agency, kind: DecisionKind, year: int, month: int, count: int
) -> DecisionMonthlyTotal:
    return DecisionMonthlyTotal.objects.create(
        agency=agency, kind=kind, year=year, month=month, count=count, source=TotalSource.MANUAL
    )


def make_fee(*, agency: Agency, collected_on: date, amount_yuan: str) -> FeeLedgerEntry:
    return FeeLedgerEntry.objects.create(
        agency=agency,
        collected_on=collected_on,
        amount_yuan=Decimal(amount_yuan),
        item="证照工本费",
    )


def make_published_item(
    *,
    agency: Agency,
    title: str = "关于规范统计调查的若干规定",
    document_number: str = "",
    date_written: date | None = None,
):
    """A published normative-document item (publications app), saved directly."""
    from django.utils import timezone

    from gongkai.publications.models import Category, PublishedItem

    n = next(_sequence)
    category = Category.objects.create(agency=agency, name="规范性文件", slug=f"gfxwj-{n}")
    published = timezone.make_aware(datetime(2024, 3, 5, 10, 0))
    return PublishedItem.objects.create(
        agency=agency,
        index_number=f"IDX-{n}",
        title=title,
        category=category,
        issuer=agency.name,
        date_written=date_written,
        document_number=document_number,
        is_normative_document=True,
        state="published",
        is_public=True,
        published_at=published,
    )
