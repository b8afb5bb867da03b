"""The prescription wizard (ORD): Skapa ny beställning → Ange artiklar → Bekräfta."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inventory.models import Article, Individual, Warehouse
from inventory.substitutes import substitutes
from inventory.views import search_page
from orders import selectors, services
from orders.context_processors import cart as cart_context
from orders.exceptions import OrderRefused
from orders.forms import (
    CommentForm,
    DeliveryForm,
    LineForm,
    QuantityForm,
    StartOrderForm,
    SubmitForm,
)
from orders.models import Order, OrderLine
from orders.reuse import offers_for_line
from orders.suggestions import accessory_suggestions
from orders.views import refill
from recipients.models import Recipient
from sesam.exceptions import SesamError
from sesam.lib.access import log_view
from sesam.lib.htmx import redirect_page, render_page, wants_partial
from sesam.lib.scoping import location_ids
from sesam.lib.urls import url_maker
from sesam.services import log_access

STEPS = [_("Skapa ny beställning"), _("Ange artiklar"), _("Bekräfta")]


def _wizard(step: int, **context) -> dict:
    return {"steps": STEPS, "step": step, **context}


@require_http_methods(["GET", "POST"])
def new_order(request):
    """Step 1 (ORD-1). `Välj` looks the recipient up and shows the choices in the side panel;
    `Fortsätt` starts the cart."""
    form = StartOrderForm(
        request.POST or None,
        user=request.user,
        active_location=request.service_location,
        locations=request.service_locations,
    )
    recipient, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            recipient = _recipient_of(form)
            if recipient is not None and request.POST.get("action") == "continue":
                return _start(request, form, recipient)
            if recipient is not None:
                log_view(
                    request,
                    recipient,
                    "lookup",
                    page="new_order",
                )
        status = 200 if form.is_valid() else 422
    context = _wizard(0, form=form, recipient=recipient, draft=selectors.cart_summary(request.user))
    return render_page(request, "orders/new.html", context, partial="wizard", status=status)


def _recipient_of(form):
    """The recipient of the personnummer typed in step 1, or None with the field's error."""
    recipient = Recipient.objects.filter(personnummer=form.cleaned_data["personnummer"]).first()
    if recipient is None:
        form.add_error(
            "personnummer", _("Personnumret finns inte i registret. Kontakta Hjälpmedel.")
        )
    return recipient


def _start_cart(request, form, recipient, *, logged_at=None) -> None:
    """Fortsätt in step 1: the cart is started (ORD-1) and the start logged (ACC-8). A
    refusal raises SesamError."""
    services.start_order(
        by=request.user,
        recipient=recipient,
        prescriber=form.cleaned_data["prescriber"],
        service_location=form.cleaned_data["service_location"],
    )
    log_access(
        by=request.user,
        service_location=logged_at or form.cleaned_data["service_location"],
        recipient=recipient,
        action="order_started",
    )


def _start(request, form, recipient):
    try:
        _start_cart(request, form, recipient)
    except SesamError as error:
        form.add_error(None, str(error))
        context = _wizard(
            0, form=form, recipient=recipient, draft=selectors.cart_summary(request.user)
        )
        return render_page(request, "orders/new.html", context, partial="wizard", status=409)
    messages.success(
        request,
        _("Pågående beställning för %(name)s. Sök fram artiklarna och klicka Beställ.")
        % {"name": recipient.name},
    )
    return redirect_page(request, "orders:add_articles")


@require_http_methods(["GET", "POST"])
def deliver_individual(request, pk):
    """ORD-13 from the individual's page: step 1 with the location whose store holds it."""
    individual = get_object_or_404(
        Individual.objects.select_related("article", "warehouse__service_location"),
        pk=pk,
        warehouse__service_location__in=location_ids(request),
    )
    location = individual.warehouse.service_location
    form = StartOrderForm(request.POST or None, user=request.user, active_location=location)
    recipient = None
    if request.method == "POST" and form.is_valid():
        recipient = _recipient_of(form)
        if recipient is not None and request.POST.get("action") == "continue":
            try:
                _start_cart(request, form, recipient, logged_at=location)
            except SesamError as error:
                form.add_error(None, str(error))
            else:
                dialog = reverse("orders:line_dialog", args=[individual.article_id])
                return redirect_page(request, f"{dialog}?individ={individual.pk}")
    context = _wizard(
        0,
        form=form,
        recipient=recipient,
        individual=individual,
        draft=selectors.cart_summary(request.user),
    )
    status = 422 if form.errors else 200
    return render_page(request, "orders/new.html", context, partial="wizard", status=status)


