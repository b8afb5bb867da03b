"""Sök artikel, Artikel, Sortimentskatalog, leverantörer (ART), Lager (STK), Individ (IND).

Thin function views: scope, validate a form, call a selector or a service, render (the
server picks the partial under HTMX) or redirect."""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inventory import (
    count_sheets,
    exports,
    labels,
    reorder,
    reorder_sheets,
    selectors,
    services,
    tabs,
)
from inventory.exceptions import StocktakeFinished
from inventory.forms import (
    ArticleColumnsForm,
    ArticleSearchForm,
    CatalogueFilterForm,
    ChangeIndividualNumberForm,
    CountSheetForm,
    IndividualSearchForm,
    ReorderLevelForm,
    ServiceLocationForm,
    SipNumberForm,
    StockFilterForm,
    SupplierReturnForm,
)
from inventory.models import (
    Article,
    IsoCode,
    StockBalance,
    Stocktake,
    Supplier,
    SupplierReturn,
    Warehouse,
)
from inventory.rights import load_rights
from inventory.substitutes import substitutes
from inventory.tables import COUNT_CAP, PAGE_SIZE, article_table, for_table
from sesam.exceptions import SesamError
from sesam.lib.access import log_view
from sesam.lib.htmx import redirect_page, render_page, wants_partial
from sesam.lib.scoping import get_scoped_or_404, location_ids
from sesam.lib.search import (
    Paginator,
    bad_export_format,
    export,
    export_format,
    invalid_criteria,
    shown_filters,
)
from sesam.lib.tabular import export_response
from sesam.models import Document
from sesam.pages import TodoItem
from sesam.services import register_document


def _product_area_ids(request) -> list[int]:
    return selectors.product_area_ids_for(request.user)


def _page(queryset, request, **options):
    return Paginator(queryset, PAGE_SIZE, **options).get_page(request.GET.get("sida"))


# --- Sök artikel (ART-1…ART-5) --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def article_search(request):
    """Sök artikel. GET searches (plain form, or search-as-you-type under HTMX: the results
    partial); POST saves the column choice (ART-5) and returns to the same search."""
    rights = load_rights(request.user if request.user.is_prescriber else None)
    return search_page(request, rights=rights)


def search_page(request, *, row_action=None, extra_context: dict | None = None, rights=None):
    """The article search, also for pages that add a per-row action (the order wizard's
    Ange artiklar step passes a `Beställ` button and its progress bar); `row_action` as in
    `inventory.tables.article_table`; rows outside `rights` are marked (BEY-1)."""
    warehouses = selectors.availability_warehouses_for(request.user)
    default = selectors.default_availability_warehouse(warehouses)
    columns_form, status = None, 200
    if request.method == "POST":
        columns_form = ArticleColumnsForm(request.POST)
        if columns_form.is_valid():
            services.save_article_columns(
                by=request.user, columns=columns_form.cleaned_data["kolumner"]
            )
            messages.success(request, _("Kolumnvalet är sparat."))
            return redirect(f"{request.path}?{request.GET.urlencode()}")
        status = 422
    bound = "q" in request.GET
    form = ArticleSearchForm(
        request.GET if bound else None,
        warehouses=warehouses,
        default=default.number if default else "",
        initial={"lager": request.GET.get("lager", default.number if default else "")},
    )
    columns = selectors.article_columns_for(request.user)
    context = {"form": form, "table": None, "columns": columns, **(extra_context or {})}
    if bound and form.is_valid():
        data = form.cleaned_data
        articles = selectors.search_articles(
            query=data["q"],
            assortment_only=data["urval"] != "alla",
            article_type=data["typ"],
            product_area_ids=_product_area_ids(request),
            sort=data["sortering"] or "number",
        )
        warehouse = next((w for w in warehouses if w.number == data["lager"]), None)
        context["table"] = article_table(
            page=_page(for_table(articles, columns), request, count_cap=COUNT_CAP),
            warehouse=warehouse,
            columns=columns,
            sort=data["sortering"] or "number",
            row_action=row_action,
            rights=rights,
        )
    elif bound:
        status = 422
    context["columns_form"] = columns_form or ArticleColumnsForm(initial={"kolumner": columns})
    return render_page(
        request, "inventory/article_search.html", context, partial="results", status=status
    )


@require_GET
def article_export(request):
    """BEY-10: Sök artikel as CSV or Excel — every article the search finds (not one page,
    no cap), in the user's chosen columns, the criteria on screen above the header."""
    fmt = export_format(request)
    if fmt is None:
        return bad_export_format()
    warehouses = selectors.availability_warehouses(location_ids(request))
    default = selectors.default_availability_warehouse(warehouses)
    form = ArticleSearchForm(
        request.GET, warehouses=warehouses, default=default.number if default else ""
    )
    if not form.is_valid():
        return invalid_criteria(form)
    data = form.cleaned_data
    articles = selectors.search_articles(
        query=data["q"],
        assortment_only=data["urval"] != "alla",
        article_type=data["typ"],
        product_area_ids=_product_area_ids(request),
        sort=data["sortering"] or "number",
    )
    columns = exports.article_columns(selectors.article_columns_for(request.user))
    filters = shown_filters(form, exclude=("lager",))
    return export(fmt, "artiklar", articles, columns, filters)


