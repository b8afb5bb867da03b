"""HOME-6: the pickup pages have their help texts (merged into sesam.help by activities.apps)."""

from django.urls import reverse

from activities.help import HELP
from activities.tests.factories import pickup_order


def test_home_6_pickup_pages_link_their_help(client_as, colleague, lund):
    pickup = pickup_order(colleague, lund)
    client = client_as(colleague)
    for page, url in [
        ("activities:pickup_search", reverse("activities:pickup_search")),
        ("activities:pickup_detail", pickup.get_absolute_url()),
    ]:
        assert f"?sida={page}" in client.get(url).text
        assert str(HELP[page])[:40] in client.get(reverse("help"), {"sida": page}).text