@require_http_methods(["GET", "POST"])
def line_dialog(request, article_id):
    """Beställ on a search hit (ORD-2): Leverans från, warehouse and available balance, Antal;
    `Nästa` shows the comment step, `Fortsätt` adds the line."""
    draft = selectors.line_dialog_draft(request.user)
    if draft is None:
        messages.error(request, _("Starta en ny beställning först."))
        return redirect("orders:new")
    article = selectors.dialog_article(article_id)
    if article is None:
        raise Http404
    individual = _individual_from(request, draft)
    source = _dialog_source(request, draft, individual)
    rights = selectors.cart_rights(request.user, draft)
    outside_rights = rights.refusal(article)
    offers = (  # BEY-3: Återanvänd individ, one query
        []
        if individual or outside_rights
        else offers_for_line(draft, article, allowed=lambda a: not rights.refusal(a))
    )
    initial = {"source": source, "quantity": 1}
    form = LineForm(request.POST or None, initial=initial, reuse_offered=bool(offers))
    if draft.service_location.is_private:  # ACC-7: a private clinic has no own store to offer
        form.fields["source"].choices = [(OrderLine.Source.CENTRAL, OrderLine.Source.CENTRAL.label)]
    status, comment_step, reuse_error = 200, request.POST.get("action") == "next", ""
    if request.method == "POST" and "reuse" in request.POST:
        try:
            return _reuse(request, request.POST["reuse"])
        except SesamError as error:
            reuse_error, status = str(error), 409
            offers = offers_for_line(draft, article, allowed=lambda a: not rights.refusal(a))
            form = LineForm(initial=initial, reuse_offered=bool(offers))
    elif request.method == "POST" and not form.is_valid():
        status = 422
    elif request.method == "POST" and not comment_step:
        try:
            return _add_line(request, form, article, individual)
        except SesamError as error:
            form.add_error(None, str(error))
            status, comment_step = 409, article.type == Article.Type.SERVICE
    context = {
        "draft": draft,
        "article": article,
        "form": form,
        "individual": individual,
        "comment_step": comment_step,
        "where": selectors.line_where(
            article=article,
            source=form["source"].value() or source,
            service_location=draft.service_location,
        ),
        "outside_rights": outside_rights,
        "offers": offers,
        "reuse_error": reuse_error,
    }
    if draft.kind != Order.Kind.REFILL and not individual:  # Likvärdiga artiklar
        location = draft.service_location
        own_store = not location.is_private
        context |= {"own_store": own_store, "substitutes": substitutes(article, location)}
    refill_draft = draft.kind == Order.Kind.REFILL
    template = "orders/refill_line_dialog.html" if refill_draft else "orders/line_dialog.html"
    return render_page(request, template, context, partial="line_dialog", status=status)


def _reuse(request, value):
    """Återanvänd individ in the line dialog (BEY-3): the chosen refurbished individual joins
    the cart, reserved for it (a refusal raises SesamError)."""
    if not str(value).isdigit():
        raise OrderRefused(_("Välj en individ i listan."))
    line = services.add_reused_line(by=request.user, individual_id=int(value))
    messages.success(
        request,
        _("%(name)s, individ %(number)s, är tillagd i beställningen som återanvänd individ.")
        % {"name": line.article.name, "number": line.individual.number},
    )
    if request.htmx and "helsida" not in request.POST:
        return render(request, "orders/line_added.html", {"cart": _cart_context(request)})
    return redirect_page(request, "orders:add_articles")


def _add_line(request, form, article, individual):
    """Fortsätt in the line dialog: the line joins the cart (a refusal raises SesamError).
    Opened over the search (HTMX), the dialog closes and the top bar's cart updates."""
    data = form.cleaned_data
    services.add_line(
        by=request.user,
        article=article,
        quantity=data["quantity"],
        source=data["source"],
        comment=data["comment"],
        individual=individual,
        reuse_declined=data["reuse_declined"] if form.reuse_offered else "",
    )
    messages.success(request, _("%(name)s är tillagd i beställningen.") % {"name": article.name})
    if request.htmx and not individual and "helsida" not in request.POST:
        return render(request, "orders/line_added.html", {"cart": _cart_context(request)})
    return redirect_page(request, "orders:cart" if individual else "orders:add_articles")


