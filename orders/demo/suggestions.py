"""BEY-12 in the demo region: Helsingborg's past prescriptions in which a hearing aid of 40110's
replacement group (Aria 5 RIC laddbar) came with its charger, often enough (3 orders, with
Tolvan's own 4) that the charger is suggested when 40110 is put in a cart."""

from inventory.demo import KEY_ARTICLES
from inventory.models import Article
from orders import services
from orders.models import Order, OrderLine
from recipients.models import Recipient
from sesam.models import ServiceLocation, User

# Skatteverket's test numbers (shared/data), patients of Helsingborg
HISTORY = [
    ("196308142782", "Karin", "Holm"),
    ("196707182991", "Sven", "Strand"),
    ("195810033356", "Gun", "Ek"),
]


def seed(*, rng) -> str:
    if Order.objects.filter(recipient__personnummer=HISTORY[0][0]).exists():
        return "suggestion history already there"
    alva = User.objects.get(username="annan")
    helsingborg = ServiceLocation.objects.get(code="4103")
    aria = Article.objects.get(number=KEY_ARTICLES["hearing_aid_central"])
    charger = Article.objects.get(number=KEY_ARTICLES["charger"])
    group = Article.objects.filter(replacement_group=aria.replacement_group).exclude(pk=aria.pk)
    aids = list(group.order_by("number")[: len(HISTORY)]) or [aria]
    services.discard_draft(by=alva)
    for index, (personnummer, first, last) in enumerate(HISTORY):
        recipient, _ = Recipient.objects.get_or_create(
            personnummer=personnummer,
            defaults={
                "first_name": first,
                "last_name": last,
                "street": f"Drottninggatan {10 + index}",
                "postal_code": "252 21",
                "city": "Helsingborg",
                "phone": f"042-406 10 {40 + index}",
            },
        )
        draft = services.start_order(
            by=alva, recipient=recipient, prescriber=alva, service_location=helsingborg
        )
        for article in (aids[index % len(aids)], charger):
            services.add_line(by=alva, article=article, quantity=1, source=OrderLine.Source.CENTRAL)
        services.submit_order(by=alva, idempotency_key=draft.idempotency_key)
    return f"{len(HISTORY)} orders of hearing aid and charger (BEY-12)"
