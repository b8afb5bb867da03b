"""ART-1 / quality.md: article search is answered from the trigram index, not a table scan.
The table is filled and ANALYZEd so that the planner chooses freely (no enable_seqscan)."""

import random

import pytest
from django.db import connection

from inventory.models import Article
from inventory.selectors import search_articles
from inventory.tests.factories import ArticleFactory, SupplierFactory

WORDS = [
    "hörapparat", "dome", "filter", "laddare", "batteri", "slang", "högtalare", "mikrofon",
    "sändare", "mottagare", "slinga", "telefon", "väckare", "lampa", "kudde", "förstärkare",
]  # fmt: skip


@pytest.fixture
def big_catalogue(db):
    rng = random.Random(1)
    base = ArticleFactory(number="100000", name="Mall")
    zebra = SupplierFactory(name="Zebraljud AB")
    names = {10: "Flamingofilter special", 20: "Flamingofilter extra"}
    Article.objects.bulk_create(
        Article(
            number=str(200000 + i),
            name=names.get(i, f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"),
            supplier=zebra if i == 30 else base.supplier,
            supplier_number=f"S{i}",
            type=Article.Type.MAIN,
            iso_code=base.iso_code,
            product_area=base.product_area,
        )
        for i in range(5000)
    )
    with connection.cursor() as cursor:
        # What autovacuum does in production: merge GIN's pending list, then gather statistics.
        cursor.execute("SELECT gin_clean_pending_list('inventory_article_search_trgm'::regclass)")
        cursor.execute("ANALYZE inventory_article")
        cursor.execute("ANALYZE inventory_supplier")


def test_art_1_search_uses_the_trigram_index(big_catalogue):
    articles = search_articles(query="flamingofilter")
    assert articles.count() == 2
    for plan in (articles.explain(), articles[:50].explain()):
        assert "inventory_article_search_trgm" in plan, plan
        assert "Seq Scan on inventory_article" not in plan, plan


def test_art_1_two_criteria_use_the_trigram_index(big_catalogue):
    articles = search_articles(query="flamingo special")
    assert [a.number for a in articles] == ["200010"]
    assert "inventory_article_search_trgm" in articles.explain()


def test_art_1_a_supplier_criterion_uses_the_indexes(big_catalogue):
    articles = search_articles(query="zebraljud")
    assert [a.number for a in articles] == ["200030"]
    plan = articles.explain()
    assert "inventory_article_search_trgm" in plan, plan
    assert "Seq Scan on inventory_article" not in plan, plan
