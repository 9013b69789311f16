"""Suite-wide test configuration.

The database rule: a test that touches the database says so with `@pytest.mark.django_db`
(or `pytestmark`). `make test` runs the suite on SQLite, then runs `-m django_db` again on
PostgreSQL, so a database test without the marker would silently skip the second pass.
pytest-django already refuses database access to unmarked tests; this hook also refuses the
other way in — requesting the `db`/`transactional_db` fixture or subclassing Django's
TestCase without the marker — so the collection fails with the tests' names.
"""

from __future__ import annotations

import pytest

DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def _uses_database_without_marker(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return False
    if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    cls = getattr(item, "cls", None)
    if cls is not None:
        from django.test import TransactionTestCase

        return issubclass(cls, TransactionTestCase)
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    offenders = [item.nodeid for item in items if _uses_database_without_marker(item)]
    if offenders:
        listing = "\n  ".join(offenders)
        raise pytest.UsageError(
            "These tests use the database without @pytest.mark.django_db, so the PostgreSQL "
            f"pass (-m django_db) would skip them:\n  {listing}"
        )
