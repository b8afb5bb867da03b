"""The development identity provider (ACC-11): an OpenID Connect provider made with
django-oauth-toolkit, on 127.0.0.1 only, for `make run` and the tests. Never in production:
it signs anyone in who clicks a name. Its own database (`sesam_idp`) in the same PostgreSQL
cluster as sesam, its own cookies (the ports of one host share cookies)."""

import hashlib
from pathlib import Path

import environ

from devidp.keys import signing_key

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DEBUG = True
SECRET_KEY = "devidp-development-only-never-used-anywhere-else-0123456789"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "oauth2_provider",
    "devidp",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "devidp.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]


def _database() -> dict:
    """DEVIDP_DATABASE_URL, else sesam's DATABASE_URL (or its local cluster, bin/pg) with the
    database name DEVIDP_DATABASE_NAME (`sesam_idp`)."""
    if "DEVIDP_DATABASE_URL" in env:
        return env.db_url("DEVIDP_DATABASE_URL")
    digest = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:10]
    config = env.db_url(
        "DATABASE_URL", default=f"postgres://postgres@/sesam?host=/tmp/sesam-pg-{digest}"
    )
    config["NAME"] = env.str("DEVIDP_DATABASE_NAME", default="sesam_idp")
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_NAME = "devidp_sessionid"
CSRF_COOKIE_NAME = "devidp_csrftoken"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "login"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {"default-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"]}

KEY_FILE = Path(env.str("DEVIDP_KEY_FILE", default=str(BASE_DIR / "devidp" / ".signing-key.pem")))

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": signing_key(KEY_FILE),
    "OAUTH2_VALIDATOR_CLASS": "devidp.claims.ClaimsValidator",
    "PKCE_REQUIRED": True,
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "ID_TOKEN_EXPIRE_SECONDS": 300,
    "SCOPES": {
        "openid": "Inloggning",
        "profile": "Namn",
        "email": "E-post",
    },
}

LANGUAGE_CODE = "sv"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
