"""import_articles: every row validated, bad rows reported by line number, nothing imported
from a bad file, create or update by article number."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from inventory.imports import import_articles
from inventory.models import Article, Supplier
from inventory.tests.factories import ArticleFactory, IsoCodeFactory, SupplierFactory

HEADER = "number;name;supplier;iso_code;type;product_area;price;fee_kind;fee_amount;status\n"


@pytest.fixture
def known(horsel):
    SupplierFactory(name="Nordljud Hörselteknik AB")
    IsoCodeFactory(code="220615")
    IsoCodeFactory(code="220627", name="Tillbehör")


def run(tmp_path, text, *args):
    path = tmp_path / "artiklar.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_articles", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


GOOD = HEADER + (
    "40110;Hörapparat Aria 5;Nordljud Hörselteknik AB;22 06 15;main;horsel;5 400,00;none;0;aktiv\n"
    "50110;Laddare Aria;Nordljud Hörselteknik AB;220627;tillbehör;horsel;900;laddare;500;active\n"
)


def test_import_creates_articles_and_prints_a_summary(tmp_path, known):
    out, _err = run(tmp_path, GOOD)
    assert "2 rader: 2 nya, 0 uppdaterade, 0 oförändrade" in out
    aria = Article.objects.get(number="40110")
    assert (aria.price, aria.iso_code.code, aria.type) == (Decimal("5400.00"), "220615", "main")
    charger = Article.objects.get(number="50110")
    assert (charger.fee_kind, charger.fee_amount) == ("charger", Decimal("500.00"))


def test_import_updates_by_article_number(tmp_path, known):
    ArticleFactory(number="40110", name="Gammalt namn", price=1)
    out, _err = run(tmp_path, GOOD)
    assert "1 nya, 1 uppdaterade" in out
    assert Article.objects.get(number="40110").name == "Hörapparat Aria 5"
    out, _err = run(tmp_path, GOOD)
    assert "0 nya, 0 uppdaterade, 2 oförändrade" in out


def test_import_rejects_a_bad_file_whole_and_reports_line_numbers(tmp_path, known):
    text = GOOD + (
        "40111;Okänd;Finns Inte AB;220615;main;horsel;100;none;0;active\n"  # line 4
        "40112;Fel ISO;Nordljud Hörselteknik AB;229999;main;horsel;100;none;0;active\n"
        "40110;Dubblett;Nordljud Hörselteknik AB;220615;main;horsel;100;none;0;active\n"
        "40113;Fel typ;Nordljud Hörselteknik AB;220615;robot;horsel;-5;none;0;gammal\n"
        "40114;Avgift;Nordljud Hörselteknik AB;220615;main;horsel;abc;none;200;active\n"
        "4 0 1;;Nordljud Hörselteknik AB;220615;main;syn;1;none;0;active\n"  # line 9
    )
    with pytest.raises(CommandError, match="Inget importerades"):
        run(tmp_path, text)
    assert not Article.objects.exists()


def test_import_error_messages_name_line_and_problem(tmp_path, known):
    text = HEADER + (
        "40111;Okänd;Finns Inte AB;220615;main;horsel;100;none;0;active\n"
        "40112;Fel ISO;Nordljud Hörselteknik AB;229999;main;horsel;100;none;0;active\n"
        "40111;Dubblett;Nordljud Hörselteknik AB;220615;main;horsel;100;none;0;active\n"
        "40113;Fel typ;Nordljud Hörselteknik AB;220615;robot;horsel;-5;none;0;gammal\n"
        "40114;Avgift;Nordljud Hörselteknik AB;220615;main;horsel;abc;none;200;active\n"
        "4 0 1;;Nordljud Hörselteknik AB;220615;main;syn;1;none;0;active\n"
    )
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(path), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    for expected in [
        "Rad 2: okänd leverantör 'Finns Inte AB'",
        "Rad 3: okänd ISO-kod '229999'",
        "Rad 4: artikelnummer 40111 finns redan på rad 2",
        "Rad 5: ogiltig artikeltyp 'robot'",
        "Rad 5: ogiltig status 'gammal'",
        "Rad 5: price måste vara ett belopp från 0 kr",
        "Rad 6: price är inget belopp: 'abc'",
        "Rad 6: fee_amount måste vara 0 när fee_kind är none",
        "Rad 7: name saknas",
        "Rad 7: ogiltigt artikelnummer '4 0 1'",
        "Rad 7: okänt produktområde 'syn'",
    ]:
        assert expected in report, report


def test_import_rejects_missing_and_unknown_columns(tmp_path, known):
    with pytest.raises(CommandError):
        run(tmp_path, "number,name,colour\n1,A,red\n")
    assert not Article.objects.exists()


def test_import_accepts_comma_separated_files_with_optional_columns(tmp_path, known):
    text = (
        "number,name,supplier,iso_code,type,product_area,pack_size,in_assortment,is_individual\n"
        "50140,Dome 8 mm,Nordljud Hörselteknik AB,220627,spare_part,horsel,10,nej,ja\n"
    )
    run(tmp_path, text)
    dome = Article.objects.get(number="50140")
    assert (dome.pack_size, dome.in_assortment, dome.is_individual) == (10, False, True)


def test_import_dry_run_imports_nothing(tmp_path, known):
    out, _err = run(tmp_path, GOOD, "--dry-run")
    assert "2 rader utan fel" in out
    assert not Article.objects.exists()


def test_import_missing_file(tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_articles", str(tmp_path / "nope.csv"))


TWINS = (
    HEADER.rstrip()
    + ";supplier_number\n"
    + (
        "40110;Aria 5;Nordljud Hörselteknik AB;220615;main;horsel;5400;none;0;aktiv;NL-AR5\n"
        "50110;Laddare;Nordljud Hörselteknik AB;220627;accessory;horsel;900;none;0;aktiv;NL-L1\n"
        "41010;Aria 5 igen;Nordljud Hörselteknik AB;220615;main;horsel;5400;none;0;aktiv;NL-AR5\n"
    )
)


def test_art_d8_import_refuses_a_suppliers_number_twice_in_the_file(tmp_path, known):
    with pytest.raises(CommandError, match="Inget importerades"):
        run(tmp_path, TWINS)
    assert not Article.objects.exists()
    result = import_articles(TWINS)
    assert result.errors == [
        "Rad 4: leverantörens artikelnummer NL-AR5 för Nordljud Hörselteknik AB finns redan "
        "på rad 2."
    ]


def test_art_d8_import_refuses_a_suppliers_number_another_article_has(tmp_path, known):
    supplier = Supplier.objects.get(name="Nordljud Hörselteknik AB")
    ArticleFactory(number="40110", supplier=supplier, supplier_number="NL-L1")
    text = "\n".join(TWINS.splitlines()[:1] + TWINS.splitlines()[2:3]) + "\n"
    result = import_articles(text)
    assert result.errors == [
        "Rad 2: leverantörens artikelnummer NL-L1 för Nordljud Hörselteknik AB har redan "
        "artikel 40110."
    ]


def test_art_d8_import_may_keep_an_articles_own_suppliers_number(tmp_path, known):
    supplier = Supplier.objects.get(name="Nordljud Hörselteknik AB")
    ArticleFactory(number="40110", supplier=supplier, supplier_number="NL-AR5", name="Gammal")
    result = import_articles("\n".join(TWINS.splitlines()[:2]) + "\n")
    assert result.ok and Article.objects.get(number="40110").name == "Aria 5"


def test_art_d8_database_refuses_a_suppliers_number_twice(known):
    supplier = Supplier.objects.get(name="Nordljud Hörselteknik AB")
    ArticleFactory(number="40110", supplier=supplier, supplier_number="NL-AR5")
    ArticleFactory(number="40111", supplier=supplier, supplier_number="")
    ArticleFactory(number="40112", supplier=supplier, supplier_number="")  # empty: no number
    with pytest.raises(IntegrityError, match="inventory_article_supplier_number_unique"):
        ArticleFactory(number="41010", supplier=supplier, supplier_number="NL-AR5")


def test_bey_6_import_keeps_a_gtin_as_14_digits_and_refuses_a_bad_check_digit(tmp_path, known):
    header = HEADER.rstrip("\n") + ";gtin\n"
    row = "40110;Aria 5;Nordljud Hörselteknik AB;220615;main;horsel;5400;none;0;active;"
    run(tmp_path, header + row + "7350000401103\n")
    assert Article.objects.get(number="40110").gtin == "07350000401103"
    with pytest.raises(CommandError):
        run(tmp_path, header + row + "7350000401104\n")
    assert Article.objects.get(number="40110").gtin == "07350000401103"
