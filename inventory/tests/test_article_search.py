"""Sök artikel (ART-1…ART-5): the selector and the page."""

import pytest
from django.urls import reverse

from inventory import services
from inventory.models import Article, ArticleColumnChoice
from inventory.selectors import search_articles
from inventory.tests.factories import ArticleFactory, SupplierFactory, bulk_articles
from sesam.tests.factories import ProductAreaFactory

URL = reverse("inventory:article_search")
HTMX = {"HX-Request": "true"}


def numbers(queryset):
    return sorted(a.number for a in queryset)


@pytest.fixture
def catalogue(db):
    nordljud = SupplierFactory(name="Nordljud Hörselteknik AB")
    audiva = SupplierFactory(name="Audiva Sverige AB")
    return {
        "aria": ArticleFactory(
            number="40110",
            name="Hörapparat Aria 5 RIC",
            supplier=nordljud,
            supplier_number="NL-AR5",
        ),
        "vita": ArticleFactory(
            number="40120",
            name="Hörapparat Vita 7 BTE",
            supplier=audiva,
            supplier_number="AV-VI7",
        ),
        "dome": ArticleFactory(
            number="50140",
            name="Dome öppen 8 mm",
            supplier=nordljud,
            supplier_number="NL-DO8",
            type=Article.Type.SPARE_PART,
        ),
        "old": ArticleFactory(
            number="40130", name="Hörapparat Tonus 9", supplier=audiva, in_assortment=False
        ),
    }


# --- the selector ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("40110", ["40110"]),  # article number
        ("aria", ["40110"]),  # a part of the name
        ("ÖPPEN", ["50140"]),  # any case
        ("audiva", ["40120"]),  # the supplier's name
        ("NL-DO", ["50140"]),  # the supplier's article number
    ],
)
def test_art_1_each_criterion_matches_each_field(catalogue, query, expected):
    assert numbers(search_articles(query=query)) == expected


def test_art_1_all_criteria_must_match(catalogue):
    assert numbers(search_articles(query="hörapparat nordljud")) == ["40110"]
    assert numbers(search_articles(query="hörapparat")) == ["40110", "40120"]
    assert numbers(search_articles(query="hörapparat dome")) == []


def test_art_1_supplier_and_article_criteria_combine(catalogue):
    assert numbers(search_articles(query="nordljud 8 mm")) == ["50140"]


def test_art_2_assortment_only_by_default(catalogue):
    assert "40130" not in numbers(search_articles(query="hörapparat"))
    assert "40130" in numbers(search_articles(query="hörapparat", assortment_only=False))


def test_art_2_filter_on_article_type(catalogue):
    found = search_articles(query="nordljud", article_type=Article.Type.SPARE_PART)
    assert numbers(found) == ["50140"]


def test_art_1_like_wildcards_are_literal(catalogue):
    assert numbers(search_articles(query="%%%")) == []
    assert numbers(search_articles(query="___")) == []


def test_search_limited_to_given_product_areas(catalogue):
    syn = ProductAreaFactory(code="syn", name="Syn")
    ArticleFactory(number="90110", name="Hörapparatlupp", product_area=syn)
    horsel = catalogue["aria"].product_area_id
    assert "90110" not in numbers(search_articles(query="hörapparat", product_area_ids=[horsel]))


# --- the page -------------------------------------------------------------------------------


def test_art_1_fewer_than_three_characters_get_a_message(client_as, prescriber, catalogue):
    response = client_as(prescriber).get(URL, {"q": "hö"})
    assert response.status_code == 422
    assert "Ange minst 3 tecken" in response.content.decode()


def test_art_1_short_criteria_only_is_refused_too(client_as, prescriber, catalogue):
    response = client_as(prescriber).get(URL, {"q": "ab c"})
    assert response.status_code == 422


def test_art_1_hit_count_is_shown(client_as, prescriber, catalogue, central_warehouse):
    response = client_as(prescriber).get(URL, {"q": "hörapparat"})
    assert response.status_code == 200
    assert "2 träffar" in response.content.decode()


def test_art_1_first_visit_shows_the_form_only(client_as, prescriber):
    response = client_as(prescriber).get(URL)
    assert response.status_code == 200
    assert response.context["table"] is None


