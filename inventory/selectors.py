"""Shared reads of inventory: article search (ART-1…ART-3), the catalogue tree (ART-8), what
a user may see of warehouses and individuals (STK-1, IND-1, IND-D1), stock lists (STK-1/2).

Views, the order wizard and reports call these; none of them writes."""

import functools
import json
import operator
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, JSONField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inventory.models import (
    Article,
    ArticleColumnChoice,
    Individual,
    IsoCode,
    StockBalance,
    Stocktake,
    StocktakeIndividual,
    StocktakeLine,
    Supplier,
    SupplierReturn,
    Warehouse,
)
from inventory.reorder import with_levels
from sesam import frame
from sesam.lib.precompiled import Precompiled
from sesam.lib.scanning import Scan
from sesam.models import Membership, User

MIN_TERM_LENGTH = 3  # ART-1: a search needs at least 3 characters (ART-D1)
MAX_TERMS = 8
BALANCE_LIMIT = 50  # ART-3: fewer hits than this show balances inline, else a Visa link


# --- Article search (ART-1, ART-2) ---------------------------------------------------------


def split_terms(query: str) -> list[str]:
    """The criteria of a search: separated by spaces, all must match (ART-1)."""
    return query.split()[:MAX_TERMS]


def query_is_searchable(query: str) -> bool:
    """ART-1 (ART-D1): at least one criterion of 3 characters or more. Shorter criteria may
    come along ("oticon 2 p") but cannot carry a search alone: the trigram index needs 3."""
    return any(len(term) >= MIN_TERM_LENGTH for term in split_terms(query))


SORTS = {
    "number": ("number",),
    "name": ("name", "number"),
    "supplier": ("supplier__name", "number"),
}


def search_articles(
    *,
    query: str = "",
    assortment_only: bool = True,
    article_type: str = "",
    product_area_ids: Iterable[int] | None = None,
    iso_code: IsoCode | None = None,
    sort: str = "number",
) -> QuerySet[Article]:
    """Sök artikel (ART-1, ART-2) and the catalogue's division lists (ART-8).

    Every criterion of `query` (space separated) must match, each one the article number,
    (part of) the name, the supplier's article number (`search_text`, one trigram index) or
    the supplier's name. Supplier ids are looked up first (one small query on the supplier
    name trigram index), so the article query stays `search_text LIKE … OR supplier_id IN …`
    per term, which the planner answers from the trigram and supplier indexes without
    scanning the table. The caller checks `query_is_searchable` first (3 characters).

    `product_area_ids`: limit to these product areas (None: all). `sort`: a key of SORTS,
    "-key" for descending.

    Reuse (order wizard, ART-8): paginate the queryset, then build the result table with
    `inventory.tables.article_table(...)` and include `inventory/includes/article_table.html`;
    pass `row_action="app/includes/….html"` to add a per-row action such as Beställ."""
    articles = Article.objects.select_related("supplier", "iso_code")
    terms = [term.upper() for term in split_terms(query)]
    if terms:
        suppliers = _suppliers_matching(terms)
        for term in terms:
            criterion = Q(search_text__contains=term)
            if suppliers[term]:
                criterion |= Q(supplier_id__in=sorted(suppliers[term]))
            articles = articles.filter(criterion)
    if assortment_only:
        articles = articles.filter(in_assortment=True)
    if article_type:
        articles = articles.filter(type=article_type)
    if product_area_ids is not None:
        articles = articles.filter(product_area_id__in=list(product_area_ids))
    if iso_code is not None:
        articles = articles.filter(iso_code=iso_code)
    descending = sort.startswith("-")
    fields = SORTS.get(sort.removeprefix("-"), SORTS["number"])
    return articles.order_by(*(f"-{f}" if descending else f for f in fields))