def _individual_from(request, draft):
    pk = request.GET.get("individ") or request.POST.get("individ")
    if not pk:
        return None
    if not str(pk).isdigit():
        raise Http404
    return get_object_or_404(
        Individual, pk=pk, warehouse__service_location__in=location_ids(request)
    )


def _dialog_source(request, draft, individual) -> str:
    """Preselected: own store for an individual; the cart's source once it has lines; else
    the user's setting (HOME-3)."""
    if individual is not None:
        return OrderLine.Source.OWN_STORE
    if draft.kind == Order.Kind.REFILL:
        return OrderLine.Source.CENTRAL
    if draft.first_source:
        return draft.first_source
    if draft.service_location.is_private:
        return OrderLine.Source.CENTRAL
    return request.GET.get("source", request.user.default_source)


def _cart_context(request):
    return cart_context(request)["cart"]


@require_GET
def cart(request):
    """Slutför beställning (ORD-5): the lines with fee mark, comment, available balance."""
    draft = selectors.draft_for(request.user, balances=True)
    if draft is None:
        return render(request, "orders/cart_empty.html")
    if draft.kind == Order.Kind.REFILL:
        return refill.cart(request, draft)
    lines = selectors.with_available(draft.lines.all())
    context = _wizard(
        2,
        draft=draft,
        lines=lines,
        shortages=selectors.shortages(draft, lines=lines),
        own_store=bool(lines) and lines[0].source == OrderLine.Source.OWN_STORE,
        submit_form=SubmitForm(initial={"key": draft.idempotency_key}),
        suggestions=accessory_suggestions(  # BEY-12: Brukar förskrivas med
            [line.article for line in lines], leave_out={line.article_id for line in lines}
        ),
    )
    return render(request, "orders/cart.html", context)


@require_POST
def add_suggestion(request, article_id):
    """BEY-12: one click adds a suggested accessory to the cart, from the cart's source."""
    article = get_object_or_404(Article.objects.select_related("iso_code"), pk=article_id)
    draft = selectors.line_dialog_draft(request.user)
    source = (draft and draft.first_source) or request.user.default_source
    try:
        services.add_line(by=request.user, article=article, quantity=1, source=source)
    except SesamError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(name)s är tillagd i beställningen.") % {"name": article.name}
        )
    return redirect("orders:cart")


@require_http_methods(["GET", "POST"])
def cart_line(request, line_id):
    """The pen on a line (ORD-5): GET ?andra=1 shows the editor; POST saves the comment (and
    for a refill the quantity). Under HTMX only the row is returned."""
    line = get_object_or_404(
        OrderLine.objects.select_related("article", "warehouse", "individual", "order"),
        pk=line_id,
        order__orderer=request.user,
        order__status=Order.Status.DRAFT,
    )
    form, status = CommentForm(request.POST or None, initial={"comment": line.comment}), 200
    editing = request.GET.get("andra") == "1"
    if request.method == "POST":
        quantity = QuantityForm(request.POST) if "quantity" in request.POST else None
        if form.is_valid() and (quantity is None or quantity.is_valid()):
            try:
                line = services.update_line(
                    by=request.user,
                    line_id=line.pk,
                    comment=form.cleaned_data["comment"] if "comment" in request.POST else None,
                    quantity=quantity.cleaned_data["quantity"] if quantity else None,
                )
            except SesamError as error:
                form.add_error(None, str(error))
        if form.errors or (quantity is not None and quantity.errors):
            editing, status = True, 422
            if quantity is not None and quantity.errors:
                form.add_error(None, quantity.errors["quantity"][0])
        elif not wants_partial(request):
            return redirect("orders:cart")
    if not wants_partial(request):
        return redirect("orders:cart")
    (line,) = selectors.with_available([line])
    context = {"line": line, "form": form, "editing": editing, "draft": line.order}
    return render_page(request, "orders/cart.html", context, partial="cart_line", status=status)


@require_POST
def remove_line(request, line_id):
    try:
        services.remove_line(by=request.user, line_id=line_id)
    except OrderRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Raden är borttagen."))
    return redirect("orders:cart")


@require_POST
def discard(request):
    services.discard_draft(by=request.user)
    messages.success(request, _("Varukorgen är tömd."))
    return redirect("start")


