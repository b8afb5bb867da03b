"""The pickup wizard (PU-1…PU-5) through the client: Skapa Hämtorder → Hämtorderorsak → Ange
artikel → Ange adress → confirmation; bad input answers 4xx in Swedish; ACC-8 on every step.
Its state is the user's draft for the recipient (a pickup order with status Utkast, PU-D620)."""

import pytest
from django.urls import reverse

from activities.models import PickupOrder
from activities.tests.factories import delivered_device, pickup_order
from recipients.tests.factories import RecipientFactory
from sesam.models import AccessLog, Membership


@pytest.fixture
def devices(lund):
    recipient = RecipientFactory()
    return [delivered_device(recipient=recipient, location=lund) for _ in range(3)]


def _start(client, recipient, location=None):
    """Hämtorderorsak, the first step (UI-D185): Nästa with the preselected choices."""
    if location is None:  # the user's default service location, as the page preselects
        location = Membership.objects.get(
            user_id=client.session["_auth_user_id"], is_default=True
        ).service_location
    data = {"reason": "by_post", "service_location": location.pk}
    response = client.post(reverse("activities:pickup_start", args=[recipient.pk]), data)
    assert response.status_code == 302, response.content
    return PickupOrder.objects.get(recipient=recipient, status=PickupOrder.Status.DRAFT)


def _through_devices(client, draft, lund, ids):
    url = reverse("activities:pickup_reason", args=[draft.idempotency_key])
    client.post(url, {"reason": "by_post", "service_location": lund.pk})
    return client.post(
        reverse("activities:pickup_devices", args=[draft.idempotency_key]), {"hjalpmedel": ids}
    )


def _address(client, draft, **data):
    data = {"contact": "Karl Kollega, 046-123", "return_reason": "wrong_order", **data}
    return client.post(reverse("activities:pickup_address", args=[draft.idempotency_key]), data)


def test_pu_1_to_5_the_wizard_creates_a_pickup_order(client_as, colleague, lund, devices):
    client = client_as(colleague)
    recipient = devices[0].recipient
    page = client.get(reverse("activities:pickup_start", args=[recipient.pk])).text
    assert "Hämtorder används när" in page and 'aria-current="step">Hämtorderorsak' in page
    assert "Skickas till centrallager med post" in page
    assert f'value="{lund.pk}" selected' in page  # PU-2: preselected
    draft = _start(client, recipient)
    assert draft.reason == "by_post" and draft.service_location == lund
    response = _through_devices(client, draft, lund, [devices[0].pk, devices[1].pk])
    assert response.status_code == 302
    address_page = client.get(
        reverse("activities:pickup_address", args=[draft.idempotency_key])
    ).text
    assert lund.street in address_page and "Karl Kollega" in address_page
    response = _address(client, draft, comment="Passar inte")
    pickup = PickupOrder.objects.get()
    assert (pickup.pk, pickup.status) == (draft.pk, PickupOrder.Status.REGISTERED)  # in place
    assert list(pickup.lines.values_list("is_open", flat=True)) == [True, True]
    assert response["Location"] == reverse("activities:pickup_created", args=[pickup.number])
    assert sorted(pickup.lines.values_list("device", flat=True)) == [devices[0].pk, devices[1].pk]
    assert pickup.contact == "Karl Kollega, 046-123" and pickup.comment == "Passar inte"
    done = client.get(response["Location"]).text
    assert "Visa utskrift" in done and "Checklista vid retur av hörselprodukter" in done


def test_pu_1_double_submit_of_skapa_hamtorder_creates_one(client_as, colleague, lund, devices):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    _through_devices(client, draft, lund, [devices[0].pk])
    first, second = _address(client, draft), _address(client, draft)
    assert PickupOrder.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_pu_1_skapa_hamtorder_again_continues_the_users_draft(client_as, colleague, lund, devices):
    client = client_as(colleague)
    recipient = devices[0].recipient
    draft = _start(client, recipient)
    _through_devices(client, draft, lund, [devices[1].pk])
    page = client.get(reverse("activities:pickup_start", args=[recipient.pk]))
    assert page.status_code == 200 and f'value="{lund.pk}" selected' in page.text
    again = _start(client, recipient)  # Skapa Hämtorder again, or a second tab
    assert again.pk == draft.pk and PickupOrder.objects.count() == 1
    ticked = client.get(reverse("activities:pickup_devices", args=[draft.idempotency_key])).text
    assert f'value="{devices[1].pk}" id="device-{devices[1].pk}" checked' in ticked


