"""Retur (RET-1…RET-4, ACC-7, ACC-8): recipient page → Registrera/skapa → Retur →
Tjänsteställe → Nästa → tick devices → Returnera artiklar → confirmation."""

import uuid

import pytest

from inventory.models import Individual, StockBalance
from inventory.tests.checks import assert_balances_are_sums_of_movements
from recipients.models import Device, Return
from recipients.services import return_devices
from recipients.tests.factories import DeviceFactory
from sesam.models import AccessLog

HTMX = {"HTTP_HX_REQUEST": "true"}
QUERIES = 8  # step 2, whatever the number of devices (session, user, locations, devices, log…)
ATERLAMNAT_QUERIES = 12  # the Återlämnat tab, whatever the number of returned devices (+ charges,
# + the Aktiviteter tab's count, + the pickup orders that took devices back: issue 19.4, + the
# death notice of safety, BEY-14, + the open requests from the patient, BEY-15)


def _url(recipient):
    return f"/mottagare/{recipient.pk}/retur/"


def _post(client, device, location, *, key=None, retur=None, skrota=(), recipient=None):
    data = {
        "key": str(key or uuid.uuid4()),
        "tjanstestalle": location.pk,
        "retur": [device.pk] if retur is None else retur,
        "skrota": list(skrota),
    }
    return client.post(_url(recipient or device.recipient), data)


def test_ret_1_step_one_offers_the_users_stores(client_as, prescriber, tolvan, lund, malmo):
    html = client_as(prescriber).get(_url(tolvan)).content.decode()
    assert "Hörselmottagningen Lund – lager 4101" in html
    assert "Hörselmottagningen Malmö – lager 4102" in html
    assert "Nästa" in html
    assert list(AccessLog.objects.values_list("action", flat=True)) == ["return_form"]


