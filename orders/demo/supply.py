"""Lund's supply loop (issue 5's part of the demo region): refills from 70 and via 750,
purchase orders, receipts, an unreceived prescription on 750 and a cancelled order — all made
through the order services, so stock, individuals and history are what real use leaves."""

from django.test.utils import override_settings

from inventory.demo import KEY_ARTICLES
from inventory.models import Article, StockBalance
from inventory.reorder import set_reorder_level
from inventory.services import NewIndividual
from orders import services
from orders.models import Order
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Recipient
from sesam.models import ServiceLocation, User

CENTRAL = "central"
MEMORY = "django.core.mail.backends.locmem.EmailBackend"


def _email(purchase_order, *, by) -> None:
    """BEY-7: Skicka till leverantör, and the worker's sending done at once — into memory,
    since the development mail sink is not running while the demo is loaded."""
    services.request_supplier_email(by=by, purchase_order=purchase_order)
    with override_settings(MAILERS={"default": {"BACKEND": MEMORY}}):
        services.send_supplier_email(purchase_order_id=purchase_order.pk)


def seed(*, rng) -> str:
    lund = ServiceLocation.objects.get(code="4101")
    if Order.objects.filter(kind=Order.Kind.REFILL, service_location=lund).exists():
        return "supply already there"
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["audionom", "kollega", "sekreterare", "admin"])
    }
    anna, karl, sara, admin = (
        users[name] for name in ["audionom", "kollega", "sekreterare", "admin"]
    )
    article = {key: Article.objects.get(number=number) for key, number in KEY_ARTICLES.items()}
    for user in users.values():  # the demo acts as these users: start from empty carts
        services.discard_draft(by=user)

    def refill(by, lines):
        draft = services.start_refill(by=by, service_location=lund)
        for item, quantity in lines:
            services.add_line(by=by, article=item, quantity=quantity, source=CENTRAL)
        return services.submit_order(by=by, idempotency_key=draft.idempotency_key)

    # A refill from 70, delivered by Hjälpmedel (it arrives received: Lund's stock rises).
    from_central = refill(anna, [(article["domes"], 5), (article["filters"], 5)])
    services.deliver_from_central(by=admin, order=from_central)

    # A refill via 750, purchase orders sent and the goods received by a colleague.
    received = refill(sara, [(article["charger_kit"], 2), (article["hearing_aid_750_only"], 1)])
    for purchase_order in services.create_purchase_orders(by=sara, order=received):
        _email(purchase_order, by=sara)
    charger_kits, hearing_aid = received.lines.order_by("position")
    services.receive_lines(
        by=karl,
        receipts=[
            services.LineReceipt(charger_kits.pk),
            services.LineReceipt(
                hearing_aid.pk, individuals=(NewIndividual("4101301", "AV24-118842"),)
            ),
        ],
    )

    # Unreceived: a refill via 750 from three suppliers with its purchase orders (one line
    # with price 0, whose á-pris is entered at receipt, RCV-3) …
    waiting = refill(
        karl,
        [
            (article["hearing_aid_750_only"], 2),
            (article["charger_kit"], 4),
            (article["price_zero"], 2),
        ],
    )
    services.create_purchase_orders(by=karl, order=waiting)
    # … and a service purchase for a recipient, bought from the supplier (ORD-8).
    elderly = Recipient.objects.get(personnummer=KEY_RECIPIENTS["elderly"])
    draft = services.start_order(by=anna, recipient=elderly, prescriber=anna, service_location=lund)
    services.add_line(
        by=anna,
        article=article["service_repair"],
        quantity=1,
        source=CENTRAL,
        comment="Reparation av hörapparat utanför garanti: glappkontakt i batterifacket.",
    )
    repair = services.submit_order(by=anna, idempotency_key=draft.idempotency_key)
    services.create_purchase_orders(by=anna, order=repair)

    # A refill that was cancelled before Hjälpmedel started picking (SRC-4).
    cancelled = refill(anna, [(article["filters"], 3)])
    services.cancel_order(by=anna, order=cancelled)

    # BEY-8: reorder points on 4101 — domes and filters below their minimum, the charger not.
    store = lund.warehouse
    for key, over_balance in (("domes", 3), ("filters", 2), ("charger", -2)):
        have = StockBalance.objects.filter(warehouse=store, article=article[key]).first()
        minimum = max((have.quantity if have else 0) + over_balance, 0)
        set_reorder_level(
            by=admin, warehouse=store, article=article[key], minimum=minimum, refill_to=minimum + 10
        )

    return "refills, purchase orders and receipts for Lund"
