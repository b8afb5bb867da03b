"""handler500: a database that is down or unreachable (OperationalError, InterfaceError —
also from the session or user lookup in a middleware) is a 503 "try again" page in Swedish,
rendered without the database; anything else is Django's 500 page (templates/500.html)."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        body = loader.get_template("503.html").render()
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return django_server_error(request, template_name)