def test_art_1_htmx_returns_the_results_partial(client_as, prescriber, catalogue):
    response = client_as(prescriber).get(URL, {"q": "aria"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="results"')
    assert "<h1" not in html
    assert 'hx-swap-oob="true"' in html
    assert "1 träff" in html


def test_art_1_htmx_short_query_returns_the_partial_with_422(client_as, prescriber):
    response = client_as(prescriber).get(URL, {"q": "ab"}, headers=HTMX)
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<div id="results"')
    assert "Ange minst 3 tecken" in response.content.decode()


def test_history_restore_gets_the_whole_page(client_as, prescriber, catalogue):
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    response = client_as(prescriber).get(URL, {"q": "aria"}, headers=headers)
    assert "<h1" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_bad_select_values_fall_back_to_defaults(client_as, prescriber, catalogue):
    response = client_as(prescriber).get(URL, {"q": "aria", "typ": "x", "lager": "9", "urval": "?"})
    assert response.status_code == 200
    assert "1 träff" in response.content.decode()


def test_art_3_balance_shown_below_50_hits(client_as, prescriber, central_warehouse):
    articles = bulk_articles(49, name="Batteri")
    services.add_stock(warehouse=central_warehouse, article=articles[0], quantity=7, by=prescriber)
    response = client_as(prescriber).get(URL, {"q": "batteri", "lager": "70"})
    html = response.content.decode()
    assert response.context["table"].balance_mode == "inline"
    assert '<span class="balance">7</span>' in html
    assert "saldo för" not in html  # no Visa links


def test_art_3_visa_link_from_50_hits(client_as, prescriber, central_warehouse):
    bulk_articles(50, name="Batteri")
    response = client_as(prescriber).get(URL, {"q": "batteri", "lager": "70"})
    assert response.context["table"].balance_mode == "on_demand"
    assert response.content.decode().count("saldo för") == 50


def test_art_3_visa_loads_that_rows_balance(client_as, prescriber, lund):
    article = ArticleFactory()
    services.add_stock(warehouse=lund.warehouse, article=article, quantity=3, by=prescriber)
    url = reverse("inventory:article_balance", args=[article.number])
    response = client_as(prescriber).get(url, {"lager": "4101"}, headers=HTMX)
    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<span class="balance"')
    assert ">3</span>" in response.content.decode()


def test_art_3_visa_without_javascript_opens_the_article(client_as, prescriber, lund):
    article = ArticleFactory()
    url = reverse("inventory:article_balance", args=[article.number])
    response = client_as(prescriber).get(url, {"lager": "70"})
    assert response.status_code == 302
    assert response["Location"].endswith("?flik=tillganglighet&lager=70")


def test_art_3_visa_for_another_locations_store_is_404(client_as, prescriber, helsingborg):
    article = ArticleFactory()
    url = reverse("inventory:article_balance", args=[article.number])
    response = client_as(prescriber).get(url, {"lager": "4103"}, headers=HTMX)
    assert response.status_code == 404


def test_art_3_warehouses_offered_are_70_750_and_own_stores(client_as, prescriber, helsingborg):
    response = client_as(prescriber).get(URL)
    offered = [value for value, _label in response.context["form"].fields["lager"].choices]
    assert offered == ["70", "750", "4101", "4102"]


def test_art_4_warehouse_750_never_shows_a_balance(client_as, prescriber, purchasing_warehouse):
    article = ArticleFactory(name="Laddkit resa")
    response = client_as(prescriber).get(URL, {"q": "laddkit", "lager": "750"})
    html = response.content.decode()
    assert response.context["table"].balance_mode == "hidden"
    assert "Tillgängligt saldo" not in html
    assert "saldo för" not in html
    assert "visar inget saldo" in html
    assert article.number in html


def test_art_4_warehouse_750_never_shows_a_balance_with_many_hits(
    client_as, prescriber, purchasing_warehouse
):
    bulk_articles(60, name="Dome")
    response = client_as(prescriber).get(URL, {"q": "dome", "lager": "750"})
    assert "saldo för" not in response.content.decode()


def test_art_4_visa_on_750_shows_no_balance(client_as, prescriber, purchasing_warehouse):
    article = ArticleFactory()
    url = reverse("inventory:article_balance", args=[article.number])
    response = client_as(prescriber).get(url, {"lager": "750"}, headers=HTMX)
    assert response.status_code == 200
    assert "Visas inte" in response.content.decode()


def test_art_5_column_choice_is_kept(client_as, prescriber, catalogue):
    client = client_as(prescriber)
    response = client.post(URL + "?q=aria", {"kolumner": ["number", "name", "iso_code"]})
    assert response.status_code == 302
    assert response["Location"].endswith("?q=aria")
    assert ArticleColumnChoice.objects.get(user=prescriber).columns == [
        "number",
        "name",
        "iso_code",
    ]
    html = client.get(URL, {"q": "aria"}).content.decode()
    assert "ISO-kod" in html
    assert "Leverantör</a>" not in html


def test_art_5_no_column_chosen_gets_a_message(client_as, prescriber, catalogue):
    response = client_as(prescriber).post(URL + "?q=aria", {})
    assert response.status_code == 422
    assert "Välj minst en kolumn" in response.content.decode()


def test_art_5_unknown_column_is_refused(client_as, prescriber):
    response = client_as(prescriber).post(URL, {"kolumner": ["password"]})
    assert response.status_code == 422


def test_art_5_a_row_always_links_its_article(prescriber):
    choice = services.save_article_columns(by=prescriber, columns=["supplier"])
    assert choice.columns == ["number", "supplier"]


def test_results_sort_by_name_with_aria_sort(client_as, prescriber, catalogue):
    response = client_as(prescriber).get(URL, {"q": "hörapparat", "sortering": "-name"})
    html = response.content.decode()
    assert 'aria-sort="descending"' in html
    assert html.index("Vita 7") < html.index("Aria 5")


def test_results_are_paginated(client_as, prescriber, central_warehouse):
    bulk_articles(120, name="Filter")
    response = client_as(prescriber).get(URL, {"q": "filter", "sida": "3"})
    assert response.context["table"].page.number == 3
    assert len(response.context["table"].page.object_list) == 20
    assert "Sida 3 av 3" in response.content.decode()


@pytest.mark.parametrize("count", [10, 1000])
def test_search_page_query_count_is_constant(
    client_as,
    prescriber,
    central_warehouse,
    purchasing_warehouse,
    count,
    django_assert_num_queries,
):
    articles = bulk_articles(count, name="Modell")
    services.add_stock(warehouse=central_warehouse, article=articles[0], quantity=2, by=None)
    client = client_as(prescriber)
    client.get(URL)  # session, first-visit work
    # session, user (with the top bar's counts, the column choice and the product areas,
    # QUA-D540), memberships, warehouses, suppliers, page; 10 hits add their balances (ART-3),
    # 1 000 the count.
    with django_assert_num_queries(7):
        response = client.get(URL, {"q": "modell", "lager": "70"})
    assert response.context["table"].hit_count == count


def test_result_table_takes_a_per_row_action(rf, prescriber, central_warehouse):
    """The order wizard reuses the table with a Beställ button per row (tables.py)."""
    from django.core.paginator import Paginator
    from django.template import Template
    from django.template.loader import render_to_string

    from inventory.tables import article_table

    bulk_articles(3, name="Dome")
    page = Paginator(search_articles(query="dome"), 50).get_page(1)
    action = Template('<button type="submit">Beställ {{ article.number }}</button>')
    table = article_table(
        page=page, warehouse=central_warehouse, columns=["number", "name"], row_action=action
    )
    request = rf.get("/bestallning/artiklar/")
    request.user = prescriber
    html = render_to_string(
        "inventory/includes/article_table.html", {"table": table}, request=request
    )
    assert html.count("Beställ 2000") == 3
    assert "/bestallning/artiklar/?sortering=name" in html


def test_art_1_above_1000_hits_the_count_reads_more_than_1000(
    client_as, prescriber, django_assert_max_num_queries
):
    bulk_articles(1002, name="Modell")
    client = client_as(prescriber)
    client.get(URL)
    with django_assert_max_num_queries(7) as captured:
        response = client.get(URL, {"q": "modell"})
    page = response.content.decode()
    assert response.context["table"].capped
    assert "Fler än 1 000 träffar" in page and "Sida 1<" in page and "Sida 1 av" not in page
    assert any("LIMIT 1001" in query["sql"] for query in captured.captured_queries)
    assert ">Nästa</a>" in client.get(URL, {"q": "modell", "sida": "20"}).content.decode()
    last = client.get(URL, {"q": "modell", "sida": "21"}).content.decode()  # counted to the end
    assert "Sida 21 av 21" in last and ">Nästa</a>" not in last


def test_art_5_column_choice_and_areas_read_with_the_user(client_as, prescriber, central_warehouse):
    """QUA-D540: the column choice (ART-5) and the product areas (ART-1) come with the user's
    own query; a saved choice shows on the next page without a query of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bulk_articles(3, name="Modell")
    services.save_article_columns(by=prescriber, columns=["number", "unit"])
    client = client_as(prescriber)
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": "modell"})
    assert [c.key for c in response.context["table"].columns] == ["number", "unit"]
    for table in ("inventory_articlecolumnchoice", "sesam_user_product_areas"):
        reads = [q["sql"] for q in queries.captured_queries if table in q["sql"]]
        assert len(reads) == 1, table
        assert 'FROM "sesam_user"' in reads[0].split(table)[-1] or reads[0].startswith(
            'SELECT "sesam_user"'
        ), table
