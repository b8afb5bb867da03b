"""BEY-6 at Retur till leverantör (RET-6): the device being packed is scanned (GS1 string,
parenthesised AIs or FNC1/GS separators, read on the server) or its number typed, and the
return is made only when it is this individual — its serial number (AI 21) and its article's
GTIN (AI 01; another article's is refused naming both). Lot and expiry stay as at receipt."""

import datetime
import uuid

import pytest

from inventory import services
from inventory.models import Individual, SupplierReturn
from inventory.services import NewIndividual
from inventory.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ARIA = "07350000401103"
OTHER = "07350000401202"


@pytest.fixture
def in_lund(lund, prescriber):
    article = ArticleFactory(number="40110", name="Hörapparat Aria", is_individual=True, gtin=ARIA)
    ArticleFactory(number="40120", name="Hörapparat Bria", is_individual=True, gtin=OTHER)
    received = NewIndividual(
        "4101001", serial_number="NL26287887", lot="L1", expiry_date=datetime.date(2028, 12, 31)
    )
    (individual,) = services.create_individuals(
        article=article, warehouse=lund.warehouse, individuals=[received], by=prescriber
    )
    return individual


def _post(client, individual, scanned):
    url = f"/individ/{individual.pk}/retur-till-leverantor/"
    data = {"key": str(uuid.uuid4()), "comment": "Felbeställd.", "skanna": scanned}
    return client.post(url, data)


@pytest.mark.parametrize(
    "scanned",
    [
        f"(01){ARIA}(21)NL26287887",
        f"]C101{ARIA}10L9\x1d21NL26287887",
        f"01{ARIA}21NL26287887",
        "NL26287887",
        "4101001",
        "",  # the check is optional: not every unit has a scanner
    ],
)
def test_bey_6_the_scanned_individual_is_returned(client_as, prescriber, in_lund, scanned):
    response = _post(client_as(prescriber), in_lund, scanned)
    assert response.status_code == 302
    in_lund.refresh_from_db()
    assert in_lund.status == Individual.Status.RETURNED_TO_SUPPLIER
    assert (in_lund.lot, in_lund.expiry_date) == ("L1", datetime.date(2028, 12, 31))


def test_bey_6_a_gtin_of_another_article_is_refused_naming_both(client_as, prescriber, in_lund):
    response = _post(client_as(prescriber), in_lund, f"(01){OTHER}(21)NL26287887")
    assert response.status_code == 422
    assert (
        f"Streckkoden är för 40120 Hörapparat Bria (GTIN {OTHER}), men individen är "
        "40110 Hörapparat Aria." in response.text
    )
    assert not SupplierReturn.objects.exists()


@pytest.mark.parametrize(
    ("scanned", "message"),
    [
        (
            f"(01){ARIA}(21)NL00000000",
            "Den skannade individen (NL00000000) är inte individ 4101001",
        ),
        ("4101999", "Den skannade individen (4101999) är inte individ 4101001"),
        (f"(01){ARIA}", "Streckkoden har inget serienummer (AI 21)."),
        ("(01)0735", "Streckkoden kunde inte läsas"),
    ],
)
def test_bey_6_another_device_in_hand_is_refused(client_as, prescriber, in_lund, scanned, message):
    response = _post(client_as(prescriber), in_lund, scanned)
    assert response.status_code == 422 and message in response.text
    assert 'aria-invalid="true"' in response.text
    in_lund.refresh_from_db()
    assert in_lund.status == Individual.Status.IN_STOCK and not SupplierReturn.objects.exists()


def test_bey_6_the_return_form_offers_the_scan_field(client_as, prescriber, in_lund):
    html = client_as(prescriber).get(f"/individ/{in_lund.pk}/retur-till-leverantor/").text
    assert 'name="skanna"' in html and "Skanna hjälpmedlet (frivilligt)" in html


def test_bey_6_another_location_gets_404(client_as, other_location_user, in_lund):
    response = _post(client_as(other_location_user), in_lund, f"(01){ARIA}(21)NL26287887")
    assert response.status_code == 404
