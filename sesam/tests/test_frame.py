import pytest
from django.urls import reverse

from sesam.middleware import SESSION_KEY
from sesam.models import Message, NewsItem, ProductArea
from sesam.services import send_message


def test_home_1_top_bar_shows_name_and_active_location(client_as, prescriber):
    response = client_as(prescriber).get("/")
    assert "Anna Audionom" in response.text
    assert "Hörselmottagningen Lund" in response.text
    for label in [
        "Beställning",
        "Lagerpåfyllnad",
        "Mottagare",
        "Individ",
        "Sök artikel",
        "Sortimentskataloger",
        "Kontaktuppgifter till leverantörer",
        "Varukorg",
        "Meddelanden",
        "Hjälp",
        "Inställning",
        "Logga ut",
    ]:
        assert label in response.text, label


def test_acc_2_switcher_lists_only_own_locations(client_as, prescriber, helsingborg):
    text = client_as(prescriber).get("/").text
    assert "Hörselmottagningen Malmö" in text
    assert "Hörselmottagningen Helsingborg" not in text


def test_acc_2_switching_to_own_location(client_as, prescriber, malmo):
    client = client_as(prescriber)
    response = client.post(
        reverse("switch_service_location"), {"service_location": malmo.pk, "next": "/mina-sidor/"}
    )
    assert response.url == "/mina-sidor/"
    assert client.session[SESSION_KEY] == malmo.pk
    assert "Aktivt tjänsteställe: Hörselmottagningen Malmö" in client.get("/mina-sidor/").text


def test_acc_2_switching_to_another_location_is_refused(client_as, prescriber, helsingborg):
    client = client_as(prescriber)
    client.post(reverse("switch_service_location"), {"service_location": helsingborg.pk})
    assert SESSION_KEY not in client.session


def test_acc_2_switch_ignores_foreign_redirect(client_as, prescriber, malmo):
    response = client_as(prescriber).post(
        reverse("switch_service_location"), {"service_location": malmo.pk, "next": "//evil.example"}
    )
    assert response.url == reverse("start")


def test_acc_7_private_clinic_gets_no_stock_entries(client_as, private_prescriber):
    text = client_as(private_prescriber).get("/").text
    assert "Lagerpåfyllnad" not in text
    assert ">Lager<" not in text


def test_home_2_start_page_has_four_boxes_and_own_news(client_as, prescriber, horsel):
    syn = ProductArea.objects.create(code="syn", name="Syn")
    NewsItem.objects.create(
        product_area=horsel, title="Hörselnytt", summary="s", body="b", published_on="2026-11-01"
    )
    NewsItem.objects.create(
        product_area=syn, title="Synnytt", summary="s", body="b", published_on="2026-11-02"
    )
    text = client_as(prescriber).get("/").text
    for heading in ["Snabbsökning", "Allmän information", "Sortimentskatalog", "Nyheter"]:
        assert heading in text
    assert "Hörselnytt" in text and "Synnytt" not in text
    assert "Visa katalog" in text and "Visa alla nyheter" in text


def test_home_2_news_of_another_area_is_404(client_as, prescriber):
    syn = ProductArea.objects.create(code="syn", name="Syn")
    item = NewsItem.objects.create(
        product_area=syn, title="Synnytt", summary="s", body="b", published_on="2026-11-02"
    )
    assert client_as(prescriber).get(reverse("news_detail", args=[item.pk])).status_code == 404


def test_home_5_unread_count_and_reading_marks_read(client_as, prescriber):
    send_message(to=[prescriber, prescriber], subject="Beställning 26480017 är levererad")
    client = client_as(prescriber)
    assert Message.objects.filter(user=prescriber).count() == 1
    assert (
        '<span class="badge">1<span class="visually-hidden"> olästa</span>' in client.get("/").text
    )
    message = Message.objects.get(user=prescriber)
    client.get(reverse("message_detail", args=[message.pk]))
    message.refresh_from_db()
    assert message.read_at is not None
    assert "olästa" not in client.get("/").text


def test_home_5_another_users_message_is_404(client_as, prescriber, colleague):
    (message,) = send_message(to=[colleague], subject="Hemligt")
    assert (
        client_as(prescriber).get(reverse("message_detail", args=[message.pk])).status_code == 404
    )
    message.refresh_from_db()
    assert message.read_at is None


@pytest.mark.parametrize("page", ["start", "settings", "my_page"])
def test_home_6_each_page_has_its_help_text(client_as, prescriber, page):
    from sesam.help import HELP

    client = client_as(prescriber)
    assert f"?sida={page}" in client.get(reverse(page)).text
    assert str(HELP[page])[:40] in client.get(reverse("help") + f"?sida={page}").text


def test_home_1_query_count_of_start_page_is_bounded(
    client_as, prescriber, django_assert_max_num_queries
):
    client = client_as(prescriber)
    # session, user, memberships, unread count, cart, news (+ savepoints/session save), and
    # at most one query per start-page tile while they are not cached (BEY-10)
    from sesam.tiles import START_TILES

    with django_assert_max_num_queries(9 + len(START_TILES)):
        client.get("/")
    with django_assert_max_num_queries(9):
        client.get("/")
