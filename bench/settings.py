"""`make bench`: the production settings (DEBUG off, CONN_MAX_AGE, static files by
whitenoise) plus what only the benchmark needs — the baseline view's URLconf and a
middleware that reports each request's server time and SQL queries. Plain HTTP on
loopback: in production TLS ends at the proxy, so DJANGO_SECURE is false here."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECURE", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "s3cr3t-" * 8)

from sesam.settings import *  # noqa: E402, F403
from sesam.settings import MIDDLEWARE  # noqa: E402

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.measure", *MIDDLEWARE]
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
