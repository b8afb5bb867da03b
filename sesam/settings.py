"""Settings, read from the environment (django-environ).

Defaults are for development on this machine; production sets DJANGO_DEBUG=false and then
must set DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL (see README).
"""

import hashlib
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-in-production-0123456789"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is false.")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "sesam.lib.admin.SesamAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "sesam",
    "inventory",
    "recipients",
    "orders",
    "activities",
    "billing",
    "logreview",
    "safety",
    "patients",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # BEY-15: under /patient/ the patient's own session (its own cookie) replaces the staff one.
    "patients.middleware.patient_session_middleware",
    "sesam.middleware.session_refresh_middleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "sesam.middleware.sign_in_middleware",
    "sesam.middleware.no_store_middleware",
    "sesam.middleware.reject_nul_bytes_middleware",
    "sesam.middleware.service_location_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "sesam.middleware.NumberSeriesExhaustedMiddleware",
]

ROOT_URLCONF = "sesam.urls"
WSGI_APPLICATION = "sesam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sesam.context_processors.frame",
                "orders.context_processors.cart",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    },
]


def _local_database_url() -> str:
    """The project-local cluster that bin/pg starts (same path rule as bin/pg)."""
    digest = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:10]
    return f"postgres://postgres@/sesam?host=/tmp/sesam-pg-{digest}"


