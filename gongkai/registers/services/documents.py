"""Writes on the document register: rules and normative documents, and opening balances.

Each function is one transaction with one audit event. `actor` None means a platform command
or the publication path run by the system; a person must hold the disclosure-office role
(permissions.can_keep_registers) — except on the publication path, whose own services already
decided who may publish.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.changes import locked_change
from gongkai.audit.services import record_event
from gongkai.registers.models import (
    DocumentKind,
    DocumentSource,
    RegisterOpeningBalance,
    RegulatoryDocument,
)
from gongkai.registers.permissions import can_keep_registers

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.publications.models import PublishedItem

__all__ = [
    "document_register",
    "document_repeal",
    "opening_balance_set",
    "register_normative_document_from_publication",
    "repeal_normative_document_of_publication",
]


def require_keeper(actor: User | None, agency: Agency) -> None:
    if actor is not None and not can_keep_registers(actor, agency):
        raise PermissionDenied(f"无权登记{agency.name}的规范性文件、行政决定和收费台账。")


def not_in_future(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"{what}不能晚于今天。")


def document_snapshot(document: RegulatoryDocument) -> dict[str, str | int | None]:
    return {
        "kind": document.kind,
        "title": document.title,
        "document_number": document.document_number,
        "issued_on": document.issued_on.isoformat(),
        "repealed_on": document.repealed_on.isoformat() if document.repealed_on else None,
        "source": document.source,
        "publication": document.publication_id,
    }


def _check_number_free(agency: Agency, number: str) -> None:
    if number and RegulatoryDocument.objects.filter(agency=agency, document_number=number).exists():
        raise ValidationError(f"文号 {number} 已在{agency.name}的文件台账中登记。")


def document_register(
    *,
    actor: User | None,
    agency: Agency,
    kind: DocumentKind,
    title: str,
    issued_on: date,
    document_number: str = "",
    repealed_on: date | None = None,
    notes: str = "",
) -> RegulatoryDocument:
    """Enter a rule or normative document of `agency`, issued on `issued_on`.

    `repealed_on` lets a past document be entered already repealed (backfilling a register).
    """
    require_keeper(actor, agency)
    title, document_number = title.strip(), document_number.strip()
    if not title:
        raise ValidationError("请填写文件标题。")
    not_in_future(issued_on, "制发日期")
    if repealed_on is not None:
        not_in_future(repealed_on, "废止日期")
        if repealed_on < issued_on:
            raise ValidationError("废止日期不能早于制发日期。")
    document = RegulatoryDocument(
        agency=agency,
        kind=kind,
        title=title,
        document_number=document_number,
        issued_on=issued_on,
        repealed_on=repealed_on,
        notes=notes.strip(),
    )
    with transaction.atomic():
        _check_number_free(agency, document_number)
        document.full_clean()
        document.save()
        record_event(
            actor=actor,
            action="regulatory_document.register",
            obj=document,
            before=None,
            after=document_snapshot(document),
        )
    return document


def document_repeal(
    *, actor: User | None, document: RegulatoryDocument, repealed_on: date
) -> RegulatoryDocument:
    """Mark `document` repealed (废止, 失效) from `repealed_on`; a repealed one stays repealed."""
    require_keeper(actor, document.agency)
    return _repeal(actor=actor, document=document, repealed_on=repealed_on)


def _repeal(
    *, actor: User | None, document: RegulatoryDocument, repealed_on: date
) -> RegulatoryDocument:
    not_in_future(repealed_on, "废止日期")

    def repeal(locked: RegulatoryDocument) -> None:
        # The row is locked: of two staff repealing at once, the second sees it repealed.
        if locked.repealed_on is not None:
            raise ValidationError(f"该文件已于 {locked.repealed_on:%Y-%m-%d} 废止。")
        if repealed_on < locked.issued_on:
            raise ValidationError("废止日期不能早于制发日期。")
        locked.repealed_on = repealed_on

    locked = locked_change(
        model=RegulatoryDocument,
        pk=document.pk,
        seen_version=None,
        actor=actor,
        action="regulatory_document.repeal",
        describe=lambda d: "规范性文件",
        snapshot=document_snapshot,
        change=repeal,
    )
    document.repealed_on = locked.repealed_on
    return locked


def register_normative_document_from_publication(
    *, item: PublishedItem, actor: User | None
) -> RegulatoryDocument:
    """Enter the 行政规范性文件 `item`, just published, in its agency's register; idempotent.

    Called by the publications app when an item with `is_normative_document` is published.
    - the item already in the register: returned unchanged, no event (a second call, a
      re-publication after revision);
    - a document of the agency entered by hand with the same 文号 and no item yet: linked to the
      item (source becomes publication), so it is never counted twice;
    - otherwise a new normative document: the item's title and 文号, issued on its 成文日期
      (`date_written`; when missing, the day it was first published), source publication.
    No permission check: the publication path decided who may publish.
    """
    existing = RegulatoryDocument.objects.filter(publication=item).first()
    if existing is not None:
        return existing
    number = item.document_number.strip()
    try:
        with transaction.atomic():
            manual = (
                RegulatoryDocument.objects.select_for_update()
                .filter(agency_id=item.agency_id, document_number=number, publication=None)
                .first()
                if number
                else None
            )
            if manual is not None:
                return _link(manual, item=item, actor=actor)
            document = RegulatoryDocument(
                agency_id=item.agency_id,
                kind=DocumentKind.NORMATIVE_DOCUMENT,
                title=item.title.strip(),
                document_number=number,
                issued_on=_issued_on(item),
                source=DocumentSource.PUBLICATION,
                publication=item,
            )
            document.full_clean(validate_constraints=False)
            document.save()
            record_event(
                actor=actor,
                action="regulatory_document.from_publication",
                obj=document,
                before=None,
                after=document_snapshot(document),
            )
            return document
    except IntegrityError:
        # The same item published twice at once: the other call entered it first.
        existing = RegulatoryDocument.objects.filter(publication=item).first()
        if existing is None:
            raise
        return existing


def _issued_on(item: PublishedItem) -> date:
    if item.date_written is not None:
        return item.date_written
    if item.published_at is not None:
        return timezone.localdate(item.published_at)
    return timezone.localdate()


def _link(
    document: RegulatoryDocument, *, item: PublishedItem, actor: User | None
) -> RegulatoryDocument:
    if document.kind != DocumentKind.NORMATIVE_DOCUMENT:
        raise ValidationError(
            f"文号 {document.document_number} 已作为{document.get_kind_display()}登记，"
            "不能再作为行政规范性文件登记。"
        )
    before = document_snapshot(document)
    document.source, document.publication = DocumentSource.PUBLICATION, item
    document.save(update_fields=["source", "publication"])
    record_event(
        actor=actor,
        action="regulatory_document.link_publication",
        obj=document,
        before=before,
        after=document_snapshot(document),
    )
    return document


def repeal_normative_document_of_publication(
    *, item: PublishedItem, repealed_on: date, actor: User | None
) -> RegulatoryDocument | None:
    """Repeal the document `item` brought into the register (the item retired as 失效/废止);
    None when the item never entered it; a document already repealed is left as it is."""
    document = RegulatoryDocument.objects.filter(publication=item).first()
    if document is None or document.repealed_on is not None:
        return document
    # No permission check, as on entry: the publication path decided who may retire an item.
    return _repeal(actor=actor, document=document, repealed_on=repealed_on)


def opening_balance_set(
    *,
    actor: User | None,
    agency: Agency,
    kind: DocumentKind,
    year: int,
    in_force: int,
    notes: str = "",
) -> RegisterOpeningBalance:
    """Record that `in_force` documents of `kind` were in force at the end of `year` (the
    agency's own count); a second call for the same year corrects the first."""
    require_keeper(actor, agency)
    if year >= timezone.localdate().year:
        raise ValidationError("只能登记已结束年度的年末现行有效件数。")
    if in_force < 0:
        raise ValidationError("现行有效件数不能小于 0。")
    with transaction.atomic():
        balance = (
            RegisterOpeningBalance.objects.select_for_update()
            .filter(agency=agency, kind=kind, year=year)
            .first()
        )
        before = None if balance is None else {"in_force": balance.in_force, "notes": balance.notes}
        if balance is None:
            balance = RegisterOpeningBalance(agency=agency, kind=kind, year=year)
        balance.in_force, balance.notes = in_force, notes.strip()
        balance.full_clean(validate_constraints=False)
        balance.save()
        record_event(
            actor=actor,
            action="register_opening_balance.set",
            obj=balance,
            before=before,
            after={"kind": kind.value, "year": year, "in_force": in_force, "notes": balance.notes},
        )
    return balance