def _suppliers_matching(terms: list[str]) -> dict[str, set[int]]:
    """Per term, the ids of the suppliers whose name contains it: one query for all terms."""
    condition = functools.reduce(operator.or_, (Q(name__icontains=term) for term in terms))
    matches: dict[str, set[int]] = {term: set() for term in terms}
    for pk, name in Supplier.objects.filter(condition).values_list("pk", "name"):
        upper = name.upper()
        for term in terms:
            if term in upper:
                matches[term].add(pk)
    return matches


def article_columns_for(user) -> list[str]:
    """ART-5: the columns the user chose, or the default. Read with the signed-in user
    (sesam.frame, QUA-D540) where it was; else one query."""
    choices = ArticleColumnChoice.objects.filter(user=user).values_list("columns", flat=True)
    stored = frame.get(user, "article_column_keys", choices.first)
    if isinstance(stored, str):  # psycopg hands a jsonb annotation over as text
        stored = json.loads(stored)
    columns = [key for key in (stored or []) if key in ArticleColumnChoice.COLUMNS]
    return columns or list(ArticleColumnChoice.DEFAULT)


def article_columns_expression() -> Subquery:
    """The frame's annotation `article_column_keys` (ART-5, QUA-D540): the signed-in user's
    column choice, None when they made none (inventory.apps)."""
    return Subquery(
        ArticleColumnChoice.objects.filter(user=OuterRef("pk")).values("columns")[:1],
        output_field=JSONField(),
    )


def product_area_ids_for(user) -> list[int]:
    """The ids of the user's product areas (ART-1 limits Sök artikel to them), read with the
    signed-in user (sesam.frame, QUA-D540) where it was; else one query."""
    return list(
        frame.get(
            user,
            "product_area_ids",
            lambda: sorted(user.product_areas.values_list("pk", flat=True)),
        )
    )


def product_area_ids_expression() -> ArraySubquery:
    """The frame's annotation `product_area_ids` (QUA-D540), in pk order."""
    through = User.product_areas.through
    return ArraySubquery(
        through.objects.filter(user_id=OuterRef("pk"))
        .order_by("productarea_id")
        .values("productarea_id")
    )


# --- Warehouses and balances (ART-3, ART-4, ART-6) ----------------------------------------


def availability_warehouses(location_ids: Iterable[int]) -> list[Warehouse]:
    """ "Visa tillgänglighet för" (ART-3): 70, 750 and the user's own stores, in that order."""
    warehouses = Warehouse.objects.filter(
        Q(kind__in=[Warehouse.Kind.CENTRAL, Warehouse.Kind.PURCHASING])
        | Q(kind=Warehouse.Kind.LOCAL, service_location__in=list(location_ids))
    )
    order = {Warehouse.Kind.CENTRAL: 0, Warehouse.Kind.PURCHASING: 1, Warehouse.Kind.LOCAL: 2}
    return sorted(warehouses, key=lambda w: (order[w.kind], w.number))


# QUA-D541: the same query by the user's pk, built once a process (sesam.lib.precompiled):
# building it cost more Python than the database needed to answer it.
_AVAILABILITY_WAREHOUSES = Precompiled(
    lambda pk: Warehouse.objects.filter(
        Q(kind__in=[Warehouse.Kind.CENTRAL, Warehouse.Kind.PURCHASING])
        | Q(
            kind=Warehouse.Kind.LOCAL,
            service_location__in=Membership.objects.filter(user=pk).values("service_location"),
        )
    )
)


def availability_warehouses_for(user) -> list[Warehouse]:
    """`availability_warehouses` at the user's service locations (ART-3), precompiled."""
    order = {Warehouse.Kind.CENTRAL: 0, Warehouse.Kind.PURCHASING: 1, Warehouse.Kind.LOCAL: 2}
    warehouses = _AVAILABILITY_WAREHOUSES.run(user.pk)
    return sorted(warehouses, key=lambda w: (order[w.kind], w.number))


