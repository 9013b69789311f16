"""Properties of working-day arithmetic over 2023–2028 (2027 and 2028 without data)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gongkai.workdays import Calendar, DateSpan, chinesecalendar_days, chinesecalendar_years

_YEARS = chinesecalendar_years()
CALENDAR = Calendar([d for y in _YEARS for d in chinesecalendar_days(y)], known_years=_YEARS)

dates = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=60)


@st.composite
def spans(draw: st.DrawFn) -> DateSpan:
    first = draw(dates)
    return DateSpan(first, first + dt.timedelta(days=draw(st.integers(0, 30))))


pauses = st.lists(spans(), max_size=3)


@given(dates, counts, pauses)
def test_between_undoes_add(start: dt.date, n: int, excluded: list[DateSpan]) -> None:
    deadline = CALENDAR.add_workdays(start, n, excluded=excluded)
    assert CALENDAR.workdays_between(start, deadline.date, excluded=excluded).days == n


@given(dates, dates)
def test_add_undoes_between_up_to_the_last_working_day(a: dt.date, b: dt.date) -> None:
    # Adding the count lands on b, or before it when b itself is not a working day. Only for
    # b on or after a: a zero count backwards (e.g. from a holiday Saturday to the Friday
    # before it) says nothing about adding.
    count = CALENDAR.workdays_between(a, b)
    if a <= b:
        landed = CALENDAR.add_workdays(a, count.days).date
        assert landed <= b
        assert landed == b or not CALENDAR.is_workday(b) or a == b


@given(dates, counts)
def test_add_is_strictly_increasing_in_n_and_lands_on_a_working_day(start: dt.date, n: int) -> None:
    this, following = CALENDAR.add_workdays(start, n), CALENDAR.add_workdays(start, n + 1)
    assert this.date < following.date
    assert CALENDAR.is_workday(following.date)


@given(dates, dates, counts)
def test_add_is_monotonic_in_the_start(a: dt.date, b: dt.date, n: int) -> None:
    early, late = min(a, b), max(a, b)
    assert CALENDAR.add_workdays(early, n).date <= CALENDAR.add_workdays(late, n).date


@given(dates, dates, dates)
def test_between_adds_up_and_reverses(a: dt.date, b: dt.date, c: dt.date) -> None:
    ab, bc, ac = (CALENDAR.workdays_between(x, y).days for x, y in ((a, b), (b, c), (a, c)))
    assert ab + bc == ac
    assert CALENDAR.workdays_between(b, a).days == -ab


@given(dates, counts)
def test_provisional_exactly_when_the_span_touches_a_year_without_data(
    start: dt.date, n: int
) -> None:
    deadline = CALENDAR.add_workdays(start, n)
    touched = range(start.year, deadline.date.year + 1)
    assert deadline.provisional == any(year not in _YEARS for year in touched)


@given(dates, counts, pauses)
def test_a_pause_never_brings_a_deadline_forward(
    start: dt.date, n: int, excluded: list[DateSpan]
) -> None:
    assert (
        CALENDAR.add_workdays(start, n, excluded=excluded).date
        >= CALENDAR.add_workdays(start, n).date
    )
