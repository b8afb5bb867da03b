"""The demo region's patient safety (demo-data.md "Beyond", BEY-5/9/14), made through the
services: a recall over a serial range of 40110 that hits one of Tolvan's devices and one
individual in stock at 70 (blocked from delivery until Hjälpmedel releases it)."""

import uuid

from inventory.demo import KEY_ARTICLES
from inventory.models import Article, Individual
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device
from safety import services
from safety.models import Recall
from sesam.models import User

NAMESPACE = uuid.UUID("5e5a0000-0000-4000-8000-000000000022")
RECALL_REASON = "Laddkontakten kan glappa så att hörapparaten inte laddas (tillverkarens FSN)."


def _recall_range(article) -> str:
    """The narrowest range of serials that holds one of Tolvan's devices of 40110 and one
    individual in stock at 70 and nothing else: two neighbours in serial order."""
    tolvan = set(
        Device.objects.filter(
            recipient__personnummer=KEY_RECIPIENTS["adult"],
            article=article,
            status=Device.Status.DELIVERED,
        ).values_list("individual_id", flat=True)
    )
    ordered = list(
        Individual.objects.filter(article=article)
        .exclude(serial_number="")
        .order_by("serial_number")
        .values_list("pk", "serial_number", "status", "warehouse__number")
    )
    for (pk_a, serial_a, *place_a), (pk_b, serial_b, *place_b) in zip(
        ordered, ordered[1:], strict=False
    ):
        pair = {pk_a: place_a, pk_b: place_b}
        hits_tolvan = tolvan & pair.keys()
        in_70 = [pk for pk, (status, wh) in pair.items() if status == "in_stock" and wh == "70"]
        if hits_tolvan and in_70 and len(serial_a) == len(serial_b):
            return f"{serial_a}-{serial_b}"
    raise LookupError("no neighbouring pair of Tolvan's 40110 and one in 70")


def seed(*, rng) -> str:
    key = uuid.uuid5(NAMESPACE, "recall-40110")
    if Recall.objects.filter(key=key).exists():
        return "safety already there"
    admin = User.objects.get(username="admin")
    article = Article.objects.get(number=KEY_ARTICLES["hearing_aid_central"])
    recall = services.create_recall(
        by=admin, article=article, serials=_recall_range(article), reason=RECALL_REASON, key=key
    )
    return f"recall {recall.number} ({recall.items.count()} individuals)"