@require_GET
def article_balance(request, number):
    """ART-3 Visa: one row's available balance (HTMX); without JavaScript the article's
    Tillgänglighet tab for that warehouse."""
    article = get_object_or_404(Article, number=number)
    warehouses = selectors.availability_warehouses_for(request.user)
    warehouse = next((w for w in warehouses if w.number == request.GET.get("lager")), None)
    if warehouse is None:
        raise Http404
    if not wants_partial(request):
        url = reverse("inventory:article_detail", args=[article.number])
        return redirect(f"{url}?flik=tillganglighet&lager={warehouse.number}")
    selectors.attach_balances([article], warehouse)
    context = {"article": article, "table": {"warehouse": warehouse}, "focus": True}
    return render_page(request, "inventory/includes/article_table.html", context, partial="balance")


# --- Artikel (ART-6, ART-7) ---------------------------------------------------------------

ARTICLE_TABS = {
    "tillganglighet": gettext_lazy("Tillgänglighet"),
    "information": gettext_lazy("Artikelinformation"),
    "priser": gettext_lazy("Priser"),
    "lagersaldon": gettext_lazy("Lagersaldon"),
    "dokument": gettext_lazy("Dokument"),
}


@require_GET
def article_detail(request, number):
    """Artikelinfo: head (supplier, numbers, description, image, assortment) and tabs; under
    HTMX a tab (or the warehouse chosen on Tillgänglighet) returns only the tabs."""
    article = get_object_or_404(
        Article.objects.select_related("supplier", "iso_code", "product_area"), number=number
    )
    tab = request.GET.get("flik") if request.GET.get("flik") in ARTICLE_TABS else "tillganglighet"
    context = {"article": article, "tab": tab, "tabs": ARTICLE_TABS}
    if not request.htmx:  # BEY-1, read with the user (sesam.frame)
        rights = load_rights(request.user if request.user.is_prescriber else None)
        context["outside_rights"] = rights.refusal(article)
        location = request.service_location  # Likvärdiga artiklar, with its own store's balance
        context["own_store"] = location is not None and not location.is_private
        context["substitutes"] = substitutes(article, location)
    if tab == "tillganglighet":
        warehouses = selectors.availability_warehouses_for(request.user)
        chosen = next((w for w in warehouses if w.number == request.GET.get("lager")), None)
        warehouse = chosen or selectors.default_availability_warehouse(warehouses)
        context["warehouses"] = warehouses
        context["availability"] = warehouse and selectors.availability(article, warehouse)
    elif tab == "lagersaldon":
        context["balances"] = selectors.article_balances(article, location_ids(request))
    elif tab == "dokument":
        context["documents"] = list(article.documents.all())
    return render_page(request, "inventory/article_detail.html", context, partial="tabs")


# --- Sortimentskatalog (ART-8) --------------------------------------------------------------


@require_GET
def catalogue(request, code=None):
    """The ISO tree at 2, 4 and 6 digits, only where the user's product areas have assortment
    articles; a node's own articles are listed with the search's result table."""
    areas = _product_area_ids(request)
    counts = selectors.catalogue_counts(areas)
    node = None
    if code is not None:
        node = get_object_or_404(IsoCode.objects.select_related("parent"), code=code)
        if not counts[node.code]:
            raise Http404
    context = {
        "node": node,
        "ancestors": selectors.iso_ancestors(node) if node else [],
        "children": selectors.catalogue_children(node, counts),
        "table": None,
    }
    if node is not None and node.articles.filter(product_area_id__in=areas).exists():
        warehouses = selectors.availability_warehouses_for(request.user)
        default = selectors.default_availability_warehouse(warehouses)
        form = CatalogueFilterForm(
            request.GET, warehouses=warehouses, default=default.number if default else ""
        )
        form.is_valid()
        warehouse = next((w for w in warehouses if w.number == form.cleaned_data["lager"]), None)
        sort = request.GET.get("sortering") or "number"
        articles = selectors.search_articles(iso_code=node, product_area_ids=areas, sort=sort)
        columns = selectors.article_columns_for(request.user)
        context["form"] = form
        context["table"] = article_table(
            page=_page(for_table(articles, columns), request),
            warehouse=warehouse,
            sort=sort,
            columns=columns,
            caption=_("Artiklar i %(code)s") % {"code": node},
        )
    return render_page(request, "inventory/catalogue.html", context, partial="results")


@require_GET
def suppliers(request):
    """Kontaktuppgifter till leverantörer (ART-10)."""
    return render(request, "inventory/suppliers.html", {"suppliers": Supplier.objects.all()})


# --- Lager (STK-1, STK-2, ACC-7) ------------------------------------------------------------


