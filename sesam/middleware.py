import time
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db.models import F
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject

from sesam import frame
from sesam.lib.numbers import NumberSeriesExhausted
from sesam.lib.precompiled import Precompiled
from sesam.models import ServiceLocation

SESSION_KEY = "active_service_location"
# ACC-11: how this session signed in, {"method": …, "assignment": …} (sesam.signin).
SIGN_IN_KEY = "sesam_sign_in"
_sign_in: ContextVar[dict | None] = ContextVar("sesam_sign_in", default=None)


# The user's service locations, each with `is_default` of the membership (sesam.lib.precompiled).
_LOCATIONS = Precompiled(
    lambda pk: ServiceLocation.objects.filter(memberships__user=pk).annotate(
        is_default=F("memberships__is_default")
    )
)


def _locations(request):
    if not request.user.is_authenticated:
        return []
    return _LOCATIONS.run(request.user.pk)


def service_location_middleware(get_response):
    """Puts the user's service locations (ACC-2) on the request:
    `request.service_locations` (default first) and `request.service_location` (the active
    one: chosen in the top bar for this session, else the default)."""

    def middleware(request):
        def locations():
            return sorted(_locations(request), key=lambda loc: (not loc.is_default, loc.name))

        def active():
            chosen = request.session.get(SESSION_KEY)
            available = request.service_locations
            for location in available:
                if location.pk == chosen:
                    return location
            return available[0] if available else None

        request.service_locations = SimpleLazyObject(locations)
        request.service_location = SimpleLazyObject(active)
        if _without_location(request) and _needs_location(request):
            return _no_location_page(request)
        return get_response(request)

    return middleware


# Pages a user linked to no service location may still open (ACC-D105): admin has no active
# location; the login/logout pages and the accessibility statement belong to no one's data.
OPEN_WITHOUT_LOCATION = {"login", "logout", "accessibility"}


def _without_location(request) -> bool:
    """A signed-in user linked to no service location; read with the user (sesam.frame)."""
    user = request.user
    if not user.is_authenticated:
        return False
    return not frame.get(user, "has_service_location", lambda: bool(request.service_locations))


def _needs_location(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True
    return (
        match.app_name != "admin"
        and match.view_name not in OPEN_WITHOUT_LOCATION
        and not getattr(match.func, "location_not_required", False)
    )


def _no_location_page(request):
    """ACC-2 (ACC-D105): every portal page works in the active service location; a user linked
    to none (a new account, Hjälpmedel's staff) gets this page on every URL, never a 500."""
    return render(request, "no_service_location.html", status=403)


def reject_nul_bytes_middleware(get_response):
    """quality.md: bad input is a 4xx, never a 500. No one types a NUL byte and PostgreSQL
    cannot store one, so a query string or form carrying one is a 400 before any view sees it
    (Django's forms would refuse it too; raw `request.GET` lookups would not)."""

    def middleware(request):
        for params in (request.GET, request.POST):
            for key, values in params.lists():
                if any("\x00" in text for text in (key, *values)):
                    raise BadRequest("NUL byte in a parameter")
        return get_response(request)

    return middleware


REFRESHED_KEY = "_refreshed_at"


def stamp_session_at_login(sender, request, user, **kwargs):
    """A new session starts fresh: the first page after login need not push its expiry."""
    request.session[REFRESHED_KEY] = int(time.time())


def session_refresh_middleware(get_response):
    """ACC-1 (ACC-D2): a session ends after SESSION_COOKIE_AGE without a request. Saving the
    session on every request would do it at the cost of a write per page; instead a request
    pushes the expiry forward when the last push is at least SESAM_SESSION_REFRESH_SECONDS
    old, so the idle limit holds to within that and most pages write nothing."""

    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.modified:
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESAM_SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now
        return response

    return middleware


class NumberSeriesExhaustedMiddleware:
    """ORD-D121: a number series that is full (`NumberSeriesExhausted`: a week's 9999 order
    numbers, a year's invoice numbers) is met in one place for every view: the user gets its
    Swedish message and what to do, with status 409, never a 500. The view's transaction has
    rolled back (nothing is half-saved); under HTMX the page replaces the body, as a partial's
    target could not hold it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, NumberSeriesExhausted):
            return None
        context = {"message": str(exception)}
        response = render(request, "number_series_exhausted.html", context, status=409)
        response["Cache-Control"] = "no-store"
        if getattr(request, "htmx", False):
            response["HX-Retarget"] = "body"
            response["HX-Reswap"] = "innerHTML"
        return response


def record_password_sign_in(sender, request, user, **kwargs):
    """ACC-11: a session opened with the password form says so on its access-log rows (the
    provider's callback, sesam.signin, writes its own after this)."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGN_IN_KEY] = {"method": "password", "assignment": ""}


def current_sign_in() -> dict:
    """The sign-in of the session this request belongs to ({} outside a request)."""
    return _sign_in.get() or {}


def sign_in_middleware(get_response):
    """ACC-11: makes the session's sign-in (method, assignment) known to the access log
    (sesam.services.log_access) for the length of the request."""

    def middleware(request):
        session = getattr(request, "session", None)
        token = _sign_in.set(session.get(SIGN_IN_KEY, {}) if session is not None else {})
        try:
            return get_response(request)
        finally:
            _sign_in.reset(token)

    return middleware


def no_store_middleware(get_response):
    """quality.md, ACC-D100: a signed-in user's every response — page, partial, PDF, export,
    admin, error page — may carry patient data, so none is kept by a browser or a proxy
    (`Cache-Control: no-store`, private, max-age=0). Static files never get here (WhiteNoise
    answers them first) and stay cacheable."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response

    return middleware
