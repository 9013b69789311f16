"""Settings for bench/submit_load.py only: the production settings (config.settings.prod, as
docs/deploy.md runs them behind nginx) with two changes a loopback benchmark needs: static
files from the apps' folders (no collectstatic into the checkout) and the media and cache
folders in the benchmark's temporary directory (GONGKAI_MEDIA_ROOT, GONGKAI_CACHE_DIR).

submit_load.py sets the environment prod requires (a throw-away secret key, 127.0.0.1 as the
host, GONGKAI_BEHIND_PROXY) and sends what nginx would send (X-Forwarded-Proto, X-Real-IP).
"""

from config.settings.prod import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
