"""Working-day arithmetic, worked by hand on the 2024 and 2025 notices.

Each case spells out the count: the start day is day 0 and not counted; then each working day
is numbered. "rest" marks a day off (weekend or holiday), "调休" a weekend working day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.workdays import (
    Calendar,
    Count,
    DateSpan,
    Deadline,
    OfficialDay,
    chinesecalendar_days,
    chinesecalendar_years,
)
from gongkai.workdays.tests.notices import calendar_2024_2025

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return calendar_2024_2025()


@pytest.fixture(scope="module")
def package_calendar() -> Calendar:
    """The calendar as the chinesecalendar package knows it: 2004–2026, nothing for 2027."""
    years = chinesecalendar_years()
    return Calendar([d for y in years for d in chinesecalendar_days(y)], known_years=years)


# --- is_workday -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-01-24", True),  # Friday, ordinary
        ("2025-01-25", False),  # Saturday, ordinary weekend
        ("2025-01-26", True),  # Sunday, 调休 for 春节
        ("2025-01-28", False),  # Tuesday, 除夕: 春节 block
        ("2025-02-04", False),  # Tuesday, last day of the 春节 block (调休 rest)
        ("2025-02-08", True),  # Saturday, 调休 for 春节
        ("2025-10-08", False),  # Wednesday, last day of 国庆/中秋 block
        ("2025-10-11", True),  # Saturday, 调休 for 国庆
        ("2024-02-18", True),  # Sunday, 调休 for 春节 2024
        ("2023-12-30", False),  # Saturday before 元旦 2024, listed in the 2024 notice
    ],
)
def test_is_workday_follows_notice_then_week(calendar: Calendar, day: str, expected: bool) -> None:
    assert calendar.is_workday(D(day)) is expected


# --- add_workdays: 春节 --------------------------------------------------------------------


def test_spec_worked_example_clarification_notice_due_in_7_working_days(calendar: Calendar) -> None:
    # 条例第三十条: 补正 notice within 7 working days. Receipt Fri 2025-01-24 (day 0).
    # Sat 1/25 rest; Sun 1/26 调休 = 1; Mon 1/27 = 2; 1/28–2/4 春节 rest; Wed 2/5 = 3;
    # Thu 2/6 = 4; Fri 2/7 = 5; Sat 2/8 调休 = 6; Sun 2/9 rest; Mon 2/10 = 7.
    assert calendar.add_workdays(D("2025-01-24"), 7) == Deadline(D("2025-02-10"), False)


def test_spec_worked_example_reply_due_in_20_working_days(calendar: Calendar) -> None:
    # 条例第三十三条: reply within 20 working days. From the 7th working day (Mon 2/10):
    # 2/11–2/14 = 8–11; 2/17–2/21 = 12–16; 2/24 = 17, 2/25 = 18, 2/26 = 19, Thu 2/27 = 20.
    assert calendar.add_workdays(D("2025-01-24"), 20) == Deadline(D("2025-02-27"), False)


def test_first_working_day_after_friday_is_the_调休_sunday(calendar: Calendar) -> None:
    # Fri 2025-01-24: Sat 1/25 rest, Sun 1/26 调休 = 1.
    assert calendar.add_workdays(D("2025-01-24"), 1).date == D("2025-01-26")


def test_day_before_the_春节_block_jumps_the_whole_block(calendar: Calendar) -> None:
    # Mon 2025-01-27: 1/28–2/4 rest (8 days), Wed 2/5 = 1.
    assert calendar.add_workdays(D("2025-01-27"), 1).date == D("2025-02-05")


def test_start_on_a_holiday_is_still_day_0(calendar: Calendar) -> None:
    # An online application confirmed on Thu 2025-01-30 (初二, rest): 1/31–2/4 rest, Wed 2/5 = 1.
    assert calendar.add_workdays(D("2025-01-30"), 1).date == D("2025-02-05")


def test_调休_saturday_counts(calendar: Calendar) -> None:
    # Fri 2025-02-07: Sat 2/8 调休 = 1.
    assert calendar.add_workdays(D("2025-02-07"), 1).date == D("2025-02-08")


def test_2024_春节_deadline_falls_on_a_调休_sunday(calendar: Calendar) -> None:
    # Receipt Fri 2024-02-02. Sat 2/3 rest; Sun 2/4 调休 = 1; Mon 2/5 – Fri 2/9 = 2–6;
    # 2/10–2/17 春节 rest; Sun 2/18 调休 = 7. The 补正 notice is due on a Sunday.
    assert calendar.add_workdays(D("2024-02-02"), 7).date == D("2024-02-18")


def test_2024_春节_reply_due_counts_29_february(calendar: Calendar) -> None:
    # From Sun 2/18 = 7: Mon 2/19 – Fri 2/23 = 8–12; 2/26 – 2/29 (leap day) = 13–16;
    # Fri 3/1 = 17; Mon 3/4 = 18, 3/5 = 19, Wed 3/6 = 20.
    assert calendar.add_workdays(D("2024-02-02"), 20).date == D("2024-03-06")


# --- add_workdays and workdays_between: 国庆 -------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "2025-09-28"),  # Sat 9/27 rest; Sun 9/28 调休 = 1
        (2, "2025-09-29"),  # Mon = 2
        (3, "2025-09-30"),  # Tue = 3
        (4, "2025-10-09"),  # 10/1–10/8 国庆·中秋 rest; Thu 10/9 = 4
        (5, "2025-10-10"),  # Fri = 5
        (6, "2025-10-11"),  # Sat 调休 = 6
        (7, "2025-10-13"),  # Sun 10/12 rest; Mon = 7
    ],
)
def test_2025_国庆_from_friday_26_september(calendar: Calendar, n: int, expected: str) -> None:
    assert calendar.add_workdays(D("2025-09-26"), n) == Deadline(D(expected), False)


def test_between_across_the_国庆_block(calendar: Calendar) -> None:
    # After Tue 2025-09-30: 10/1–10/8 rest, Thu 10/9 = 1.
    assert calendar.workdays_between(D("2025-09-30"), D("2025-10-08")) == Count(0, False)
    assert calendar.workdays_between(D("2025-09-30"), D("2025-10-09")) == Count(1, False)


def test_between_across_2024_中秋_and_国庆(calendar: Calendar) -> None:
    # After Fri 2024-09-13: Sat 9/14 调休 = 1; 9/15–9/17 中秋 rest; Wed 9/18 – Fri 9/20 = 2–4;
    # Mon 9/23 – Fri 9/27 = 5–9; Sat 9/28 rest; Sun 9/29 调休 = 10; Mon 9/30 = 11;
    # 10/1–10/7 rest; Tue 10/8 – Fri 10/11 = 12–15; Sat 10/12 调休 = 16.
    assert calendar.workdays_between(D("2024-09-13"), D("2024-10-12")) == Count(16, False)


# --- across 31 December ----------------------------------------------------------------------


def test_span_across_new_year(calendar: Calendar) -> None:
    # Receipt Fri 2024-12-20. 12/23–12/27 = 1–5; 12/30 = 6, Tue 12/31 = 7; Wed 2025-01-01
    # 元旦 rest; Thu 1/2 = 8, Fri 1/3 = 9; 1/6–1/10 = 10–14; 1/13–1/17 = 15–19; Mon 1/20 = 20.
    assert calendar.add_workdays(D("2024-12-20"), 20) == Deadline(D("2025-01-20"), False)
    assert calendar.workdays_between(D("2024-12-31"), D("2025-01-02")) == Count(1, False)


def test_2024_new_year_block_began_in_december_2023() -> None:
    # The 2024 notice lists Sat 2023-12-30 and Sun 12-31; with 2023 unknown the answer is
    # right for those days (weekend anyway) but still provisional: 2023 is not loaded.
    calendar = calendar_2024_2025()
    assert calendar.add_workdays(D("2023-12-29"), 1) == Deadline(D("2024-01-02"), True)


# --- a year without data ---------------------------------------------------------------------


def test_deadline_reaching_2027_is_provisional(package_calendar: Calendar) -> None:
    # From Fri 2026-12-18: 12/21–12/25 = 1–5; 12/28–12/31 = 6–9 (2026 known, no December
    # holiday). 2027 has no notice, but 元旦 (Fri 1/1) is fixed by law and rests; Mon 1/4 = 10,
    # provisional: only the 调休 arrangement is unknown.
    assert package_calendar.add_workdays(D("2026-12-18"), 9) == Deadline(D("2026-12-31"), False)
    assert package_calendar.add_workdays(D("2026-12-18"), 10) == Deadline(D("2027-01-04"), True)


def test_count_reaching_2027_is_provisional(package_calendar: Calendar) -> None:
    # After Thu 2026-12-31: Fri 2027-01-01 元旦 rests (statutory), Sat/Sun rest, Mon 1/4 = 1.
    assert package_calendar.workdays_between(D("2026-12-31"), D("2027-01-04")) == Count(1, True)


def test_any_result_inside_an_unknown_year_is_provisional(package_calendar: Calendar) -> None:
    assert package_calendar.add_workdays(D("2027-03-01"), 0) == Deadline(D("2027-03-01"), True)
    assert package_calendar.workdays_between(D("2027-03-01"), D("2027-03-01")).provisional


def test_loading_the_2027_notice_removes_provisional() -> None:
    # Given a 2027 notice with 元旦 on Fri 1/1: after Thu 2026-12-31, Mon 2027-01-04 = 1.
    days = [OfficialDay(D("2027-01-01"), True, "元旦")]
    calendar = Calendar(days, known_years={2026, 2027})
    assert calendar.add_workdays(D("2026-12-31"), 1) == Deadline(D("2027-01-04"), False)


def test_an_entry_in_an_unknown_year_is_honoured_but_stays_provisional() -> None:
    # An administrator entered 2027-01-01 ahead of the notice: used, yet 2027 is not known.
    calendar = Calendar([OfficialDay(D("2027-01-01"), True, "元旦")], known_years={2026})
    assert calendar.add_workdays(D("2026-12-31"), 1) == Deadline(D("2027-01-04"), True)


# --- paused clock (third-party consultation) ----------------------------------------------


def test_excluded_span_is_not_counted(calendar: Calendar) -> None:
    # 条例第三十三条第二款: consultation time not counted. Receipt Fri 2025-01-24, a third party
    # was consulted Mon 2/10 – Fri 2/14 (5 working days paused). Without the pause the reply
    # is due Thu 2/27 (20); the 5 paused days push it on: Fri 2/28, 3/3, 3/4, 3/5, Thu 3/6.
    pause = DateSpan(D("2025-02-10"), D("2025-02-14"))
    assert calendar.add_workdays(D("2025-01-24"), 20, excluded=[pause]).date == D("2025-03-06")
    assert calendar.workdays_between(D("2025-01-24"), D("2025-03-06"), excluded=[pause]).days == 20


def test_excluded_span_over_rest_days_changes_nothing(calendar: Calendar) -> None:
    pause = DateSpan(D("2025-01-28"), D("2025-02-04"))  # wholly inside the 春节 block
    assert calendar.add_workdays(D("2025-01-24"), 20, excluded=[pause]).date == D("2025-02-27")


def test_date_span_refuses_end_before_start() -> None:
    with pytest.raises(ValueError, match="早于开始日"):
        DateSpan(D("2025-02-14"), D("2025-02-10"))


# --- edges -----------------------------------------------------------------------------------


def test_zero_working_days_is_the_start_itself(calendar: Calendar) -> None:
    assert calendar.add_workdays(D("2025-01-25"), 0) == Deadline(D("2025-01-25"), False)


def test_negative_n_is_refused(calendar: Calendar) -> None:
    with pytest.raises(ValueError, match="不能为负数"):
        calendar.add_workdays(D("2025-01-24"), -1)


def test_between_backwards_is_negative(calendar: Calendar) -> None:
    assert calendar.workdays_between(D("2025-02-27"), D("2025-01-24")) == Count(-20, False)


def test_between_same_day_is_zero(calendar: Calendar) -> None:
    assert calendar.workdays_between(D("2025-01-24"), D("2025-01-24")) == Count(0, False)


def test_calendar_refuses_a_date_twice() -> None:
    day = OfficialDay(D("2025-01-01"), True, "元旦")
    with pytest.raises(ValueError, match="出现了两次"):
        Calendar([day, day], known_years={2025})


def test_results_print_as_the_command_shows_them() -> None:
    assert str(Deadline(D("2027-01-01"), True)) == "2027-01-01 provisional"
    assert str(Deadline(D("2025-02-27"), False)) == "2025-02-27"
    assert str(Count(20, False)) == "20"
    assert str(Count(-3, True)) == "-3 provisional"
