"""Comptoir's one settings module, read from the environment (12-factor)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.str("COMPTOIR_DATA_DIR", default=str(Path.cwd() / "var"))).resolve()


def _secret(variable: str, file_name: str, size: int = 50) -> str:
    """A secret from the environment, else one generated once and kept in the data dir."""
    if key := env.str(variable, default=""):
        return key
    key_file = DATA_DIR / file_name
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(size)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret("SECRET_KEY", "secret_key")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Where browsers open the live-update WebSocket. Empty: the same host, one port above the
# page's (what `comptoir serve` does); behind a proxy, e.g. wss://comptoir.example/ws/inbox/.
LIVE_URL = env.str("LIVE_URL", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "ninja",  # the API docs page served from the package's own files, no CDN
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Comptoir's apps in the app order (ARCHITECTURE.md), the import contract's layers in
    # pyproject.toml from the bottom up.
    "comptoir.core",
    "comptoir.accounts",
    "comptoir.webhooks",
    "comptoir.shops",
    "comptoir.consent",
    "comptoir.catalog",
    "comptoir.orders",
    "comptoir.reviews",
    "comptoir.cases",
    "comptoir.messaging",
    "comptoir.autoreplies",
    "comptoir.responsiveness",
    "comptoir.moderation",
    "comptoir.inbound",
    "comptoir.standards",
    "comptoir.promotions",
    "comptoir.demo",
    "comptoir.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "comptoir.accounts.middleware.TwoFactorGate",
    "django.contrib.messages.middleware.MessageMiddleware",
    "comptoir.web.middleware.PreferencesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as its documentation asks: it answers a locked-out sign-in with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "comptoir.urls"
WSGI_APPLICATION = "comptoir.wsgi.application"
ASGI_APPLICATION = "comptoir.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "comptoir.messaging.context.live",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers run beside the writer; IMMEDIATE write
# transactions plus a busy timeout stop several writer processes from dead-locking on the
# read-to-write lock upgrade (ARCHITECTURE.md, Serving).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'comptoir.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Threads of one process queue for the single SQLite writer (core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "comptoir.core.sqlite"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # in memory for tests
# Each request thread keeps its connection (opening one costs a SQLite request about a
# millisecond of CPU: the file, the pragmas, Django's functions; decision 0016).
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Does nothing until OIDC_ISSUER is set (accounts/oidc.py).
    "comptoir.accounts.oidc.MarketplaceOIDCBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Sign-in (docs/sign-in.md) ----------------------------------------------------------
# The marketplace as OpenID Connect provider: authorization code flow with PKCE, endpoints
# found from the issuer's discovery document. Empty issuer: no "Sign in with" button.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
# The claim carrying the marketplace's own id of the person (matched to `external_id`).
OIDC_EXTERNAL_ID_CLAIM = env.str("OIDC_EXTERNAL_ID_CLAIM", default="sub")
# The name on the sign-in button ("Sign in with …").
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_STORE_ID_TOKEN = False
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "accounts:oidc_refused"


# Links the marketplace signs (JWT): HS256 with this shared secret, or RS256 with the
# marketplace's public key (PEM). `aud` must be SIGNED_LINK_AUDIENCE.
# Without SIGNED_LINK_SECRET, one generated into the data dir signs the links that
# `comptoir sign-link` prints (the demo's, or a developer trying the flow).
SIGNED_LINK_SECRET = _secret("SIGNED_LINK_SECRET", "signed_link_secret", size=48)
SIGNED_LINK_PUBLIC_KEY = env.str("SIGNED_LINK_PUBLIC_KEY", default="", multiline=True)
SIGNED_LINK_AUDIENCE = env.str("SIGNED_LINK_AUDIENCE", default="comptoir")

# Failed sign-ins (django-axes, counted in the database: every process sees the same
# count): this many failures lock the username, and separately the address, out.
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("SIGN_IN_LOCKOUT_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "comptoir.core.ratelimit.client_ip_or_none"
# How many reverse proxies in front of Comptoir append to X-Forwarded-For: per-IP limits
# and lockouts then count the client's address, not the proxy's. 0: the connection's.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)

# Trust & Safety staff sign in with a second factor (TOTP or a recovery code).
OTP_TOTP_ISSUER = env.str("OTP_ISSUER", default="Comptoir")

# --- Cache, channels, tasks -----------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- E-mail ---------------------------------------------------------------------------
# EMAIL_URL takes smtp://user:password@host:587 (smtp+tls://, smtps://) or consolemail://.
# Without it, e-mails stay in the local mailbox (EMAIL_FILE_PATH below), never sent.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "comptoir.core.mailbox.MailboxBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Comptoir <comptoir@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds one SMTP connection or command may wait: a server that accepts and never
# answers costs the worker this long, never a web request (decision 0009).
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10.0)
# The outbox (core/outbox.py): how many e-mails one worker run takes at a time over one
# SMTP connection; how long a claimed e-mail is left to its worker before another may
# take it (a worker killed mid-send); how long a due e-mail may wait for its task before
# the sweep (every EMAIL_SWEEP_EVERY seconds) wakes a worker for it; the back-off
# between attempts (doubling from EMAIL_RETRY_BASE up to EMAIL_RETRY_CAP seconds) and
# the attempts before an e-mail is given up and shown to Trust & Safety.
EMAIL_BATCH_SIZE = env.int("EMAIL_BATCH_SIZE", default=100)
EMAIL_LEASE = env.float("EMAIL_LEASE", default=300.0)
EMAIL_SWEEP_GRACE = env.float("EMAIL_SWEEP_GRACE", default=60.0)
EMAIL_SWEEP_EVERY = env.float("EMAIL_SWEEP_EVERY", default=30.0)
EMAIL_RETRY_BASE = env.float("EMAIL_RETRY_BASE", default=30.0)
EMAIL_RETRY_CAP = env.float("EMAIL_RETRY_CAP", default=3600.0)
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=12)
# With no EMAIL_URL, e-mails go to a local mailbox: one .eml file each under this folder,
# one line each on the terminal, listed for staff at /staff/mail/ (core/mailbox.py).
EMAIL_FILE_PATH = str(DATA_DIR / "mailbox")

# --- Reply by e-mail ----------------------------------------------------------------------
# Notifications carry Reply-To: reply+<signed token>@MAIL_REPLY_DOMAIN (empty: no
# Reply-To, replying by e-mail is off). Point the domain's MX record at the listener.
MAIL_REPLY_DOMAIN = env.str("MAIL_REPLY_DOMAIN", default="")
# How many days a reply address stays good after the notification that carried it.
MAIL_REPLY_MAX_AGE_DAYS = env.int("MAIL_REPLY_MAX_AGE_DAYS", default=180)
# The SMTP listener (`comptoir mail-in`; `comptoir serve` starts it when MAIL_IN_PORT is
# set): where it listens for the mail the MX sends on.
MAIL_IN_HOST = env.str("MAIL_IN_HOST", default="127.0.0.1")
MAIL_IN_PORT = env.int("MAIL_IN_PORT", default=0)
# The shared secret an inbound-mail service sends (Authorization: Bearer …) when it posts
# a raw message to POST /api/v1/inbound/mail (empty: the endpoint is off).
INBOUND_MAIL_SECRET = env.str("INBOUND_MAIL_SECRET", default="")

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("pl", _("Polish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"  # `comptoir manage collectstatic` fills it for a CDN
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploads stream to a temporary file, chunk by chunk, and stop at the attachment limit.
FILE_UPLOAD_HANDLERS = ["comptoir.messaging.uploads.CappedUploadHandler"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Static files are served by whitenoise straight from the apps (no collectstatic step).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
HTTPS = env.bool("HTTPS", default=False)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # A year, subdomains included; preload makes the site eligible for browsers' lists
    # (submitting it there is a separate, deliberate step).
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Content-Security-Policy (django-csp) on every response: scripts and styles from this
# site only (no inline script anywhere), live updates over WebSockets, nothing framed
# except a shop's contact form by the sites the shop lists (messaging.contact).
_LIVE = [LIVE_URL] if LIVE_URL else ["ws:", "wss:"]  # default: the next port, any host
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'", *_LIVE],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

NINJA_PAGINATION_MAX_LIMIT = 200

# --- Webhooks -------------------------------------------------------------------------
# Webhooks reach public addresses only. Receivers on an internal network must be listed:
# host names, addresses or networks, e.g. "hooks.internal,10.0.4.0/24" (docs/webhooks.md).
WEBHOOK_ALLOWED_PRIVATE_TARGETS = env.list("WEBHOOK_ALLOWED_PRIVATE_TARGETS", default=[])

# --- Promotions -----------------------------------------------------------------------
# Marketing messages one shop may send per calendar day in its own time zone (sends to
# past buyers and single messages together); the rest of a send waits for the next day.
COMPTOIR_MARKETING_DAILY_CAP = env.int("COMPTOIR_MARKETING_DAILY_CAP", default=1000)