def _refuse_private(request):
    """ACC-7: a private clinic holds no stock; the server refuses, the page says why."""
    location = request.service_location
    if location is None or location.is_private:
        return render(request, "inventory/no_stock.html", {"location": location}, status=403)
    return None


@require_GET
def stock(request):
    """Mer… → Lager: choose the service location; its own store opens."""
    if refused := _refuse_private(request):
        return refused
    stores = {
        w.service_location_id: w for w in selectors.location_warehouses(request.service_locations)
    }
    form = ServiceLocationForm(
        request.GET or None,
        locations=[loc for loc in request.service_locations if loc.pk in stores],
    )
    if form.is_bound and form.is_valid():
        return redirect(
            "inventory:stock_warehouse", stores[form.cleaned_data["tjanstestalle"]].number
        )
    if form.is_bound or request.service_location.pk not in stores:
        return render(
            request, "inventory/no_stock.html", {"form": form}, status=422 if form.is_bound else 404
        )
    return redirect("inventory:stock_warehouse", stores[request.service_location.pk].number)


@require_GET
def stock_warehouse(request, number):
    """Lagersaldo (STK-1) of one of the user's own stores; another location's store is 404."""
    if refused := _refuse_private(request):
        return refused
    warehouse = _own_store_or_404(request, number)
    bound = any(key in request.GET for key in ("q", "typ", "saldo"))
    form = StockFilterForm(request.GET if bound else None)
    page, status = None, 200
    if not bound or form.is_valid():
        filters = form.cleaned_data if bound else {"q": "", "typ": "", "saldo": "med"}
        balances = selectors.stock_balances(
            warehouse=warehouse,
            query=filters["q"],
            article_type=filters["typ"],
            balance=filters["saldo"],
        )
        page = _page(balances, request)
    else:
        status = 422
    stores = selectors.location_warehouses(request.service_locations)
    context = {
        "warehouse": warehouse,
        "form": form,
        "page": page,
        "location_form": ServiceLocationForm(
            initial={"tjanstestalle": warehouse.service_location_id},
            locations=[w.service_location for w in stores],
        ),
    }
    return render_page(request, "inventory/stock.html", context, partial="results", status=status)


@require_GET
def stock_export(request, number):
    """BEY-10: Lagersaldo of one of the user's own stores as CSV or Excel, filtered as the page
    (by default the articles with a balance); another location's store is 404."""
    if refused := _refuse_private(request):
        return refused
    warehouse = _own_store_or_404(request, number)
    fmt = export_format(request)
    if fmt is None:
        return bad_export_format()
    form = StockFilterForm(request.GET)
    if not form.is_valid():
        return invalid_criteria(form)
    balances = selectors.stock_balances(
        warehouse=warehouse,
        query=form.cleaned_data["q"],
        article_type=form.cleaned_data["typ"],
        balance=form.cleaned_data["saldo"],
    )
    filters = [(_("Lager"), str(warehouse)), *shown_filters(form)]
    name = f"lagersaldo-{warehouse.number}"
    return export(fmt, name, balances, exports.stock_columns(), filters)


@require_GET
def stock_report(request, number):
    """Lagersaldorapport (STK-2, DOC-4): every article with a balance, as a PDF."""
    # Imported here: WeasyPrint is heavy to import (and logs as it loads its stylesheets).
    from sesam.lib.pdf import pdf_response

    if refused := _refuse_private(request):
        return refused
    warehouse = _own_store_or_404(request, number)
    printed = register_document(
        by=request.user,
        kind=Document.Kind.STOCK_REPORT,
        service_location=warehouse.service_location,
        reference=warehouse.number,
    )
    context = {
        "warehouse": warehouse,
        "rows": selectors.stock_report_rows(warehouse),
        "created_at": timezone.localtime(printed.at),
        "created_by": request.user,
        "number": printed.number,
    }
    return pdf_response(
        "inventory/pdf/stock_report.html",
        context,
        filename=f"Lagersaldorapport {warehouse.number} {printed.number}",
    )


@require_GET
def shelf_labels(request, number):
    """BEY-6 labels: Hylletiketter – one label per article of the own store that Lager's
    filter shows (by default those with a balance), with the article's GTIN as GS1-128; an
    A4 sheet PDF. No document number (BEY-D320)."""
    if refused := _refuse_private(request):
        return refused
    warehouse = _own_store_or_404(request, number)
    form = StockFilterForm(request.GET)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("inventory:stock_warehouse", warehouse.number)
    balances = selectors.stock_balances(
        warehouse=warehouse,
        query=form.cleaned_data["q"],
        article_type=form.cleaned_data["typ"],
        balance=form.cleaned_data["saldo"],
    )
    articles = [balance.article for balance in balances[: labels.MAX_LABELS + 1]]
    if not articles or len(articles) > labels.MAX_LABELS:
        messages.error(
            request,
            _("Välj 1–%(max)s artiklar för hylletiketter (filtrera listan).")
            % {"max": labels.MAX_LABELS},
        )
        return redirect("inventory:stock_warehouse", warehouse.number)
    return labels.label_sheet_response(
        [labels.shelf_label(article) for article in articles],
        title=_("Hylletiketter %(store)s") % {"store": warehouse.number},
    )


