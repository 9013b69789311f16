"""The official calendar as a selector: built from the tables, cached, rebuilt on change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from gongkai import workdays
from gongkai.holidays.models import CalendarYear
from gongkai.holidays.selectors import invalidate_official_calendar, official_calendar
from gongkai.holidays.services import set_day

D = dt.date.fromisoformat


@pytest.mark.django_db
def test_the_spec_worked_example_on_the_seeded_calendar() -> None:
    # application-procedure.md §11: receipt Fri 2025-01-24 → 补正 by 2/10, reply by 2/27.
    calendar = official_calendar()
    assert calendar.add_workdays(D("2025-01-24"), 7) == workdays.Deadline(D("2025-02-10"), False)
    assert calendar.add_workdays(D("2025-01-24"), 20) == workdays.Deadline(D("2025-02-27"), False)


@pytest.mark.django_db
def test_the_calendar_is_cached_at_the_cost_of_two_small_queries(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    invalidate_official_calendar()
    first = official_calendar()
    with django_assert_num_queries(2):
        assert official_calendar() is first


@pytest.mark.django_db
def test_a_committed_change_drops_the_cache(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    first = official_calendar()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        set_day(date=D("2025-03-07"), is_off_day=True, name="本地假日")
    assert callbacks
    second = official_calendar()
    assert second is not first
    assert not second.is_workday(D("2025-03-07"))


@pytest.mark.django_db
def test_a_change_by_another_process_is_noticed() -> None:
    # given a cached calendar; when another process marks 2027 known behind our back
    assert 2027 not in official_calendar().known_years
    CalendarYear.objects.create(year=2027, source="notice", loaded_at=timezone.now())
    # then the next call sees it without any explicit invalidation
    assert 2027 in official_calendar().known_years
