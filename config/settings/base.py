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
    # First: its `changepassword` replaces Django's (audited), and its admin shows axes'
    # sign-in records read-only (gongkai/accounts/admin.py).
    "gongkai.accounts",
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
    "django.forms",
    "django_htmx",
    "axes",
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
    "gongkai.operations",
    "gongkai.portal",
    "gongkai.workspace",
    # Last: the demo stands above every app whose demo data it loads.
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body (the CSRF check parses uploads): too large → 413.
    "config.request_size.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    "config.no_store.NoStoreMiddleware",
    # Inside the two above: the JSON it puts in place of an HTML error gets their headers.
    "gongkai.api.errors.ApiErrorsMiddleware",
    "gongkai.operations.proxy.ProxyHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A password an administrator chose is changed before anything else.
    "gongkai.workspace.password_gate.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # django-axes must come last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Form widgets and fields render through TEMPLATES, so that gongkai/templates/django/forms/
# can drop Django's English label colon and its "---------" empty choice (请选择).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

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
# SQLite under concurrent writers (gunicorn workers, a command beside them):
# - IMMEDIATE: every transaction takes the write lock when it begins. SQLite's default
#   (DEFERRED) takes it at the first write, and a transaction that read first and then
#   writes while another one writes fails at once with "database is locked" — no waiting
#   can help it, the busy timeout is not even consulted.
# - timeout: how long a transaction waits for the write lock (seconds) before failing.
# - WAL: readers do not block the writer nor the writer the readers. synchronous stays FULL
#   (an fsync at each commit): an acknowledged submission survives a power cut, too.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL",
}
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _sqlite_name = str(DATABASES["default"]["NAME"])
    if _sqlite_name and _sqlite_name != ":memory:" and not _sqlite_name.startswith("file:"):
        Path(_sqlite_name).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

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
    # Django's password check; refuses deactivated and roleless accounts with a reason and
    # ends their sessions (gongkai/accounts/backends.py).
    "gongkai.accounts.backends.StaffBackend",
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
# Resets (the administrator's 解除锁定, `gongkai axes_reset_username`) are audited; the Django
# admin shows the sign-in records read-only (gongkai/accounts/admin.py), never deletes them.
AXES_HANDLER = "gongkai.accounts.throttling.AuditedAxesHandler"
AXES_ENABLE_ADMIN = False
# Behind nginx every request comes from 127.0.0.1; nginx passes the client in X-Real-IP,
# which is trusted only when this is set (docs/deploy.md).
BEHIND_PROXY = env_bool("GONGKAI_BEHIND_PROXY", False)
# Whether the deployment said either way: `check --deploy` warns when it did not
# (gongkai/operations/proxy.py).
BEHIND_PROXY_DECLARED = bool(os.environ.get("GONGKAI_BEHIND_PROXY", "").strip())

# Sessions and CSRF: HTTP-only cookies, same-site, a working day long, gone with the browser.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Answers that may carry personal data are never stored by a cache (config/no_store.py).
NO_STORE_PATH_PREFIXES = ["/workspace/", "/api/", "/apply/", "/track/"]

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
# Upload limits, kept in agreement with nginx's client_max_body_size in docs/deploy.md (a test
# compares them): one file at most GONGKAI_ATTACHMENT_MAX_BYTES, the files of one request
# together at most GONGKAI_UPLOAD_MAX_BYTES, and a whole request (files, form fields and
# multipart framing) at most GONGKAI_REQUEST_MAX_BYTES = that + 1 MiB — nginx's limit.
GONGKAI_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
GONGKAI_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
GONGKAI_REQUEST_MAX_BYTES = GONGKAI_UPLOAD_MAX_BYTES + 1024 * 1024
# Portal applications (/apply/): submissions per client address and over all addresses,
# "count/seconds" (gongkai/portal/submission_limits.py).
GONGKAI_APPLY_LIMIT_PER_ADDRESS = os.environ.get("GONGKAI_APPLY_LIMIT_PER_ADDRESS", "20/600")
# The overall limit is the host's capacity for submissions: ~27 ms of server CPU each, so 24 a
# second leave half of two cores to the pages (decision 0019, bench/submit_load.py).
GONGKAI_APPLY_LIMIT_TOTAL = os.environ.get("GONGKAI_APPLY_LIMIT_TOTAL", "24/1")
# …and at most this many processed at once on a host (lock files in GONGKAI_LOCK_DIR): fewer
# than the gunicorn workers (docs/deploy.md runs 3), so one is always free for pages.
GONGKAI_APPLY_CONCURRENT = int(os.environ.get("GONGKAI_APPLY_CONCURRENT", "2"))
GONGKAI_LOCK_DIR = Path(os.environ.get("GONGKAI_LOCK_DIR") or VAR_DIR / "locks")

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

# Mail (the receipt's copy to the applicant, the daily reminders) goes through Django's
# EMAIL_BACKEND (SMTP to EMAIL_HOST, localhost:25 by default). A mail server that does not
# answer gives up after this many seconds instead of holding the applicant's request.
EMAIL_TIMEOUT = int(os.environ.get("GONGKAI_EMAIL_TIMEOUT", "10"))

# A 403 is one line in the log, not a traceback (config/log_filters.py).
LOG_FILTERS = {"forbidden_one_line": {"()": "config.log_filters.ForbiddenWithoutTraceback"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"filters": ["forbidden_one_line"]}},
}

# 行政复议法（2023年修订）第二十三条第一款第（四）项 "不予公开": the table 三 outcome groups whose
# reply letters require reconsideration before any lawsuit. Default: rows （二）–（五）, the
# conservative reading (docs/decisions/0013-reconsideration-first-scope.md); a jurisdiction that
# reads it narrowly sets e.g. "partially_granted,withheld".
GONGKAI_RECONSIDERATION_FIRST_GROUPS = tuple(
    group.strip()
    for group in os.environ.get(
        "GONGKAI_RECONSIDERATION_FIRST_GROUPS",
        "partially_granted,withheld,unavailable,not_processed",
    ).split(",")
    if group.strip()
)
