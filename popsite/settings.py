"""Settings read from the environment, with safe defaults for development.

Zero configuration runs on SQLite; DATABASE_URL switches to PostgreSQL.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# The development key is public (it is in the repository): popsite.wsgi refuses to serve
# with it unless DEBUG is on, so a production server without SECRET_KEY never starts.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
# The covering indexes' extra columns (plans.0013) serve PostgreSQL's index-only counts;
# SQLite, the development database, makes the same indexes without them, as it should.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The second factor: an authenticator app (TOTP) and one-time recovery codes
    # (popsite.accounts.second_factor); before accounts, whose admin unregisters theirs.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "popsite.accounts",
    "plans",
    "methods",
    "plans.portfolio",
    "registration",
    "popsite.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "popsite.accounts.middleware.NoStoreMiddleware",
    "popsite.accounts.middleware.RequestSizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session given a second-factor code?
    "django_otp.middleware.OTPMiddleware",
    # Someone logged in with a login letter's one-time code chooses their own secret first.
    "popsite.accounts.middleware.OneTimeCodeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "popsite.accounts.middleware.SessionTimeoutMiddleware",
    # Whoever needs a second factor gives a code (or sets one up) before anything else.
    "popsite.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "popsite.urls"
WSGI_APPLICATION = "popsite.wsgi.application"

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
                "popsite.accounts.context_processors.menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection is tested before a request uses it, so the first request
        # after a database restart does not fail on a dead connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves `make run`: a write transaction takes its lock when it
    # begins and a second writer waits for it, instead of failing with "database is
    # locked" halfway (a double click on a form).
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # E-mail in any capitalisation or a login name; one-time codes until their date.
    "popsite.accounts.backends.LoginBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads and exports go through Django's storage API only, so several app servers can
# share one store: a shared MEDIA_ROOT, or FILE_STORAGE=s3 for an S3-compatible bucket
# (django-storages) configured by the AWS_* variables below. Objects stay private: no
# ACL is sent (the bucket's own policy applies) and every URL is signed for a minute.
S3_STORAGE = "storages.backends.s3.S3Storage"


def s3_options(environ: Mapping[str, str]) -> dict:
    return {
        "bucket_name": environ.get("AWS_STORAGE_BUCKET_NAME", ""),
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": int(environ.get("AWS_QUERYSTRING_EXPIRE", "60")),
        # Two uploads with one name each keep their own object.
        "file_overwrite": False,
        "signature_version": "s3v4",
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
    }


FILE_STORAGE = os.environ.get("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")
if FILE_STORAGE in ("s3", S3_STORAGE):
    DEFAULT_STORAGE = {"BACKEND": S3_STORAGE, "OPTIONS": s3_options(os.environ)}
else:
    DEFAULT_STORAGE = {"BACKEND": FILE_STORAGE}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# With files on local disk behind nginx: downloads leave through this internal location
# (X-Accel-Redirect) once the app has checked access, e.g. /_protected/ (docs/DEPLOYMENT.md).
DOWNLOADS_X_ACCEL_PREFIX = os.environ.get("DOWNLOADS_X_ACCEL_PREFIX", "")
# Uploads are at most 10 MB (evidence, scans); a request body above this is refused
# before it is read (popsite.accounts.middleware.RequestSizeMiddleware).
MAX_REQUEST_BYTES = 11 * 1024 * 1024
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Behind HTTPS (production) set HTTPS=1: secure cookies, HSTS and redirects.
# The default keeps plain-http development and the test server working.
HTTPS = envbool("HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
# Shared PCs on the shop floor: a session ends after 30 minutes without activity and
# at the latest 12 hours after logging in (popsite.accounts.middleware).
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_MAX_SECONDS = int(os.environ.get("SESSION_MAX_HOURS", "12")) * 3600
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# How many proxies of our own (load balancer, reverse proxy) stand before the app; each
# appends to X-Forwarded-For. The client address for login throttling is read from
# there (popsite.accounts.throttle.client_address). Defaults to 1 behind a proxy.
TRUSTED_PROXIES = int(
    os.environ.get("TRUSTED_PROXIES", "1" if envbool("BEHIND_PROXY", False) else "0")
)

# Login throttling (django-axes): five failures for one account from one address lock
# that pair for fifteen minutes; AXES_ADDRESS_FAILURE_LIMIT failures from one address,
# over all accounts, lock that address (password spraying). Set the second high enough
# for a shop floor whose PCs share one public address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "popsite.accounts.throttle.PairAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "popsite.accounts.throttle.client_address"
# The login form posts the e-mail address in the field Django calls "username".
AXES_USERNAME_FORM_FIELD = "username"
# Failures count per login whatever its capitals (popsite.accounts.backends).
AXES_USERNAME_CALLABLE = "popsite.accounts.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# A wrong second-factor code counts as a failed login too (popsite.accounts.second_factor_views);
# like the password, the code it was is not written into the attempt log.
AXES_SENSITIVE_PARAMETERS = ["code"]
AXES_RESET_ON_SUCCESS = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "POP-werking <noreply@localhost>")
# A mail server that accepts and never answers is given up on after this many seconds;
# the task worker then tries again later, EMAIL_ATTEMPTS times in all (popsite/mail.py).
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_ATTEMPTS = int(os.environ.get("EMAIL_ATTEMPTS", "4"))
EMAIL_RETRY_SECONDS = int(os.environ.get("EMAIL_RETRY_SECONDS", "60"))

# How long a worker's data is kept after their last activity before an admin may
# erase them (manage.py erase_worker, or the action in the admin).
RETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", str(5 * 365)))
# The daily scheduler (manage.py run_schedule) erases such workers itself once their
# trajectories are all closed and the period has passed; 0 leaves it to an admin.
ERASE_AFTER_RETENTION = envbool("ERASE_AFTER_RETENTION", True)
# A monthly package (every worker's POP) is deleted this many days after it was built;
# the export log keeps who exported which month.
EXPORT_RETENTION_DAYS = int(os.environ.get("EXPORT_RETENTION_DAYS", "30"))
# The public address, for links in mails sent without a request (daily reminders).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Backups (manage.py backup_site): with a key the archive is encrypted (Fernet); keep
# the key apart from the backups, a backup without its key cannot be restored.
BACKUP_KEY = os.environ.get("BACKUP_KEY", "")

# Background work (Django's Tasks API, backported by django-tasks): tasks are rows in
# the database and `manage.py db_worker` runs them, so a web request never waits for
# a PDF, a package or a mail server. The tests run them at once (tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# /gezond/klaar/ answers 503 when a due task has waited longer than this (no worker).
TASK_QUEUE_MAX_AGE = int(os.environ.get("TASK_QUEUE_MAX_AGE", "900"))

# Logs go to stderr (journald, Docker); LOG_FORMAT=json writes one JSON object a line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "popsite.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Who gets the mail Django sends on a server error (with DEBUG=0), e.g.
# ADMINS="Beheer <it@example.org>,ict@example.org"; and the address it comes from.
ADMINS = [parseaddr(entry) for entry in envlist("ADMINS", "")]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Optional error reporting: pip install '.[sentry]' and set SENTRY_DSN. Requests carry
# POP content and names, so no personal data is sent (send_default_pii=False) and the
# SDK is only loaded when asked for.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
