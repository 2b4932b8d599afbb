"""Settings for Keukentafel.

Everything that differs per installation comes from environment variables; the defaults give a
working SQLite installation for the demo and the tests. Policy values (termijnen, tarieven, ...)
are *not* settings: they live in the `beleid` app as dated records per gemeente.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KT_VAR_DIR", BASE_DIR / "var"))
NODE_MODULES = Path(os.environ.get("KT_NODE_MODULES", BASE_DIR / "node_modules"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("KT_DEBUG", False)
SECRET_KEY = os.environ.get("KT_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("KT_ALLOW_INSECURE_KEY", True):
        raise RuntimeError("KT_SECRET_KEY is verplicht in productie.")
    SECRET_KEY = "keukentafel-demo-sleutel-niet-voor-productie"  # noqa: S105 - demo/test only
ALLOWED_HOSTS = os.environ.get("KT_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("KT_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "axes",
    "keukentafel.accounts",
    "keukentafel.beleid",
    "keukentafel.inwoners",
    "keukentafel.toegang",
    "keukentafel.plannen",
    "keukentafel.aanbod",
    "keukentafel.besluiten",
    "keukentafel.berichten",
    "keukentafel.financien",
    "keukentafel.portaal",
    "keukentafel.jeugd",
    "keukentafel.participatie",
    "keukentafel.monitor",
    "keukentafel.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "keukentafel.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "keukentafel.accounts.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "keukentafel.urls"
WSGI_APPLICATION = "keukentafel.wsgi.application"
AUTH_USER_MODEL = "accounts.Medewerker"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "toegang:werkvoorraad"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "keukentafel" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "keukentafel.portaal.views_publiek.portaal_context",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    """Turn postgres://user:pass@host:port/name into a Django DATABASES entry."""
    parts = urlparse(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise RuntimeError(f"Onbekend databasetype in DATABASE_URL: {parts.scheme}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": int(os.environ.get("KT_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
    }


if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("KT_SQLITE_PATH", str(VAR_DIR / "keukentafel.sqlite3")),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login lockout (django-axes): five failures per username lock that account for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("KT_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KT_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Staff of one gemeente share an office NAT address: lock per account, not per IP.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    BASE_DIR / "keukentafel" / "static",
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/axe-core", NODE_MODULES / "axe-core"),
]
WHITENOISE_USE_FINDERS = env_bool("KT_STATIC_FROM_FINDERS", True)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = env_bool("KT_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind TLS (production): HSTS and secure cookies; the demo on http://127.0.0.1 leaves them off.
SECURE_HSTS_SECONDS = int(os.environ.get("KT_HSTS_SECONDS", "31536000" if SESSION_COOKIE_SECURE else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = bool(SECURE_HSTS_SECONDS)
if env_bool("KT_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Keukentafel API",
    "DESCRIPTION": "REST API voor meldingen, huishoudens, personen en ondersteuningsplannen. "
    "Dezelfde autorisatie als de gebruikersinterface: alleen dossiers binnen het eigen gebied "
    "of met een vastgelegde reden (header X-Toegangsreden).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Choice sets that share a field name ("status") get their own named enum in the schema.
    "ENUM_NAME_OVERRIDES": {
        "MeldingStatusEnum": "keukentafel.toegang.models.MeldingStatus",
        "PlanStatusEnum": "keukentafel.plannen.models.PlanStatus",
    },
}

# Where the operator installed the official iStandaarden release (XSDs, codelists); never shipped with the
# product. Unset: XSD validation is off (the product says so) and only its own structural and rule checks run.
_istandaarden = os.environ.get("KEUKENTAFEL_ISTANDAARDEN_DIR") or os.environ.get("KT_ISTANDAARDEN_DIR")
ISTANDAARDEN_DIR = Path(_istandaarden) if _istandaarden else None

# iWmo/iJw messages: OP179 caps a file at 25 MB; the benchmark raises it for its 100,000-prestatie 323.
BERICHT_MAX_BYTES = int(os.environ.get("KT_BERICHT_MAX_BYTES", 25 * 2**20))
# Inbox/outbox directories per provider (AGB code) for exchange by file.
BERICHTEN_DIR = Path(os.environ.get("KT_BERICHTEN_DIR", BASE_DIR / "var" / "berichten"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"bsn_mask": {"()": "keukentafel.logging.BsnMaskFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["bsn_mask"], "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("KT_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Uploads (the overgangsrecht import accepts at most 20 MB): larger files are dropped while parsing.
MAX_UPLOAD_BYTES = 21 * 2**20
FILE_UPLOAD_HANDLERS = [
    "keukentafel.uploads.Uploadlimiet",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Files residents upload in Mijn Keukentafel (never served directly: downloads go through a view with access checks).
MEDIA_ROOT = os.environ.get("KT_MEDIA_ROOT", str(VAR_DIR / "media"))

# Mail (the one-time sign-in code of Mijn Keukentafel). Without KT_EMAIL_HOST the mail is written to the console,
# so a demo shows the code in the server log; production sets an SMTP relay.
DEFAULT_FROM_EMAIL = os.environ.get("KT_EMAIL_FROM", "Keukentafel <noreply@keukentafel.example>")
if os.environ.get("KT_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["KT_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("KT_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("KT_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("KT_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("KT_EMAIL_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Mijn Keukentafel: sign-in through the municipality's OpenID Connect broker (DigiD/eHerkenning), with
# mozilla-django-oidc's building blocks; residents never become Django users (no OIDC backend in
# AUTHENTICATION_BACKENDS). Off unless a client id, a secret and an issuer (discovery) or explicit endpoints are set.
KT_OIDC_ISSUER = os.environ.get("KT_OIDC_ISSUER", "")
KT_OIDC_BSN_CLAIM = os.environ.get("KT_OIDC_BSN_CLAIM", "bsn")
OIDC_RP_CLIENT_ID = os.environ.get("KT_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("KT_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("KT_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("KT_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("KT_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("KT_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("KT_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("KT_OIDC_SCOPES", "openid")
OIDC_USE_NONCE = True
OIDC_USE_PKCE = env_bool("KT_OIDC_PKCE", True)
OIDC_TIMEOUT = int(os.environ.get("KT_OIDC_TIMEOUT", "10"))
OIDC_AUTHENTICATION_CALLBACK_URL = "portaal:mijn_oidc_callback"
