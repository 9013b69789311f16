"""Tests: DATABASE_URL picks SQLite (default, in memory) or PostgreSQL; fast hashing."""

import os
import tempfile
from pathlib import Path

from .base import *

DEBUG = False
SECRET_KEY = "django-insecure-gongkai-tests-only"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Tests never touch the developer's var/gongkai.sqlite3: without DATABASE_URL they run on an
# in-memory SQLite database (pytest-django creates one per worker).
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# Hashing with argon2 costs ~50 ms a password; the tests create hundreds. Production keeps
# argon2 first (base.PASSWORD_HASHERS; tested in gongkai/accounts/tests).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files from the apps' folders (no collectstatic in tests; the browser tests
# load the real CSS and htmx through the live server).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The cache is per process and emptied before each test (conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Submission slots (gongkai.portal.submission_limits): one folder per test process, so that
# parallel test workers do not take each other's slots.
GONGKAI_LOCK_DIR = Path(tempfile.gettempdir()) / f"gongkai-test-locks-{os.getpid()}"