@require_POST
def reorder_level(request, number, article_number):
    """BEY-8: an article's minimum and refill level on the user's own store, set in its Lager
    row (the row comes back under HTMX; without JavaScript, back to Lager)."""
    if refused := _refuse_private(request):
        return refused
    warehouse = _own_store_or_404(request, number)
    balance = get_object_or_404(
        StockBalance.objects.select_related("article", "article__supplier"),
        warehouse=warehouse,
        article__number=article_number,
    )
    form = ReorderLevelForm(request.POST)
    error = ""
    if not form.is_valid():
        error = " ".join(e for errors in form.errors.values() for e in errors)
    else:
        try:
            reorder.set_reorder_level(
                by=request.user,
                warehouse=warehouse,
                article=balance.article,
                minimum=form.cleaned_data["min"],
                refill_to=form.cleaned_data["fyll"],
            )
        except SesamError as refusal:
            error = str(refusal)
    if wants_partial(request):
        balance = reorder.with_levels(StockBalance.objects.filter(pk=balance.pk)).select_related(
            "article", "article__supplier"
        )[0]
        context = {"warehouse": warehouse, "balance": balance, "level_error": error}
        return render_page(
            request,
            "inventory/stock.html",
            context,
            partial="stock-row",
            status=422 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Beställningspunkten för %(name)s är sparad.") % {"name": balance.article.name},
        )
    return redirect_page(request, "inventory:stock_warehouse", warehouse.number)


@require_GET
def reorder_levels_xlsx(request, number):
    """BEY-8/BEY-13: the store's reorder levels as an Excel file to fill in and upload again."""
    if refused := _refuse_private(request):
        return refused
    warehouse = _own_store_or_404(request, number)
    return export_response(
        "xlsx",
        f"bestallningspunkter-{warehouse.number}",
        reorder_sheets.HEADER,
        reorder_sheets.sheet_rows(warehouse),
        reorder_sheets.sheet_filters(warehouse),
    )


@require_POST
def reorder_levels_upload(request, number):
    """BEY-8/BEY-13: a filled-in levels sheet uploaded: saved whole (only what differs, so the
    same file twice changes nothing the second time) or not at all, with every bad row named
    by its line number (422, the upload form again)."""
    if refused := _refuse_private(request):
        return refused
    warehouse = _own_store_or_404(request, number)
    upload = request.FILES.get("fil")
    if upload is None or upload.size > UPLOAD_MAX_BYTES:
        errors = [_("Välj en ifylld fil med beställningspunkter (.xlsx, högst 5 MB).")]
    else:
        read = reorder_sheets.read_upload(warehouse, upload)
        errors = read.errors
        if not errors:
            try:
                saved = reorder.set_reorder_levels(
                    by=request.user, warehouse=warehouse, levels=read.levels
                )
            except SesamError as error:
                errors = [str(error)]
    if errors:
        context = {**_lager_context(request, warehouse, "saldo"), "errors": errors[:100]}
        context["more"] = max(len(errors) - 100, 0)
        return render(request, "inventory/reorder_levels_upload.html", context, status=422)
    messages.success(request, _levels_message(saved))
    return redirect("inventory:stock_warehouse", warehouse.number)


def _levels_message(saved: reorder.LevelsSaved) -> str:
    if not saved.changed and not saved.removed:
        return _("Filen är läst. Inga beställningspunkter ändrades: de var redan sparade så.")
    return " ".join(
        [
            _("Beställningspunkterna från filen är sparade."),
            ngettext("%(n)s ändrad,", "%(n)s ändrade,", saved.changed) % {"n": saved.changed},
            ngettext("%(n)s borttagen.", "%(n)s borttagna.", saved.removed) % {"n": saved.removed},
        ]
    )


def _own_store_or_404(request, number) -> Warehouse:
    return get_scoped_or_404(
        Warehouse.objects.select_related("service_location").filter(kind=Warehouse.Kind.LOCAL),
        request,
        number=number,
        field="service_location",
    )


# --- Individ (IND-1…IND-4, ACC-6) -----------------------------------------------------------


@require_GET
def individual_search(request):
    """IND-1: by whole or part of the number, or Sök i SIP-nummer. A whole number with one
    hit opens the individual."""
    bound = "q" in request.GET
    form = IndividualSearchForm(request.GET if bound else None, initial={"sok_i": "individnummer"})
    page, status = None, 200
    if bound and form.is_valid():
        query, field = form.cleaned_data["q"], form.cleaned_data["sok_i"]
        results = selectors.search_individuals(
            query=query, field=field, location_ids=location_ids(request), scan=form.scan
        )
        page = _page(results, request)
        hits = page.object_list
        if form.scan and len(hits) == 1:  # BEY-6: a scan opens its individual, also live
            return redirect_page(request, "inventory:individual_detail", hits[0].pk)
        if (
            not request.htmx
            and len(hits) == 1
            and query.upper() in (hits[0].number, hits[0].sip_number.upper())
        ):
            return redirect("inventory:individual_detail", hits[0].pk)
    elif bound:
        status = 422
    context = {"form": form, "page": page}
    return render_page(
        request, "inventory/individual_search.html", context, partial="results", status=status
    )