def test_ret_1_a_changed_location_shows_its_store_htmx(client_as, prescriber, tolvan, malmo):
    response = client_as(prescriber).get(
        _url(tolvan), {"tjanstestalle": malmo.pk}, HTTP_HX_TARGET="return-warehouse", **HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<aside id="return-warehouse"')
    assert "4102" in html and "<h1" not in html


def test_ret_1_step_two_lists_the_delivered_devices(
    client_as, prescriber, hearing_aid, domes, lund
):
    ordered = DeviceFactory(recipient=hearing_aid.recipient, status=Device.Status.ORDERED)
    response = client_as(prescriber).get(_url(hearing_aid.recipient), {"tjanstestalle": lund.pk})
    html = response.content.decode()
    assert f'name="retur" value="{hearing_aid.pk}"' in html
    assert f'name="retur" value="{domes.pk}"' in html
    assert f'value="{ordered.pk}"' not in html
    assert "Returnera artiklar" in html and 'name="key"' in html


def test_ret_1_returnera_artiklar_redirects_to_the_confirmation(
    client_as, prescriber, hearing_aid, lund
):
    client = client_as(prescriber)
    response = _post(client, hearing_aid, lund)
    ret = Return.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/mottagare/{hearing_aid.recipient.pk}/retur/{ret.number}/"
    page = client.get(response["Location"]).content.decode()
    assert ret.number in page and "7000001" in page and "Skapa pdf" in page
    assert_balances_are_sums_of_movements()


def test_ret_1_under_htmx_the_browser_is_sent_to_the_confirmation(
    client_as, prescriber, hearing_aid, lund
):
    client = client_as(prescriber)
    data = {"key": str(uuid.uuid4()), "tjanstestalle": lund.pk, "retur": [hearing_aid.pk]}
    response = client.post(_url(hearing_aid.recipient), data, **HTMX)
    assert response["HX-Redirect"].endswith(f"/retur/{Return.objects.get().number}/")


def test_ret_1_double_submit_is_one_return(client_as, prescriber, hearing_aid, lund):
    client, key = client_as(prescriber), uuid.uuid4()
    first = _post(client, hearing_aid, lund, key=key)
    second = _post(client, hearing_aid, lund, key=key)
    assert first["Location"] == second["Location"]
    assert Return.objects.count() == 1
    balance = StockBalance.objects.get(warehouse=lund.warehouse, article=hearing_aid.article)
    assert balance.quantity == 1


def test_ret_1_nothing_ticked_is_422_with_a_message(client_as, prescriber, hearing_aid, lund):
    response = _post(client_as(prescriber), hearing_aid, lund, retur=[])
    assert response.status_code == 422
    assert "Bocka i minst ett hjälpmedel att returnera." in response.content.decode()
    assert not Return.objects.exists()


def test_ret_2_another_recipients_device_is_refused(
    client_as, prescriber, hearing_aid, lund, protected
):
    response = _post(client_as(prescriber), hearing_aid, lund, recipient=protected)
    assert response.status_code == 422
    assert "finns inte bland mottagarens utlämnade hjälpmedel" in response.content.decode()
    hearing_aid.refresh_from_db()
    assert hearing_aid.status == Device.Status.DELIVERED


def test_ret_1_a_location_the_user_is_not_linked_to_is_refused(
    client_as, prescriber, hearing_aid, helsingborg
):
    response = _post(client_as(prescriber), hearing_aid, helsingborg)
    assert response.status_code == 422
    assert "Välj ett av dina tjänsteställen med eget lager." in response.content.decode()
    assert not Return.objects.exists()


def test_ret_4_scrapping_a_hearing_aid_is_refused_with_the_reason(
    client_as, prescriber, hearing_aid, lund
):
    response = _post(client_as(prescriber), hearing_aid, lund, skrota=[hearing_aid.pk])
    assert response.status_code == 422
    assert "är individmärkt och får inte skrotas" in response.content.decode()
    assert not Return.objects.exists()


def test_ret_4_skrota_alone_scraps_the_device(client_as, prescriber, cheap_main, lund):
    _post(client_as(prescriber), cheap_main, lund, retur=[], skrota=[cheap_main.pk])
    cheap_main.refresh_from_db()
    assert cheap_main.status == Device.Status.SCRAPPED
    assert not StockBalance.objects.filter(article=cheap_main.article).exists()


def test_ret_4_only_scrappable_rows_offer_skrota(
    client_as, prescriber, hearing_aid, cheap_main, lund
):
    html = client_as(prescriber).get(_url(hearing_aid.recipient), {"tjanstestalle": lund.pk})
    html = html.content.decode()
    assert f'name="skrota" value="{cheap_main.pk}"' in html
    assert f'name="skrota" value="{hearing_aid.pk}"' not in html


def test_ret_2_a_device_a_colleague_returned_meanwhile_is_refused(
    client_as, prescriber, colleague, hearing_aid, lund
):
    return_devices(
        by=colleague,
        recipient=hearing_aid.recipient,
        service_location=lund,
        device_ids=[hearing_aid.pk],
    )
    response = _post(client_as(prescriber), hearing_aid, lund)
    assert response.status_code == 422
    assert "det kan redan vara återlämnat" in response.content.decode()
    assert Return.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_ret_3_acc_7_a_private_clinic_is_refused(client_as, private_prescriber, tolvan, method):
    response = getattr(client_as(private_prescriber), method)(_url(tolvan))
    assert response.status_code == 403
    assert "Hämtorder" in response.content.decode()
    assert AccessLog.objects.get().action == "return_refused"


def test_ret_3_pam_is_not_offered_retur(client_as, private_prescriber, tolvan):
    html = client_as(private_prescriber).get(f"/mottagare/{tolvan.pk}/").content.decode()
    assert _url(tolvan) not in html
    assert "Retur till eget lager görs inte från en privat mottagning" in html


def test_rec_7_the_recipient_page_offers_retur(client_as, prescriber, tolvan, lund):
    html = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/").content.decode()
    assert f'href="{_url(tolvan)}"' in html
    assert "kommer snart</span></span></li>\n      </ul>" not in html


def test_acc_4_another_locations_user_gets_404_on_the_confirmation(
    client_as, prescriber, other_location_user, hearing_aid, lund
):
    ret = return_devices(
        by=prescriber,
        recipient=hearing_aid.recipient,
        service_location=lund,
        device_ids=[hearing_aid.pk],
    )
    response = client_as(other_location_user).get(ret.get_absolute_url())
    assert response.status_code == 404
    assert not AccessLog.objects.filter(user=other_location_user).exists()


def test_rec_6_aterlamnat_lists_the_return_with_date_and_receipt(
    client_as, prescriber, hearing_aid, lund
):
    ret = return_devices(
        by=prescriber,
        recipient=hearing_aid.recipient,
        service_location=lund,
        device_ids=[hearing_aid.pk],
    )
    client = client_as(prescriber)
    html = client.get(f"/mottagare/{hearing_aid.recipient.pk}/?flik=aterlamnat").content.decode()
    assert ret.returned_on.isoformat() in html and "Återlämnad" in html
    assert f"/retur/{ret.number}/returkvitto.pdf" in html
    active = client.get(f"/mottagare/{hearing_aid.recipient.pk}/").content.decode()
    assert "Inga levererade hjälpmedel att visa." in active


def test_rec_6_another_locations_return_shows_its_number_without_a_link(
    client_as, prescriber, other_location_user, hearing_aid, lund
):
    ret = return_devices(
        by=prescriber,
        recipient=hearing_aid.recipient,
        service_location=lund,
        device_ids=[hearing_aid.pk],
    )
    url = f"/mottagare/{hearing_aid.recipient.pk}/?flik=aterlamnat"
    html = client_as(other_location_user).get(url).content.decode()
    assert ret.number in html and "returkvitto.pdf" not in html


def test_acc_8_each_return_page_writes_one_row(client_as, prescriber, hearing_aid, lund):
    client = client_as(prescriber)
    client.get(_url(hearing_aid.recipient))
    client.get(_url(hearing_aid.recipient), {"tjanstestalle": lund.pk})
    location = _post(client, hearing_aid, lund)["Location"]
    client.get(location)
    actions = list(AccessLog.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["return_form", "return_form", "return_devices", "return_confirmation"]


@pytest.mark.parametrize("count", [1, 40])
def test_ret_1_the_device_list_query_count_does_not_grow(
    client_as, prescriber, tolvan, lund, count, django_assert_num_queries
):
    for _ in range(count):
        DeviceFactory(recipient=tolvan, prescriber=prescriber, service_location=lund)
    client = client_as(prescriber)
    with django_assert_num_queries(QUERIES):
        response = client.get(_url(tolvan), {"tjanstestalle": lund.pk})
    assert response.content.decode().count('name="retur"') == count


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("key", "inte-en-nyckel", "Formulärets nyckel är ogiltig."),
        ("key", "", "Formuläret saknar sin nyckel."),
        ("tjanstestalle", "abc", "Välj ett av dina tjänsteställen med eget lager."),
        ("tjanstestalle", "", "Välj det tjänsteställe där hjälpmedlen lämnas tillbaka."),
        ("retur", "x" * 5000, "finns inte bland mottagarens utlämnade hjälpmedel"),
        ("skrota", "-1", "finns inte bland mottagarens utlämnade hjälpmedel"),
    ],
)
def test_ret_1_bad_input_gets_a_swedish_message_and_422(
    client_as, prescriber, hearing_aid, lund, field, value, message
):
    data = {"key": str(uuid.uuid4()), "tjanstestalle": lund.pk, "retur": [hearing_aid.pk]}
    data[field] = value
    response = client_as(prescriber).post(_url(hearing_aid.recipient), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Return.objects.exists()


def test_ret_1_a_bad_location_in_the_url_is_422_on_step_one(client_as, prescriber, tolvan, lund):
    response = client_as(prescriber).get(_url(tolvan), {"tjanstestalle": "99999999999999999999"})
    assert response.status_code == 422
    assert "Välj ett av dina tjänsteställen med eget lager." in response.content.decode()


def test_rec_6_the_side_panel_of_a_returned_device_links_its_receipt(
    client_as, prescriber, hearing_aid, lund
):
    ret = return_devices(
        by=prescriber, recipient=hearing_aid.recipient, service_location=lund,
        device_ids=[hearing_aid.pk],
    )  # fmt: skip
    url = f"/mottagare/{hearing_aid.recipient.pk}/hjalpmedel/{hearing_aid.pk}/"
    html = client_as(prescriber).get(url, **HTMX).content.decode()
    assert f"/retur/{ret.number}/returkvitto.pdf" in html


def test_ret_2_an_individual_taken_back_elsewhere_is_409(client_as, prescriber, hearing_aid, lund):
    """The device still says delivered but its individual lies in a store (a pickup order got
    there first): nothing is returned, the user is told why."""
    Individual.objects.filter(pk=hearing_aid.individual_id).update(
        status="in_stock", warehouse=lund.warehouse
    )
    response = _post(client_as(prescriber), hearing_aid, lund)
    assert response.status_code == 409
    assert "inte längre utlämnad" in response.content.decode()
    assert not Return.objects.exists()


@pytest.mark.parametrize("count", [1, 30])
def test_rec_6_aterlamnat_query_count_does_not_grow(
    client_as, prescriber, tolvan, lund, count, django_assert_num_queries
):
    devices = [DeviceFactory(recipient=tolvan, prescriber=prescriber) for _ in range(count)]
    return_devices(
        by=prescriber, recipient=tolvan, service_location=lund, device_ids=[d.pk for d in devices]
    )
    client = client_as(prescriber)
    with django_assert_num_queries(ATERLAMNAT_QUERIES):
        html = client.get(f"/mottagare/{tolvan.pk}/?flik=aterlamnat").content.decode()
    assert html.count("returkvitto.pdf") == count
