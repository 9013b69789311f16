"""Reads: public lists, the withdrawal notice, the catalogue dashboard, the report's counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.agencies.tests.factories import make_agency
from gongkai.publications.demo import RECENT_NEWS, load_demo_publications
from gongkai.publications.models import (
    Article20Item,
    CatalogueTiming,
    Category,
    Dimension,
    PublishedItem,
)
from gongkai.publications.selectors import (
    catalogue_dashboard,
    category_tree,
    item_history,
    portal_item,
    public_items,
    published_counts,
)
from gongkai.publications.services import (
    catalogue_entry_create,
    category_create,
    category_move,
    item_publish,
    item_withdraw,
)
from gongkai.publications.tests.factories import cleared, draft, make_team, published
from gongkai.workdays import Calendar, chinesecalendar_days

pytestmark = pytest.mark.django_db

CALENDAR = Calendar(
    [day for year in (2023, 2024) for day in chinesecalendar_days(year)], known_years=(2023, 2024)
)


def test_public_lists_show_published_items_only_and_withdrawn_ones_keep_a_notice() -> None:
    # given a draft, a published and a withdrawn item
    team = make_team()
    draft(team, title="草稿")
    shown = published(team, title="公开")
    gone = published(team, title="撤回")
    gone = item_withdraw(item=gone, actor=team.office, seen_version=gone.version, reason="有误")
    # then only the published one is listed
    assert [i.title for i in public_items(agency=team.agency)] == ["公开"]
    # and the withdrawn one's page still answers (with its reason); a draft has no page
    page = portal_item(agency=team.agency, index_number=gone.index_number)
    assert page is not None and page.withdrawal_reason == "有误"
    assert portal_item(agency=team.agency, pk=shown.pk) == shown
    assert [e.action for e in item_history(item=gone)][-1] == "withdraw"


def test_public_items_filter_by_category_tree_and_year() -> None:
    team = make_team()
    child = category_create(
        actor=team.office, agency=team.agency, name="子栏目", slug="child", parent=team.category
    )
    published(team, title="在子栏目", category=child)
    year = timezone.localdate().year
    assert public_items(agency=team.agency, category=team.category).count() == 1
    assert (
        public_items(agency=team.agency, category=team.category, with_subcategories=False).count()
        == 0
    )
    assert public_items(agency=team.agency, year=year).count() == 1
    assert public_items(agency=team.agency, year=year - 1).count() == 0
    (root,) = category_tree(agency=team.agency)
    assert [n.category.name for n in root.children] == ["子栏目"]


def test_a_category_cannot_move_under_its_own_child() -> None:
    team = make_team()
    child = category_create(
        actor=team.office, agency=team.agency, name="子", slug="c", parent=team.category
    )
    from gongkai.publications.services import WorkflowError

    with pytest.raises(WorkflowError):
        category_move(actor=team.office, category=team.category, parent=child)


def test_the_dashboard_counts_working_days_on_the_official_calendar() -> None:
    # given an entry due 20 working days after formation, and an item formed before the
    # 2023 National Day holiday (29 Sep – 6 Oct, with 7 and 8 Oct worked)
    team = make_team()
    entry = catalogue_entry_create(actor=team.office, agency=team.agency, title="统计执法检查结果")
    item = draft(team, catalogue_entry=entry, date_written=dt.date(2023, 9, 25))
    # when looked at on 2023-11-01
    (status,) = catalogue_dashboard(
        agency=team.agency, today=dt.date(2023, 11, 1), calendar=CALENDAR
    )
    # then it was due on the 20th working day (27 Oct, the holiday not counted), 3 days ago
    (due,) = status.overdue
    assert due.item == item
    assert due.due == CALENDAR.add_workdays(dt.date(2023, 9, 25), 20).date
    assert due.workdays_late == CALENDAR.workdays_between(due.due, dt.date(2023, 11, 1)).days
    assert (due.due, due.workdays_late) == (dt.date(2023, 10, 27), 3)
    assert not status.in_order


def test_the_dashboard_shows_periods_with_nothing_published() -> None:
    # given a quarterly entry and one release published in the first quarter's window
    team = make_team()
    entry = catalogue_entry_create(
        actor=team.office,
        agency=team.agency,
        title="季度经济运行情况",
        timing=CatalogueTiming.QUARTERLY,
    )
    item = cleared(team, catalogue_entry=entry)
    item_publish(item=item, actor=team.office, seen_version=item.version)
    today = timezone.localdate()
    (status,) = catalogue_dashboard(agency=team.agency, today=today)
    # then every past-due quarter of this year without a release is listed as missing
    assert all(period.due < today for period in status.missing)
    assert status.published == 1


def test_published_counts_group_by_category_article20_item_and_dimension() -> None:
    # given the demo's 2023 publications (and its recent ones, loaded on a day in 2026)
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    today = dt.date(2026, 12, 7)
    assert load_demo_publications(agency=agency, today=today) == 8 + 16 + len(RECENT_NEWS)
    # when counted for 2023
    counts = published_counts(agency=agency, year=2023)
    news = Category.objects.get(agency=agency, slug="gzdt")
    data = Category.objects.get(agency=agency, slug="sjfb")
    # then 16 items: 12 work news, 4 statistical releases
    assert counts.total == 16
    assert counts.by_category == {news.pk: 12, data.pk: 4}
    assert counts.by_article20_item == {"": 12, Article20Item.STATISTICS: 4}
    assert counts.by_dimension == {Dimension.EXECUTION: 12, Dimension.RESULT: 4}
    assert published_counts(agency=agency, year=2022).total == 0
    # and the recent items are dated in the weeks before the day the demo was loaded
    recent = PublishedItem.objects.filter(agency=agency, published_at__year=2026)
    assert recent.count() == len(RECENT_NEWS)
    assert all(
        today - dt.timedelta(days=31) <= timezone.localtime(item.published_at).date() < today
        for item in recent
    )
    # and loading again changes nothing
    assert load_demo_publications(agency=agency) == 0


def test_publish_due_command_reports_what_it_published() -> None:
    out = io.StringIO()
    call_command("publications", "publish-due", stdout=out)
    assert "没有到时" in out.getvalue()
