"""Retiring catalogue entries and importing a whole catalogue from a file.

An entry is never deleted: one no longer owed is retired (`active` False) and can be put back.
An import is all rows or none: the file's rows (checked by `catalogue_file`) are resolved
against the agency's categories and sections, and any bad row — an unknown name, a title the
catalogue already has — stops the whole import with every reason listed as `第N行: …`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.agencies.models import Agency, Section
from gongkai.audit.services import record_event
from gongkai.publications.catalogue_file import CatalogueFileError, CatalogueRow
from gongkai.publications.models import CatalogueTiming, Category, DisclosureCatalogueEntry
from gongkai.publications.services.base import ConcurrentChange
from gongkai.publications.services.catalogue import (
    catalogue_entry_create,
    entry_snapshot,
    require_catalogue_keeper,
)
from gongkai.publications.workflow import WorkflowError

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["catalogue_entry_set_active", "catalogue_import"]


def catalogue_entry_set_active(
    *, actor: User | None, entry: DisclosureCatalogueEntry, seen_version: int, active: bool
) -> DisclosureCatalogueEntry:
    """Retire an entry (no longer checked, no longer offered on the draft form) or restore it;
    items already linked to it keep the link."""
    require_catalogue_keeper(actor, entry.agency)
    with transaction.atomic():
        current = DisclosureCatalogueEntry.objects.select_for_update().get(pk=entry.pk)
        if current.version != seen_version:
            raise ConcurrentChange(current, f"公开事项“{current.title}”")
        if current.active == active:
            raise WorkflowError("该事项已停用" if not active else "该事项未停用")
        if (
            active
            and DisclosureCatalogueEntry.objects.filter(
                agency_id=current.agency_id, title=current.title, active=True
            ).exists()
        ):
            raise WorkflowError(f"目录中已有有效的公开事项“{current.title}”")
        before = entry_snapshot(current)
        current.active = active
        current.version += 1
        current.save()
        record_event(
            actor=actor,
            action="catalogue_entry.restore" if active else "catalogue_entry.retire",
            obj=current,
            before=before,
            after=entry_snapshot(current),
        )
    entry.refresh_from_db()
    return entry


def _by_name(agency: Agency) -> tuple[dict[str, Category], dict[str, Section]]:
    categories: dict[str, Category] = {}
    for category in Category.objects.filter(agency=agency).order_by("id"):
        categories.setdefault(category.name, category)
        categories.setdefault(category.slug, category)
    sections = {s.name: s for s in Section.objects.filter(agency=agency)}
    return categories, sections


def catalogue_import(
    *, actor: User | None, agency: Agency, rows: list[CatalogueRow], source: str = ""
) -> list[DisclosureCatalogueEntry]:
    """Add every row to the agency's catalogue, or none (CatalogueFileError lists why)."""
    require_catalogue_keeper(actor, agency)
    categories, sections = _by_name(agency)
    existing = set(
        DisclosureCatalogueEntry.objects.filter(agency=agency, active=True).values_list(
            "title", flat=True
        )
    )
    errors: list[str] = []
    for row in rows:
        reasons = []
        if row.category and row.category not in categories:
            reasons.append(f"公开栏目“{row.category}”不是本机关的栏目")
        if row.section and row.section not in sections:
            reasons.append(f"责任股室“{row.section}”不是本机关的股室")
        if row.title in existing:
            reasons.append(f"目录中已有公开事项“{row.title}”")
        if reasons:
            errors.append(f"第{row.line}行: {'；'.join(reasons)}")
    if errors:
        raise CatalogueFileError(errors)
    with transaction.atomic():
        entries = [
            catalogue_entry_create(
                actor=actor,
                agency=agency,
                title=row.title,
                category=categories[row.category] if row.category else None,
                section=sections[row.section] if row.section else None,
                legal_basis=row.legal_basis,
                timing=CatalogueTiming(row.timing),
                workdays=row.workdays,
            )
            for row in rows
        ]
        record_event(
            actor=actor,
            action="catalogue_entry.import",
            obj=agency,
            before=None,
            after={"entries": len(entries), "source": source},
        )
    return entries