DATABASES = {"default": env.db_url("DATABASE_URL", default=_local_database_url())}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction mode (docs/operations.md) a cursor cannot outlive its
# transaction: no server-side cursors.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DJANGO_PGBOUNCER", default=False)
DATABASES["default"]["TEST"] = {"NAME": env.str("DJANGO_TEST_DATABASE", default="test_sesam")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "sesam.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that also reads the top bar's counts with the user (sesam.frame).
    "sesam.backends.FrameBackend",
    # ACC-11: the identity provider's callback (sesam.signin); sessions then use FrameBackend.
    "sesam.signin.HsaIdBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# ACC-11: sign-in through the region's identity provider (OpenID Connect, sesam.signin with
# mozilla-django-oidc). Development (DEBUG) defaults to the development IdP of `make run`
# (devidp/, http://127.0.0.1:8001); production names its provider or goes without.
SESAM_PASSWORD_LOGIN = env.bool("SESAM_PASSWORD_LOGIN", default=DEBUG)
SESAM_OIDC_ISSUER = env.str("SESAM_OIDC_ISSUER", default="http://127.0.0.1:8001/o" if DEBUG else "")
SESAM_OIDC_DISCOVERY_URL = env.str("SESAM_OIDC_DISCOVERY_URL", default="")
SESAM_OIDC_HSA_ID_CLAIM = env.str("SESAM_OIDC_HSA_ID_CLAIM", default="employeeHsaId")
SESAM_OIDC_ASSIGNMENT_CLAIM = env.str("SESAM_OIDC_ASSIGNMENT_CLAIM", default="healthCareUnitHsaId")
SESAM_OIDC_LEEWAY_SECONDS = 30
OIDC_RP_CLIENT_ID = env.str("SESAM_OIDC_CLIENT_ID", default="sesam" if DEBUG else "")
OIDC_RP_CLIENT_SECRET = env.str(
    "SESAM_OIDC_CLIENT_SECRET", default="sesam-development-secret" if DEBUG else ""
)
OIDC_RP_SCOPES = env.str("SESAM_OIDC_SCOPES", default="openid profile email")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the provider's logout
OIDC_TIMEOUT = 10
OIDC_OP_LOGOUT_URL_METHOD = "sesam.signin.logout_url"
# A configuration nobody can sign in with is a system check error (sesam.checks).

# BEY-15: patients sign in to /patient/ through the region's e-service platform for citizens
# (BankID; OpenID Connect, patients.signin), a client of its own. Development (DEBUG) uses
# the development IdP's citizen client.
SESAM_PATIENT_OIDC_ISSUER = env.str("SESAM_PATIENT_OIDC_ISSUER", default=SESAM_OIDC_ISSUER)
SESAM_PATIENT_OIDC_DISCOVERY_URL = env.str("SESAM_PATIENT_OIDC_DISCOVERY_URL", default="")
SESAM_PATIENT_OIDC_CLIENT_ID = env.str(
    "SESAM_PATIENT_OIDC_CLIENT_ID", default="sesam-patient" if DEBUG else ""
)
SESAM_PATIENT_OIDC_CLIENT_SECRET = env.str(
    "SESAM_PATIENT_OIDC_CLIENT_SECRET", default="sesam-patient-development-secret" if DEBUG else ""
)
SESAM_PATIENT_OIDC_SCOPES = env.str("SESAM_PATIENT_OIDC_SCOPES", default="openid profile")
SESAM_PATIENT_PNR_CLAIM = env.str(
    "SESAM_PATIENT_PNR_CLAIM", default="https://id.oidc.se/claim/personalIdentityNumber"
)
# The levels of assurance (acr) accepted: LoA 3 and 4 of the Swedish e-ID framework, which
# BankID and Freja+ meet (BEY-D502).
SESAM_PATIENT_ACR_VALUES = env.list(
    "SESAM_PATIENT_ACR_VALUES",
    default=[
        "http://id.elegnamnden.se/loa/1.0/loa3",
        "http://id.elegnamnden.se/loa/1.0/loa4",
    ],
)
# Adults only (BEY-15): from this age, computed from the personnummer.
SESAM_PATIENT_MIN_AGE = env.int("SESAM_PATIENT_MIN_AGE", default=18)

# ACC-1: lockout after repeated failures (per staff id), for a cool-off period.
AXES_FAILURE_LIMIT = env.int("SESAM_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SESAM_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Lock the staff id, not the address: a region's staff share a few NAT addresses, and one
# mistyping user must not lock out a whole clinic.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sesam.views.locked_out"
AXES_VERBOSE = False

# Session expiry after inactivity: a request pushes the expiry forward when the last push is
# a minute old (sesam.middleware.session_refresh_middleware), not with a write on every page.
SESSION_COOKIE_AGE = env.int("SESAM_SESSION_IDLE_SECONDS", default=30 * 60)
SESAM_SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# ACC-10: an account unused this long is deactivated at login.
SESAM_DORMANT_AFTER = timedelta(days=env.int("SESAM_DORMANT_DAYS", default=183))
# REC-9: the age from which patient fees apply ("Barn" is younger).
SESAM_ADULT_AGE = env.int("SESAM_ADULT_AGE", default=20)
# BEY-2: Leverans på prov, the default length of a trial loan in days
SESAM_TRIAL_DAYS = env.int("SESAM_TRIAL_DAYS", default=28)
# BEY-15 (BEY-D521): how many requests (Anmäl fel, Lämna tillbaka) a patient may send a day.
SESAM_PATIENT_REQUESTS_PER_DAY = env.int("SESAM_PATIENT_REQUESTS_PER_DAY", default=5)

# Background work (BEY-7 …): Django's tasks API, stored in PostgreSQL by django-tasks-db and
# run by `manage.py db_worker` (make run starts one; production runs it as its own service).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail (purchase orders to suppliers): an SMTP URL, e.g. smtp+tls://user:pass@smtp.example:587.
# The default is the development mail sink that make run starts (aiosmtpd on 127.0.0.1:1025,
# writing each message to tmp/mail/).
_smtp = env.email_url("SESAM_EMAIL_URL", default="smtp://127.0.0.1:1025")
MAILERS = {
    "default": {
        "BACKEND": _smtp["EMAIL_BACKEND"],
        "OPTIONS": {
            "host": _smtp.get("EMAIL_HOST") or "",
            "port": _smtp.get("EMAIL_PORT"),
            "username": _smtp.get("EMAIL_HOST_USER") or "",
            "password": _smtp.get("EMAIL_HOST_PASSWORD") or "",
            "use_tls": bool(_smtp.get("EMAIL_USE_TLS")),
            "use_ssl": bool(_smtp.get("EMAIL_USE_SSL")),
            "timeout": env.int("SESAM_EMAIL_TIMEOUT", default=20),
        },
    }
}
DEFAULT_FROM_EMAIL = env.str(
    "SESAM_EMAIL_FROM", default="Sesam Hjälpmedel <hjalpmedel@sesam.invalid>"
)

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

# Security. Production (DEBUG false) is HTTPS only; `manage.py check --deploy` is clean.
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
_PROVIDER_ORIGIN = sorted(
    {
        f"{part.scheme}://{part.netloc}"
        for part in map(urlsplit, [SESAM_OIDC_ISSUER, SESAM_PATIENT_OIDC_ISSUER])
        if part.netloc
    }
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    # Logga ut is a form whose answer redirects to the identity provider's logout.
    "form-action": [CSP.SELF, *_PROVIDER_ORIGIN],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
