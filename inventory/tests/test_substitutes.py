"""Likvärdiga artiklar (issue 20, item 4): an article of a replacement group lists the group's
other articles with their balance at 70 and in the own store, in stock at 70 first."""

import pytest
from django.urls import reverse

from inventory.models import Article, StockBalance
from inventory.substitutes import substitutes
from inventory.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _stock(warehouse, article, quantity):
    StockBalance.objects.create(warehouse=warehouse, article=article, quantity=quantity)


@pytest.fixture
def group(central_warehouse, lund):
    asked, empty, stocked = (ArticleFactory(replacement_group="RIC-5") for _ in range(3))
    _stock(central_warehouse, stocked, 4)
    _stock(lund.warehouse, empty, 2)
    ArticleFactory(replacement_group="RIC-5", status=Article.Status.DISCONTINUED)
    ArticleFactory(replacement_group="OTHER")
    return asked, empty, stocked


def test_substitutes_list_the_group_in_stock_at_70_first(group, lund):
    asked, empty, stocked = group
    rows = substitutes(asked, lund)
    assert [(r.article, r.central, r.own_store) for r in rows] == [
        (stocked, 4, None),
        (empty, None, 2),
    ]


def test_substitutes_an_article_without_a_group_has_none(lund):
    assert substitutes(ArticleFactory(), lund) == []


def test_substitutes_on_the_article_page(client_as, prescriber, group):
    asked, empty, stocked = group
    page = client_as(prescriber).get(reverse("inventory:article_detail", args=[asked.number]))
    assert "Likvärdiga artiklar" in page.text and stocked.name in page.text
