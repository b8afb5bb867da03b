from inventory.models import StockBalance, Warehouse
from inventory.services import add_stock
from inventory.tests.factories import ArticleFactory


def stocked_article(warehouse: Warehouse, quantity: int, *, by=None, **fields):
    """An article with `quantity` on the shelf of `warehouse` (a balance row even at 0, which
    is what "stocked at 70" means, ORD-2)."""
    article = ArticleFactory(**fields)
    StockBalance.objects.get_or_create(warehouse=warehouse, article=article)
    if quantity:
        add_stock(warehouse=warehouse, article=article, quantity=quantity, by=by)
    return article
