"""BEY-3 in the demo region: warehouse 70 holds a returned individual of 40110 (Hörapparat
Aria 5 RIC laddbar, silver), delivered into the region two years ago, which Hjälpmedel has
marked "Klar för återanvändning": a central prescription of 40110 is offered it first."""

import datetime

from django.utils import timezone

from inventory import services as stock
from inventory.demo import KEY_ARTICLES, KEY_INDIVIDUALS
from inventory.models import Article, Individual, StockMovement, Warehouse
from sesam.models import User

AGE_DAYS = 2 * 365 + 40
SERIAL = "RF24001"


def seed(*, rng) -> str:
    number = KEY_INDIVIDUALS["refurbished"]
    if Individual.objects.filter(number=number).exists():
        return "refurbished individual already there"
    admin = User.objects.get(username="admin")
    central = Warehouse.objects.get(kind=Warehouse.Kind.CENTRAL)
    aria = Article.objects.get(number=KEY_ARTICLES["hearing_aid_central"])
    # A serial outside the supplier's series (and of another length): the demo recall
    # (safety) picks its range among 40110's serials and must not come to hold this one.
    (individual,) = stock.create_individuals(
        article=aria,
        warehouse=central,
        individuals=[
            stock.NewIndividual(
                number=number,
                serial_number=SERIAL,
                purchase_date=timezone.localdate() - datetime.timedelta(days=AGE_DAYS),
                text_info="Återlämnad, rengjord och kontrollerad av Hjälpmedel.",
            )
        ],
        by=admin,
        reason=StockMovement.Reason.RETURN,
        reference="demo",
    )
    stock.mark_refurbished(individual_ids=[individual.pk], by=admin)
    return f"{number} of {aria.number} in 70, Klar för återanvändning"