def test_pu_1_a_reload_of_each_step_keeps_what_was_chosen(client_as, colleague, lund, devices):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    _through_devices(client, draft, lund, [devices[0].pk, devices[2].pk])
    url = reverse("activities:pickup_devices", args=[draft.idempotency_key])
    for _ in range(2):
        page = client.get(url).text
        assert page.count(" checked>") == 2 and f'id="device-{devices[1].pk}">' in page
    address = client.get(reverse("activities:pickup_address", args=[draft.idempotency_key]))
    assert address.status_code == 200 and "Karl Kollega" in address.text


def test_pu_1_back_after_skapa_hamtorder_leads_to_the_pickup_order(
    client_as, colleague, lund, devices
):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    _through_devices(client, draft, lund, [devices[0].pk])
    _address(client, draft)
    pickup = PickupOrder.objects.get()
    created = reverse("activities:pickup_created", args=[pickup.number])
    for name in ["pickup_reason", "pickup_devices", "pickup_address"]:
        response = client.get(reverse(f"activities:{name}", args=[draft.idempotency_key]))
        assert (response.status_code, response["Location"]) == (302, created)
    fresh = _start(client, devices[0].recipient)  # Skapa Hämtorder after it: a new draft
    assert fresh.pk != pickup.pk and fresh.idempotency_key != pickup.idempotency_key


def test_pu_1_skapa_hamtorder_sent_from_a_stale_second_tab_shows_the_pickup_order(
    client_as, colleague, lund, devices
):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    _through_devices(client, draft, lund, [devices[0].pk])
    first = _address(client, draft)
    second = _address(client, draft, return_reason="other", comment="Annan flik")
    pickup = PickupOrder.objects.get()
    assert second["Location"] == first["Location"] and pickup.return_reason == "wrong_order"


def test_pu_3_no_device_ticked_is_422(client_as, colleague, lund, devices):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    response = _through_devices(client, draft, lund, [])
    assert response.status_code == 422
    assert "Markera minst ett hjälpmedel" in response.text


def test_pu_3_another_recipients_device_posted_by_hand_is_422(client_as, colleague, lund, devices):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    foreign = delivered_device(location=lund)
    response = _through_devices(client, draft, lund, [devices[0].pk, foreign.pk])
    assert response.status_code == 422
    assert "finns inte bland mottagarens hjälpmedel" in response.text


def test_pu_3_a_device_on_an_open_pickup_order_is_not_offered(client_as, colleague, lund, devices):
    pickup_order(colleague, lund, devices[0])
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    _through_devices(client, draft, lund, [devices[1].pk])
    page = client.get(reverse("activities:pickup_devices", args=[draft.idempotency_key])).text
    assert f'value="{devices[0].pk}"' not in page and f'value="{devices[1].pk}"' in page


def test_pu_2_an_unknown_reason_is_422(client_as, colleague, lund, devices):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    url = reverse("activities:pickup_reason", args=[draft.idempotency_key])
    response = client.post(url, {"reason": "hamtas", "service_location": lund.pk})
    assert response.status_code == 422 and "Välj ett av alternativen" in response.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"comment": "x" * 5000}, "högst 2000 tecken"),
        ({"contact": "x" * 5000}, "högst 300 tecken"),
        ({"return_reason": "trott"}, "Välj ett av alternativen"),
        ({"return_reason": "other", "comment": ""}, "när du valt Annat"),
        ({"contact": ""}, "Ange kontaktuppgifter"),
    ],
)
def test_pu_5_bad_input_in_ange_adress_is_422(client_as, colleague, lund, devices, data, message):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    _through_devices(client, draft, lund, [devices[0].pk])
    response = _address(client, draft, **data)
    assert response.status_code == 422
    assert message in response.text.replace("\xa0", "")
    assert PickupOrder.objects.get().status == PickupOrder.Status.DRAFT  # nothing sent


def test_pu_3_a_device_taken_meanwhile_is_409(client_as, colleague, prescriber, lund, devices):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    _through_devices(client, draft, lund, [devices[0].pk])
    first = pickup_order(prescriber, lund, devices[0])  # a colleague was quicker
    response = _address(client, draft)
    assert response.status_code == 409  # issue 19.5: it names the pickup order it collides with
    assert f"redan på den öppna hämtordern {first.number}, registrerad av" in response.text


