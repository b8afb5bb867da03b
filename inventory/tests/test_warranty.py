"""BEY-4: an individual's warranty runs from its delivery into the region (purchase date) for
the article's warranty months, month ends handled; shown on the individual page."""

import datetime

import pytest
from django.urls import reverse

from inventory.tests.factories import IndividualFactory
from inventory.warranty import Warranty, warranty_end

D = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2027, 12, 31), 2, D(2028, 2, 29)),
        (D(2026, 3, 15), 48, D(2030, 3, 15)),
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
    ],
)
def test_bey_4_warranty_runs_to_the_same_day_or_the_month_end(start, months, end):
    assert warranty_end(start, months) == end


def test_bey_4_the_last_day_is_covered_and_the_next_is_not():
    assert Warranty(D(2026, 2, 28), D(2026, 2, 28)).label == "Garanti till 2026-02-28"
    assert Warranty(D(2026, 2, 28), D(2026, 3, 1)).label == "Garantin har gått ut"


def test_bey_4_an_article_without_warranty_months_is_not_judged():
    assert warranty_end(D(2026, 1, 1), 0) is None
    assert not Warranty(None, D(2026, 1, 1)).expired


@pytest.mark.django_db
def test_bey_4_the_individual_page_shows_the_warranty(client_as, prescriber, lund, time_machine):
    time_machine.move_to(datetime.datetime(2026, 2, 10, 12, tzinfo=datetime.UTC))
    individual = IndividualFactory(
        warehouse=lund.warehouse, purchase_date=D(2025, 1, 31), article__warranty_months=13
    )
    page = client_as(prescriber).get(reverse("inventory:individual_detail", args=[individual.pk]))
    assert "Garanti till 2026-02-28" in page.text
