"""Writes on the category tree and the disclosure catalogue (政务公开事项目录).

The disclosure office (or the agency's administrator) keeps both. Each function is atomic and
records one audit event. Categories and entries are never deleted: an entry no longer owed is
made inactive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from gongkai.agencies.models import Agency, Role, Section
from gongkai.agencies.permissions import has_role, is_superuser
from gongkai.audit.changes import locked_change
from gongkai.audit.services import record_event
from gongkai.pages.portal_version import portal_content_changed
from gongkai.publications.models import (
    Article20Item,
    CatalogueTiming,
    Category,
    Dimension,
    DisclosureCatalogueEntry,
)
from gongkai.publications.workflow import WorkflowError

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = [
    "can_keep_catalogue",
    "catalogue_entry_create",
    "catalogue_entry_update",
    "category_create",
    "category_move",
    "category_update",
    "entry_snapshot",
    "require_catalogue_keeper",
]

can_keep_catalogue = is_superuser | has_role(Role.DISCLOSURE_OFFICE, Role.ADMINISTRATOR)


def require_catalogue_keeper(actor: User | None, agency: Agency) -> None:
    # None: a system command (the demo loader, migrations of data), trusted like the CLI.
    if actor is not None and not can_keep_catalogue(actor, agency):
        raise PermissionDenied("只有公开办或系统管理员可以维护信息分类和公开事项目录。")


def _category_snapshot(category: Category) -> dict[str, Any]:
    return {
        "name": category.name,
        "slug": category.slug,
        "parent": category.parent_id,
        "order": category.order,
        "article20_item": category.article20_item,
        "dimension": category.dimension,
    }


def _clean_category(
    *,
    agency: Agency,
    name: str,
    slug: str,
    article20_item: str,
    dimension: str,
    exclude: int | None = None,
) -> tuple[str, str]:
    name = name.strip()
    if not name:
        raise WorkflowError("栏目名称不能为空")
    slug = slugify(slug.strip())
    if not slug:
        raise WorkflowError("网址名只能由字母、数字、- 和 _ 组成")
    if article20_item and article20_item not in Article20Item.values:
        raise WorkflowError("条例第二十条没有这一项")
    if dimension and dimension not in Dimension.values:
        raise WorkflowError("五公开没有这一类")
    clash = Category.objects.filter(agency=agency, slug=slug)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise WorkflowError(f"网址名“{slug}”已被本机关其他栏目使用")
    return name, slug


def category_create(
    *,
    actor: User | None,
    agency: Agency,
    name: str,
    slug: str,
    parent: Category | None = None,
    order: int = 0,
    article20_item: str = "",
    dimension: str = "",
) -> Category:
    """Add a category to the agency's tree."""
    require_catalogue_keeper(actor, agency)
    name, slug = _clean_category(
        agency=agency, name=name, slug=slug, article20_item=article20_item, dimension=dimension
    )
    if parent is not None and parent.agency_id != agency.pk:
        raise WorkflowError("上级栏目不属于本机关")
    with transaction.atomic():
        category = Category.objects.create(
            agency=agency,
            parent=parent,
            name=name,
            slug=slug,
            order=order,
            article20_item=article20_item,
            dimension=dimension,
        )
        record_event(
            actor=actor,
            action="category.create",
            obj=category,
            agency=agency,
            before=None,
            after=_category_snapshot(category),
        )
        portal_content_changed()  # the portal's menus and listings show categories
    return category


def category_update(
    *,
    actor: User | None,
    category: Category,
    name: str,
    slug: str,
    order: int,
    article20_item: str = "",
    dimension: str = "",
) -> Category:
    """Rename, re-slug, reorder or re-map a category (its place in the tree: category_move)."""
    agency = category.agency
    require_catalogue_keeper(actor, agency)
    name, slug = _clean_category(
        agency=agency,
        name=name,
        slug=slug,
        article20_item=article20_item,
        dimension=dimension,
        exclude=category.pk,
    )

    def update(current: Category) -> None:
        current.name, current.slug, current.order = name, slug, order
        current.article20_item, current.dimension = article20_item, dimension

    _category_change(actor, category, "category.update", update)
    category.refresh_from_db()
    return category


