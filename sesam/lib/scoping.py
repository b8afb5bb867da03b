"""ACC-4: a user sees the data of their own service locations only; anything else is 404."""

from django.http import Http404


def location_ids(request) -> list[int]:
    """The ids of the service locations the logged-in user is linked to."""
    return [location.pk for location in request.service_locations]


def get_scoped_or_404(queryset, request, *, field: str = "service_location", **lookup):
    """The one object matching `lookup` whose `field` (a service location, or a path to one,
    e.g. "warehouse__service_location") is one of the user's locations; else 404 — never
    another location's data."""
    try:
        return queryset.get(**{f"{field}__in": location_ids(request)}, **lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def location_not_required(view):
    """A page that works in no service location — Hjälpmedel's staff tools (Logggranskning,
    Återkallelse) — so a user linked to none is let through to it (ACC-D105)."""
    view.location_not_required = True
    return view
