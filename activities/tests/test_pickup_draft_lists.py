"""A pickup order's draft (status Utkast, the wizard's state, PU-D620) is on no list: Sök →
Hämtorder and its export (PU-8), Mina hämtordrar (HOME-4), the start page's tile (BEY-10), the
recipient page's notice (REC-8), admin (ACC-9), the patient's pages (BEY-15), Logggranskning's
ties (BEY-11) and the demo. Each test has a sent pickup order beside a draft of the same user
and location, so an empty list proves nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from activities import services
from activities.models import PickupOrder
from activities.selectors import pickup as selectors
from activities.tests.factories import delivered_device, pickup_draft, pickup_order
from activities.tiles import waiting_pickups_tile
from logreview.selectors import flagged
from patients import selectors as patient_selectors
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Recipient
from sesam.models import AccessLog, ServiceLocation, User
from sesam.services import log_access
from tests.exports import read_csv

SEARCH = reverse("activities:pickup_search")
EVERY = {"registrerad": "alla"}


@pytest.fixture
def sent(colleague, lund):
    return pickup_order(colleague, lund)


@pytest.fixture
def draft(colleague, lund, sent):
    """A draft for another recipient, who has nothing else (so only the draft could tie them
    to Lund), and a draft for the sent one's recipient with another device."""
    other = delivered_device(recipient=sent.recipient, location=lund)
    pickup_draft(colleague, lund, other)
    return pickup_draft(colleague, lund, delivered_device(location=lund))


def test_pu_8_sok_hamtorder_and_its_export_never_list_a_draft(client_as, colleague, sent, draft):
    client = client_as(colleague)
    response = client.get(SEARCH, EVERY)
    assert list(response.context["page"].object_list) == [sent]
    for status in ["", "registered"]:
        rows = selectors.search_pickups(
            [p.service_location_id for p in (sent, draft)], period="alla", status=status
        )
        assert list(rows) == [sent]
    _, _, rows = read_csv(client.get(reverse("activities:pickup_search_export"), EVERY))
    assert [row[0] for row in rows] == [sent.number]


def test_pu_8_the_status_filter_offers_no_utkast_and_refuses_it(client_as, colleague, draft):
    client = client_as(colleague)
    choices = client.get(SEARCH).context["form"].fields["status"].choices
    assert "draft" not in [value for value, _ in choices]
    assert client.get(SEARCH, {**EVERY, "status": "draft"}).status_code == 422


def test_home_4_mina_hamtordrar_never_lists_a_draft(client_as, colleague, lund, sent, draft):
    assert list(selectors.my_pickups(colleague, [lund.pk])) == [sent]
    response = client_as(colleague).get(reverse("my_page"), {"flik": "pickups"})
    assert list(response.context["pickup_page"].object_list) == [sent]


def test_bey_10_the_waiting_pickups_tile_never_counts_a_draft(lund, sent, draft):
    tile = waiting_pickups_tile(lund)
    assert tile.count == 1 and sum(bar.count for bar in tile.bars) == 1


def test_rec_8_a_draft_is_no_open_pickup_order(client_as, colleague, draft):
    assert selectors.open_pickup_for(draft.recipient) is None
    page = client_as(colleague).get(draft.recipient.get_absolute_url()).text
    assert "Det finns en öppen hämtorder" not in page
    wizard = reverse("activities:pickup_devices", args=[draft.idempotency_key])
    assert "Det finns en öppen hämtorder" not in client_as(colleague).get(wizard).text


def test_acc_9_admin_neither_lists_nor_shows_nor_handles_a_draft(
    client_as, staff, sent, draft, central_warehouse
):
    client = client_as(staff)
    changelist = reverse("admin:activities_pickuporder_changelist")
    assert list(client.get(changelist).context["cl"].result_list) == [sent]
    change = client.get(reverse("admin:activities_pickuporder_change", args=[draft.pk]))
    assert change.status_code == 302  # Django admin: "does not exist", back to the index
    for name in ["register_arrival", "cancel"]:
        url = reverse(f"admin:activities_pickuporder_{name}", args=[draft.pk])
        assert client.post(url).status_code == 404
        client.post(changelist, {"action": name, "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == PickupOrder.Status.DRAFT and not draft.events.exists()


def test_bey_15_the_patients_pages_never_show_a_draft(sent, draft):
    assert patient_selectors.pickups(draft.recipient) == []
    assert patient_selectors.pickups(sent.recipient) == [sent]


def test_bey_11_a_draft_does_not_tie_its_recipient_to_the_unit(colleague, lund, malmo, sent):
    elsewhere = pickup_draft(colleague, lund, delivered_device(location=malmo))  # Malmö's device
    for recipient in (sent.recipient, elsewhere.recipient):
        log_access(by=colleague, service_location=lund, recipient=recipient, action="test")
    rows = AccessLog.objects.filter(action="test").annotate(flag=flagged()).filter(flag=True)
    assert [row.recipient_id for row in rows] == [elsewhere.recipient_id]


def test_pu_8_the_demo_seeds_its_pickup_orders_when_a_user_has_a_draft(db, monkeypatch):
    from activities.demo import pickup as demo

    seed = demo.seed

    def with_a_draft(*, rng):  # kollega began a pickup order for the elderly recipient first
        services.start_pickup_draft(
            by=User.objects.get(username="kollega"),
            recipient=Recipient.objects.get(personnummer=KEY_RECIPIENTS["elderly"]),
            service_location=ServiceLocation.objects.get(code="4101"),
        )
        return seed(rng=rng)

    monkeypatch.setattr(demo, "seed", with_a_draft)
    call_command("seed_demo", stdout=io.StringIO())
    pickups = PickupOrder.objects.filter(recipient__personnummer=KEY_RECIPIENTS["elderly"])
    assert sorted(pickups.values_list("status", flat=True)) == [
        "cancelled",
        "closed",
        "draft",
        "registered",
    ]