def category_move(
    *, actor: User | None, category: Category, parent: Category | None, order: int | None = None
) -> Category:
    """Move a category under `parent` (None: to the top); a move under itself is refused."""
    agency = category.agency
    require_catalogue_keeper(actor, agency)
    if parent is not None:
        if parent.agency_id != agency.pk:
            raise WorkflowError("上级栏目不属于本机关")
        ancestor: Category | None = parent
        while ancestor is not None:
            if ancestor.pk == category.pk:
                raise WorkflowError("不能把栏目移到它自己或它的下级栏目之下")
            ancestor = ancestor.parent

    def move(current: Category) -> None:
        current.parent = parent
        if order is not None:
            current.order = order

    _category_change(actor, category, "category.move", move)
    category.refresh_from_db()
    return category


def _category_change(
    actor: User | None, category: Category, action: str, change: Callable[[Category], None]
) -> None:
    """Lock the category, change it, save it and audit it (`locked_change`, no version)."""
    locked_change(
        model=Category,
        pk=category.pk,
        seen_version=None,
        actor=actor,
        action=action,
        describe=lambda c: f"栏目“{c.name}”",
        snapshot=_category_snapshot,
        change=change,
        # the portal's menus and listings show categories
        after=lambda c: portal_content_changed(),
    )


def entry_snapshot(entry: DisclosureCatalogueEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "category": entry.category_id,
        "section": entry.section_id,
        "legal_basis": entry.legal_basis,
        "timing": entry.timing,
        "workdays": entry.workdays,
        "active": entry.active,
        "version": entry.version,
    }


def _check_entry(
    agency: Agency,
    title: str,
    category: Category | None,
    section: Section | None,
    timing: CatalogueTiming,
    workdays: int,
) -> str:
    title = title.strip()
    if not title:
        raise WorkflowError("公开事项名称不能为空")
    if category is not None and category.agency_id != agency.pk:
        raise WorkflowError("公开栏目不属于本机关")
    if section is not None and section.agency_id != agency.pk:
        raise WorkflowError("责任股室不属于本机关")
    if timing not in CatalogueTiming.values:
        raise WorkflowError("公开时限类型不正确")
    if workdays < 1:
        raise WorkflowError("公开时限至少 1 个工作日")
    return title


def catalogue_entry_create(
    *,
    actor: User | None,
    agency: Agency,
    title: str,
    category: Category | None = None,
    section: Section | None = None,
    legal_basis: str = "",
    timing: CatalogueTiming = CatalogueTiming.ON_CHANGE,
    workdays: int = 20,
) -> DisclosureCatalogueEntry:
    """Add a line to the catalogue; 20 working days by default (条例第二十六条)."""
    require_catalogue_keeper(actor, agency)
    title = _check_entry(agency, title, category, section, timing, workdays)
    with transaction.atomic():
        entry = DisclosureCatalogueEntry.objects.create(
            agency=agency,
            title=title,
            category=category,
            section=section,
            legal_basis=legal_basis.strip(),
            timing=timing,
            workdays=workdays,
        )
        record_event(
            actor=actor,
            action="catalogue_entry.create",
            obj=entry,
            before=None,
            after=entry_snapshot(entry),
        )
    return entry


def catalogue_entry_update(
    *,
    actor: User | None,
    entry: DisclosureCatalogueEntry,
    seen_version: int,
    title: str,
    category: Category | None,
    section: Section | None,
    legal_basis: str,
    timing: CatalogueTiming,
    workdays: int,
    active: bool = True,
) -> DisclosureCatalogueEntry:
    """Change a catalogue line (or make it inactive); refused if changed since `seen_version`."""
    agency = entry.agency
    require_catalogue_keeper(actor, agency)
    title = _check_entry(agency, title, category, section, timing, workdays)

    def update(current: DisclosureCatalogueEntry) -> None:
        current.title, current.category, current.section = title, category, section
        current.legal_basis, current.timing, current.workdays = (
            legal_basis.strip(),
            timing,
            workdays,
        )
        current.active = active

    locked_change(
        model=DisclosureCatalogueEntry,
        pk=entry.pk,
        seen_version=seen_version,
        actor=actor,
        action="catalogue_entry.update",
        describe=lambda e: f"公开事项“{e.title}”",
        snapshot=entry_snapshot,
        change=update,
    )
    entry.refresh_from_db()
    return entry