@require_GET
def individual_export(request):
    """BEY-10: the Individ search as CSV or Excel — every individual it finds at the user's
    locations (and those out of every store, IND-D1), the criteria above the header."""
    fmt = export_format(request)
    if fmt is None:
        return bad_export_format()
    form = IndividualSearchForm(request.GET)
    if not form.is_valid():
        return invalid_criteria(form)
    results = selectors.search_individuals(
        query=form.cleaned_data["q"],
        field=form.cleaned_data["sok_i"],
        location_ids=location_ids(request),
        scan=form.scan,
    )
    columns = exports.individual_columns()
    return export(fmt, "individer", results, columns, shown_filters(form))


INDIVIDUAL_TABS = {
    "information": gettext_lazy("Individinformation"),
    "status": gettext_lazy("Aktuell status"),
    "aktiviteter": gettext_lazy("Aktiviteter"),
    "avvikelser": gettext_lazy("Avvikelser"),
    "text": gettext_lazy("Textinformation"),
}


def _individual_or_404(request, pk):
    """IND-D1: another location's own store answers 404, for the page and every action."""
    queryset = selectors.visible_individuals(location_ids(request)).select_related(
        "article", "article__supplier", "warehouse", "warehouse__service_location"
    )
    return get_object_or_404(queryset, pk=pk)


def _changeable_individual_or_404(request, pk):
    """ACC-6: the SIP number and Byte av individnummer of another unit's individual (or a
    central one) answer 404, as another location's objects do (ACC-4)."""
    queryset = selectors.changeable_individuals(location_ids(request)).select_related(
        "article", "article__supplier", "warehouse", "warehouse__service_location"
    )
    return get_object_or_404(queryset, pk=pk)


@require_GET
def individual_detail(request, pk):
    """IND-2: status box, Leverera individen (ORD-13; disabled with the reason unless the
    individual lies in the user's own store), SIP number
    (IND-3), Registrera/skapa → Byte av individnummer (IND-4), tabs. Without JavaScript
    ?andra=sip shows the SIP editor."""
    individual = _individual_or_404(request, pk)
    tab = request.GET.get("flik")
    context = _individual_context(
        request, individual, tab=tab, sip_editing=request.GET.get("andra") == "sip"
    )
    return render_page(request, "inventory/individual_detail.html", context, partial="tabs")


@require_GET
def individual_labels(request, pk):
    """BEY-6 labels: Etiketter – an A4 sheet of the individual's label (GTIN + serial number
    as GS1-128), for the device, its box and the shelf; scoped as the individual page. Names
    no recipient, so no access log; no document number (BEY-D320)."""
    individual = _individual_or_404(request, pk)
    label = labels.individual_label(individual)
    return labels.label_sheet_response(
        [label] * labels.LABELS_PER_SHEET,
        title=_("Etiketter %(number)s") % {"number": individual.number},
    )


def _individual_context(request, individual, *, tab=None, sip_form=None, sip_editing=False):
    tab = tab if tab in INDIVIDUAL_TABS else "information"
    sip_form = sip_form or SipNumberForm(initial={"sip_number": individual.sip_number})
    can_change = (
        selectors.changeable_individuals(location_ids(request)).filter(pk=individual.pk).exists()
    )
    context = {
        "individual": individual,
        "tab": tab,
        "tabs": INDIVIDUAL_TABS,
        "delivery_refusal": selectors.delivery_refusal(individual, location_ids(request)),
        "supplier_return_refusal": selectors.supplier_return_refusal(
            individual, location_ids(request)
        ),
        "sip": {"form": sip_form, "editing": sip_editing and can_change},
        "can_change": can_change,
    }
    if tab == "status":
        context["deliveries"] = _deliveries(request, individual)
        context["supplier_returns"] = list(
            selectors.supplier_returns(individual, location_ids(request))
        )
    if tab in tabs.TAB_PROVIDERS:  # filled by a higher app (IND-2 Aktiviteter)
        template, extra = tabs.TAB_PROVIDERS[tab](request, individual)
        context["provided"] = {"template": template, **extra}
    return context


def _deliveries(request, individual):
    """Aktuell status: the recipient and order of a delivered individual. The recipient is
    named only to users of the delivering service location, and the read is logged (ACC-8)."""
    mine = set(location_ids(request))
    rows = []
    for device in selectors.delivered_devices(individual):
        shown = device.service_location_id in mine
        if shown:
            log_view(
                request,
                device.recipient,
                "individual_status",
                individual=individual.number,
            )
        rows.append({"device": device, "show_recipient": shown})
    return rows


