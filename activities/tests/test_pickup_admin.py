"""Hjälpmedel's pickup orders in admin (ACC-9, PU-6, PU-7): list with filters, Registrera
ankomst and Makulera through the services, read-only otherwise; ACC-8 on the change page."""

from django.urls import reverse

from activities.models import PickupOrder
from activities.tests.factories import delivered_device, pickup_order
from recipients.models import Device
from sesam.models import AccessLog

CHANGELIST = reverse("admin:activities_pickuporder_changelist")


def _action(client, action, *pickups):
    data = {"action": action, "_selected_action": [p.pk for p in pickups]}
    return client.post(CHANGELIST, data, follow=True)


def test_acc_9_the_list_filters_by_status(client_as, staff, colleague, lund):
    open_one = pickup_order(colleague, lund)
    cancelled = pickup_order(colleague, lund)
    PickupOrder.objects.filter(pk=cancelled.pk).update(status="cancelled")
    page = client_as(staff).get(CHANGELIST, {"status__exact": "registered"}).text
    assert open_one.number in page and cancelled.number not in page


def test_pu_6_registrera_ankomst_closes_through_the_service(
    client_as, staff, colleague, lund, central_warehouse
):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device)
    response = _action(client_as(staff), "register_arrival", pickup)
    assert "Stängda hämtordrar: 1." in response.text
    device.refresh_from_db()
    assert device.status == Device.Status.RETURNED
    assert PickupOrder.objects.get(pk=pickup.pk).status == PickupOrder.Status.CLOSED


def test_pu_7_closing_a_cancelled_one_is_refused_with_a_message(client_as, staff, colleague, lund):
    pickup = pickup_order(colleague, lund)
    _action(client_as(staff), "cancel", pickup)
    response = _action(client_as(staff), "register_arrival", pickup)
    assert "redan makulerad" in response.text


def test_acc_9_the_change_page_buttons_and_access_log(
    client_as, staff, colleague, lund, central_warehouse
):
    pickup = pickup_order(colleague, lund)
    client = client_as(staff)
    change = reverse("admin:activities_pickuporder_change", args=[pickup.pk])
    page = client.get(change).text
    assert "Registrera ankomst" in page and pickup.recipient.street not in page
    assert AccessLog.objects.filter(action="admin_view", recipient_id=pickup.recipient_id).exists()
    url = reverse("admin:activities_pickuporder_register_arrival", args=[pickup.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    assert PickupOrder.objects.get(pk=pickup.pk).status == PickupOrder.Status.CLOSED
    assert "Registrera ankomst" not in client.get(change).text


def test_acc_9_admin_cannot_add_or_delete(client_as, staff, colleague, lund):
    pickup = pickup_order(colleague, lund)
    client = client_as(staff)
    assert client.get(reverse("admin:activities_pickuporder_add")).status_code == 403
    delete = reverse("admin:activities_pickuporder_delete", args=[pickup.pk])
    assert client.get(delete).status_code == 403
