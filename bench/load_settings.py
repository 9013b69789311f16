"""Settings for bench/portal_load.py only: production-like (DEBUG off, no debug toolbar, the
same middleware and templates), plain HTTP on 127.0.0.1, and bench/load_urls.py as URL conf.

The database comes from DATABASE_URL (config.settings.base), which portal_load.py points at
its throw-away SQLite file.
"""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-a-secret-" + "x" * 40
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.load_urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # demo accounts load fast
