"""The order page (SRC-3) and what its Registrera/skapa menu does: Skapa inköpsorder with the
purchase order PDFs (ORD-8, DOC-2) and Makulera beställning (SRC-4)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orders import extensions, selectors, services
from orders.models import Order, PurchaseOrder
from sesam.exceptions import SesamError
from sesam.lib.access import log_view
from sesam.lib.htmx import redirect_page, render_page, wants_partial
from sesam.lib.scoping import get_scoped_or_404, location_ids

# Where Skapa inköpsorder returns to: the confirmation after sending, or the order page.
BACK = {"skickad": "orders:sent", "detalj": "orders:detail"}


def _order_or_404(request, number) -> Order:
    try:
        return selectors.order_detail(location_ids(request), number)
    except Order.DoesNotExist:
        raise Http404 from None


@require_GET
def detail(request, number):
    """SRC-3: the order in collapsible sections (head, lines with their receipts, delivery,
    purchase orders with Skapa pdf, history) and the Registrera/skapa menu."""
    return _detail_page(request, _order_or_404(request, number))


def _detail_page(request, order, *, status=200, error=""):
    if order.recipient_id:  # the head names the recipient (ACC-8)
        log_view(
            request,
            order.recipient,
            "order_detail",
            order=order.number,
        )
    extensions.attach_links(request, order.lines.all())  # e.g. Avvikelse / reklamation (BEY-9)
    context = {
        "order": order,
        "line_links": bool(extensions.LINE_LINKS),
        "history": selectors.order_history(order),
        "can_cancel": not services.cancel_refusal(order),
        "error": error,
    }
    return render(request, "orders/detail.html", context, status=status)


@require_POST
def create_purchase_orders(request, number):
    """ORD-8: Skapa inköpsorder — one purchase order per supplier; a second post (double
    click, retry) creates nothing new. Back to where the button was (PRG)."""
    order = _order_or_404(request, number)
    before = {po.pk for po in order.purchase_orders.all()}
    try:
        created = services.create_purchase_orders(by=request.user, order=order)
    except SesamError as error:
        return _detail_page(request, order, status=409, error=str(error))
    new = [po for po in created if po.pk not in before]
    if new:
        names = ", ".join(f"{po.number} ({po.supplier.name})" for po in new)
        messages.success(
            request,
            _(
                "Inköpsorder skapad: %(names)s. Skapa pdf och skicka inköpet till leverantören "
                "via brev eller e-post!"
            )
            % {"names": names},
        )
    else:
        messages.info(request, _("Inköpsordrarna är redan skapade."))
    back = BACK.get(request.POST.get("tillbaka", ""), "orders:detail")
    return redirect_page(request, back, number=order.number)


@require_GET
def purchase_order_pdf(request, number):
    """DOC-2: the purchase order as a PDF (new tab): numbers with barcode, supplier and its
    address, delivery address, lines with the supplier's numbers, comments, orderer contact."""
    from sesam.lib.pdf import pdf_response  # WeasyPrint is heavy to import

    purchase_order = get_scoped_or_404(
        PurchaseOrder.objects.select_related(
            "supplier", "order", "order__orderer", "order__service_location", "created_by"
        ),
        request,
        field="order__service_location",
        number=number,
    )
    return pdf_response(
        "orders/pdf/purchase_order.html",
        selectors.purchase_order_document(purchase_order),
        filename=f"Inköpsorder {purchase_order.number}",
    )


@require_POST
def send_purchase_order(request, number):
    """BEY-7: Skicka till leverantör (or Försök igen) queues the e-mail; a worker sends it.
    A double click or a second user queues it once. Back to where the button was."""
    purchase_order = get_scoped_or_404(
        PurchaseOrder.objects.select_related("supplier", "order__service_location"),
        request,
        field="order__service_location",
        number=number,
    )
    try:
        services.request_supplier_email(by=request.user, purchase_order=purchase_order)
    except SesamError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Inköpsorder %(number)s skickas till %(to)s.")
            % {"number": purchase_order.number, "to": purchase_order.send_to},
        )
    back = BACK.get(request.POST.get("tillbaka", ""), "orders:detail")
    return redirect_page(request, back, number=purchase_order.order.number)


@require_http_methods(["GET", "POST"])
def cancel(request, number):
    """SRC-4: Makulera beställning. GET asks for confirmation (a dialog under HTMX, a page
    without JavaScript); POST `Ja, makulera` cancels through the service. A second post of an
    order already cancelled just returns to it."""
    order = _order_or_404(request, number)
    if request.method == "POST":
        if order.status == Order.Status.CANCELLED:
            messages.info(request, _("Beställningen är redan makulerad."))
            return redirect_page(request, "orders:detail", number=order.number)
        try:
            services.cancel_order(by=request.user, order=order)
        except SesamError as error:
            context = {"order": order, "refusal": str(error), "dialog": False}
            return render(request, "orders/cancel.html", context, status=409)
        messages.success(
            request, _("Beställning %(number)s är makulerad.") % {"number": order.number}
        )
        return redirect_page(request, "orders:detail", number=order.number)
    refusal = services.cancel_refusal(order)
    context = {"order": order, "refusal": refusal, "dialog": wants_partial(request)}
    return render_page(
        request,
        "orders/cancel.html",
        context,
        partial="cancel-dialog",
        status=409 if refusal else 200,
    )
