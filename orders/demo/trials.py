"""BEY-2 in the demo region: Tolvan has a hearing aid on trial (Leverans på prov) from 70
whose end falls within the coming 7 days, and audionom has the nightly job's reminder."""

import datetime

from django.utils import timezone

from inventory.demo import KEY_ARTICLES
from inventory.models import Article, StockBalance, Warehouse
from orders import services
from orders.models import OrderLine
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device, Recipient
from recipients.trials import remind_trials
from sesam.models import ServiceLocation, User

TRIAL_DAYS_LEFT = 5


def seed(*, rng) -> str:
    tolvan = Recipient.objects.get(personnummer=KEY_RECIPIENTS["adult"])
    if Device.objects.filter(recipient=tolvan, trial_until__isnull=False).exists():
        return "trial already there"
    anna, admin = User.objects.get(username="audionom"), User.objects.get(username="admin")
    aria = Article.objects.get(number=KEY_ARTICLES["hearing_aid_central"])
    stocked = StockBalance.objects.filter(
        warehouse__kind=Warehouse.Kind.CENTRAL,
        article__replacement_group=aria.replacement_group,
        article__is_individual=True,
        quantity__gt=0,
    ).exclude(article=aria)
    balance = stocked.select_related("article").order_by("-quantity", "article__number").first()
    if balance is None:
        return "no hearing aid at 70 to lend on trial"
    services.discard_draft(by=anna)
    draft = services.start_order(
        by=anna,
        recipient=tolvan,
        prescriber=anna,
        service_location=ServiceLocation.objects.get(code="4101"),
    )
    services.add_line(by=anna, article=balance.article, quantity=1, source=OrderLine.Source.CENTRAL)
    services.set_delivery(
        by=anna,
        method="to_unit",
        address="\n".join(draft.service_location.address_lines),
        contact="Anna Audionom",
        consolidated=False,
        trial_until=timezone.localdate() + datetime.timedelta(days=TRIAL_DAYS_LEFT),
    )
    order = services.submit_order(by=anna, idempotency_key=draft.idempotency_key)
    services.deliver_from_central(by=admin, order=order)
    return f"a trial loan of {balance.article.number} ({remind_trials()} reminders)"
