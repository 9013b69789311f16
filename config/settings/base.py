"""Settings shared by every environment. Secrets and hosts come from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


# Debug and secret key are set by dev/test/prod.
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # The Django admin serves the platform's superusers only, at /workspace/admin/; it lists
    # only models whose admin writes through the audited services (today: the holidays).
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "gongkai.accounts",
    "gongkai.agencies",
    "gongkai.audit",
    "gongkai.holidays",
    "gongkai.applications",
    "gongkai.publications",
    "gongkai.search",
    "gongkai.letters",
    "gongkai.pages",
    "gongkai.reviews",
    "gongkai.registers",
    "gongkai.reporting",
    "gongkai.portal",
    "gongkai.workspace",
    # Last: the demo stands above every app whose demo data it loads.
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # django-axes must come last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL: sqlite:///var/gongkai.sqlite3 (relative to the working directory),
# sqlite:////abs/path.sqlite3, or postgres://user:password@host:port/name
# (docs/cli-and-import.md). Unset: the embedded SQLite file under var/ in the checkout.
DEFAULT_SQLITE = VAR_DIR / "gongkai.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _sqlite_name = str(DATABASES["default"]["NAME"])
    if _sqlite_name and _sqlite_name != ":memory:" and not _sqlite_name.startswith("file:"):
        Path(_sqlite_name).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Wait for a writer instead of failing at once: the web server and a command may overlap.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Argon2 first: new passwords are hashed with it; older hashes are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Django's validators with Chinese messages (zh_Hans lacks some of Django 5.2's).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "gongkai.accounts.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "gongkai.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "gongkai.accounts.passwords.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "workspace:login"

# Login throttling (django-axes): the 5th wrong password for one username from one address
# locks that pair; the lockout page says so in Chinese and when to try again.
# The default cache holds the portal's anonymous pages and its content version
# (gongkai/portal/caching.py, gongkai/pages/portal_version.py). It must be shared by every
# process that serves or changes content: a FileBasedCache on local disk is shared by the
# gunicorn workers of one host and by `gongkai` commands run there (several hosts: point
# them all at one Redis or the DatabaseCache instead). GONGKAI_CACHE_DIR moves it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("GONGKAI_CACHE_DIR", str(VAR_DIR / "cache")),
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GONGKAI_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.throttling.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "gongkai.accounts.throttling.client_ip"
# Behind nginx every request comes from 127.0.0.1; nginx passes the client in X-Real-IP,
# which is trusted only when this is set (docs/deploy.md).
BEHIND_PROXY = env_bool("GONGKAI_BEHIND_PROXY", False)

# Sessions and CSRF: HTTP-only cookies, same-site, a working day long, gone with the browser.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Security headers (SecurityMiddleware, XFrameOptionsMiddleware) and the CSP (config/csp.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The shared stylesheet (gongkai/static); apps keep their own under <app>/static.
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static"]
# Uploaded and generated files (attachments, letters): personal data, never served as static
# media; views hand them out after checking who asks.
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The agency whose portal `/` shows (its code). Unset: the first agency created that is no
# other agency's supervising office (gongkai.agencies.selectors.portal_agency).
PORTAL_AGENCY_CODE = os.environ.get("GONGKAI_PORTAL_AGENCY", "")

# Keys whose values the audit log never stores (gongkai.audit.services.mask_personal_data).
AUDIT_MASKED_KEYS = frozenset(
    {
        "password",
        "id_number",
        "phone",
        "mobile",
        "email",
        "address",
        "postal_address",
        "applicant_name",
        "contact",
    }
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# 行政复议法（2023年修订）第二十三条第一款第（四）项 "不予公开": the table 三 outcome groups whose
# reply letters require reconsideration before any lawsuit. Default: rows （二）–（五）, the
# conservative reading (docs/decisions/0009-reconsideration-first-scope.md); a jurisdiction that
# reads it narrowly sets e.g. "partially_granted,withheld".
GONGKAI_RECONSIDERATION_FIRST_GROUPS = tuple(
    group.strip()
    for group in os.environ.get(
        "GONGKAI_RECONSIDERATION_FIRST_GROUPS",
        "partially_granted,withheld,unavailable,not_processed",
    ).split(",")
    if group.strip()
)
