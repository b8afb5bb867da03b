"""Återanvänd individ (BEY-3): a refurbished individual from 70 joins the cart as a central
line of its own article, reserved for that line at once."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from inventory.models import Individual
from orders.exceptions import OrderRefused
from orders.models import RESERVING_STATUSES, Order, OrderLine
from orders.reuse import offerable
from orders.services.cart import check_one_source, check_rights, lock_draft, patient_fee
from sesam.models import User


def _taken(individual: Individual) -> OrderRefused:
    return OrderRefused(
        _(
            "Individ %(number)s är redan vald i en annan beställning. Välj en annan individ "
            "eller beställ en ny."
        )
        % {"number": individual.number}
    )


def add_reused_line(*, by: User, individual_id: int, comment: str = "") -> OrderLine:
    """BEY-3: the individual offered in the line dialog becomes a line of the user's cart
    (its own article, quantity 1, from 70). Locks the draft, then the individual (ORD-D10),
    so that of two carts taking one individual at once the second waits and is refused;
    the partial unique index `orders_orderline_reuse_reserved_once` backs it. The
    reservation ends when the line is removed, the cart emptied or the order cancelled."""
    with transaction.atomic():
        draft = lock_draft(by)
        if draft is None:
            raise OrderRefused(_("Starta en ny beställning först (Beställning → Ny beställning)."))
        if draft.kind != Order.Kind.PRESCRIPTION or draft.recipient_id is None:
            raise OrderRefused(_("En återanvänd individ förskrivs till en mottagare."))
        check_one_source(draft, OrderLine.Source.CENTRAL)
        individual = (
            Individual.objects.select_for_update(of=("self",))
            .select_related("article", "warehouse")
            .filter(pk=individual_id)
            .first()
        )
        if individual is None:
            raise OrderRefused(_("Individen finns inte."))
        if not offerable().filter(pk=individual.pk).exists():
            if OrderLine.objects.filter(
                individual=individual, reused=True, status__in=RESERVING_STATUSES
            ).exists():
                raise _taken(individual)
            raise OrderRefused(
                _("Individ %(number)s är inte längre klar för återanvändning i lager 70.")
                % {"number": individual.number}
            )
        check_rights(draft, [individual.article])
        position = (draft.lines.aggregate(m=Max("position"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                return OrderLine.objects.create(
                    order=draft,
                    position=position,
                    article=individual.article,
                    quantity=1,
                    source=OrderLine.Source.CENTRAL,
                    warehouse=individual.warehouse,
                    comment=comment.strip(),
                    individual=individual,
                    reused=True,
                    patient_fee=patient_fee(draft, individual.article),
                )
        except IntegrityError:  # reserved by a line the lock did not see (never expected)
            raise _taken(individual) from None
