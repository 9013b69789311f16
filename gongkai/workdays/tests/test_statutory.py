"""The holidays the law fixes, computed: checked against the State Council's notices."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.workdays import Calendar, Deadline, chinesecalendar_days
from gongkai.workdays.statutory import statutory_holidays

D = dt.date.fromisoformat


@pytest.mark.parametrize("year", range(2015, 2027))
def test_every_statutory_holiday_rests_in_the_official_notice(year: int) -> None:
    # The notices add 调休 blocks around them, but never make a statutory holiday a working day.
    official_off = {day.date for day in chinesecalendar_days(year) if day.is_off_day}
    computed = statutory_holidays(year)
    weekdays = {h.date for h in computed if h.date.weekday() < 5}
    assert weekdays <= official_off, sorted(weekdays - official_off)


def test_2025_has_the_13_days_of_the_2024_amendment() -> None:
    # 国务院令第795号: 春节 with 除夕 (4 days), 劳动节 1–2 May; 13 days in all.
    days = statutory_holidays(2025)
    assert len(days) == 13
    assert [d.date for d in days if d.name == "春节"] == [
        D("2025-01-28"),
        D("2025-01-29"),
        D("2025-01-30"),
        D("2025-01-31"),
    ]
    assert {d.date for d in days if d.name == "劳动节"} == {D("2025-05-01"), D("2025-05-02")}
    assert [d.date for d in days if d.name in ("清明节", "端午节", "中秋节")] == [
        D("2025-04-04"),
        D("2025-05-31"),
        D("2025-10-06"),
    ]


def test_before_2025_spring_festival_had_no_除夕_and_labour_day_one_day() -> None:
    days = statutory_holidays(2024)
    assert len(days) == 11
    assert [d.date for d in days if d.name == "春节"] == [
        D("2024-02-10"),
        D("2024-02-11"),
        D("2024-02-12"),
    ]


def test_2027_and_2028_are_computed_not_typed() -> None:
    # 2027: 春节 初一 Sat 2/6 (除夕 2/5); 清明 4/5; 端午 6/9; 中秋 9/15.
    named = {d.date: d.name for d in statutory_holidays(2027)}
    assert named[D("2027-02-05")] == named[D("2027-02-08")] == "春节"
    assert (named[D("2027-04-05")], named[D("2027-06-09")], named[D("2027-09-15")]) == (
        "清明节",
        "端午节",
        "中秋节",
    )
    # 2028: 中秋 falls on 3 October, inside 国庆: one day, both names.
    both = [d for d in statutory_holidays(2028) if d.date == D("2028-10-03")]
    assert [d.name for d in both] == ["中秋节、国庆节"]


def test_an_unknown_year_counts_its_statutory_holidays_and_stays_provisional() -> None:
    calendar = Calendar([], known_years=())
    # 2027-09-15 (Wed, 中秋) rests: after Tue 9/14, Thu 9/16 is the first working day.
    assert calendar.add_workdays(D("2027-09-14"), 1) == Deadline(D("2027-09-16"), True)
    assert calendar.is_statutory_only(D("2027-09-15"))
    # an administrator's advance entry comes first
    from gongkai.workdays import OfficialDay

    edited = Calendar([OfficialDay(D("2027-09-15"), False, "调休上班")], known_years=())
    assert edited.is_workday(D("2027-09-15")) and not edited.is_statutory_only(D("2027-09-15"))


def test_years_outside_the_lunar_table_have_none() -> None:
    assert statutory_holidays(2100) == ()
