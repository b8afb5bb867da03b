"""BEY-6 labels: an individual's and an own store's label sheets, their GS1-128 barcodes read
back from the bars, scoping (ACC-4, ACC-7) and no number used up (BEY-D320)."""

from io import BytesIO

import barcode
import pytest
from barcode.charsets import code128
from django.urls import reverse
from pypdf import PdfReader

from inventory import services
from inventory.labels import individual_label, shelf_label
from inventory.models import Article, Individual
from inventory.services import NewIndividual
from inventory.tests.factories import ArticleFactory, IndividualFactory
from sesam.lib.scanning import parse_scan
from sesam.models import Document, NumberSeries

_SYMBOLS = {pattern: value for value, pattern in enumerate(code128.CODES)}
_SWITCH = {"A": {99: "C", 100: "B"}, "B": {99: "C", 101: "A"}, "C": {100: "B", 101: "A"}}


def read_bars(label) -> str:
    """Decodes the Code 128 bars python-barcode draws for a label back to what a scanner
    sends: `]C1` for a leading FNC1 (GS1-128), FNC1 later as GS (ASCII 29)."""
    symbology = "gs1_128" if label.gs1 else "code128"
    bars = barcode.get(symbology, label.code).build()[0]
    values = [_SYMBOLS[bars[i : i + 11]] for i in range(0, len(bars) - 13, 11)]
    *data, checksum = values
    assert checksum == (data[0] + sum(i * v for i, v in enumerate(data) if i)) % 103
    subset, text = {103: "A", 104: "B", 105: "C"}[data[0]], ""
    for value in data[1:]:
        if value == 102:
            text += "]C1" if not text else "\x1d"
        elif value in _SWITCH[subset]:
            subset = _SWITCH[subset][value]
        elif subset == "C":
            text += f"{value:02d}"
        else:
            text += chr(value + 32) if value < 64 or subset == "B" else chr(value - 64)
    return text


@pytest.fixture
def aid(lund, prescriber):
    article = ArticleFactory(
        number="40110", name="Hörapparat Aria", is_individual=True, gtin="07350000401103"
    )
    services.create_individuals(
        article=article, warehouse=lund.warehouse, by=prescriber,
        individuals=[NewIndividual("4101001", serial_number="NL26287887")],
    )  # fmt: skip
    return Individual.objects.get(number="4101001")


def labels_url(individual):
    return reverse("inventory:individual_labels", args=[individual.pk])


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def test_bey_6_label_barcode_decodes_to_gtin_and_serial(aid):
    scan = parse_scan(read_bars(individual_label(aid)))
    assert (scan.gtin, scan.serial) == ("07350000401103", "NL26287887")


def test_bey_6_shelf_label_barcode_decodes_to_the_gtin_alone(aid):
    scan = parse_scan(read_bars(shelf_label(aid.article)))
    assert (scan.gtin, scan.serial) == ("07350000401103", "")


def test_bey_6_label_without_gtin_carries_the_individual_number(lund):
    individual = IndividualFactory(number="4101009", warehouse=lund.warehouse)
    label = individual_label(individual)
    assert not label.gs1
    assert read_bars(label) == "4101009"


def test_bey_6_serial_too_long_for_ai_21_falls_back_to_the_individual_number(aid):
    aid.serial_number = "SERIAL NUMBER WITH SPACES"
    assert read_bars(individual_label(aid)) == "4101001"


def test_bey_6_individual_label_sheet_pdf(client_as, prescriber, aid):
    text = pdf_text(client_as(prescriber).get(labels_url(aid)))
    for expected in ["40110 Hörapparat Aria", "Individnr 4101001", "Serienr NL26287887",
                     "(01)07350000401103(21)NL26287887"]:  # fmt: skip
        assert expected in text
    assert text.count("Individnr 4101001") == 24  # a full sheet of 3 × 8


def test_bey_6_label_sheet_uses_no_number(client_as, prescriber, aid):
    client_as(prescriber).get(labels_url(aid))
    assert not Document.objects.exists()  # BEY-D320: not a registered document
    assert not NumberSeries.objects.exists()  # and no order number


def test_acc_4_another_locations_individual_label_is_404(client_as, other_location_user, aid):
    assert client_as(other_location_user).get(labels_url(aid)).status_code == 404


def test_bey_6_label_is_a_get(client_as, prescriber, aid):
    assert client_as(prescriber).post(labels_url(aid)).status_code == 405


def test_bey_6_shelf_labels_one_per_article_with_balance(client_as, prescriber, lund, aid):
    dome = ArticleFactory(number="50140", name="Dome öppen 8 mm", type=Article.Type.SPARE_PART)
    empty = ArticleFactory(number="51000", name="Dome stängd 6 mm", type=Article.Type.SPARE_PART)
    services.add_stock(warehouse=lund.warehouse, article=dome, quantity=20, by=prescriber)
    services.ensure_stocked(warehouse=lund.warehouse, articles=[empty])
    url = reverse("inventory:shelf_labels", args=["4101"])
    text = pdf_text(client_as(prescriber).get(url))
    assert "(01)07350000401103" in text and "Artikelnr 50140" in text
    assert "51000" not in text
    assert "51000" in pdf_text(client_as(prescriber).get(url, {"saldo": "utan"}))


def test_acc_4_acc_7_shelf_labels_of_another_store(
    client_as, prescriber, private_prescriber, lund, helsingborg
):
    assert (
        client_as(prescriber).get(reverse("inventory:shelf_labels", args=["4103"])).status_code
        == 404
    )
    client = client_as(private_prescriber)
    assert client.get(reverse("inventory:shelf_labels", args=["4101"])).status_code == 403


def test_bey_6_shelf_labels_with_nothing_to_print_go_back_to_lager(client_as, prescriber, lund):
    response = client_as(prescriber).get(reverse("inventory:shelf_labels", args=["4101"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("inventory:stock_warehouse", args=["4101"])


def test_bey_6_shelf_labels_query_count_is_bounded(
    client_as, prescriber, lund, aid, django_assert_max_num_queries
):
    for n in range(5):
        article = ArticleFactory(number=f"5020{n}", type=Article.Type.SPARE_PART)
        services.add_stock(warehouse=lund.warehouse, article=article, quantity=2, by=prescriber)
    client = client_as(prescriber)
    client.get(reverse("inventory:shelf_labels", args=["4101"]))
    with django_assert_max_num_queries(8):
        client.get(reverse("inventory:shelf_labels", args=["4101"]))


def test_bey_6_a_delivered_individual_label_prints_as_its_page_shows(client_as, prescriber):
    delivered = IndividualFactory(
        number="4101077", warehouse=None, status=Individual.Status.DELIVERED
    )
    assert client_as(prescriber).get(labels_url(delivered)).status_code == 200
