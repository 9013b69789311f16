"""The official calendar the applications tests count on: 2024–2026 as chinesecalendar has them."""

from __future__ import annotations

import pytest

from gongkai.workdays import Calendar, chinesecalendar_days

YEARS = (2024, 2025, 2026)


def official_calendar() -> Calendar:
    """Return the 2024–2026 calendar; 2027 is unknown, so results touching it are provisional."""
    return Calendar(
        [day for year in YEARS for day in chinesecalendar_days(year)], known_years=YEARS
    )


@pytest.fixture(scope="session")
def calendar() -> Calendar:
    return official_calendar()