@require_http_methods(["GET", "POST"])
def delivery(request):
    """Leveransuppgifter (ORD-6), then Skicka beställning."""
    draft = selectors.draft_for_delivery(request.user)
    if draft is None:
        return redirect("orders:new")
    lines = list(draft.lines.all())
    if not lines:
        messages.error(request, _("Beställningen har inga rader."))
        return redirect("orders:cart")
    if lines[0].source == OrderLine.Source.OWN_STORE:
        return redirect("orders:cart")
    addresses = services.delivery_addresses(draft)
    only_unit = services.only_unit_address(draft)
    prefilled = addresses[0][1] if only_unit else draft.delivery_address or addresses[0][1]
    form = DeliveryForm(
        request.POST or None,
        addresses=addresses,
        prefilled=prefilled,
        manual=not only_unit,
        initial={
            "delivery_method": draft.delivery_method,
            "address_choice": DeliveryForm.choice_for(addresses, prefilled),
            "address": prefilled,
            "contact": draft.delivery_contact,
            "consolidated": draft.consolidated,
            "on_trial": draft.trial_until is not None,
            "trial_until": draft.trial_until or services.default_trial_end(),
            "key": draft.idempotency_key,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                return _send_with_delivery(request, form.cleaned_data)
            except SesamError as error:
                form.add_error(None, str(error))
        status = 422
    has_750 = any(line.warehouse.kind == Warehouse.Kind.PURCHASING for line in lines)
    context = _wizard(2, draft=draft, form=form, has_750=has_750, lines=lines)
    return render(request, "orders/delivery.html", context, status=status)


def _send_with_delivery(request, data):
    """Skicka beställning on Leveransuppgifter: the delivery is saved, then the cart sent by
    its idempotency key (ORD-D6). A refusal raises SesamError."""
    services.set_delivery(
        by=request.user,
        method=data["delivery_method"],
        address=data["address"],
        contact=data["contact"],
        consolidated=data["consolidated"],
        trial_until=(data["trial_until"] or services.default_trial_end())
        if data["on_trial"]
        else None,
    )
    return _sent(request, services.submit_order(by=request.user, idempotency_key=data["key"]))


@require_POST
def submit(request):
    """Skicka beställning for own-store and individual orders (no delivery step)."""
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _(
                "Beställningen kunde inte skickas: formuläret saknar sin nyckel (sidan var "
                "inte färdigladdad eller är gammal). Ladda om sidan och försök igen."
            ),
        )
        return redirect("orders:cart")
    try:
        order = services.submit_order(by=request.user, idempotency_key=form.cleaned_data["key"])
    except SesamError as error:
        messages.error(request, str(error))
        return redirect("orders:cart")
    return _sent(request, order)


def _sent(request, order):
    messages.success(
        request, _("Beställningen är skickad, nummer %(number)s") % {"number": order.number}
    )
    return redirect("orders:sent", number=order.number)


@require_GET
def sent(request, number):
    """The confirmation with the order number and the document dialog (ORD-7, ORD-9)."""
    try:
        order = selectors.order_detail(location_ids(request), number)
    except Order.DoesNotExist:
        raise Http404 from None
    _log_order_view(request, order, "order_sent_view")
    return render(request, "orders/sent.html", {"order": order})


def _log_order_view(request, order, action):
    """ACC-8: an order page shows its recipient's name and personnummer."""
    if order.recipient_id:
        log_view(
            request,
            order.recipient,
            action,
            order=order.number,
        )


@require_http_methods(["GET", "POST"])
def add_articles(request):
    """Ange artiklar (ORD-2): the catalogue's article search with Beställ per row."""
    draft = selectors.cart_summary(request.user)
    if draft is None:
        messages.info(request, _("Starta en ny beställning först."))
        return redirect("orders:new")
    context = _wizard(1, heading=_("Ange artiklar"), draft=draft)
    rights = selectors.cart_rights(request.user, draft)
    return search_page(request, row_action=_order_button(), extra_context=context, rights=rights)


def _order_button():
    """Beställ on each row of Ange artiklar: the line dialog, opened in #dialogs under HTMX.
    Built once per page (a template include per row cost 3 ms on 50 rows)."""
    url, label = url_maker("orders:line_dialog"), escape(_("Beställ"))

    def button(article):
        href = url(article.pk)
        return mark_safe(  # noqa: S308 — the URL holds a number, the label is escaped
            f'<a class="button" href="{href}" hx-get="{href}" hx-target="#dialogs">{label}</a>'
        )

    return button
