"""Issue 19.4, lists that lead somewhere: Mina hämtordrar names the recipient, rows of Mina
aktiviteter and Mina hämtordrar open their object, the recipient's Aktiviteter tab has a count,
and on Återlämnat a device taken back by pickup order links to that pickup order."""

import pytest
from django.urls import reverse

from activities import services
from activities.tests.factories import delivered_device, pickup_order

pytestmark = pytest.mark.django_db


def test_home_4_my_pickups_show_the_recipient_and_rows_open_the_pickup(client_as, colleague, lund):
    pickup = pickup_order(colleague, lund)
    html = client_as(colleague).get(reverse("my_page") + "?flik=pickups").text
    assert ">Mottagare</a></th>" in html and pickup.recipient.name in html
    assert 'class="row-link' in html and 'class="row-target"' in html


def test_home_4_my_activities_rows_open_the_activity(client_as, prescriber, activity):
    html = client_as(prescriber).get(reverse("my_page") + "?flik=activities").text
    assert 'class="row-link' in html and f">{activity.number}</a>" in html


def test_rec_6_the_aktiviteter_tab_has_a_count(client_as, prescriber, activity):
    url = activity.recipient.get_absolute_url()
    html = client_as(prescriber).get(url).text
    assert '>Aktiviteter <span class="count">(1)</span>' in html


def test_pu_7_aterlamnat_links_a_device_back_by_pickup_order(client_as, colleague, staff, lund):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device)
    services.close_pickup_order(by=staff, pickup_order=pickup)
    url = device.recipient.get_absolute_url() + "?flik=aterlamnat"
    html = client_as(colleague).get(url).text
    link = reverse("activities:pickup_detail", args=[pickup.number])
    assert f'<a href="{link}">Hämtorder {pickup.number}</a>' in html
