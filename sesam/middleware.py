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