def default_availability_warehouse(warehouses: list[Warehouse]) -> Warehouse | None:
    """ART-D2: the central warehouse 70 first, the one that shows a balance for everybody."""
    for warehouse in warehouses:
        if warehouse.kind == Warehouse.Kind.CENTRAL:
            return warehouse
    return warehouses[0] if warehouses else None


def attach_balances(articles: Iterable[Article], warehouse: Warehouse | None) -> None:
    """Sets `article.balance` (the StockBalance at `warehouse`, or None when the article is
    not stocked there) on each article: one query for the whole page."""
    articles = list(articles)
    balances = {}
    if warehouse is not None and warehouse.shows_balance and articles:
        balances = {
            b.article_id: b
            for b in StockBalance.objects.filter(
                warehouse=warehouse, article_id__in=[a.pk for a in articles]
            )
        }
    for article in articles:
        article.balance = balances.get(article.pk)


@dataclass(frozen=True)
class Availability:
    """Tillgänglighet of one article in one warehouse (ART-6, ART-7)."""

    warehouse: Warehouse
    balance: StockBalance | None
    shows_balance: bool
    can_be_purchased: bool
    replacement_group: str | None  # None: not shown (only with 70 chosen)
    explanation: str  # ART-7 / ART-9 in words; empty when nothing is restricted

    @property
    def available(self) -> int:
        return self.balance.available if self.balance else 0


def availability(article: Article, warehouse: Warehouse) -> Availability:
    balance = StockBalance.objects.filter(warehouse=warehouse, article=article).first()
    explanations = []
    if not article.can_be_purchased:
        explanations.append(
            _(
                "Artikeln har status %(status)s och kan inte köpas in (ingen inköpsorder, "
                "ingen lagerpåfyllnad). Den får förskrivas endast från eget förråd där det "
                "finns saldo."
            )
            % {"status": article.get_status_display()}
        )
    if article.central_only:
        explanations.append(
            _(
                "Artikeln får endast förskrivas från Hjälpmedelsverksamhet, aldrig tas ur "
                "eget förråd."
            )
        )
    central = warehouse.kind == Warehouse.Kind.CENTRAL
    return Availability(
        warehouse=warehouse,
        balance=balance,
        shows_balance=warehouse.shows_balance,
        can_be_purchased=article.can_be_purchased,
        replacement_group=article.replacement_group if central else None,
        explanation=" ".join(explanations),
    )


def article_balances(article: Article, location_ids: Iterable[int]) -> list[StockBalance]:
    """Lagersaldon (ART-6): the article's balances in 70 and in the user's own stores."""
    return list(
        StockBalance.objects.filter(article=article)
        .filter(
            Q(warehouse__kind=Warehouse.Kind.CENTRAL)
            | Q(
                warehouse__kind=Warehouse.Kind.LOCAL,
                warehouse__service_location__in=list(location_ids),
            )
        )
        .select_related("warehouse")
        .order_by("warehouse__number")
    )


# --- Catalogue (ART-8) ----------------------------------------------------------------------


