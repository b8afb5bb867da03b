"""The production settings for a test's gunicorn: DEBUG off (so a fault gives the portal's
503/500 page, not Django's debug page), CONN_MAX_AGE and CONN_HEALTH_CHECKS as in
production. Plain HTTP on loopback (TLS ends at the proxy) and static files unhashed,
because `make test` does not run collectstatic."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECURE", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-" + "n0t-a-s3cr3t-" * 5)

from sesam.settings import *  # noqa: E402, F403
from sesam.settings import STORAGES  # noqa: E402

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
