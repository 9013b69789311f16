"""Importing a catalogue (all rows or none) and retiring or restoring an entry."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.agencies.tests.factories import make_section
from gongkai.audit.models import AuditEvent
from gongkai.publications.catalogue_file import CatalogueFileError, CatalogueRow
from gongkai.publications.models import CatalogueTiming, DisclosureCatalogueEntry
from gongkai.publications.services import (
    WorkflowError,
    catalogue_entry_create,
    catalogue_entry_set_active,
    catalogue_import,
)
from gongkai.publications.tests.factories import make_team

pytestmark = pytest.mark.django_db


def row(line: int, title: str, category: str = "", section: str = "") -> CatalogueRow:
    return CatalogueRow(line, title, category, section, "", "on_change", 20)


def test_an_import_resolves_names_and_stores_every_row_audited():
    team = make_team()
    make_section(agency=team.agency, name="统计股")
    entries = catalogue_import(
        actor=team.office,
        agency=team.agency,
        rows=[row(2, "统计执法检查结果", "工作动态", "统计股"), row(3, "部门预算", "gzdt")],
        source="目录.xlsx",
    )
    assert [(e.title, e.category, e.section and e.section.name) for e in entries] == [
        ("统计执法检查结果", team.category, "统计股"),
        ("部门预算", team.category, None),
    ]
    assert AuditEvent.objects.filter(action="catalogue_entry.create").count() == 2
    summary = AuditEvent.objects.get(action="catalogue_entry.import")
    assert summary.after == {"entries": 2, "source": "目录.xlsx"}


def test_one_bad_row_stores_nothing_and_every_reason_is_listed():
    team = make_team()
    catalogue_entry_create(actor=team.office, agency=team.agency, title="已有事项")
    with pytest.raises(CatalogueFileError) as refused:
        catalogue_import(
            actor=team.office,
            agency=team.agency,
            rows=[row(2, "新事项"), row(3, "已有事项", "没有的栏目", "没有的股室")],
        )
    assert refused.value.lines == (
        "第3行: 公开栏目“没有的栏目”不是本机关的栏目；责任股室“没有的股室”不是本机关的股室；"
        "目录中已有公开事项“已有事项”",
    )
    assert DisclosureCatalogueEntry.objects.count() == 1


def test_only_the_office_or_the_administrator_imports():
    team = make_team()
    with pytest.raises(PermissionDenied):
        catalogue_import(actor=team.handler, agency=team.agency, rows=[row(2, "事项")])


def test_a_retired_entry_stays_with_its_history_and_can_be_restored():
    team = make_team()
    entry = catalogue_entry_create(
        actor=team.office, agency=team.agency, title="季度数据", timing=CatalogueTiming.QUARTERLY
    )
    catalogue_entry_set_active(actor=team.office, entry=entry, seen_version=1, active=False)
    assert not entry.active and entry.version == 2
    with pytest.raises(WorkflowError, match="已停用"):
        catalogue_entry_set_active(actor=team.office, entry=entry, seen_version=2, active=False)
    # a new entry of the same title blocks restoring the old one
    other = catalogue_entry_create(actor=team.office, agency=team.agency, title="季度数据")
    with pytest.raises(WorkflowError, match="已有有效的公开事项"):
        catalogue_entry_set_active(actor=team.office, entry=entry, seen_version=2, active=True)
    catalogue_entry_set_active(actor=team.office, entry=other, seen_version=1, active=False)
    catalogue_entry_set_active(actor=team.office, entry=entry, seen_version=2, active=True)
    assert entry.active
    actions = list(
        AuditEvent.objects.filter(object_id=str(entry.pk), action__startswith="catalogue_entry")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "catalogue_entry.create",
        "catalogue_entry.retire",
        "catalogue_entry.restore",
    ]
