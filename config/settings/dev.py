"""Development and `make demo`: DEBUG on, a fixed development key, local hosts only."""

from .base import *

DEBUG = True
# Not a secret: this key only ever signs development sessions on 127.0.0.1.
SECRET_KEY = "django-insecure-gongkai-development-only-never-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
