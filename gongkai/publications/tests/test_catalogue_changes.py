"""Changing a category or a catalogue line: locked, saved and audited in one step; a line
changed since the keeper saw it is refused and nothing is written."""

from __future__ import annotations

import pytest

from gongkai.audit.changes import ConcurrentChange
from gongkai.audit.models import AuditEvent
from gongkai.publications.models import CatalogueTiming, Category, DisclosureCatalogueEntry
from gongkai.publications.services.catalogue import (
    catalogue_entry_create,
    catalogue_entry_update,
    category_create,
    category_move,
    category_update,
)
from gongkai.publications.tests.factories import make_team

pytestmark = pytest.mark.django_db


def test_renaming_and_moving_a_category_each_leave_one_audit_event_with_before_and_after():
    team = make_team()
    other = category_create(actor=team.office, agency=team.agency, name="通知公告", slug="tzgg")
    category_update(
        actor=team.office, category=team.category, name="工作要闻", slug="gzyw", order=3
    )
    category_move(actor=team.office, category=team.category, parent=other)
    assert Category.objects.get(pk=team.category.pk).parent == other
    update = AuditEvent.objects.get(action="category.update", object_id=str(team.category.pk))
    assert update.before is not None and update.after is not None
    assert (update.before["name"], update.after["name"]) == ("工作动态", "工作要闻")
    assert update.agency_id == team.agency.pk
    move = AuditEvent.objects.get(action="category.move", object_id=str(team.category.pk))
    assert move.after != move.before


def test_a_catalogue_line_changed_since_it_was_seen_is_refused_and_nothing_is_written():
    team = make_team()
    entry = catalogue_entry_create(actor=team.office, agency=team.agency, title="统计公报")

    def update(seen: int, title: str) -> DisclosureCatalogueEntry:
        return catalogue_entry_update(
            actor=team.office,
            entry=entry,
            seen_version=seen,
            title=title,
            category=None,
            section=None,
            legal_basis="",
            timing=CatalogueTiming.ON_CHANGE,
            workdays=20,
        )

    assert update(1, "统计公报（年度）").version == 2
    with pytest.raises(ConcurrentChange):
        update(1, "另一个标题")
    assert DisclosureCatalogueEntry.objects.get(pk=entry.pk).title == "统计公报（年度）"
    assert AuditEvent.objects.filter(action="catalogue_entry.update").count() == 1