@require_http_methods(["GET", "POST"])
def individual_sip(request, pk):
    """IND-3 inline edit (pen → green check / red cross): GET shows the value (?andra=1 the
    editor), POST saves it. Under HTMX the partial, else the individual page."""
    individual = _changeable_individual_or_404(request, pk)
    form = SipNumberForm(request.POST or None, initial={"sip_number": individual.sip_number})
    editing, status, saved = request.GET.get("andra") == "1", 200, False
    if request.method == "POST":
        if form.is_valid():
            try:
                services.change_sip_number(
                    individual=individual,
                    sip_number=form.cleaned_data["sip_number"],
                    by=request.user,
                )
            except SesamError as error:
                form.add_error("sip_number", str(error))
        if form.errors:
            editing, status = True, 422
        else:
            saved = True
            form = SipNumberForm(initial={"sip_number": individual.sip_number})
    if wants_partial(request):
        sip = {"form": form, "editing": editing, "saved": saved}
        context = {"individual": individual, "sip": sip, "can_change": True}
        return render_page(
            request, "inventory/individual_detail.html", context, partial="sip", status=status
        )
    if status == 422:
        context = _individual_context(request, individual, sip_form=form, sip_editing=True)
        return render(request, "inventory/individual_detail.html", context, status=422)
    if saved:
        messages.success(request, _("SIP-numret är sparat."))
    url = reverse("inventory:individual_detail", args=[individual.pk])
    return redirect(url + ("?andra=sip" if editing else ""))


@require_http_methods(["GET", "POST"])
def individual_change_number(request, pk):
    """IND-4 Byte av individnummer: confirmation tick + new number + Fortsätt."""
    individual = _changeable_individual_or_404(request, pk)
    form = ChangeIndividualNumberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        old = individual.number
        try:
            services.change_individual_number(
                individual=individual, new_number=form.cleaned_data["new_number"], by=request.user
            )
        except SesamError as error:
            form.add_error("new_number", str(error))
        else:
            messages.success(
                request,
                _("Individnumret är bytt från %(old)s till %(new)s.")
                % {"old": old, "new": individual.number},
            )
            return redirect("inventory:individual_detail", individual.pk)
    status = 422 if form.errors else 200
    context = {"individual": individual, "form": form}
    return render(request, "inventory/individual_change_number.html", context, status=status)


# --- Retur till leverantör (RET-6, ACC-6) ---------------------------------------------------


@require_http_methods(["GET", "POST"])
def supplier_return(request, pk):
    """RET-6: Returorsak (fixed: Kreditering), Kommentar, Skapa retur → the confirmation with
    Skapa pdf. Only for an individual in one of the user's own stores (ACC-6): otherwise the
    page says why (409), as the disabled menu entry on the individual page does."""
    individual = _individual_or_404(request, pk)
    if request.method == "POST" and (earlier := _supplier_return_with_posted_key(request, pk)):
        # A double submit: the first one did the work; show its confirmation.
        return redirect("inventory:supplier_return_done", individual.pk, earlier.number)
    refusal = selectors.supplier_return_refusal(individual, location_ids(request))
    form = SupplierReturnForm(
        request.POST or None, initial={"key": uuid.uuid4()}, individual=individual
    )
    status = 409 if refusal else 200
    if request.method == "POST" and not refusal:
        if form.is_valid():
            try:
                done = services.return_to_supplier(
                    by=request.user,
                    individual=individual,
                    comment=form.cleaned_data["comment"],
                    key=form.cleaned_data["key"],
                )
            except SesamError as error:
                refusal, status = str(error), 409
            else:
                messages.success(
                    request,
                    _("Retur till leverantör är skapad, nummer %(number)s.")
                    % {"number": done.number},
                )
                return redirect("inventory:supplier_return_done", individual.pk, done.number)
        else:
            status = 422
    context = {"individual": individual, "form": form, "refusal": refusal}
    return render(request, "inventory/supplier_return.html", context, status=status)


def _supplier_return_with_posted_key(request, pk):
    try:
        key = uuid.UUID(request.POST.get("key", ""))
    except ValueError:
        return None
    return SupplierReturn.objects.filter(
        key=key, individual_id=pk, warehouse__service_location__in=location_ids(request)
    ).first()


def _scoped_supplier_return(request, pk, number):
    """ACC-4: a supplier return is its own store's business; anyone else gets 404."""
    queryset = SupplierReturn.objects.select_related(
        "individual__article",
        "supplier",
        "warehouse__service_location",
        "by",
    ).filter(individual_id=pk)
    return get_scoped_or_404(queryset, request, number=number, field="warehouse__service_location")


@require_GET
def supplier_return_done(request, pk, number):
    """RET-6: the return is made; Skapa pdf opens the return slip to pack with the device."""
    done = _scoped_supplier_return(request, pk, number)
    return render(request, "inventory/supplier_return_done.html", {"ret": done})


