from django.core.exceptions import BadRequest
from django.utils.functional import SimpleLazyObject

SESSION_KEY = "active_service_location"


def _memberships(request):
    if not request.user.is_authenticated:
        return []
    return list(request.user.memberships.select_related("service_location"))


def service_location_middleware(get_response):
    """Puts the user's service locations (ACC-2) on the request:
    `request.service_locations` (default first) and `request.service_location` (the active
    one: chosen in the top bar for this session, else the default)."""

    def middleware(request):
        memberships = SimpleLazyObject(lambda: _memberships(request))

        def locations():
            ordered = sorted(memberships, key=lambda m: (not m.is_default, m.service_location.name))
            return [m.service_location for m in ordered]

        def active():
            chosen = request.session.get(SESSION_KEY)
            available = request.service_locations
            for location in available:
                if location.pk == chosen:
                    return location
            return available[0] if available else None

        request.service_locations = SimpleLazyObject(locations)
        request.service_location = SimpleLazyObject(active)
        return get_response(request)

    return middleware


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
