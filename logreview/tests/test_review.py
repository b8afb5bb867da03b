"""Logggranskning (BEY-11, ACC-8): the log searched by recipient, user, unit and period, the
patient's extract, reproducible samples with flagged accesses first, append-only marks."""

import datetime
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from logreview import selectors, services
from logreview.exceptions import ReviewError
from logreview.models import AccessReview, SampledAccess
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_bey_11_search_by_recipient_lists_only_that_recipients_accesses(accesses, tolvan):
    rows = selectors.search_log(start=TODAY, end=TODAY, personnummer=tolvan.personnummer)
    assert {row.pk for row in rows} == {accesses[0].pk, accesses[1].pk}


def test_bey_11_search_by_user_and_unit_and_period(accesses, prescriber, lund, malmo):
    assert selectors.search_log(start=TODAY, end=TODAY, user=prescriber).count() == 3
    assert selectors.search_log(start=TODAY, end=TODAY, service_location=malmo).count() == 0
    yesterday = TODAY - datetime.timedelta(days=1)
    assert selectors.search_log(start=yesterday, end=yesterday).count() == 0


def test_bey_11_extract_holds_exactly_the_recipients_rows_in_words(accesses, tolvan, lund):
    entries = selectors.extract(personnummer=tolvan.personnummer, start=TODAY, end=TODAY)
    assert [e.what for e in entries] == ["Läste uppgifterna", "Skrev ut ett dokument"]
    assert {(e.unit, e.care_provider, e.role) for e in entries} == {
        (lund.name, "Region Skåne", "Förskrivare")
    }


def test_bey_11_an_access_without_a_tie_at_the_users_locations_is_flagged(accesses, stranger):
    flagged = AccessLog.objects.annotate(flag=selectors.flagged()).filter(flag=True)
    assert [row.recipient_id for row in flagged] == [stranger.pk]


def test_bey_11_a_sample_puts_flagged_accesses_first(accesses, reviewer, stranger):
    sample = services.draw_sample(by=reviewer, start=TODAY, end=TODAY, size=3, seed=7)
    rows = list(sample.rows.select_related("access"))
    assert [row.flagged for row in rows] == [True, False, False]
    assert rows[0].access.recipient_id == stranger.pk


def test_bey_11_a_sample_is_reproducible_with_its_seed(accesses, reviewer, prescriber, lund):
    for _ in range(20):
        AccessLog.objects.create(
            user=prescriber, service_location=lund, recipient_id=1, personnummer="1", action="v"
        )
    draws = [
        [
            r.access_id
            for r in services.draw_sample(
                by=reviewer, start=TODAY, end=TODAY, size=8, seed=s
            ).rows.all()
        ]
        for s in (42, 42, 43)
    ]
    assert draws[0] == draws[1] and draws[0] != draws[2]


def test_bey_11_questioning_needs_a_comment(accesses, reviewer):
    sample = services.draw_sample(by=reviewer, start=TODAY, end=TODAY, size=1)
    with pytest.raises(ReviewError):
        services.mark_access(by=reviewer, row=sample.rows.get(), verdict="questioned")


def test_bey_11_marks_are_append_only(accesses, reviewer):
    sample = services.draw_sample(by=reviewer, start=TODAY, end=TODAY, size=1)
    services.mark_access(by=reviewer, row=sample.rows.get(), verdict="reviewed")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE logreview_accessreview SET verdict = 'questioned'")
    assert AccessReview.objects.get().verdict == "reviewed"


def test_bey_11_the_sample_page_reads_a_bounded_number_of_queries(
    client_as, reviewer, accesses, prescriber, lund, django_assert_max_num_queries
):
    for _ in range(30):
        AccessLog.objects.create(
            user=prescriber, service_location=lund, recipient_id=1, personnummer="1", action="v"
        )
    sample = services.draw_sample(by=reviewer, start=TODAY, end=TODAY, size=30)
    client = client_as(reviewer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("logreview:sample", args=[sample.pk])).status_code == 200


def test_bey_11_reviewers_find_unmarked_accesses_in_att_gora(client_as, reviewer, accesses, lund):
    reviewer.memberships.create(service_location=lund, is_default=True)
    services.draw_sample(by=reviewer, start=TODAY, end=TODAY, size=2)
    response = client_as(reviewer).get(reverse("my_page"))
    assert b"Logggranskning" in response.content


def test_bey_11_staff_reviewers_find_it_in_the_top_bar(client_as, reviewer):
    response = client_as(reviewer).get(reverse("logreview:samples"))
    assert response.status_code == 200
    assert f'href="{reverse("logreview:search")}"'.encode() in response.content


def test_bey_11_pages_are_for_reviewers_only(client_as, prescriber):
    client = client_as(prescriber)
    for name in ("logreview:search", "logreview:samples"):
        assert client.get(reverse(name)).status_code == 403


def test_bey_11_searching_the_log_is_itself_logged(client_as, reviewer, accesses, tolvan):
    before = AccessLog.objects.count()
    response = client_as(reviewer).get(
        reverse("logreview:search"), {"personnummer": tolvan.personnummer}
    )
    assert response.status_code == 200 and b"Loggutdrag (pdf)" in response.content
    logged = AccessLog.objects.filter(user=reviewer, action="logreview_search")
    assert AccessLog.objects.count() == before + 1 and logged.get().recipient_id == tolvan.pk


def test_bey_11_extract_pdf_lists_the_recipients_accesses(client_as, reviewer, accesses, tolvan):
    response = client_as(reviewer).get(
        reverse("logreview:extract_pdf"), {"personnummer": tolvan.personnummer}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Loggutdrag" in text and "Skrev ut ett dokument" in text and "1212" in text
    assert AccessLog.objects.filter(user=reviewer, action="logreview_extract_pdf").count() == 1


def test_bey_11_extract_with_a_wrong_personnummer_is_422(client_as, reviewer):
    response = client_as(reviewer).get(reverse("logreview:extract_pdf"), {"personnummer": "1"})
    assert response.status_code == 422


def test_bey_11_a_reviewer_draws_and_marks_through_the_pages(client_as, reviewer, accesses):
    client = client_as(reviewer)
    response = client.post(reverse("logreview:samples"), {"antal": 3, "slumpfro": 5})
    row = SampledAccess.objects.get(position=1)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and b"Inget \xc3\xa4rende vid enheten" in page.content
    url = reverse("logreview:mark", args=[row.pk])
    client.post(url, {"bedomning": "questioned", "kommentar": "Ingen vårdrelation"})
    assert AccessReview.objects.get(row=row).comment == "Ingen vårdrelation"
