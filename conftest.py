"""Suite-wide test configuration.

The database rule: a test that touches the database says so with `@pytest.mark.django_db`
(or `pytestmark`). `make test` runs the suite on SQLite, then runs `-m django_db` again on
PostgreSQL, so a database test without the marker would silently skip the second pass.
pytest-django already refuses database access to unmarked tests; this hook also refuses the
other way in — requesting the `db`/`transactional_db` fixture or subclassing Django's
TestCase without the marker — so the collection fails with the tests' names.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests assert behaviour, not speed (speed lives in bench/): no per-example deadline,
# which a loaded CI machine would turn into flaky failures.
hypothesis_settings.register_profile("gongkai", deadline=None)
hypothesis_settings.load_profile("gongkai")

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


@functools.cache
def pdf_output_missing() -> str:
    """Why PDF files cannot be made here (WeasyPrint's system libraries or CJK fonts), or ""."""
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:  # pango is a system library: apt-get install libpango-1.0-0
        return f"WeasyPrint cannot load its system libraries ({exc.__class__.__name__})"
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return "fontconfig (fc-list) is not installed"
    fonts = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    if not fonts.stdout.strip():
        return "no Chinese font is installed (apt-get install fonts-noto-cjk)"
    return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Tests that write PDF files (named so, or marked `pdf`) need pango and a CJK font, which
    # CI installs (.ci/run); on a machine without them they are skipped with the reason, not
    # failed with tofu.
    pdf_items = [
        item for item in items if "pdf" in item.nodeid.lower() or item.get_closest_marker("pdf")
    ]
    if pdf_items and (reason := pdf_output_missing()):
        for item in pdf_items:
            item.add_marker(pytest.mark.skip(reason=f"PDF output unavailable: {reason}"))
    offenders = [item.nodeid for item in items if _uses_database_without_marker(item)]
    if offenders:
        listing = "\n  ".join(offenders)
        raise pytest.UsageError(
            "These tests use the database without @pytest.mark.django_db, so the PostgreSQL "
            f"pass (-m django_db) would skip them:\n  {listing}"
        )


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache (cached portal pages, the content version)…"""
    import shutil

    from django.conf import settings
    from django.core.cache import cache

    from gongkai.portal.submission_limits import COUNTS_FOLDER

    cache.clear()
    # …and no application counted yet (the portal's submission limits count in files)
    shutil.rmtree(settings.GONGKAI_LOCK_DIR / COUNTS_FOLDER, ignore_errors=True)
