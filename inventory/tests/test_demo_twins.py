"""ART-D8 in the demo region: no article twice (40110 once, not again as a generated 41010)."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from inventory.demo import KEY_ARTICLES
from inventory.models import Article


def test_art_d8_demo_has_each_suppliers_article_once(db):
    call_command("seed_demo", stdout=StringIO())
    twins = Article.objects.values("supplier", "name").annotate(n=Count("id")).filter(n__gt=1)
    assert list(twins) == []
    aria = Article.objects.get(number=KEY_ARTICLES["hearing_aid_central"])
    assert Article.objects.filter(supplier_number=aria.supplier_number).count() == 1
