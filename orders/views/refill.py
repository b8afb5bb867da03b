"""Lagerpåfyllnad (ORD-14, ACC-7): Skapa ny beställning → Ange artiklar → Bekräfta, for the
unit's own store. Ange artiklar is the prescribing wizard's generic step; the line dialog and
the cart show their refill variants (no source choice, quantity with − / +, delivery fixed to
the unit, Skicka beställning on the cart page)."""

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from inventory.models import Warehouse
from orders import selectors, services
from orders.forms import SubmitForm
from orders.forms.refill import RefillForm, RefillQuantityForm
from orders.models import Order, OrderLine
from sesam.exceptions import SesamError
from sesam.lib.htmx import redirect_page, render_page, wants_partial

STEPS = [_("Skapa ny beställning"), _("Ange artiklar"), _("Bekräfta")]


def _stocked_locations(request) -> list:
    """The user's service locations that hold stock (ACC-7: private clinics hold none)."""
    return [location for location in request.service_locations if not location.is_private]


@require_http_methods(["GET", "POST"])
def refill(request):
    """Step 1: Tjänsteställe (it decides where the goods go, and shows its warehouse); Nästa
    starts the refill cart. Under HTMX a changed choice returns the side panel only."""
    locations = _stocked_locations(request)
    if not locations:
        return render(request, "orders/refill_refused.html", status=403)
    shown = _chosen(request, locations)
    form = RefillForm(
        request.POST or None, locations=locations, initial={"service_location": shown.pk}
    )
    status = 200
    if request.method == "POST" and not form.is_valid():
        status = 422
    elif request.method == "POST":
        try:
            if request.POST.get("action") == "foresla":
                return _suggest(request, form.cleaned_data["service_location"])
            return _start(request, form.cleaned_data["service_location"])
        except SesamError as error:
            form.add_error(None, str(error))
            status = 409
    context = {
        "steps": STEPS,
        "step": 0,
        "form": form,
        "location": shown,
        "draft": selectors.cart_summary(request.user),
    }
    return render_page(
        request, "orders/refill.html", context, partial="refill-choices", status=status
    )


def _start(request, location):
    """Nästa: the refill cart is started for `location` (a refusal raises SesamError)."""
    services.start_refill(by=request.user, service_location=location)
    messages.success(
        request,
        _("Pågående lagerpåfyllnad till %(name)s. Sök fram artiklarna och klicka Beställ.")
        % {"name": location.name},
    )
    return redirect_page(request, "orders:add_articles")


def _suggest(request, location):
    """Föreslå påfyllnad (BEY-8): the cart filled up to the store's reorder levels."""
    added = services.suggest_refill(by=request.user, service_location=location)
    if added:
        messages.success(
            request,
            ngettext(
                "Föreslagen påfyllnad: %(n)s artikel under minsta saldo. Ändra antal eller ta "
                "bort rader innan du skickar.",
                "Föreslagen påfyllnad: %(n)s artiklar under minsta saldo. Ändra antal eller ta "
                "bort rader innan du skickar.",
                len(added),
            )
            % {"n": len(added)},
        )
        return redirect_page(request, "orders:cart")
    messages.info(
        request,
        _(
            "Inget att föreslå: inget av förrådets artiklar med beställningspunkt ligger under "
            "minsta saldo (det som redan är beställt räknas med)."
        ),
    )
    return redirect_page(request, "orders:add_articles")


def _chosen(request, locations):
    """The location shown: the one posted or asked for (?service_location=), else the active
    one when it holds stock, else the first."""
    wanted = request.POST.get("service_location") or request.GET.get("service_location")
    by_id = {str(location.pk): location for location in locations}
    active = request.service_location
    return by_id.get(wanted) or by_id.get(str(active.pk) if active else "") or locations[0]


def cart(request, draft: Order, *, status: int = 200, errors: dict | None = None):
    """Pågående lagerpåfyllnad (ORD-14): lines with Antal − / +, ×, the delivery to the unit
    (read-only) and Skicka beställning. Called by the cart view for a refill draft."""
    lines = selectors.with_available(draft.lines.all())  # as selectors.draft_for read them
    prefetch_related_objects(lines, "article__supplier")
    for line in lines:
        line.quantity_error = (errors or {}).get(line.pk, "")
    context = {
        "steps": STEPS,
        "step": 2,
        "draft": draft,
        "lines": lines,
        "shortages": selectors.shortages(draft, lines=lines),
        "has_direct": any(line.warehouse.kind == Warehouse.Kind.PURCHASING for line in lines),
        "submit_form": SubmitForm(initial={"key": draft.idempotency_key}),
    }
    return render(request, "orders/refill_cart.html", context, status=status)


@require_POST
def refill_line(request, line_id):
    """Antal on a refill line (typed, or − / +): update_line(quantity=…). Under HTMX the row
    comes back; without JavaScript the cart (422 with the message on the row when wrong)."""
    line = get_object_or_404(
        OrderLine.objects.select_related("article", "warehouse", "order"),
        pk=line_id,
        order__orderer=request.user,
        order__status=Order.Status.DRAFT,
        order__kind=Order.Kind.REFILL,
    )
    form, status, before = RefillQuantityForm(request.POST), 200, line.quantity
    if form.is_valid():
        try:
            line = services.update_line(
                by=request.user, line_id=line.pk, quantity=form.cleaned_data["quantity"]
            )
        except SesamError as error:
            form.add_error("quantity", str(error))
    if form.errors:
        status = 422
    error = " ".join(form.errors.get("quantity", []))
    if not wants_partial(request):
        if status == 200:
            return redirect("orders:cart")
        draft = selectors.draft_for(request.user)
        return cart(request, draft, status=422, errors={line.pk: error})
    line = OrderLine.objects.select_related(
        "article__supplier", "warehouse", "order__service_location"
    ).get(pk=line.pk)
    (line,) = selectors.with_available([line])
    line.quantity_error = error
    # Focus stays on the control that was used: − or + (while enabled), else the input.
    step = line.quantity - before
    focus = {-1: "minus", 1: "plus"}.get(step, "input")
    if (focus == "minus" and line.quantity <= 1) or (focus == "plus" and line.quantity >= 999):
        focus = "input"
    context = {"line": line, "draft": line.order, "focus": focus}
    return render_page(
        request, "orders/refill_cart.html", context, partial="refill_line", status=status
    )
