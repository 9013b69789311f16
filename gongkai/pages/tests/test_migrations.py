"""Pages written before drafts existed stay on the portal after the migration."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from gongkai.agencies.tests.factories import make_agency

BEFORE = [("pages", "0002_page_drafts")]
AFTER = [("pages", "0003_existing_pages_published")]


@pytest.mark.django_db(transaction=True)
def test_existing_pages_are_published_at_their_newest_revision():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        # given a page saved twice by the old editor, and a page without revisions
        apps = executor.loader.project_state(BEFORE).apps
        AgencyPage = apps.get_model("pages", "AgencyPage")
        Revision = apps.get_model("pages", "AgencyPageRevision")
        agency_id = make_agency(code="zmd-tjj").pk  # agencies stay at their latest migration
        now = timezone.now()
        page = AgencyPage.objects.create(
            agency_id=agency_id, kind="guide", title="指南", body="<p>二</p>", updated_at=now
        )
        for number, body in ((1, "<p>一</p>"), (2, "<p>二</p>")):
            Revision.objects.create(page=page, number=number, title="指南", body=body, saved_at=now)
        bare = AgencyPage.objects.create(agency_id=agency_id, kind="policies", updated_at=now)
        # when the data migration runs
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        apps = executor.loader.project_state(AFTER).apps
        AgencyPage = apps.get_model("pages", "AgencyPage")
        # then the page is published at its newest revision; the bare one is not published
        assert AgencyPage.objects.get(pk=page.pk).published_number == 2
        assert AgencyPage.objects.get(pk=bare.pk).published_number is None
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