@require_GET
def supplier_return_pdf(request, pk, number):
    """RET-6, DOC-3, DOC-4: Retursedel – supplier with address, article, individual and serial
    number, reason, comment; the return's number as text and barcode."""
    from sesam.lib.pdf import pdf_response

    done = _scoped_supplier_return(request, pk, number)
    context = {"ret": done, "number": done.number}
    return pdf_response(
        "inventory/pdf/supplier_return.html", context, filename=f"Retursedel {done.number}"
    )


# --- Inventering (STK-3, ACC-6, ACC-7) ------------------------------------------------------

SHEET_PAGE_SIZE = 100  # count sheet lines per page (a form: saved page by page)
FINISH = "inventory:stocktake_finish"


def _lager_context(request, warehouse, tab: str) -> dict:
    """The Lager head shared by its tabs: the service location chooser and the tabs."""
    stores = selectors.location_warehouses(request.service_locations)
    return {
        "warehouse": warehouse,
        "stock_tab": tab,
        "location_form": ServiceLocationForm(
            initial={"tjanstestalle": warehouse.service_location_id},
            locations=[w.service_location for w in stores],
        ),
    }


def _stocktake_or_404(request, number, stocktake_number) -> Stocktake:
    """ACC-4/ACC-6: a stocktake of one of the user's own stores; anything else is 404."""
    return get_scoped_or_404(
        Stocktake.objects.select_related(
            "warehouse", "warehouse__service_location", "started_by", "finished_by"
        ).filter(warehouse__kind=Warehouse.Kind.LOCAL, warehouse__number=number),
        request,
        number=stocktake_number,
        field="warehouse__service_location",
    )


def _stocktake_url(stocktake, name="inventory:stocktake") -> str:
    return reverse(name, args=[stocktake.warehouse.number, stocktake.number])


@require_GET
def stocktakes(request, number):
    """Lager → Inventering: the store's open stocktake (if Hjälpmedel has started one) and
    the finished ones."""
    if refused := _refuse_private(request):
        return refused
    warehouse = _own_store_or_404(request, number)
    context = {
        **_lager_context(request, warehouse, "inventering"),
        "stocktakes": selectors.warehouse_stocktakes(warehouse),
    }
    return render(request, "inventory/stocktakes.html", context)


def _sheet_page(stocktake, number):
    return Paginator(selectors.count_sheet_lines(stocktake), SHEET_PAGE_SIZE).get_page(number)


@require_http_methods(["GET", "POST"])
def stocktake(request, number, stocktake_number):
    """The count sheet of an open stocktake as a form (STK-3): Spara saves the counts of the
    page (as often as needed; under HTMX the sheet comes back saved), Slutför inventering
    saves them and asks for confirmation. A finished stocktake shows its result."""
    if refused := _refuse_private(request):
        return refused
    stocktake = _stocktake_or_404(request, number, stocktake_number)
    if not stocktake.is_open:
        if request.method == "POST":
            messages.info(request, str(StocktakeFinished(stocktake)))
            return redirect_page(request, _stocktake_url(stocktake))
        return _stocktake_result(request, stocktake)
    page = _sheet_page(stocktake, request.GET.get("sida"))
    form = CountSheetForm(request.POST or None, lines=list(page.object_list), stocktake=stocktake)
    status, saved, scanned = 200, False, None
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.save_counts(
                    stocktake=stocktake, counts=form.counts(), found=form.found(), by=request.user
                )
            except SesamError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                if request.POST.get("atgard") == "slutfor":
                    return redirect_page(request, _stocktake_url(stocktake, FINISH))
                scanned = form.scanned
                if not wants_partial(request):
                    messages.success(request, _saved_message(scanned))
                    return redirect_page(request, f"{_stocktake_url(stocktake)}?sida={page.number}")
                status, saved = 200, True
                page = _sheet_page(stocktake, page.number)
                form = CountSheetForm(lines=list(page.object_list), stocktake=stocktake)
    context = {
        **_lager_context(request, stocktake.warehouse, "inventering"),
        **{"stocktake": stocktake, "page": page, "form": form, "saved": saved},
        "scanned_message": _saved_message(scanned) if scanned else "",
    }
    return render_page(
        request, "inventory/stocktake.html", context, partial="count-sheet", status=status
    )


def _saved_message(scanned) -> str:
    """Räkningen är sparad, naming the individual a scan (BEY-6) ticked as found."""
    if scanned is None:
        return _("Räkningen är sparad.")
    individual = scanned.individual
    return _("%(number)s (%(article)s %(name)s) är hittad. Räkningen är sparad.") % {
        "number": individual.number,
        "article": individual.article.number,
        "name": individual.article.name,
    }


def _stocktake_result(request, stocktake):
    """A finished stocktake: its differences and the individuals moved to 99 (STK-3)."""
    context = {
        **_lager_context(request, stocktake.warehouse, "inventering"),
        "stocktake": stocktake,
        "result": selectors.stocktake_result(stocktake),
    }
    return render(request, "inventory/stocktake_result.html", context)


