"""sesam.lib.precompiled: a query built once, then run for any pk, gives what the queryset
gives (ACC-2: each user's own service locations, with the membership's default)."""

from django.db.models import F

from sesam.lib.precompiled import Precompiled
from sesam.models import ServiceLocation

LOCATIONS = Precompiled(
    lambda pk: (
        ServiceLocation.objects.filter(memberships__user=pk)
        .annotate(is_default=F("memberships__is_default"))
        .order_by("name")
    )
)


def _names(user):
    return [(loc.name, loc.is_default) for loc in LOCATIONS.run(user.pk)]


def test_acc_2_one_compiled_query_serves_every_user(prescriber, other_location_user):
    assert _names(prescriber) == [
        ("Hörselmottagningen Lund", True),
        ("Hörselmottagningen Malmö", False),
    ]
    assert _names(other_location_user) == [("Hörselmottagningen Helsingborg", True)]


def test_acc_2_a_user_without_locations_gets_none(django_user_model):
    assert LOCATIONS.run(django_user_model.objects.create(username="ny").pk) == []
