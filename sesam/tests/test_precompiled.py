"""sesam.lib.precompiled: a query built once, then run for any pk, gives what the queryset
gives (ACC-2: each user's own service locations, with the membership's default)."""

import threading

import pytest
from django.db import connection
from django.db.models import F, Q

from sesam.lib.arrays import EqualsAny
from sesam.lib.precompiled import Precompiled
from sesam.models import Membership, ServiceLocation

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


MEMBERSHIP = Precompiled(
    lambda ids, name: (
        Membership.objects.filter(Q(EqualsAny(F("service_location_id"), ids, "bigint")))
        .filter(service_location__name=name)
        .select_related("user", "service_location")
        .order_by("user__username")
    ),
    types=(list, str),
)
NAMES = Precompiled(
    lambda pk: ServiceLocation.objects.filter(pk=pk).values("name", "code"), types=(int,)
)


def test_qua_d560_select_related_and_several_values_as_the_queryset(
    prescriber, lund, malmo, django_assert_num_queries
):
    expected = [
        (m.user.username, m.service_location.name)
        for m in Membership.objects.filter(service_location=lund)
        .select_related("user", "service_location")
        .order_by("user__username")
    ]
    rows = MEMBERSHIP.run([lund.pk, malmo.pk], lund.name)
    with django_assert_num_queries(0):  # the related objects came with the rows
        assert [(m.user.username, m.service_location.name) for m in rows] == expected
    assert expected
    assert MEMBERSHIP.run([malmo.pk], lund.name) == []


def test_qua_d560_values_rows(lund):
    assert NAMES.run(lund.pk) == [{"name": lund.name, "code": lund.code}]


def test_qua_d560_a_value_that_is_not_one_parameter_is_refused(lund):
    varying_in = Precompiled(lambda ids: ServiceLocation.objects.filter(pk__in=ids), types=(list,))
    with pytest.raises(ValueError, match="one SQL parameter"):
        varying_in.run([lund.pk])


@pytest.mark.django_db(transaction=True)
def test_qua_d560_each_thread_runs_on_its_own_connection(lund):
    seen = {}

    def read():
        seen[threading.get_ident()] = (NAMES.run(lund.pk), connection.connection)
        connection.close()

    NAMES.run(lund.pk)  # compiled in this thread
    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    [(rows, used)] = seen.values()
    assert rows == [{"name": lund.name, "code": lund.code}]
    assert used is not connection.connection


@pytest.mark.django_db(transaction=True)
def test_qua_d560_threads_that_compile_at_once_all_get_their_rows(lund, malmo):
    both_compiling = threading.Barrier(2)

    def build(pk):
        both_compiling.wait(timeout=10)  # the two threads are inside the first compile together
        return ServiceLocation.objects.filter(pk=pk).values("name")

    fresh, seen = Precompiled(build), []

    def read(location):
        try:
            seen.append(fresh.run(location.pk) == [{"name": location.name}])
        finally:
            connection.close()

    workers = [threading.Thread(target=read, args=(loc,)) for loc in (lund, malmo)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert seen == [True, True]
