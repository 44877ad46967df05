"""LMC Studio settings: one module, driven by environment variables.

Every value that differs between a laptop and production is read from the
environment by the small helpers below, which fail loudly on a bad value.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from error


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-only-used-when-debug-is-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "core",
    "accounts",
    "orgs",
    "canvas",
    "customers",
    "investment",
    "scorecard",
    "pulse",
    "sharing",
    "indicators",
    "studio",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "orgs.middleware.OrganizationTimeZoneMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An open board's "nothing new" poll is answered here, before sessions are loaded.
    "canvas.middleware.LiveFeedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.HtmxLoginRedirectMiddleware",
    "core.middleware.HtmxNotFoundMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "core.middleware.NoStoreForSignedInMiddleware",
    "orgs.middleware.FormerMemberMiddleware",
    "core.middleware.BusyMiddleware",
    # django-axes wants to be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

ROOT_URLCONF = "config.urls"

# Where the top layer (studio) adds to pages and records of the apps below it, and where an
# app above hears of a change below it (investment's figures -> indicators) (core/hooks.py).
HOOKS = {
    "board_panels": "studio.panels.board_panels",
    "board_segments": "studio.panels.board_segments",
    "segment_costs": "studio.panels.segment_costs",
    "assessment_record": "studio.assessments.completion_record",
    "canvas_contents": "studio.contents.canvas_contents",
    "poster_figures": "studio.panels.poster_figures",
    "investment_figures_changed": "indicators.services.record_investment_figures",
}

# A deleted canvas waits this many days in its organization's trash, where owners can
# restore it; `manage.py purge_trash` then deletes it for good.
CANVAS_TRASH_DAYS = env_int("CANVAS_TRASH_DAYS", 30)
if CANVAS_TRASH_DAYS < 1:
    raise ImproperlyConfigured(f"CANVAS_TRASH_DAYS must be 1 or more; got {CANVAS_TRASH_DAYS}.")

WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Databases: SQLite under var/ by default, PostgreSQL (psycopg 3) when DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    try:
        _database = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
    except Exception as error:  # the parser raises several kinds; all mean a bad URL
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {error}") from error
    if _database["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_POOL", False):
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 2),
            "max_size": env_int("DATABASE_POOL_MAX", 10),
        }
    else:
        _database["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
        _database["CONN_HEALTH_CHECKS"] = True
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "var" / "lmc.sqlite3",
        # Concurrent writers wait for the lock instead of failing with "database is locked".
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
DATABASES = {"default": _database}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
        if os.environ.get("CACHE_URL")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lmc",
            # Rendered PDFs are cached here; keep each worker's share of memory small.
            "OPTIONS": {"MAX_ENTRIES": 100},
        }
    )
}

# The live board's change feed reads a canvas's latest event number from the cache, and keeps
# who has a board open there (core/live.py): only a cache every process shares can do either.
LIVE_SHARED_CACHE = bool(os.environ.get("CACHE_URL"))
# How often an open board asks its feed what changed (milliseconds; README "Live board").
LIVE_POLL_MS = env_int("LIVE_POLL_MS", 1000)
if LIVE_POLL_MS < 200:
    raise ImproperlyConfigured(f"LIVE_POLL_MS must be 200 or more; got {LIVE_POLL_MS}.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security: strict by default when DEBUG is off; each switch can be relaxed by env
# so a plain-HTTP local production test is still possible.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# One TLS-terminating proxy in front (README, "Deploying"): it sets X-Forwarded-Proto and
# appends the client's address to X-Forwarded-For. Trusted only when this is on.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy on every response: scripts, styles, fonts and fetches come from
# this site only; no inline script runs without the request's nonce (our templates need
# none), no eval, no style="" attributes; nobody may frame the site, plugins are off, and
# forms post only here. `data:` images are the blank favicon and small inline icons.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features no page uses are turned off for the site and anything it embeds
# (core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Request size limits. A request over them gets a readable 413 page (core.views.bad_request):
# form data over DATA_UPLOAD_MAX_MEMORY_SIZE, more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS,
# or a body bigger than the two byte limits together (core.middleware.RequestSizeLimitMiddleware).
# No page takes uploads: files are only ever held in memory, never written to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)  # 2.5 MB
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 1_048_576)  # 1 MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 10)
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]

# Accounts and sessions (README, "Logins and sessions").
# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_COOKIE_AGE
# seconds after signing in whatever the activity (accounts.middleware.SessionLimitsMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 60 * 60 * 8)
# Failed logins are counted per username and client address (core.network.client_address):
# after LOGIN_FAILURE_LIMIT failures in a row that pair is refused for LOGIN_COOLOFF_MINUTES,
# counted from the latest attempt. django-axes keeps the count in the database, so every worker
# sees it; platform admins see and lift lockouts in the admin ("Access attempts").
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.network.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_USERNAME_CALLABLE = "accounts.throttling.attempted_username"
# Password reset mail (Django 6.1's MAILERS): printed to the console with DEBUG on, sent by
# SMTP otherwise. EMAIL_USE_TLS is STARTTLS (usually port 587), EMAIL_USE_SSL implicit TLS (465).
MAILERS = {
    "default": (
        {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if env_bool("EMAIL_TO_CONSOLE", DEBUG)
        else {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LMC Studio <no-reply@localhost>")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 3)


def env_rate(name: str, default: str) -> str | None:
    """A rate limit from the environment: "count/period" (s, m, h or d), or off (None)."""
    value = os.environ.get(name, default).strip()
    if value.lower() in _FALSE | {"none"}:
        return None
    if not re.fullmatch(r"\d+/\d*[smhd]", value):
        raise ImproperlyConfigured(
            f"{name} must look like 300/h (a count per s, m, h or d), or off; got {value!r}."
        )
    return value


# The stakeholder pulse's public form: at most this many answers per pulse from one client
# address (django-ratelimit's "count/period" with s, m, h or d), counted in the cache above
# (shared by all workers when CACHE_URL is set). Thirty phones on one office network share
# an address, so it is generous. "off" lifts it.
PULSE_RATE_LIMIT = env_rate("PULSE_RATE_LIMIT", "300/h")
# Share links' public pages (/s/<token>/...): at most this many pages a client address opens,
# whatever the token (so tokens can't be tried in bulk). A presentation is eight pages; a
# meeting room behind one address opens a few dozen.
SHARE_RATE_LIMIT = env_rate("SHARE_RATE_LIMIT", "600/h")
# Answers to a pulse are a few hundred bytes; a bigger post is refused with a message.
PULSE_MAX_POST_BYTES = env_int("PULSE_MAX_POST_BYTES", 16 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
