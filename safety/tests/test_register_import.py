"""BEY-14: population-register events applied once; a death cancels only the charges due after
it, flags undelivered orders and proposes (never creates) a pickup order; protected identity
hides the address at once; moving out sets the home region; bad lines are reported by number."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from activities.models import PickupOrder
from billing.models import PatientCharge
from billing.tests.factories import charge
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription
from recipients.models import Recipient
from recipients.tests.factories import RecipientFactory
from safety.models import PickupProposal, RegisterEvent
from safety.services import import_register_events
from safety.tests.factories import device_of
from sesam.models import Message

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 20)


def _import(staff, *lines):
    return import_register_events(by=staff, text="\n".join(lines), source="test.csv")


def test_bey_14_an_event_is_applied_once_however_often_imported(staff):
    person = RecipientFactory()
    line = f"{person.personnummer};skyddad_identitet;2026-11-01;"
    assert _import(staff, line).applied == 1
    again = _import(staff, line)
    assert (again.applied, again.already) == (0, 1)
    assert RegisterEvent.objects.count() == 1


def test_bey_14_protected_identity_hides_the_address_at_once(staff, client_as, prescriber):
    person = RecipientFactory(street="Synliga gatan 9")
    _import(staff, f"{person.personnummer};skyddad_identitet;2026-11-01")
    page = client_as(prescriber).get(person.get_absolute_url())
    assert Recipient.objects.get(pk=person.pk).protected_identity
    assert "Synliga gatan 9" not in page.text


def test_bey_14_moving_out_sets_the_home_region(staff):
    person = RecipientFactory()
    _import(staff, f"{person.personnummer};utflyttad;2026-11-01;Region Halland")
    assert Recipient.objects.get(pk=person.pk).home_region == "Region Halland"


def test_bey_14_death_cancels_only_the_charges_due_after_it(staff):
    person = RecipientFactory()
    before = charge(DAY - datetime.timedelta(days=5), rec=person)
    after = charge(DAY + datetime.timedelta(days=5), rec=person)
    _import(staff, f"{person.personnummer};avliden;{DAY.isoformat()}")
    assert PatientCharge.objects.get(pk=before.pk).status == "planned"
    assert PatientCharge.objects.get(pk=after.pk).status == "cancelled"


def test_bey_14_death_proposes_a_pickup_order_and_creates_none(staff, lund, prescriber):
    device = device_of(lund, prescriber)
    _import(staff, f"{device.recipient.personnummer};avliden;{DAY.isoformat()}")
    proposal = PickupProposal.objects.get()
    assert (proposal.recipient, proposal.service_location) == (device.recipient, lund)
    assert not PickupOrder.objects.exists()


def test_bey_14_death_flags_undelivered_orders_for_the_unit(
    staff, lund, prescriber, central_warehouse
):
    person = RecipientFactory()
    order = prescription(prescriber, person, lund, stocked_article(central_warehouse, 5))
    _import(staff, f"{person.personnummer};avliden;{DAY.isoformat()}")
    message = Message.objects.get(user=prescriber, subject__startswith="Avliden")
    assert order.number in message.body


def test_bey_14_a_bad_line_is_reported_and_the_others_apply(staff):
    person = RecipientFactory()
    report = _import(
        staff,
        "personnummer;händelse;datum;region",
        "191212121213;avliden;2026-11-01",
        f"{person.personnummer};flyttad;2026-11-01",
        f"{person.personnummer};utflyttad;2026-13-01;Region Halland",
        f"{person.personnummer};skyddad_identitet;2026-11-01",
    )
    assert [line for line, _message in report.errors] == [2, 3, 4]
    assert report.applied == 1


def test_bey_14_an_unknown_personnummer_is_a_line_error(staff):
    report = _import(staff, "194308175472;avliden;2026-11-01")
    assert report.errors[0][0] == 1 and "Ingen mottagare" in report.errors[0][1]


def test_bey_14_the_unit_sees_the_proposal_in_att_gora(staff, lund, prescriber, client_as):
    device = device_of(lund, prescriber)
    _import(staff, f"{device.recipient.personnummer};avliden;{DAY.isoformat()}")
    client = client_as(prescriber)
    assert "Hämtorder att skapa" in client.get(reverse("my_page")).text
    assert device.recipient.name in client.get(reverse("safety:proposal_list")).text


def test_bey_14_marking_a_proposal_done_clears_it(staff, lund, prescriber, client_as):
    device = device_of(lund, prescriber)
    _import(staff, f"{device.recipient.personnummer};avliden;{DAY.isoformat()}")
    proposal = PickupProposal.objects.get()
    client_as(prescriber).post(reverse("safety:proposal_done", args=[proposal.pk]))
    assert PickupProposal.objects.get().done_by == prescriber


def test_bey_14_another_location_cannot_touch_the_proposal(
    staff, lund, prescriber, other_location_user, client_as
):
    device = device_of(lund, prescriber)
    _import(staff, f"{device.recipient.personnummer};avliden;{DAY.isoformat()}")
    proposal = PickupProposal.objects.get()
    url = reverse("safety:proposal_done", args=[proposal.pk])
    assert client_as(other_location_user).post(url).status_code == 404


def test_bey_14_the_sample_file_imports_on_the_demo_names(staff, tmp_path, capsys):
    for pnr in ["194308175472", "201205042383", "197608012394"]:
        RecipientFactory(personnummer=pnr)
    call_command("import_register_events", "docs/folkbokforing-exempel.csv", "--by", "admin")
    assert "3 händelser tillämpade" in capsys.readouterr().out


def test_bey_14_admin_upload_applies_the_file(staff, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    person = RecipientFactory()
    upload = SimpleUploadedFile(
        "f.csv", f"{person.personnummer};utflyttad;2026-11-01;Region Halland".encode()
    )
    response = client_as(staff).post(reverse("admin:safety_registerevent_import"), {"file": upload})
    assert "1 händelser tillämpade" in response.text


def test_bey_14_the_proposal_list_has_bounded_queries(
    staff, lund, prescriber, client_as, django_assert_max_num_queries
):
    for n in range(3):
        device = device_of(lund, prescriber, serial=f"D{n}")
        _import(staff, f"{device.recipient.personnummer};avliden;{DAY.isoformat()}")
    client = client_as(prescriber)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("safety:proposal_list")).status_code == 200
