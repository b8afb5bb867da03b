"""BEY-15: the patient's session is not the staff one. Under /patient/ the patient's own
session — its own cookie (`sesam_patient`, sent by the browser to /patient/ only), its own
row in the session table, no Django user in it — replaces the staff session for the length of
the request. So a patient session reaches no staff URL (there it is not even sent, and the
staff login finds no user) and a staff session is no patient (the patient pages never read
it). Every response under /patient/ is no-store (ACC-D100), signed in or not."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import http_date

PREFIX = "/patient/"
COOKIE_NAME = "sesam_patient"


def is_patient_path(path: str) -> bool:
    return path.startswith(PREFIX)


def patient_session_middleware(get_response):
    store = import_module(settings.SESSION_ENGINE).SessionStore

    def middleware(request):
        if not is_patient_path(request.path_info):
            return get_response(request)
        staff_session = request.session
        request.session = store(request.COOKIES.get(COOKIE_NAME))
        response = get_response(request)
        _save(request, response)
        add_never_cache_headers(response)
        # Django's session middleware then finds the staff session untouched: nothing to do.
        request.session = staff_session
        return response

    return middleware


def _save(request, response) -> None:
    """Django's SessionMiddleware.process_response, for the patient's cookie (its own name,
    path /patient/; secure, HttpOnly and SameSite as the staff cookie)."""
    session = request.session
    cookie = {
        "path": PREFIX,
        "domain": settings.SESSION_COOKIE_DOMAIN,
        "samesite": settings.SESSION_COOKIE_SAMESITE,
    }
    if COOKIE_NAME in request.COOKIES and session.is_empty():
        response.delete_cookie(COOKIE_NAME, **cookie)
        patch_vary_headers(response, ("Cookie",))
        return
    if session.accessed:
        patch_vary_headers(response, ("Cookie",))
    if not session.modified or session.is_empty() or response.status_code >= 500:
        return
    max_age = expires = None
    if not session.get_expire_at_browser_close():
        max_age = session.get_expiry_age()
        expires = http_date(time.time() + max_age)
    try:
        session.save()
    except UpdateError as error:
        raise SessionInterrupted("The patient's session ended during the request.") from error
    response.set_cookie(
        COOKIE_NAME,
        session.session_key,
        max_age=max_age,
        expires=expires,
        secure=settings.SESSION_COOKIE_SECURE or None,
        httponly=True,
        **cookie,
    )
    patch_vary_headers(response, ("Cookie",))
