"""The article result table's rows (inventory.tables, ART-3/ART-5): built in Python, so
every cell's text is escaped there and the URLs are the ones reverse() gives."""

from django.core.paginator import Paginator
from django.urls import reverse

from inventory.models import Article, ArticleColumnChoice
from inventory.selectors import search_articles
from inventory.tables import article_table
from inventory.tests.factories import ArticleFactory, SupplierFactory


def _table(warehouse, **kwargs):
    page = Paginator(search_articles(query="dome", assortment_only=False), 50).get_page(1)
    return article_table(page=page, warehouse=warehouse, **kwargs)


def test_art_5_every_column_escapes_its_text(db, central_warehouse):
    ArticleFactory(
        name="Dome <script>x</script>",
        supplier=SupplierFactory(name="A&B <i>"),
        supplier_number='"><b>',
        product="<u>p</u>",
        status=Article.Status.PHASING_OUT,
    )
    row = _table(central_warehouse, columns=list(ArticleColumnChoice.COLUMNS)).rows[0]
    assert "<script>" not in row.cells and "&lt;script&gt;" in row.cells
    assert "A&amp;B &lt;i&gt;" in row.cells and "&quot;&gt;&lt;b&gt;" in row.cells
    assert "&lt;u&gt;p&lt;/u&gt;" in row.cells
    assert '<span class="tag tag-warn">Utgående</span>' in row.cells


def test_art_3_rows_link_to_the_article_as_reverse_does(db, central_warehouse):
    article = ArticleFactory(name="Dome", number="A 1&2")
    row = _table(central_warehouse, columns=["number", "name"]).rows[0]
    url = reverse("inventory:article_detail", args=[article.number]).replace("&", "&amp;")
    assert f'<td><a href="{url}">A 1&amp;2</a></td>' in row.cells


def test_art_3_a_callable_row_action_fills_the_last_column(db, central_warehouse):
    article = ArticleFactory(name="Dome")
    table = _table(central_warehouse, columns=["name"], row_action=lambda a: f"<b>{a.pk}</b>")
    assert table.action_column and table.row_action is None
    assert table.rows[0].action == f"<b>{article.pk}</b>"


def test_art_5_the_rows_of_any_column_choice_need_no_query_per_row(
    db, central_warehouse, django_assert_num_queries
):
    from inventory.tables import for_table

    for _ in range(3):
        ArticleFactory(name="Dome")
    for columns in (list(ArticleColumnChoice.COLUMNS), ["number", "name"]):
        articles = for_table(search_articles(query="dome"), columns)
        with django_assert_num_queries(2):  # the count and the page
            page = Paginator(articles, 50).get_page(1)
            article_table(page=page, warehouse=None, columns=columns)
