"""Production: every secret and host from the environment (docs/deploy.md); HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "未设置 GONGKAI_SECRET_KEY 环境变量（至少 50 个字符的随机字符串）。生成方法："
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
# Former keys, still accepted while sessions and query codes made with them are in use.
SECRET_KEY_FALLBACKS = env_list("GONGKAI_SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("未设置 GONGKAI_ALLOWED_HOSTS 环境变量（逗号分隔的域名）。")
CSRF_TRUSTED_ORIGINS = env_list(
    "GONGKAI_CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS]
)

# nginx terminates TLS and sets X-Forwarded-Proto (docs/deploy.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.request": {"level": "WARNING", "filters": ["forbidden_one_line"]}},
}
