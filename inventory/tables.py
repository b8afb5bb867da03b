"""The article result table (ART-3, ART-4, ART-5), one for Sök artikel, the catalogue's
division lists (ART-8) and the order wizard.

Use:

    articles = search_articles(query=..., ...)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("sida"))
    table = article_table(page=page, warehouse=warehouse, columns=article_columns_for(user),
                          row_action="orders/includes/order_button.html")

and in the template, inside an element marked `data-results` that the view can return as a
partial (links in the table target `closest [data-results]` under HTMX):

    {% include "inventory/includes/article_table.html" %}

`row_action` (optional) names a template rendered in a last column for every row with
`article` (and everything else in the context), e.g. a `Beställ` button of the wizard."""

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.utils.translation import gettext_lazy as _

from inventory.models import ArticleColumnChoice, Warehouse
from inventory.selectors import BALANCE_LIMIT, SORTS, attach_balances
from sesam.lib.sorting import sort_state

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sortable: bool = False
    sort_direction: str = ""  # "ascending" / "descending" on the sorted column (aria-sort)
    next_sort: str = ""  # the sort a click on the header asks for


@dataclass
class ArticleTable:
    page: Page
    columns: list[Column]
    warehouse: Warehouse | None
    balance_mode: str  # "inline" (< 50 hits), "on_demand" (Visa links), "hidden" (750)
    row_action: str | None = None
    caption: str = ""
    keys: set[str] = field(default_factory=set)

    @property
    def hit_count(self) -> int:
        return self.page.paginator.count


def article_table(
    *,
    page: Page,
    warehouse: Warehouse | None,
    columns: list[str],
    sort: str = "number",
    row_action: str | None = None,
    caption: str = "",
) -> ArticleTable:
    """Builds the table for a page of articles. Balances (ART-3): with fewer than 50 hits in
    all they are loaded for the page in one query; from 50 each row gets a Visa link that
    loads its own; a warehouse that shows no balance (750, ART-4) shows none at all."""
    if warehouse is None or not warehouse.shows_balance:
        mode = "hidden"
    elif page.paginator.count < BALANCE_LIMIT:
        mode = "inline"
        attach_balances(page.object_list, warehouse)
    else:
        mode = "on_demand"
    return ArticleTable(
        page=page,
        columns=_columns(columns, sort),
        warehouse=warehouse,
        balance_mode=mode,
        row_action=row_action,
        caption=caption or _("Sökresultat"),
        keys=set(columns),
    )


def _columns(keys: list[str], sort: str) -> list[Column]:
    result = []
    for key in keys:
        label = ArticleColumnChoice.COLUMNS[key]
        if key not in SORTS:
            result.append(Column(key, label))
            continue
        direction, next_sort = sort_state(key, sort)
        result.append(Column(key, label, True, direction or "", next_sort))
    return result
