import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity
from activities.tests import factories
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db


def test_act_10_search_lists_the_locations_activities(client_as, prescriber, activity):
    page = client_as(prescriber).get(reverse("activities:activity_search")).content.decode()
    assert activity.number in page and "1 aktivitet" in page and "Tolvan Tolvansson" in page


def test_act_10_quick_search_by_whole_number_opens_it(client_as, prescriber, activity):
    response = client_as(prescriber).get(
        reverse("activities:activity_search"), {"nummer": activity.number}
    )
    assert response.url == reverse("activities:activity_detail", args=[activity.number])


def test_act_10_quick_search_malformed_is_422(client_as, prescriber):
    response = client_as(prescriber).get(reverse("activities:activity_search"), {"nummer": "12"})
    assert response.status_code == 422 and "8 siffror" in response.content.decode()


def test_acc_4_other_location_search_does_not_list_it(client_as, other_location_user, activity):
    page = (
        client_as(other_location_user).get(reverse("activities:activity_search")).content.decode()
    )
    assert activity.number not in page


def test_act_10_sorting_sets_aria_sort(client_as, prescriber, activity):
    page = (
        client_as(prescriber)
        .get(reverse("activities:activity_search"), {"sortera": "status"})
        .content.decode()
    )
    assert 'aria-sort="ascending"><a href="/sok/aktivitet/?sortera=-status' in page


