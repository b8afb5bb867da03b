"""Issue 13, item 5: the cart's line count in the singular and plural, and prescribers shown
by RS-id and name ("ditt eget RS-id och namn", the manual)."""

from django.urls import reverse

from orders import services
from orders.forms import StartOrderForm
from orders.tests.factories import stocked_article


def _start(client, prescriber, lund):
    client.post(
        reverse("orders:new"),
        {
            "personnummer": "19121212-1212",
            "prescriber": prescriber.pk,
            "service_location": lund.pk,
            "action": "continue",
        },
    )


def test_home_1_cart_says_rad_for_one_line_and_rader_for_two(
    client_as, prescriber, tolvan, lund, central_warehouse
):
    client = client_as(prescriber)
    _start(client, prescriber, lund)
    add = {"by": prescriber, "quantity": 1, "source": "central"}
    services.add_line(article=stocked_article(central_warehouse, 3), **add)
    one = client.get(reverse("orders:cart")).text
    assert '<span class="visually-hidden"> rad</span>' in one
    services.add_line(article=stocked_article(central_warehouse, 3), **add)
    two = client.get(reverse("orders:cart")).text
    assert '<span class="visually-hidden"> rader</span>' in two


def test_acc_3_prescriber_choices_show_rs_id_and_name(secretary, prescriber, colleague):
    field = StartOrderForm(user=secretary)["prescriber"]
    labels = [label for _, label in field.field.choices]
    assert labels == ["audionom – Anna Audionom", "kollega – Karl Kollega"]


def test_ord_1_side_panel_names_the_prescriber_by_rs_id_and_name(
    client_as, prescriber, tolvan, lund
):
    client = client_as(prescriber)
    _start(client, prescriber, lund)
    assert "audionom – Anna Audionom</dd>" in client.get(reverse("orders:cart")).text