@require_http_methods(["GET", "POST"])
def stocktake_finish(request, number, stocktake_number):
    """Slutför inventering: GET shows what the finish will do (the confirm step), POST
    `Ja, slutför inventering` finishes through the service, once; a second post returns to
    the result with a notice."""
    if refused := _refuse_private(request):
        return refused
    stocktake = _stocktake_or_404(request, number, stocktake_number)
    refusal = ""
    if request.method == "POST":
        try:
            result = services.finish_stocktake(stocktake=stocktake, by=request.user)
        except StocktakeFinished as error:
            messages.info(request, str(error))
            return redirect_page(request, _stocktake_url(stocktake))
        except SesamError as error:
            refusal = str(error)
        else:
            messages.success(request, _finished_message(result))
            return redirect_page(request, _stocktake_url(stocktake))
    elif not stocktake.is_open:
        return redirect(_stocktake_url(stocktake))
    preview = selectors.finish_preview(stocktake)
    context = {
        **_lager_context(request, stocktake.warehouse, "inventering"),
        "stocktake": stocktake,
        "preview": preview,
        "refusal": refusal,
        "uncounted_message": services.uncounted_message(preview.uncounted),
    }
    status = 409 if refusal or preview.uncounted else 200
    return render(request, "inventory/stocktake_finish.html", context, status=status)


def _finished_message(result) -> str:
    adjusted, missing = len(result.adjusted), len(result.missing)
    return " ".join(
        [
            _("Inventering %(number)s är slutförd.") % {"number": result.stocktake.number},
            ngettext("%(n)s saldo justerat,", "%(n)s saldon justerade,", adjusted)
            % {"n": adjusted},
            ngettext(
                "%(n)s individ flyttad till utredningslager.",
                "%(n)s individer flyttade till utredningslager.",
                missing,
            )
            % {"n": missing},
        ]
    )


@require_GET
def stocktake_sheet_pdf(request, number, stocktake_number):
    """Inventeringsunderlag as a PDF to count on paper (STK-3, DOC-4): every line of the sheet
    with its individuals and an empty count column."""
    from sesam.lib.pdf import pdf_response

    if refused := _refuse_private(request):
        return refused
    stocktake = _stocktake_or_404(request, number, stocktake_number)
    context = {
        "stocktake": stocktake,
        "warehouse": stocktake.warehouse,
        "lines": list(selectors.count_sheet_lines(stocktake)),
        "number": stocktake.number,
    }
    return pdf_response(
        "inventory/pdf/count_sheet.html",
        context,
        filename=f"Inventeringsunderlag {stocktake.number}",
    )


@require_GET
def stocktake_sheet_xlsx(request, number, stocktake_number):
    """BEY-13: the count sheet as an Excel file to fill in and upload again."""
    if refused := _refuse_private(request):
        return refused
    stocktake = _stocktake_or_404(request, number, stocktake_number)
    return export_response(
        "xlsx",
        f"inventeringsunderlag-{stocktake.number}",
        count_sheets.HEADER,
        count_sheets.sheet_rows(stocktake),
        count_sheets.sheet_filters(stocktake),
    )


@require_POST
def stocktake_upload(request, number, stocktake_number):
    """BEY-13: a filled-in count sheet uploaded: saved whole (through save_counts, as Spara)
    or not at all, with every bad row named by its line number."""
    if refused := _refuse_private(request):
        return refused
    stocktake = _stocktake_or_404(request, number, stocktake_number)
    upload = request.FILES.get("fil")
    if upload is None or upload.size > UPLOAD_MAX_BYTES:
        errors = [_("Välj en ifylld inventeringsfil (.xlsx, högst 5 MB).")]
    else:
        read = count_sheets.read_upload(stocktake, upload)
        errors = read.errors
        if not errors:
            try:
                services.save_counts(
                    stocktake=stocktake, counts=read.counts, found=read.found, by=request.user
                )
            except SesamError as error:
                errors = [str(error)]
    if errors:
        messages.error(
            request,
            _("Inget är sparat från filen. ")
            + " ".join(errors[:50])
            + (_(" … och %(n)s fel till.") % {"n": len(errors) - 50} if len(errors) > 50 else ""),
        )
    else:
        messages.success(request, _("Räkningen från filen är sparad."))
    return redirect_page(request, _stocktake_url(stocktake))


UPLOAD_MAX_BYTES = 5 * 1024 * 1024


def stocktake_todo(request) -> TodoItem:
    """Mina sidor → Att göra → Inventering (HOME-4): how many stocktakes of the user's stores
    wait to be counted; the link opens the one sheet, or Lager when there are several."""
    open_ = selectors.open_stocktakes(location_ids(request))
    url = _stocktake_url(open_[0]) if len(open_) == 1 else reverse("inventory:stock")
    return TodoItem(label=_("Inventering"), url=url, count=len(open_))
