"""BEY-7: a purchase order e-mailed to its supplier as a PDF. Skicka till leverantör queues
the sending (compare-and-set: a double click or two users queue it once); a task sends it
through Django's e-mail API outside the request, retrying a refused connection with back-off
and recording the outcome on the purchase order and in the order's history."""

import datetime
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.exceptions import OrderRefused
from orders.models import OrderEvent, PurchaseOrder
from orders.services.common import require_location
from sesam.models import User

MAX_ATTEMPTS = 4
# The wait before attempt n + 1 is BACKOFF × 2 ** (n - 1): 1, 2 and 4 minutes.
BACKOFF = datetime.timedelta(minutes=1)
Sending = PurchaseOrder.Sending


def request_supplier_email(*, by: User, purchase_order: PurchaseOrder) -> PurchaseOrder:
    """Skicka till leverantör (or Försök igen after a failure): queues the e-mail once."""
    supplier = purchase_order.supplier
    require_location(by, purchase_order.order.service_location)
    if not supplier.order_email:
        raise OrderRefused(
            _(
                "%(supplier)s har ingen e-postadress för inköpsordrar. Skapa pdf och skicka den "
                "själv, eller be Hjälpmedel lägga in adressen."
            )
            % {"supplier": supplier.name}
        )
    allowed = [old for old, moves in PurchaseOrder.SENDING_MOVES.items() if Sending.QUEUED in moves]
    with transaction.atomic():
        queued = PurchaseOrder.objects.filter(pk=purchase_order.pk, sending__in=allowed).update(
            sending=Sending.QUEUED,
            send_to=supplier.order_email,
            send_by=by,
            send_requested_at=timezone.now(),
            send_attempts=0,
            send_error="",
        )
        purchase_order.refresh_from_db()
        if not queued:
            raise OrderRefused(
                _("Inköpsorder %(number)s är redan %(state)s.")
                % {
                    "number": purchase_order.number,
                    "state": purchase_order.get_sending_display().lower(),
                }
            )
        _record(
            purchase_order.order,
            None,
            "",
            Sending.QUEUED,
            by,
            note=_("Inköpsorder %(number)s ska e-postas till %(to)s")
            % {"number": purchase_order.number, "to": supplier.order_email},
        )
        transaction.on_commit(lambda: _enqueue(purchase_order.pk))
    return purchase_order


def _record(order, line, old: str, new: str, by, note: str = "") -> None:
    """The order's history row of a move of its purchase order's sending (BEY-7). The order's
    own status does not move, so Order.TRANSITIONS (record_event) is not the rule here:
    PurchaseOrder.SENDING_MOVES is, read by the compare-and-set above."""
    OrderEvent.objects.create(
        order=order, line=line, from_status=old, to_status=new, by=by, note=note
    )


def _enqueue(purchase_order_id: int, *, attempt: int = 1) -> None:
    from orders.tasks import email_purchase_order

    task = email_purchase_order
    if attempt > 1:
        task = task.using(run_after=timezone.now() + BACKOFF * 2 ** (attempt - 2))
    task.enqueue(purchase_order_id)


def send_supplier_email(*, purchase_order_id: int) -> str:
    """The task's work: sends a queued purchase order once. The row stays locked while the
    mail goes out, so a second worker on the same purchase order waits and then finds it sent
    (idempotent). Returns the sending state it left."""
    from orders.selectors import purchase_order_document
    from sesam.lib.pdf import render_pdf_bytes  # WeasyPrint is heavy to import

    with transaction.atomic():
        po = (
            PurchaseOrder.objects.select_for_update(of=("self",))
            .select_related(
                "supplier",
                "order__orderer",
                "order__service_location",
                "created_by",
                "send_by",
            )
            .get(pk=purchase_order_id)
        )
        if po.sending != Sending.QUEUED:
            return po.sending
        context = purchase_order_document(po)
        pdf = render_pdf_bytes("orders/pdf/purchase_order.html", context)
        message = EmailMessage(
            subject=_("Inköpsorder %(number)s från Region Skåne") % {"number": po.number},
            body=_(
                "Hej!\n\nBifogat finns inköpsorder %(number)s (beställning %(order)s). "
                "Frågor om ordern besvaras av %(by)s.\n\nRegion Skåne, Hjälpmedel"
            )
            % {"number": po.number, "order": po.order.number, "by": po.send_by.contact_line},
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[po.send_to],
        )
        message.attach(f"inkopsorder-{po.number}.pdf", pdf, "application/pdf")
        try:
            message.send()
        except (OSError, smtplib.SMTPException) as error:
            return _failed(po, error)
        po.sending, po.sent_at = Sending.SENT, timezone.now()
        po.send_attempts += 1
        po.save(update_fields=["sending", "sent_at", "send_attempts"])
        _record(
            po.order,
            None,
            Sending.QUEUED,
            Sending.SENT,
            po.send_by,
            note=_("Inköpsorder %(number)s e-postad till %(to)s")
            % {"number": po.number, "to": po.send_to},
        )
        return po.sending


def _failed(po: PurchaseOrder, error: Exception) -> str:
    po.send_attempts += 1
    po.send_error = (str(error) or error.__class__.__name__)[:300]
    if po.send_attempts < MAX_ATTEMPTS:
        po.save(update_fields=["send_attempts", "send_error"])
        attempt = po.send_attempts + 1
        transaction.on_commit(lambda: _enqueue(po.pk, attempt=attempt))
        return po.sending
    po.sending = Sending.FAILED
    po.save(update_fields=["sending", "send_attempts", "send_error"])
    _record(
        po.order,
        None,
        Sending.QUEUED,
        Sending.FAILED,
        po.send_by,
        note=_("Inköpsorder %(number)s kunde inte e-postas: %(error)s")
        % {"number": po.number, "error": po.send_error},
    )
    return po.sending
