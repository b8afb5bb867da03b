"""BEY-10: the start page's tiles on the demo region — each count equals the rows its link's
search shows, one query per tile at most and none while cached, a text alternative beside
every chart, and only the user's current service location."""

import datetime
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, PickupOrder
from orders.selectors import unreceived_orders
from recipients.models import Device
from sesam.models import AccessLog, User
from sesam.tiles import START_TILES, Bar, Tile, start_tiles


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


def _location(username):
    user = User.objects.get(username=username)
    return user, user.memberships.get(is_default=True).service_location


def _rows_shown(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def test_bey_10_each_tile_count_equals_the_rows_its_search_shows(demo, client):
    user, lund = _location("audionom")
    client.force_login(user)
    tiles = {tile.key: tile for tile in start_tiles(lund)}
    assert set(tiles) == {
        "okvitterade",
        "aktiviteter",
        "hamtordrar",
        "prov",
        "minsta-saldo",
        "avgifter",
    }
    for tile in tiles.values():
        # The demo has work of every kind waiting; its charges fall due on fixed past dates,
        # so this month's may be none (billing/tests/test_charges_to_invoice.py counts them).
        assert tile.count > 0 or tile.key == "avgifter", tile.key
        assert sum(bar.count for bar in tile.bars) == tile.count, tile.key
        assert _rows_shown(client, tile.url) == tile.count, tile.key


def test_bey_10_counts_cover_every_age_and_follow_the_data_after_the_cache(demo, client):
    """An unreceived order a year old and an activity and a pickup order from last year
    still count (Registrerad: Alla), in the oldest bar; the searches show them too."""
    user, lund = _location("audionom")
    client.force_login(user)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    order = unreceived_orders([lund.pk]).order_by("pk").first()
    order.__class__.objects.filter(pk=order.pk).update(sent_at=long_ago)
    activity = Activity.objects.filter(service_location=lund, status="assigned").first()
    Activity.objects.filter(pk=activity.pk).update(registered_at=long_ago)
    PickupOrder.objects.filter(service_location=lund, status="registered").update(
        created_at=long_ago
    )
    before = {tile.key: tile.count for tile in start_tiles(lund)}
    Activity.objects.filter(pk=activity.pk).update(status="closed", closed_at=timezone.now())
    assert {tile.key: tile.count for tile in start_tiles(lund)} == before  # cached (60 s)
    cache.clear()
    tiles = {tile.key: tile for tile in start_tiles(lund)}
    assert tiles["aktiviteter"].count == before["aktiviteter"] - 1
    assert tiles["okvitterade"].bars[-1].count >= 1
    assert tiles["hamtordrar"].bars[-1].count == tiles["hamtordrar"].count
    for tile in tiles.values():
        assert _rows_shown(client, tile.url) == tile.count, tile.key


def test_bey_10_trials_tile_counts_overdue_and_this_weeks_trials(demo, client):
    user, lund = _location("audionom")
    client.force_login(user)
    today = timezone.localdate()
    device = Device.objects.filter(service_location=lund, trial_until__isnull=False).first()
    Device.objects.filter(pk=device.pk).update(trial_until=today - datetime.timedelta(days=2))
    tile = next(tile for tile in start_tiles(lund) if tile.key == "prov")
    assert [bar.count for bar in tile.bars][0] == 1
    assert _rows_shown(client, tile.url) == tile.count
    # a trial ending in three weeks waits for nobody this week
    Device.objects.filter(pk=device.pk).update(trial_until=today + datetime.timedelta(days=21))
    cache.clear()
    tile = next(tile for tile in start_tiles(lund) if tile.key == "prov")
    assert tile.count == 0 and _rows_shown(client, tile.url) == 0


def test_bey_10_the_trials_page_logs_each_recipient_it_shows(demo, client):
    user, lund = _location("audionom")
    client.force_login(user)
    tile = next(tile for tile in start_tiles(lund) if tile.key == "prov")
    client.get(tile.url)
    assert AccessLog.objects.filter(user=user, action="trial_list").count() == tile.count


def test_bey_10_another_units_location_in_a_tile_link_is_refused(demo, client):
    _user, lund = _location("audionom")
    client.force_login(User.objects.get(username="annan"))
    for tile in start_tiles(lund):
        if "tjanstestalle=" in tile.url:
            assert client.get(tile.url).status_code == 422, tile.key


def test_bey_10_tiles_only_where_they_apply(demo, client):
    """A private clinic has no own store (no below-minimum tile); a unit without reorder
    points or trials gets neither tile; a user without a location gets no tiles."""
    _pam, ystad = _location("pam")
    assert "minsta-saldo" not in {tile.key for tile in start_tiles(ystad)}
    _annan, helsingborg = _location("annan")
    keys = {tile.key for tile in start_tiles(helsingborg)}
    assert keys == {"okvitterade", "aktiviteter", "hamtordrar", "avgifter"}
    assert start_tiles(None) == []
    client.force_login(User.objects.get(username="admin"))
    assert 'class="tiles"' not in client.get("/").text


def test_home_2_bey_10_start_page_one_query_per_tile_and_none_while_cached(
    demo, client, django_assert_max_num_queries
):
    user, _lund = _location("audionom")
    client.force_login(user)
    client.get(reverse("help"))  # the session's first request (sign-in bookkeeping)
    with django_assert_max_num_queries(9 + len(START_TILES)):
        client.get("/")
    with django_assert_max_num_queries(9):
        client.get("/")


def test_bey_10_start_page_charts_have_words_and_no_inline_styles(demo, client):
    user, lund = _location("audionom")
    client.force_login(user)
    text = client.get("/").text
    section = text[text.index('class="tiles-section"') : text.index('class="boxes"')]
    assert "Att göra på Hörselmottagningen Lund" in section
    for tile in start_tiles(lund):
        assert f'href="{tile.url.replace("&", "&amp;")}"' in section
        for bar in tile.bars:  # the text alternative says what the chart draws
            assert f"{bar.label}: <strong>{bar.count}</strong>" in section
    assert section.count('aria-hidden="true" focusable="false"') == len(start_tiles(lund))
    assert " style=" not in section
    # SVG numbers with a decimal point, whatever the locale (sv writes a comma)
    for value in re.findall(r' (?:x|y|width|height)="([^"]+)"', section):
        float(value)


def test_bey_10_chart_bars_scale_to_the_highest_and_show_zero_as_a_line():
    tile = Tile("k", "T", 6, "/", (Bar("a", 4), Bar("b", 0), Bar("c", 2)))
    rects = tile.chart
    assert [r["height"] for r in rects] == [40, 1, 20]
    assert rects[0]["y"] == 0 and rects[1]["y"] == 39
    assert rects[2]["x"] + rects[2]["width"] == pytest.approx(120, abs=0.2)
