"""The article result table (ART-3, ART-4, ART-5), one for Sök artikel, the catalogue's
division lists (ART-8) and the order wizard.

Use:

    columns = article_columns_for(user)
    articles = for_table(search_articles(query=..., ...), columns)
    page = Paginator(articles, PAGE_SIZE, count_cap=COUNT_CAP).get_page(request.GET.get("sida"))
    table = article_table(page=page, warehouse=warehouse, columns=columns,
                          row_action="app/includes/row_button.html")

and in the template, inside an element marked `data-results` that the view can return as a
partial (links in the table target `closest [data-results]` under HTMX):

    {% include "inventory/includes/article_table.html" %}

`row_action` (optional) adds a last column to every row, e.g. a `Beställ` button of the
wizard: a template (name or Template) rendered with `article` (and everything else in the
context), or — cheaper on a 50-row page — a callable `article -> SafeString` (escape what
it puts in)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import QuerySet
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from inventory.models import Article, ArticleColumnChoice, Warehouse
from inventory.rights import OUTSIDE, Rights
from inventory.selectors import BALANCE_LIMIT, SORTS, attach_balances
from inventory.templatetags.inventory_format import STATUS_TAGS
from sesam.lib.search import escape
from sesam.lib.sorting import sort_state
from sesam.lib.urls import url_maker

PAGE_SIZE = 50
# ART-1: above this many hits Sök artikel reads "fler än 1 000 träffar" (its COUNT stops there)
COUNT_CAP = 1000


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sortable: bool = False
    sort_direction: str = ""  # "ascending" / "descending" on the sorted column (aria-sort)
    next_sort: str = ""  # the sort a click on the header asks for


@dataclass(frozen=True)
class ArticleRow:
    article: Article
    cells: SafeString  # the <td> of each chosen column (ART-5)
    balance: SafeString  # the Visa link's <td> when balances load on demand, else ""
    action: SafeString = mark_safe("")  # a callable row action's HTML


@dataclass
class ArticleTable:
    page: Page
    columns: list[Column]
    warehouse: Warehouse | None
    balance_mode: str  # "inline" (< 50 hits), "on_demand" (Visa links), "hidden" (750)
    row_action: str | None = None  # a template, included per row
    caption: str = ""
    action_column: bool = False
    keys: set[str] = field(default_factory=set)
    rows: list[ArticleRow] = field(default_factory=list)

    @property
    def hit_count(self) -> int:
        return self.page.paginator.count

    @property
    def capped(self) -> bool:
        """More hits than the count went to (ART-1: "fler än 1 000 träffar")."""
        return getattr(self.page.paginator, "capped", False)


def for_table(articles: QuerySet[Article], columns: list[str]) -> QuerySet[Article]:
    """The articles with only what the chosen columns show: the supplier and ISO code joined
    when their column is chosen (ART-5), the description (never a column) left out."""
    related = [key for key in ("supplier", "iso_code") if key in columns]
    articles = articles.select_related(None).defer("description")
    return articles.select_related(*related) if related else articles


def article_table(
    *,
    page: Page,
    warehouse: Warehouse | None,
    columns: list[str],
    sort: str = "number",
    row_action: str | Callable[[Article], SafeString] | None = None,
    caption: str = "",
    rights: Rights | None = None,
) -> ArticleTable:
    """Builds the table for a page of articles. Balances (ART-3): with fewer than 50 hits in
    all they are loaded for the page in one query; from 50 each row gets a Visa link that
    loads its own; a warehouse that shows no balance (750, ART-4) shows none at all.
    `rights` (BEY-1) marks the rows outside the prescriber's rights, without a query per row."""
    if warehouse is None or not warehouse.shows_balance:
        mode = "hidden"
    elif page.paginator.count < BALANCE_LIMIT:
        mode = "inline"
        attach_balances(page.object_list, warehouse)
    else:
        mode = "on_demand"
    action = row_action if callable(row_action) else None
    outside = rights.refusals(page.object_list) if rights else {}
    rows = _rows(
        page.object_list, columns, warehouse if mode == "on_demand" else None, action, outside
    )
    return ArticleTable(
        page=page,
        columns=_columns(columns, sort),
        warehouse=warehouse,
        balance_mode=mode,
        row_action=None if action else row_action,
        caption=caption or _("Sökresultat"),
        action_column=bool(row_action),
        keys=set(columns),
        rows=rows,
    )


