"""Språkvän settings: one file, every value from the environment with a safe development default."""

import logging
from datetime import timedelta
from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from config.secrets import production_secret_key
from sprakvan.core.logging import log_level

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
# In production (DEBUG=false) a missing, short or development key refuses to start.
SECRET_KEY = production_secret_key(env.str("SECRET_KEY", default=""), debug=DEBUG)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "phonenumber_field",
    "axes",
    "django_tasks_db",
    "ninja",
    "sprakvan.core",
    "sprakvan.organisations",
    "sprakvan.accounts",
    "sprakvan.participants",
    "sprakvan.messaging",
    "sprakvan.matching",
    "sprakvan.activities",
    "sprakvan.partners",
    "sprakvan.privacy",
    "sprakvan.reports",
    "sprakvan.accessibility",
    "sprakvan.home",
    "sprakvan.api",
    "sprakvan.demo",
]

MIDDLEWARE = [
    "sprakvan.core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sprakvan.core.headers.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "sprakvan.core.languages.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sprakvan.accounts.middleware.SessionTimeoutMiddleware",
    "sprakvan.accounts.middleware.RequireMFAMiddleware",
    "sprakvan.accounts.middleware.StaffAccessMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "sprakvan.core.forms_rendering.FormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sprakvan.accounts.navigation.navigation",
                "sprakvan.core.languages.languages",
            ],
        },
    },
]

# SQLite by default, tuned for a small server: WAL, IMMEDIATE write transactions, a busy timeout.
DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
# Persistent connections, one per gunicorn thread: a new PostgreSQL connection per request costs
# a backend process and a round of set-up (the load test: docs/performance.md, "Load"). Checked
# before reuse. Off for the development server, which starts a thread per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the reports' counts are estimated above PostgreSQL's jit_above_cost
    # but run in milliseconds, and compiling them took 27 of a query's 34 ms (docs/performance.md,
    # "Load"). Options in DATABASE_URL (?options=...) come after this one and win.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"-c jit=off {_options.get('options', '')}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ALLOW_SIGNUPS = False  # staff join by invitation only
ACCOUNT_ADAPTER = "sprakvan.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_FORMS = {"login": "sprakvan.accounts.forms.LoginForm"}
# allauth throttles failed logins per address for a minute only; locking is axes' job.
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip"}
# Lockout per account (and per account+address), for a cool-off, never per address alone:
# one office's typos must not lock everyone behind its address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_VERBOSE = False
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
# allauth authenticates with `email=`; the callable reads that (or the posted `login`).
AXES_USERNAME_CALLABLE = "sprakvan.accounts.adapters.typed_login"
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=60)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login", "email"]

# Second factor: TOTP, recovery codes and passkeys (WebAuthn needs https, or localhost).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False  # a passkey is a second factor here, not a password
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "Språkvän"
# A code of the 30-second step before or after also counts (RFC 6238, section 5.2): typed at the
# end of its step and checked at the start of the next, it is still the person's code (under
# load 7 of 50 logins failed so without it). Each code still works only once.
MFA_TOTP_TOLERANCE = 1
# Staff must set up a second factor before using any staff page (the demo only offers it).
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=not DEBUG)

# Sessions end after an idle time and, at the latest, some hours after login.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=120)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600