def test_act_10_htmx_returns_the_results_partial(client_as, prescriber, activity):
    body = (
        client_as(prescriber)
        .get(reverse("activities:activity_search"), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert body.lstrip().startswith('<div id="results"') and "<html" not in body


def test_act_10_bad_period_is_422(client_as, prescriber):
    response = client_as(prescriber).get(
        reverse("activities:activity_search"), {"registrerad": "evigt"}
    )
    assert response.status_code == 422 and "Välj ett av alternativen" in response.content.decode()


def test_act_10_older_than_the_period_is_not_listed(client_as, prescriber, activity):
    Activity.objects.filter(pk=activity.pk).update(
        registered_at=timezone.now() - datetime.timedelta(days=40)
    )
    page = client_as(prescriber).get(reverse("activities:activity_search")).content.decode()
    assert activity.number not in page


def _many(n, *, start, prescriber, tolvan, lund):
    Activity.objects.bulk_create(
        Activity(
            number=f"{start}{i:07d}",
            type="warranty_repair",
            status="planned",
            recipient=tolvan,
            service_location=lund,
            orderer=prescriber,
            prescriber=prescriber,
            requested_action="x",
            registered_at=timezone.now(),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("url_name", ["activities:activity_search", "my_page"])
def test_act_10_query_counts_equal_for_60_and_1000(
    client_as, prescriber, tolvan, lund, activity, django_assert_num_queries, url_name
):
    client = client_as(prescriber)
    params = {"flik": "activities"} if url_name == "my_page" else {}
    _many(59, start=9, prescriber=prescriber, tolvan=tolvan, lund=lund)
    with CaptureQueriesContext(connection) as sixty:
        client.get(reverse(url_name), params)
    _many(940, start=8, prescriber=prescriber, tolvan=tolvan, lund=lund)
    with django_assert_num_queries(len(sixty)):
        client.get(reverse(url_name), params)


def test_act_10_hits_within_one_page_need_no_count_query(
    client_as, prescriber, tolvan, lund, activity, django_assert_num_queries
):
    client = client_as(prescriber)
    _many(59, start=9, prescriber=prescriber, tolvan=tolvan, lund=lund)
    with CaptureQueriesContext(connection) as sixty:
        client.get(reverse("activities:activity_search"))
    Activity.objects.exclude(pk=activity.pk).delete()
    with django_assert_num_queries(len(sixty) - 1):
        page = client.get(reverse("activities:activity_search")).context["page"]
    assert page.paginator.count == 1


def test_home_4_my_activities_tab_and_panel(client_as, prescriber, activity):
    client = client_as(prescriber)
    page = client.get(reverse("my_page"), {"flik": "activities"}).content.decode()
    assert activity.number in page and "Tilldelad" in page
    panel = client.get(
        reverse("my_page"), {"flik": "activities", "aktivitet": activity.number}
    ).content.decode()
    assert "Gå till aktivitetsdetaljer" in panel
    assert AccessLog.objects.filter(action="my_activities_panel").count() == 1


def test_home_4_panel_of_someone_elses_activity_is_404(client_as, colleague, activity):
    response = client_as(colleague).get(
        reverse("my_page"), {"flik": "activities", "aktivitet": activity.number}
    )
    assert response.status_code == 404


def test_rec_6_recipient_tab_lists_activities(client_as, prescriber, activity, tolvan):
    page = (
        client_as(prescriber)
        .get(reverse("recipients:detail", args=[tolvan.pk]), {"flik": "aktiviteter"})
        .content.decode()
    )
    assert activity.number in page and "kommer i en senare version" not in page


def test_rec_6_recipient_tab_hides_other_locations_activities(
    client_as, other_location_user, activity, tolvan
):
    page = (
        client_as(other_location_user)
        .get(reverse("recipients:detail", args=[tolvan.pk]), {"flik": "aktiviteter"})
        .content.decode()
    )
    assert activity.number not in page and "Inga aktiviteter att visa" in page


def test_ind_2_individual_tab_lists_activities(client_as, prescriber, activity, hearing_aid):
    url = reverse("inventory:individual_detail", args=[hearing_aid.individual_id])
    page = client_as(prescriber).get(url, {"flik": "aktiviteter"}).content.decode()
    assert activity.number in page


def test_rec_7_recipient_menu_links_aktivitet(client_as, prescriber, tolvan):
    page = (
        client_as(prescriber).get(reverse("recipients:detail", args=[tolvan.pk])).content.decode()
    )
    assert f'href="{reverse("activities:activity_start", args=[tolvan.pk])}">Aktivitet</a>' in page


def test_search_tabs_link_to_aktivitet(client_as, prescriber):
    page = client_as(prescriber).get(reverse("orders:search")).content.decode()
    assert f'href="{reverse("activities:activity_search")}">Aktivitet</a>' in page


def test_help_exists_for_activity_pages():
    from sesam.help import HELP

    assert "activities:activity_start" in HELP and "activities:activity_search" in HELP
    assert factories.TOLVAN


def test_rec_6_recipient_tab_row_opens_the_side_panel(
    client_as, prescriber, activity, tolvan, staff
):
    from activities import services

    services.add_activity_comment(by=staff, activity=activity, text="Hos leverantören")
    url = reverse("recipients:detail", args=[tolvan.pk])
    params = {"flik": "aktiviteter", "aktivitet": activity.number}
    response = client_as(prescriber).get(url, params, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="recipient-tabs">')
    assert "Hos leverantören" in body and "Gå till aktivitetsdetaljer" in body


def test_rec_6_side_panel_of_another_recipients_activity_is_404(
    client_as, prescriber, activity, child
):
    url = reverse("recipients:detail", args=[child.pk])
    response = client_as(prescriber).get(url, {"flik": "aktiviteter", "aktivitet": activity.number})
    assert response.status_code == 404


def test_act_10_paginates_50_a_page(client_as, prescriber, tolvan, lund, activity):
    _many(60, start=7, prescriber=prescriber, tolvan=tolvan, lund=lund)
    page = client_as(prescriber).get(reverse("activities:activity_search")).content.decode()
    assert "61 aktiviteter" in page and "Sida 1 av 2" in page


def test_home_4_my_activities_sort_by_status(client_as, prescriber, activity):
    page = (
        client_as(prescriber)
        .get(reverse("my_page"), {"flik": "activities", "sortera": "-status"})
        .content.decode()
    )
    assert 'aria-sort="descending"' in page and activity.number in page
