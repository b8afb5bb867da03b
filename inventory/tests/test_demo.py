"""The demo region's catalogue, stock and individuals (demo-data.md)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from inventory.demo import KEY_ARTICLES, KEY_INDIVIDUALS, KEY_SIP_NUMBERS
from inventory.models import Article, Individual, IsoCode, StockBalance, StockMovement, Supplier


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


def snapshot():
    return (
        list(Article.objects.order_by("number").values_list("number", "name", "price")),
        list(
            StockBalance.objects.order_by("pk").values_list(
                "warehouse_id", "article_id", "quantity"
            )
        ),
        list(Individual.objects.order_by("number").values_list("number", "serial_number")),
        StockMovement.objects.count(),
    )


def test_demo_is_idempotent(demo):
    before = snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == before


def test_demo_catalogue_size_and_suppliers(demo):
    assert Article.objects.count() >= 300
    suppliers = Supplier.objects.all()
    assert len(suppliers) >= 6
    assert all(s.street and s.email and s.phone and s.contact_person for s in suppliers)


def test_demo_iso_tree_names(demo):
    names = dict(IsoCode.objects.values_list("code", "name"))
    assert names["22"] == "Hjälpmedel för kommunikation och information"
    assert names["2206"] == "Hörhjälpmedel"
    assert names["220615"] == "Hörapparater som bärs bakom örat"
    for code in ["220621", "221824", "221830", "222704"]:
        assert code in names
    assert all(IsoCode.objects.get(code=c).parent.code == c[:-2] for c in names if len(c) > 2)


def test_demo_key_articles(demo):
    articles = {a.number: a for a in Article.objects.filter(number__in=KEY_ARTICLES.values())}
    assert set(articles) == set(KEY_ARTICLES.values())
    get = lambda key: articles[KEY_ARTICLES[key]]  # noqa: E731
    central = StockBalance.objects.filter(warehouse__number="70")
    stocked_at_70 = set(central.values_list("article__number", flat=True))
    assert get("hearing_aid_central").is_individual
    assert central.get(article=get("hearing_aid_central")).quantity > 0
    assert get("hearing_aid_750_only").is_individual
    assert KEY_ARTICLES["hearing_aid_750_only"] not in stocked_at_70
    assert (get("charger").fee_kind, get("charger").fee_amount) == ("charger", 500)
    assert get("charger_kit").fee_kind == "charger_kit"
    assert get("adult_fee_accessory").fee_kind == "standard"
    assert get("domes").pack_size > 1
    assert not get("domes").is_individual
    assert get("service_repair").name == "Reparation utanför garanti"
    assert get("service_training").name == "Utbildning per timme"
    assert {get("service_repair").type, get("service_training").type} == {"service"}
    assert get("tablet_grant").number == "83563"
    assert get("tablet_grant").central_only
    assert get("phasing_out").status == "phasing_out"
    assert get("discontinued").status == "discontinued"
    assert get("price_zero").price == 0
    assert KEY_ARTICLES["price_zero"] not in stocked_at_70
    assert not get("outside_assortment").in_assortment


def test_demo_balance_is_sum_of_movements(demo):
    sums = {
        (m["warehouse"], m["article"]): m["s"]
        for m in StockMovement.objects.values("warehouse", "article").annotate(s=Sum("quantity"))
    }
    for b in StockBalance.objects.all():
        assert b.quantity == sums.get((b.warehouse_id, b.article_id), 0)
    assert StockBalance.objects.filter(warehouse__number__in=["4101", "4102"], quantity__gt=0)


def test_demo_individual_balances_match_individuals(demo):
    in_stock = Count("individuals", filter=Q(individuals__status="in_stock"))
    for article in Article.objects.filter(is_individual=True).annotate(n=in_stock):
        balance = StockBalance.objects.filter(article=article).aggregate(s=Sum("quantity"))["s"]
        assert (balance or 0) == article.n, article


def test_demo_key_individuals(demo):
    individuals = Individual.objects.select_related("warehouse").in_bulk(
        KEY_INDIVIDUALS.values(), field_name="number"
    )
    assert set(individuals) == set(KEY_INDIVIDUALS.values())
    where = {key: individuals[number].warehouse.number for key, number in KEY_INDIVIDUALS.items()}
    assert where["in_lund"] == "4101"
    assert where["in_malmo"] == "4102"
    assert where["in_helsingborg"] == "4103"
    assert where["in_central"] == "70"
    assert individuals[KEY_INDIVIDUALS["with_sip"]].sip_number == KEY_SIP_NUMBERS["with_sip"]
    assert all(i.serial_number for i in individuals.values())


def test_demo_stocktakes_finished_for_4101_and_open_for_4102(demo):
    from inventory.models import Stocktake
    from inventory.tests.stocktake import assert_balances_are_sums_of_movements

    lund = Stocktake.objects.get(warehouse__number="4101")
    assert lund.status == "finished"
    assert sorted(
        lund.lines.exclude(difference=0).values_list("article__number", "difference")
    ) == [
        ("40140", -1),
        ("51095", -1),
        ("51097", 1),
    ]
    assert Individual.objects.get(number="4101103").warehouse.number == "99"
    assert Stocktake.objects.get(warehouse__number="4102").status == "started"
    for number in KEY_INDIVIDUALS.values():  # the browser tests' individuals stay put
        assert Individual.objects.get(number=number).warehouse.number != "99"
    assert_balances_are_sums_of_movements()


def test_bey_6_demo_40110_has_its_gtin_and_4101001_its_serial(demo):
    from inventory.models import Article, Individual

    assert Article.objects.get(number="40110").gtin == "07350000401103"
    individual = Individual.objects.get(number="4101001")
    assert (individual.article.number, individual.serial_number) == ("40110", "NL26287887")
    gtins = Article.objects.exclude(gtin="").values_list("gtin", flat=True)
    assert len(gtins) == len(set(gtins)) > 10
