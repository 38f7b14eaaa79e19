"""Settings for Sociaal Huis, read from the environment (12-factor).

Development defaults are safe: SQLite, DEBUG on, console e-mail. Production sets
``SOCIAALHUIS_ENV=production`` (DEBUG off, hardened cookies and headers) and must provide a real
``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``; ``manage.py check --deploy``
is clean with those settings.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

# Lets the code write the generic types mypy checks (``forms.ModelForm[Cell]`` as a
# base class) at run time too; it only adds ``__class_getitem__`` to those classes.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("SOCIAALHUIS_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

# The demo switches off the second factor so that a newcomer can log in with the
# printed passwords. It is refused in production, whatever the environment says.
DEMO_MODE = env_bool("SOCIAALHUIS_DEMO", default=False) and not PRODUCTION

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghijklmnop"  # noqa: S105 (development only; refused in production)
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and len(SECRET_KEY) < 50:
    raise RuntimeError("SECRET_KEY must be set to a random value of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
# Where the platform is reached, for links in e-mail sent outside a request (referral
# notices, digests). In production it defaults to https:// and the first allowed host.
SITE_URL = os.environ.get(
    "SITE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION and ALLOWED_HOSTS else "http://127.0.0.1:8000",
).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Our domain apps, in dependency order: an app may import only from apps above it.
    "sociaalhuis.core",
    "sociaalhuis.tenants",
    "sociaalhuis.audit",
    "sociaalhuis.directory",
    "sociaalhuis.accounts",
    "sociaalhuis.clients",
    "sociaalhuis.dossiers",
    "sociaalhuis.frontdesk",
    "sociaalhuis.referrals",
    "sociaalhuis.portal",
    "sociaalhuis.api",
    "sociaalhuis.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sociaalhuis.core.middleware.LanguageMiddleware",
    "sociaalhuis.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Opens the request transaction and fixes the municipality for it; everything
    # below runs inside that tenant context (and, on PostgreSQL, under RLS).
    "sociaalhuis.accounts.middleware.TenantMiddleware",
    "sociaalhuis.accounts.middleware.AuthorizationMiddleware",
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Production serves collected static files itself; development uses runserver's finders.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "sociaalhuis.urls"
WSGI_APPLICATION = "sociaalhuis.wsgi.application"
ASGI_APPLICATION = "sociaalhuis.asgi.application"

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
                "sociaalhuis.core.context_processors.platform",
                "sociaalhuis.accounts.context_processors.workspace",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------
DEFAULT_SQLITE = f"sqlite:///{PROJECT_DIR / 'var' / 'sociaalhuis.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_SQLITE),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA foreign_keys=ON;"}
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("TEST_SQLITE_NAME")

# The unprivileged PostgreSQL role every request runs as (SET LOCAL ROLE): it owns no
# table and cannot bypass row-level security. See docs/architecture.md, "Tenancy".
DB_APP_ROLE = os.environ.get("DB_APP_ROLE", "sociaalhuis_app")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "sociaalhuis.accounts.backends.PasswordBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitations use the same tokens: three days

# Roles that see personal data must confirm a second factor (TOTP); see accounts.roles.
OTP_REQUIRED = not DEMO_MODE
OTP_TOTP_ISSUER = "Sociaal Huis"

# Idle expiry (30 minutes) and the absolute limit (12 hours) are both enforced
# server-side by SessionLifetimeMiddleware, so the user is told why they must log in again.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "sociaalhuis.core.views.csrf_failure"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Lock the account, not the address: the desks of a Sociaal Huis share one public IP,
# and five typos by colleagues must not lock the whole office out. Throttling per IP
# belongs at the reverse proxy (docs/deployment.md).
AXES_LOCKOUT_PARAMETERS = ["username"]
# The login form's field is "username" (it holds the e-mail address); counted case-blind.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "sociaalhuis.accounts.views.lockout_username"
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 403
AXES_LOCKOUT_CALLABLE = "sociaalhuis.accounts.views.account_locked"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: everything comes from our own static files.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The header only makes preloading possible; submitting the domain stays a choice.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A reverse proxy terminating TLS must be trusted explicitly; without one the
    # SSL redirect would loop.

# --- Languages, dates, time zone --------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "sociaalhuis_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["sociaalhuis.formats"]

# --- Static files and uploads ------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files live outside the web root and are served only through
# permission-checked views (never through MEDIA_URL).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", PROJECT_DIR / "var" / "media"))
# Largest attachment of a help dossier (bytes); the type is checked by content.
DOSSIER_ATTACHMENT_MAX_BYTES = int(os.environ.get("DOSSIER_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
# Form fields (files not counted) up to 5 MB reach the view, so a huge pasted note
# gets the note's own "too long" message with the text kept, not Django's bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail and background work ------------------------------------------------------
# Django 6.1's MAILERS: SMTP in production, the console in development; tests swap in
# the in-memory backend automatically.
_MAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
_MAIL_OPTIONS: dict[str, object] = {}
if _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    _MAIL_OPTIONS = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "timeout": 10,
    }
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND, "OPTIONS": _MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Sociaal Huis <noreply@sociaalhuis.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Tracebacks go to the log, never to the user (DEBUG is off in production).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

SOCIAALHUIS_PLATFORM_NAME = "Sociaal Huis"