def _rows(
    articles, keys: list[str], on_demand: Warehouse | None, action, outside: dict[int, str]
) -> list[ArticleRow]:
    """The rows' HTML, built here rather than cell by cell in the template (a 50-row page
    cost 20 ms there): every value is escaped, the URLs are reversed once per page."""
    detail, balance = url_maker("inventory:article_detail"), url_maker("inventory:article_balance")
    labels = {
        "types": dict(Article.Type.choices),
        "statuses": dict(Article.Status.choices),
        "yes_no": [escape(word) for word in gettext("Ja,Nej").split(",")],
        "link_name": "number" not in keys,
    }
    if on_demand is not None:
        show, hidden = escape(gettext("Visa")), gettext("saldo för %(number)s")
    rows = []
    for article in articles:
        number = escape(article.number)
        url = escape(detail(article.number))
        parts = [_cell(key, article, url, labels) for key in keys]
        if article.pk in outside and parts:  # BEY-1: marked in the name's cell (or the first)
            at = keys.index("name") if "name" in keys else 0
            parts[at] = parts[at][: -len("</td>")] + _outside_mark(outside[article.pk]) + "</td>"
        cells = "".join(parts)
        link = ""
        if on_demand is not None:
            href = escape(f"{balance(article.number)}?lager={on_demand.number}")
            text = hidden % {"number": number}
            link = (
                f'<td class="num"><a href="{href}" hx-get="{href}" hx-target="closest td" '
                f'hx-swap="innerHTML">{show}<span class="visually-hidden"> {text}</span></a></td>'
            )
        extra = {"action": action(article)} if action else {}
        rows.append(ArticleRow(article, mark_safe(cells), mark_safe(link), **extra))  # noqa: S308 — escaped above
    return rows


def _outside_mark(reason: str) -> str:
    return (
        f' <span class="tag tag-warn">{escape(OUTSIDE)}</span>'
        f' <small class="rights-reason">{escape(reason)}</small>'
    )


def _cell(key: str, article: Article, url: str, labels: dict) -> str:
    """One <td> of the article table (the same markup the template had)."""
    match key:
        case "number":
            return f'<td><a href="{url}">{escape(article.number)}</a></td>'
        case "image":
            if not article.image:
                return "<td></td>"
            src = escape(article.image.url)
            return f'<td><img class="thumb" src="{src}" alt="" width="48" height="48"></td>'
        case "name":
            name = escape(article.name)
            if labels["link_name"]:
                name = f'<a href="{url}">{name}</a>'
            if article.status != Article.Status.ACTIVE:
                tag = STATUS_TAGS.get(article.status, "")
                status = escape(labels["statuses"].get(article.status, article.status))
                name += f' <span class="tag {tag}">{status}</span>'
            return f"<td>{name}</td>"
        case "supplier":
            return f"<td>{escape(article.supplier.name)}</td>"
        case "unit" | "supplier_number" | "product":
            return f"<td>{escape(getattr(article, key))}</td>"
        case "delivery_days":
            days = article.delivery_days
            text = ngettext("%(days)s dag", "%(days)s dagar", days) % {"days": localize(days)}
            return f'<td class="num">{escape(text)}</td>'
        case "pack_size":
            return f'<td class="num">{localize(article.pack_size)}</td>'
        case "type":
            return f"<td>{escape(labels['types'].get(article.type, article.type))}</td>"
        case "in_assortment":
            return f"<td>{labels['yes_no'][0 if article.in_assortment else 1]}</td>"
        case "iso_code":
            return f'<td class="nowrap">{escape(article.iso_code.display_code)}</td>'
    return ""


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
