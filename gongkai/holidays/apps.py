"""The holidays app: on `migrate`, seed the years the chinesecalendar package knows."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate


class HolidaysConfig(AppConfig):
    name = "gongkai.holidays"
    label = "holidays"
    verbose_name = "节假日安排"

    def ready(self) -> None:
        # `gongkai migrate` creates the schema *and* seeds the calendar (cli-and-import.md).
        # post_migrate rather than a data migration: it runs after every migrate, so a newer
        # chinesecalendar release adds its new year on the next upgrade, and it runs again
        # after the test runner flushes the database.
        post_migrate.connect(seed_after_migrate, sender=self, dispatch_uid="holidays.seed")


def seed_after_migrate(
    *,
    apps: Apps | None = None,
    using: str = DEFAULT_DB_ALIAS,
    verbosity: int = 1,
    **kwargs: Any,
) -> None:
    """Seed the years chinesecalendar knows that the database lacks, once the tables exist."""
    if using != DEFAULT_DB_ALIAS:
        return
    if apps is not None:  # `migrate` passes the migrated state; `flush` passes none
        try:
            # The migrated state, not the code: after `migrate holidays zero` there is no table.
            apps.get_model("holidays", "CalendarYear")
        except LookupError:
            return
    from gongkai.holidays.services import seed_from_chinesecalendar

    seeded = seed_from_chinesecalendar()
    if seeded and verbosity >= 1:
        stdout = kwargs.get("stdout")
        line = f"  已载入节假日安排（chinesecalendar）：{_years_text(seeded)}\n"
        if stdout is not None:
            stdout.write(line)


def _years_text(years: list[int]) -> str:
    """Return years as Chinese text: `2004–2026 年` when consecutive, else listed."""
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]} 年"
    return "、".join(str(year) for year in years) + " 年"