def catalogue_counts(product_area_ids: Iterable[int]) -> Counter:
    """Assortment articles per ISO code and per each of its ancestors (2, 4, 6 digits) within
    the product areas: the catalogue shows only codes with something to show (ART-8)."""
    counts: Counter = Counter()
    rows = (
        Article.objects.filter(in_assortment=True, product_area_id__in=list(product_area_ids))
        .values_list("iso_code__code")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for code, n in rows:
        for length in range(2, len(code) + 1, 2):
            counts[code[:length]] += n
    return counts


def catalogue_children(parent: IsoCode | None, counts: Counter) -> list[IsoCode]:
    """The visible children of a node (or the 2-digit classes), each with `.article_count`."""
    nodes = parent.children.all() if parent else IsoCode.objects.filter(parent__isnull=True)
    visible = [node for node in nodes.order_by("code") if counts[node.code]]
    for node in visible:
        node.article_count = counts[node.code]
    return visible


def iso_ancestors(node: IsoCode) -> list[IsoCode]:
    """Breadcrumbs: the node's 2- and 4-digit parents, outermost first (one query)."""
    codes = [node.code[:length] for length in range(2, len(node.code), 2)]
    return list(IsoCode.objects.filter(code__in=codes).order_by("code"))


# --- Stock of a warehouse (STK-1, STK-2) --------------------------------------------------


class BalanceFilter:
    WITH = "med"
    ALL = "alla"
    WITHOUT = "utan"
    BELOW = "under"
    CHOICES = [
        (WITH, gettext_lazy("Med saldo")),
        (ALL, gettext_lazy("Alla artiklar på lagret")),
        (WITHOUT, gettext_lazy("Utan saldo")),
        (BELOW, gettext_lazy("Under minsta saldo")),
    ]


def location_warehouses(locations) -> list[Warehouse]:
    """The own stores of the given service locations (private clinics have none, ACC-7)."""
    return list(
        Warehouse.objects.filter(
            kind=Warehouse.Kind.LOCAL, service_location__in=[loc.pk for loc in locations]
        ).select_related("service_location")
    )


def stock_balances(
    *, warehouse: Warehouse, query: str = "", article_type: str = "", balance: str = "med"
) -> QuerySet[StockBalance]:
    """Lagersaldo (STK-1): the warehouse's balances, optionally by name/number criteria
    (all must match), article type and balance (med / alla / utan saldo)."""
    balances = with_levels(  # BEY-8: each row with its reorder levels
        StockBalance.objects.filter(warehouse=warehouse).select_related(
            "article", "article__supplier"
        )
    )
    for term in split_terms(query):
        balances = balances.filter(article__search_text__contains=term.upper())
    if article_type:
        balances = balances.filter(article__type=article_type)
    if balance == BalanceFilter.WITH:
        balances = balances.filter(quantity__gt=0)
    elif balance == BalanceFilter.WITHOUT:
        balances = balances.filter(quantity=0)
    elif balance == BalanceFilter.BELOW:
        balances = balances.filter(quantity__lt=F("minimum"))
    return balances.order_by("article__name", "article__number")


def stock_report_rows(warehouse: Warehouse) -> list[StockBalance]:
    """Lagersaldorapport (STK-2): every article with a balance, with its individuals in the
    warehouse (`.individuals_here`), ordered by article number."""
    individuals = Individual.objects.filter(
        warehouse=warehouse, status=Individual.Status.IN_STOCK
    ).order_by("number")
    return list(
        StockBalance.objects.filter(warehouse=warehouse, quantity__gt=0)
        .select_related("article")
        .prefetch_related(
            Prefetch("article__individuals", queryset=individuals, to_attr="individuals_here")
        )
        .order_by("article__number")
    )


# --- Individuals (IND-1, IND-2, ACC-6) ----------------------------------------------------


def visible_individuals(location_ids: Iterable[int]) -> QuerySet[Individual]:
    """IND-D1: a user sees every individual except those lying in the own store of a service
    location they are not linked to (that store's business, ACC-4)."""
    ids = list(location_ids)
    return Individual.objects.exclude(
        Q(warehouse__kind=Warehouse.Kind.LOCAL) & ~Q(warehouse__service_location__in=ids)
    )


def changeable_individuals(location_ids: Iterable[int]) -> QuerySet[Individual]:
    """ACC-4, ACC-6 (ACC-D104): the individuals a user may change (SIP number, Byte av
    individnummer) — their own unit's: lying in the own store of one of their service
    locations, or delivered as a device of one of them. Central ones (70, 750, 99) and
    another unit's are Hjälpmedel's (admin); they can be seen, not changed."""
    ids = list(location_ids)
    own_store = Q(warehouse__kind=Warehouse.Kind.LOCAL, warehouse__service_location__in=ids)
    # recipients.Device through the reverse relation (inventory does not import recipients).
    devices = Individual._meta.get_field("devices").related_model.objects
    status = Individual.Status
    delivered_here = Q(
        status__in=[status.DELIVERED, status.AT_SUPPLIER],  # at the supplier for a repair
        pk__in=devices.filter(status="delivered", service_location__in=ids).values("individual_id"),
    )
    # Sent to the supplier from an own store (RET-6): a new unit renumbers it (IND-4).
    returned_from_here = Q(
        status__in=[status.AT_SUPPLIER, status.RETURNED_TO_SUPPLIER],
        pk__in=SupplierReturn.objects.filter(warehouse__service_location__in=ids).values(
            "individual_id"
        ),
    )
    return Individual.objects.filter(own_store | delivered_here | returned_from_here)


class SearchField:
    NUMBER = "individnummer"
    SIP = "sip"
    CHOICES = [(NUMBER, gettext_lazy("Individnummer")), (SIP, gettext_lazy("SIP-nummer"))]


def search_individuals(
    *, query: str, field: str, location_ids: Iterable[int], scan=None
) -> QuerySet:
    """IND-1: by the whole or a part of the individual number (worn labels), or of the SIP
    number; served by the trigram indexes on UPPER(number) and UPPER(sip_number). A scanned
    GS1 code (BEY-6, `sesam.lib.scanning.Scan`) finds by its serial number and GTIN."""
    if scan is not None:
        found = Q(serial_number__iexact=scan.serial)
        if scan.gtin:
            found &= Q(article__gtin=scan.gtin) | Q(article__gtin="")
    elif field == SearchField.SIP:
        found = Q(sip_number__icontains=query.strip())
    else:
        found = Q(number__icontains=query.strip())
    return (
        visible_individuals(location_ids)
        .filter(found)
        .select_related("article", "warehouse")
        .order_by("number")
    )


def delivered_devices(individual: Individual) -> list:
    """The recipient device(s) an individual is delivered as (recipients.Device, reverse
    relation: inventory does not import recipients). Normally one."""
    if individual.status != Individual.Status.DELIVERED:
        return []
    return list(
        individual.devices.filter(status="delivered")
        .select_related("recipient", "service_location")
        .order_by("-delivered_on", "-pk")
    )


def supplier_return_refusal(individual: Individual, location_ids: Iterable[int]) -> str:
    """RET-6, ACC-6: why the user may not return this individual to its supplier ("" when
    allowed): it must lie in the own store of one of the user's service locations."""
    if individual.status != Individual.Status.IN_STOCK:
        return _(
            "Individen ligger inte i lager (status %(status)s). Bara en individ på ditt lager "
            "kan returneras till leverantören."
        ) % {"status": individual.get_status_display()}
    warehouse = individual.warehouse
    if warehouse.kind != Warehouse.Kind.LOCAL or warehouse.service_location_id not in set(
        location_ids
    ):
        return _(
            "Individen ligger i lager %(warehouse)s, som inte hör till något av dina "
            "tjänsteställen. Du kan bara returnera individer från ditt eget lager."
        ) % {"warehouse": warehouse}
    return ""


def supplier_returns(individual: Individual, location_ids: Iterable[int]):
    """The individual's returns to its supplier made from the user's own stores (ACC-4)."""
    return individual.supplier_returns.filter(
        warehouse__service_location__in=list(location_ids)
    ).select_related("warehouse", "by")


def delivery_refusal(individual: Individual, location_ids: Iterable[int]) -> str:
    """ACC-6 / ORD-13: why the user may not deliver this individual now ("" when allowed)."""
    if individual.status != Individual.Status.IN_STOCK:
        return _("Individen ligger inte i lager (status %(status)s).") % {
            "status": individual.get_status_display()
        }
    warehouse = individual.warehouse
    if warehouse.kind != Warehouse.Kind.LOCAL or warehouse.service_location_id not in set(
        location_ids
    ):
        return _(
            "Individen ligger i lager %(warehouse)s, som inte hör till något av dina "
            "tjänsteställen. Du kan bara leverera individer ur ditt eget förråd."
        ) % {"warehouse": warehouse}
    return ""


# --- Inventering (STK-3) ------------------------------------------------------------------


def warehouse_stocktakes(warehouse: Warehouse) -> list[Stocktake]:
    """The Inventering tab: a warehouse's stocktakes, the open one first, then newest first;
    each with its number of lines, of counted lines and of differences."""
    return list(
        Stocktake.objects.filter(warehouse=warehouse)
        .select_related("started_by", "finished_by")
        .annotate(
            n_lines=Count("lines", distinct=True),
            n_counted=Count("lines", filter=Q(lines__counted__isnull=False), distinct=True),
            n_differences=Count(
                "lines",
                filter=Q(lines__difference__isnull=False) & ~Q(lines__difference=0),
                distinct=True,
            ),
        )
        .order_by("-status", "-started_at", "-pk")  # "started" sorts after "finished"
    )


def count_sheet_lines(stocktake: Stocktake) -> QuerySet[StocktakeLine]:
    """The count sheet (page and PDF): its lines by article number, each with its article and
    its individuals (`.marks`, with the individual), in a fixed number of queries."""
    marks = StocktakeIndividual.objects.select_related("individual").order_by("individual__number")
    return (
        StocktakeLine.objects.filter(stocktake=stocktake)
        .select_related("article", "article__supplier")
        .prefetch_related(Prefetch("individuals", queryset=marks, to_attr="marks"))
        .order_by("article__number")
    )


@dataclass(frozen=True)
class FinishPreview:
    """Slutför inventering's confirm step: what the finish would do now (STK-D5)."""

    uncounted: int
    rows: list[dict]  # non-individual lines whose balance changes: line, now, new
    missing: list[StocktakeIndividual]  # individuals not found that still lie here


def finish_preview(stocktake: Stocktake) -> FinishPreview:
    lines = list(count_sheet_lines(stocktake))
    books = dict(
        StockBalance.objects.filter(
            warehouse=stocktake.warehouse_id, article_id__in=[line.article_id for line in lines]
        ).values_list("article_id", "quantity")
    )
    rows, missing, uncounted = [], [], 0
    for line in lines:
        if line.counted is None:
            uncounted += 1
        if line.article.is_individual:
            missing += [
                mark
                for mark in line.marks
                if not mark.found
                and mark.individual.status == Individual.Status.IN_STOCK
                and mark.individual.warehouse_id == stocktake.warehouse_id
            ]
        elif line.counted is not None and line.counted != line.book_at_count:
            now = books.get(line.article_id, 0)
            difference = line.counted - line.book_at_count
            rows.append(
                {"line": line, "difference": difference, "now": now, "new": now + difference}
            )
    return FinishPreview(uncounted=uncounted, rows=rows, missing=missing)


@dataclass(frozen=True)
class StocktakeOutcome:
    """A finished stocktake: the lines whose balance changed and the individuals moved to 99."""

    adjusted: list[StocktakeLine]
    missing: list[StocktakeIndividual]
    n_lines: int


def stocktake_result(stocktake: Stocktake) -> StocktakeOutcome:
    lines = StocktakeLine.objects.filter(stocktake=stocktake)
    return StocktakeOutcome(
        adjusted=list(
            lines.exclude(difference=0)
            .filter(difference__isnull=False)
            .select_related("article")
            .order_by("article__number")
        ),
        missing=list(
            StocktakeIndividual.objects.filter(line__stocktake=stocktake, missing=True)
            .select_related("individual", "line__article")
            .order_by("individual__number")
        ),
        n_lines=lines.count(),
    )


def open_stocktakes(location_ids: Iterable[int]) -> list[Stocktake]:
    """Att göra → Inventering: the open stocktakes of the own stores of these locations."""
    return list(
        Stocktake.objects.filter(
            status=Stocktake.Status.STARTED,
            warehouse__kind=Warehouse.Kind.LOCAL,
            warehouse__service_location__in=list(location_ids),
        )
        .select_related("warehouse")
        .order_by("warehouse__number")
    )


def gtin_refusal(gtin: str, article: Article, *, individual: bool = False) -> str:
    """BEY-6: why a scanned GTIN does not fit `article`, naming both articles; "" when it
    fits. An article without a GTIN takes a code whose GTIN names no other article. With
    `individual` the message speaks of the individual rather than the line."""
    if not gtin or gtin == article.gtin:
        return ""
    other = Article.objects.filter(gtin=gtin).only("number", "name").first()
    if other is None and not article.gtin:
        return ""
    scanned = f"{other.number} {other.name}" if other else _("en okänd artikel")
    names = {"scanned": scanned, "gtin": gtin, "number": article.number, "name": article.name}
    if individual:
        return (
            _(
                "Streckkoden är för %(scanned)s (GTIN %(gtin)s), men individen är "
                "%(number)s %(name)s."
            )
            % names
        )
    return (
        _("Streckkoden är för %(scanned)s (GTIN %(gtin)s), men raden gäller %(number)s %(name)s.")
        % names
    )


def scanned_sheet_individual(
    stocktake: Stocktake, value: str, scan: Scan | None
) -> tuple[StocktakeIndividual | None, str]:
    """BEY-6 at the stocktake: the count sheet's individual a scanned GS1 code (by its serial
    number, AI 21, checked against its GTIN, AI 01) or a typed individual or serial number
    names, anywhere on the sheet; else "" and why not, in Swedish (a GTIN of another article
    names both articles)."""
    if scan is not None and not scan.serial:
        return None, _("Streckkoden har inget serienummer (AI 21).")
    wanted = scan.serial if scan is not None else "".join(value.split())
    hits = list(
        StocktakeIndividual.objects.filter(line__stocktake=stocktake)
        .filter(Q(individual__serial_number__iexact=wanted) | Q(individual__number__iexact=wanted))
        .select_related("individual", "individual__article")
        .order_by("individual__number")[:10]
    )
    if scan is not None and scan.gtin and hits:
        fitting = [mark for mark in hits if not gtin_refusal(scan.gtin, mark.individual.article)]
        if not fitting:
            return None, gtin_refusal(scan.gtin, hits[0].individual.article)
        hits = fitting
    if not hits:
        return None, _(
            "%(number)s finns inte på inventeringsunderlaget. Kontrollera numret, eller "
            "kontakta Hjälpmedel om individen ligger på lagret men saknas på underlaget."
        ) % {"number": wanted}
    if len(hits) > 1:
        return None, _(
            "Flera individer på underlaget har numret %(number)s: bocka i rätt individ i listan."
        ) % {"number": wanted}
    return hits[0], ""


def scanned_individual_refusal(individual: Individual, value: str, scan: Scan | None) -> str:
    """BEY-6 at Retur till leverantör: why the device in hand — a scanned GS1 code (serial
    number, AI 21; GTIN, AI 01) or a typed individual or serial number — is not `individual`
    ("" when it is). A GTIN of another article names both articles."""
    if scan is not None:
        if refusal := gtin_refusal(scan.gtin, individual.article, individual=True):
            return refusal
        if not scan.serial:
            return _("Streckkoden har inget serienummer (AI 21).")
        wanted = scan.serial
    else:
        wanted = "".join(value.split())
    if wanted.upper() in {individual.number.upper(), individual.serial_number.upper()}:
        return ""
    return _(
        "Den skannade individen (%(scanned)s) är inte individ %(number)s (serienummer "
        "%(serial)s). Kontrollera att du returnerar rätt hjälpmedel."
    ) % {
        "scanned": wanted,
        "number": individual.number,
        "serial": individual.serial_number or "–",
    }
