"""REC-2 phone and REC-4 payment commitment: inline edit (pen → green check / red cross),
with and without JavaScript; bad input gets a Swedish message and 422."""

from recipients.tests.factories import RecipientFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(recipient, name="telefon"):
    return f"/mottagare/{recipient.pk}/uppgift/{name}/"


def test_rec_2_htmx_pen_opens_the_editor_and_cross_closes_it(client_as, prescriber, tolvan):
    client = client_as(prescriber)
    editor = client.get(_url(tolvan) + "?andra=1", **HTMX).content.decode()
    assert 'id="recipient-telefon"' in editor
    for text in ['name="value"', "Spara telefon", "Avbryt"]:
        assert text in editor
    shown = client.get(_url(tolvan), **HTMX).content.decode()
    assert "Ändra telefon" in shown
    assert "<form" not in shown


def test_rec_2_htmx_save_persists_and_returns_the_field(client_as, prescriber, tolvan):
    response = client_as(prescriber).post(_url(tolvan), {"value": " 046-11 22 33 "}, **HTMX)
    assert response.status_code == 200
    assert "046-11 22 33" in response.content.decode()
    tolvan.refresh_from_db()
    assert tolvan.phone == "046-11 22 33"


def test_rec_2_htmx_bad_phone_is_422_with_swedish_message(client_as, prescriber, tolvan):
    response = client_as(prescriber).post(_url(tolvan), {"value": "ring mig"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Ange telefonnumret med siffror" in html
    assert 'aria-invalid="true"' in html
    tolvan.refresh_from_db()
    assert tolvan.phone == "070-174 06 12"


def test_rec_2_without_js_pen_is_a_link_to_the_page_with_the_editor(client_as, prescriber, tolvan):
    client = client_as(prescriber)
    page = client.get(f"/mottagare/{tolvan.pk}/").content.decode()
    assert f'href="/mottagare/{tolvan.pk}/?andra=telefon"' in page
    editor = client.get(f"/mottagare/{tolvan.pk}/?andra=telefon").content.decode()
    assert f'action="/mottagare/{tolvan.pk}/uppgift/telefon/"' in editor
    plain = client.get(_url(tolvan) + "?andra=1")
    assert plain["Location"] == f"/mottagare/{tolvan.pk}/?andra=telefon"


def test_rec_2_without_js_save_redirects_with_message(client_as, prescriber, tolvan):
    response = client_as(prescriber).post(_url(tolvan), {"value": "046-11 22 33"}, follow=True)
    assert "Uppgiften är sparad." in response.content.decode()
    tolvan.refresh_from_db()
    assert tolvan.phone == "046-11 22 33"


def test_rec_2_without_js_bad_phone_shows_the_page_422(client_as, prescriber, tolvan):
    response = client_as(prescriber).post(_url(tolvan), {"value": "x" * 30})
    html = response.content.decode()
    assert response.status_code == 422
    assert "<html" in html
    assert "Tolvan Tolvansson" in html
    assert "Ange telefonnumret" in html or "högst 20 tecken" in html


def test_rec_2_phone_can_be_cleared(client_as, prescriber, tolvan):
    client_as(prescriber).post(_url(tolvan), {"value": ""}, **HTMX)
    tolvan.refresh_from_db()
    assert tolvan.phone == ""


def test_rec_4_payment_commitment_is_saved_for_out_of_region(client_as, prescriber):
    halland = RecipientFactory(home_region="Region Halland")
    url = _url(halland, "betalningsforbindelse")
    response = client_as(prescriber).post(url, {"value": "RH-2026-0142"}, **HTMX)
    assert response.status_code == 200
    halland.refresh_from_db()
    assert halland.payment_commitment == "RH-2026-0142"


def test_rec_4_bad_payment_commitment_is_422(client_as, prescriber):
    halland = RecipientFactory(home_region="Region Halland")
    url = _url(halland, "betalningsforbindelse")
    response = client_as(prescriber).post(url, {"value": "<script>"}, **HTMX)
    assert response.status_code == 422
    assert "Ange hemregionens referens" in response.content.decode()


def test_rec_4_payment_commitment_is_404_for_recipients_in_the_region(
    client_as, prescriber, tolvan
):
    response = client_as(prescriber).post(_url(tolvan, "betalningsforbindelse"), {"value": "X"})
    assert response.status_code == 404


def test_rec_2_unknown_field_is_404(client_as, prescriber, tolvan):
    assert client_as(prescriber).get(_url(tolvan, "adress"), **HTMX).status_code == 404
