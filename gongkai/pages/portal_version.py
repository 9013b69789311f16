"""The portal's content version: one value that every change to what the public portal shows
moves on, so that cached portal pages are never served after the change is committed.

Domain-level on purpose (the domain must not import the web faces): the services that change
public content call `portal_content_changed()` — publication follow-ups (publish, revise,
retire, withdraw: gongkai.publications.services.follow_up), agency page saves
(gongkai.pages.services.page_save), category changes (gongkai.publications.services.catalogue)
— and the portal (gongkai.portal.caching) puts `portal_version()` in its cache keys.

The version lives in Django's default cache, so every process that shares the cache (the
gunicorn workers on one host share the FileBasedCache of settings.CACHES) sees a new version
at once. It is moved when the change is made and again on commit, so that no page rendered
from the data before the commit stays under the final version.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

__all__ = ["VERSION_KEY", "portal_content_changed", "portal_version"]

VERSION_KEY = "gongkai:portal:version"


def portal_version() -> str:
    """Return the current content version (a new one when the cache has none)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or "0"
    return str(version)


def _move_on() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def portal_content_changed() -> None:
    """Move the version on now and again when the current transaction commits.

    Now: a page rendered later in this process (or in a test's transaction) shows the change.
    On commit: a page another worker rendered between the first move and the commit, from the
    data before the change, is left behind under the middle version.
    """
    _move_on()
    transaction.on_commit(_move_on)
