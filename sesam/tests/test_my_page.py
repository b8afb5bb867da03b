import re

from django.urls import reverse


def test_home_3_settings_saved_and_kept(client_as, prescriber):
    client = client_as(prescriber)
    response = client.post(reverse("settings"), {"default_source": "own_store"})
    assert response.status_code == 302
    prescriber.refresh_from_db()
    assert prescriber.default_source == "own_store"
    page = client.get(reverse("settings")).text
    assert re.search(r'<input[^>]*value="own_store"[^>]*checked', page)


def test_home_3_bad_setting_gets_a_message(client_as, prescriber):
    response = client_as(prescriber).post(reverse("settings"), {"default_source": "annat"})
    assert response.status_code == 422
    assert "Välj ett giltigt alternativ" in response.text
    prescriber.refresh_from_db()
    assert prescriber.default_source == "central"


def test_home_4_phone_edit_persists(client_as, prescriber):
    response = client_as(prescriber).post(
        reverse("profile_field", args=["phone"]), {"phone": "046-99 99 99"}
    )
    assert response.status_code == 302
    prescriber.refresh_from_db()
    assert prescriber.phone == "046-99 99 99"


def test_home_4_htmx_edit_returns_the_field_partial(client_as, prescriber):
    client = client_as(prescriber)
    editor = client.get(
        reverse("profile_field", args=["email"]) + "?andra=1", headers={"HX-Request": "true"}
    )
    assert editor.text.lstrip().startswith('<div id="profile-email"') and "<form" in editor.text
    saved = client.post(
        reverse("profile_field", args=["email"]),
        {"email": "anna@region.se"},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200 and "anna@region.se" in saved.text and "<form" not in saved.text
    assert "<html" not in saved.text


def test_home_4_invalid_email_gets_a_message_not_a_500(client_as, prescriber):
    response = client_as(prescriber).post(
        reverse("profile_field", args=["email"]),
        {"email": "inte-en-adress"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "giltig e-postadress" in response.text
    prescriber.refresh_from_db()
    assert prescriber.email == "audionom@example.se"


def test_home_4_500_character_phone_gets_a_message(client_as, prescriber):
    response = client_as(prescriber).post(
        reverse("profile_field", args=["phone"]), {"phone": "1" * 500}
    )
    assert response.status_code == 422
    assert "som mest 20 tecken" in response.text
    assert 'aria-invalid="true"' in response.text


def test_home_4_unknown_field_is_404(client_as, prescriber):
    assert (
        client_as(prescriber)
        .post(reverse("profile_field", args=["username"]), {"username": "x"})
        .status_code
        == 404
    )


def test_home_4_my_page_lists_own_locations_with_default(client_as, prescriber):
    text = client_as(prescriber).get(reverse("my_page")).text
    assert (
        "Hörselmottagningen Lund" in text
        and "Standard" in text
        and "Hörselmottagningen Malmö" in text
    )
    for tab in [
        "Mina beställningar",
        "Mina aktiviteter",
        "Mina hämtordrar",
        "Kvittera direktleverans",
    ]:
        assert tab in text
