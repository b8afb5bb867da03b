"""Recipients' devices and open orders (issue 4's part of the demo region)."""

import datetime

from django.utils import timezone

from inventory.demo import KEY_ARTICLES
from inventory.models import Article, Individual
from orders import services
from orders.models import Order, OrderLine
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Recipient
from sesam.models import ServiceLocation, User

CENTRAL, OWN = OrderLine.Source.CENTRAL, OrderLine.Source.OWN_STORE


def seed(*, rng) -> str:
    if (
        Order.objects.filter(recipient__personnummer=KEY_RECIPIENTS["adult"])
        .exclude(status=Order.Status.DRAFT)
        .exists()
    ):
        return "prescriptions already there"
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["audionom", "kollega", "sekreterare", "admin"])
    }
    lund = ServiceLocation.objects.get(code="4101")
    for user in users.values():  # the demo acts as these users: start from empty carts
        services.discard_draft(by=user)
    article = {key: Article.objects.get(number=number) for key, number in KEY_ARTICLES.items()}
    who = {
        key: Recipient.objects.get(personnummer=number) for key, number in KEY_RECIPIENTS.items()
    }

    def prescribe(by, recipient, lines, *, prescriber=None):
        draft = services.start_order(
            by=by, recipient=recipient, prescriber=prescriber or by, service_location=lund
        )
        for item, quantity, source, *rest in lines:
            individual = rest[0] if rest else None
            services.add_line(
                by=by,
                article=item,
                quantity=quantity,
                source=source,
                individual=individual,
                comment="Binaural utprovning" if quantity == 2 else "",
            )
        return services.submit_order(by=by, idempotency_key=draft.idempotency_key)

    anna, karl, sara, admin = (
        users["audionom"],
        users["kollega"],
        users["sekreterare"],
        users["admin"],
    )
    # Tolvan: a pair of hearing aids and a charger from 70, delivered by Hjälpmedel …
    pair = prescribe(
        anna,
        who["adult"],
        [(article["hearing_aid_central"], 2, CENTRAL), (article["charger"], 1, CENTRAL)],
    )
    services.deliver_from_central(by=admin, order=pair)
    # … domes from the clinic's own store, and an open order of a hearing aid bought via 750.
    prescribe(anna, who["adult"], [(article["domes"], 1, OWN)])
    prescribe(karl, who["adult"], [(article["hearing_aid_750_only"], 1, CENTRAL)])
    # The child: an individual from Lund's own store, registered by the secretary for Anna.
    # (4101003: not one of KEY_INDIVIDUALS, which browser tests expect in their stores)
    individual = Individual.objects.get(number="4101003")
    prescribe(sara, who["child"], [(individual.article, 1, OWN, individual)], prescriber=anna)
    # The elderly patient: several devices delivered, one still ordered.
    elderly = prescribe(
        anna,
        who["elderly"],
        [
            (article["bone_anchored"], 1, CENTRAL),
            (article["fm_system"], 1, CENTRAL),
            (article["hearing_loop"], 1, CENTRAL),
        ],
    )
    services.deliver_from_central(by=admin, order=elderly)
    # BEY-4: the elderly patient's radio system came into the region six years ago (a device
    # handed on from an earlier loan): its warranty has run out.
    Individual.objects.filter(
        devices__recipient=who["elderly"], article=article["fm_system"]
    ).update(purchase_date=timezone.localdate() - datetime.timedelta(days=6 * 365))
    prescribe(sara, who["elderly"], [(article["adult_fee_accessory"], 1, CENTRAL)], prescriber=karl)
    # Protected identity: delivered to the unit.
    protected = prescribe(karl, who["protected"], [(article["hearing_aid_central"], 1, CENTRAL)])
    services.deliver_from_central(by=admin, order=protected)
    # From another region: an open order (the payment commitment is on the recipient).
    prescribe(anna, who["out_of_region"], [(article["hearing_aid_central"], 1, CENTRAL)])
    return f"{Order.objects.exclude(status=Order.Status.DRAFT).count()} orders"