def test_rec_3_an_inactive_recipient_is_refused_409(client_as, colleague, lund):
    recipient = RecipientFactory(is_active=False)
    client = client_as(colleague)
    url = reverse("activities:pickup_start", args=[recipient.pk])
    assert "Mottagaren är inte aktiv – kontakta Hjälpmedel" in client.get(url).text
    response = client.post(url)
    assert response.status_code == 409 and not PickupOrder.objects.exists()


def test_acc_7_a_private_clinic_goes_through_the_wizard(client_as, private_prescriber, ystad):
    device = delivered_device(location=ystad)
    client = client_as(private_prescriber)
    draft = _start(client, device.recipient)
    _through_devices(client, draft, ystad, [device.pk])
    assert _address(client, draft).status_code == 302
    assert PickupOrder.objects.get().service_location == ystad


def test_acc_4_another_users_draft_is_404(client_as, colleague, prescriber, lund, devices):
    draft = _start(client_as(colleague), devices[0].recipient)
    client = client_as(prescriber)
    for name in ["pickup_reason", "pickup_devices", "pickup_address"]:
        url = reverse(f"activities:{name}", args=[draft.idempotency_key])
        assert client.get(url).status_code == 404
    response = _address(client, draft)  # posting Skapa hämtorder to it too
    assert response.status_code == 404 and draft.lines.count() == 0


def test_acc_4_another_users_sent_draft_is_404_not_its_confirmation(
    client_as, colleague, prescriber, lund, devices
):
    owner = client_as(colleague)
    draft = _start(owner, devices[0].recipient)
    _through_devices(owner, draft, lund, [devices[0].pk])
    _address(owner, draft)
    client = client_as(prescriber)  # the same location: the pickup order is theirs to see
    url = reverse("activities:pickup_devices", args=[draft.idempotency_key])
    assert client.get(url).status_code == 404


def test_acc_8_every_step_writes_the_access_log(client_as, colleague, lund, devices):
    client = client_as(colleague)
    recipient = devices[0].recipient
    client.get(reverse("activities:pickup_start", args=[recipient.pk]))
    draft = _start(client, recipient)
    for name in ["pickup_reason", "pickup_devices"]:
        client.get(reverse(f"activities:{name}", args=[draft.idempotency_key]))
    _through_devices(client, draft, lund, [devices[0].pk])
    client.get(reverse("activities:pickup_address", args=[draft.idempotency_key]))
    _address(client, draft)
    actions = list(
        AccessLog.objects.filter(recipient_id=recipient.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["pickup_wizard"] + ["pickup_draft_started"] + ["pickup_wizard"] * 3 + [
        "pickup_created"
    ]


def test_pu_3_a_device_another_tab_put_on_a_pickup_is_named_at_ange_artikel(
    client_as, colleague, prescriber, lund, devices
):
    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    first = pickup_order(prescriber, lund, devices[0])  # the other tab (or a colleague) first
    url = reverse("activities:pickup_devices", args=[draft.idempotency_key])
    response = client.post(url, {"hjalpmedel": [devices[0].pk]})
    assert response.status_code == 422
    assert f"finns redan på den öppna hämtordern {first.number}" in response.text


def test_pu_1_a_step_kept_while_another_tab_sends_the_draft_leads_to_the_pickup_order(
    client_as, colleague, lund, devices, monkeypatch
):
    from activities import services

    client = client_as(colleague)
    draft = _start(client, devices[0].recipient)
    _through_devices(client, draft, lund, [devices[0].pk])
    keep = services.update_pickup_draft

    def sent_meanwhile(**kwargs):  # the other tab's Skapa hämtorder wins the race
        services.create_pickup_order(
            by=colleague, key=draft.idempotency_key, contact="Karl", return_reason="other"
        )
        return keep(**kwargs)

    monkeypatch.setattr(services, "update_pickup_draft", sent_meanwhile)
    url = reverse("activities:pickup_devices", args=[draft.idempotency_key])
    response = client.post(url, {"hjalpmedel": [devices[1].pk]})
    pickup = PickupOrder.objects.get()
    assert response["Location"] == reverse("activities:pickup_created", args=[pickup.number])
    assert list(pickup.lines.values_list("device", flat=True)) == [devices[0].pk]