# Languages: Swedish by default; every string is translatable. Staff pages speak sv/en/ar; the
# public pages (sign-up, calendar, check-in, own page, notices, statement) and the messages also
# speak easy Swedish (a private-use tag), Dari, Tigrinya, Somali and Ukrainian (docs/languages.md).
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("sv-x-easy", _("Easy Swedish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa-af", _("Dari")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("uk", _("Ukrainian")),
]
STAFF_LANGUAGES = ("sv", "en", "ar")
LANGUAGES_BIDI = ["ar", "fa", "fa-af", "he", "ur"]
# Django's LANG_INFO knows neither Dari, Tigrinya, Somali nor easy Swedish.
LANG_INFO.setdefault(
    "sv-x-easy",
    {"bidi": False, "code": "sv-x-easy", "name": "Easy Swedish", "name_local": "Lätt svenska"},
)
LANG_INFO.setdefault("fa-af", {"bidi": True, "code": "fa-af", "name": "Dari", "name_local": "دری"})
LANG_INFO.setdefault("ti", {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"})
LANG_INFO.setdefault(
    "so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"}
)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# The largest file an upload form accepts, in MB (set the proxy's body limit a little above).
# Django's defaults stay: files past 2.5 MB stream to a temporary file, and other form fields
# may carry at most 2.5 MB (DATA_UPLOAD_MAX_MEMORY_SIZE does not count files).
UPLOAD_MAX_MB = env.int("UPLOAD_MAX_MB", default=10)
# Uploads are never served under MEDIA_URL; views check access, then stream the file or, with
# this set (e.g. "/protected-media/", an nginx `internal` location aliased to MEDIA_ROOT),
# hand it to nginx with X-Accel-Redirect.
PROTECTED_MEDIA_ACCEL_PREFIX = env.str("PROTECTED_MEDIA_ACCEL_PREFIX", default="")
# WhiteNoise's list plus source maps: only a developer's tools fetch them, and compressing
# the API docs' multi-megabyte maps was most of collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: EMAIL_URL (smtp://user:password@host:587 with ?tls=1, consolemail://, filemail://…).
_email = env.email_url("EMAIL_URL", default="consolemail://")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {k: v for k, v in _smtp_options.items() if v}
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Språkvän <noreply@sprakvan.local>")

# SMS: SMS_URL (console:// prints; elks://USER:PASSWORD@api.46elks.com sends; docs/messaging.md).
SMS_URL = env.str("SMS_URL", default="console://")

# /healthz fails when the worker's heartbeat or the last `tick` is older than these.
HEALTH_WORKER_MAX_AGE = timedelta(minutes=env.int("HEALTH_WORKER_MAX_AGE_MINUTES", default=20))
HEALTH_TICK_MAX_AGE = timedelta(minutes=env.int("HEALTH_TICK_MAX_AGE_MINUTES", default=40))
# Backups (docs/backup.md): a Fernet key encrypts them; empty: written unencrypted.
BACKUP_KEY = env.str("BACKUP_KEY", default="")

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# Messages: the provider's callbacks reach /hooks/sms/<SMS_WEBHOOK_TOKEN>/… (empty: hooks off,
# 404); MESSAGES_QUIET_HOURS ("08-20", or "off") overrides every programme's quiet hours.
SMS_WEBHOOK_TOKEN = env.str("SMS_WEBHOOK_TOKEN", default="")
MESSAGES_QUIET_HOURS = env.str("MESSAGES_QUIET_HOURS", default="")

PHONENUMBER_DEFAULT_REGION = "SE"
PHONENUMBER_DB_FORMAT = "E164"

# Content Security Policy from the first day: no inline scripts, no inline event handlers.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS in production: redirect, HSTS, and trust X-Forwarded-Proto only behind our own TLS proxy.
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of ours stand before gunicorn, each appending to X-Forwarded-For: the client's
# address is the entry the nearest one wrote (core/throttle.py's client_ip), for the
# public pages' limits, allauth's login limits and axes alike.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
AXES_CLIENT_IP_CALLABLE = "sprakvan.core.throttle.client_ip"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer probes /healthz over plain HTTP (sprakvan/core/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=False)
# Joining the browsers' preload list is a lasting commitment for the whole domain: the
# operator's choice (HSTS_PRELOAD=true), so its reminder is silenced, not its other checks.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Registration throttle: at most this many sign-ups per client address per hour.
REGISTRATION_RATE_PER_HOUR = env.int("REGISTRATION_RATE_PER_HOUR", default=10)
# A cache shared by the web server and the worker (throttles, import progress).
CACHES = {"default": env.cache_url("CACHE_URL", default=f"filecache://{BASE_DIR / '.cache'}")}

# One request line each (sprakvan.core.requestlog), JSON lines by default in production.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or text")
# Any case (deploy/gunicorn.conf.py reads it the same way); an unknown level stops start-up.
LOG_LEVEL = log_level(env.str("LOG_LEVEL", default="INFO"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Searches stay GET (linkable), so request lines lose their query string before logging.
    "filters": {"strip_query": {"()": "sprakvan.core.logging.StripQueryString"}},
    # LOG_FORMAT=json: every line one JSON object (sprakvan.core.logging.JsonFormatter).
    "formatters": {
        "json": {"()": "sprakvan.core.logging.JsonFormatter"},
        "text": {"format": "%(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.server": {"handlers": ["console"], "filters": ["strip_query"], "propagate": False},
        "django.request": {"filters": ["strip_query"]},
    },
}
# Python's warnings (a missing directory, a deprecation) become log records too, so that with
# LOG_FORMAT=json every line on stderr is JSON, not a warning's two lines of text.
logging.captureWarnings(LOG_FORMAT == "json")
