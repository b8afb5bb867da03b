"""The demo region's patient safety (demo-data.md "Beyond", BEY-5/9/14), made through the
services: a recall over a serial range of 40110 that hits one of Tolvan's devices and one
individual in stock at 70 (blocked from delivery until Hjälpmedel releases it); two deviation
reports of Lund, one Under utredning and one Åtgärdad."""

import datetime
import uuid

from django.utils import timezone

from inventory.demo import KEY_ARTICLES
from inventory.models import Article, Individual
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device
from safety import services
from safety.models import Deviation, Recall
from sesam.models import ServiceLocation, User

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
    deviations = _deviations(admin)
    return f"recall {recall.number} ({recall.items.count()} individuals); {deviations}"


def _deviations(admin) -> str:
    lund = ServiceLocation.objects.get(code="4101")
    users = {u.username: u for u in User.objects.filter(username__in=["audionom", "kollega"])}
    devices = Device.objects.filter(
        service_location=lund, status=Device.Status.DELIVERED, individual__isnull=False
    ).select_related("recipient", "individual", "article")
    tolvan = devices.filter(recipient__personnummer=KEY_RECIPIENTS["adult"]).order_by("pk")
    elderly = devices.filter(recipient__personnummer=KEY_RECIPIENTS["elderly"]).order_by("pk")
    fault = services.report_deviation(
        by=users["kollega"],
        service_location=lund,
        source=Deviation.Source.DEVICE,
        thing=tolvan.first(),
        kind=Deviation.Kind.PRODUCT_FAULT,
        description="Hörapparaten tystnar efter en halvtimme trots full laddning.",
        key=uuid.uuid5(NAMESPACE, "deviation-fault"),
    )
    services.move_deviation(
        by=admin,
        deviation=fault,
        to=Deviation.Status.INVESTIGATING,
        note="Skickad till leverantören för felsökning.",
    )
    device = elderly.first() or tolvan.last()
    incident = services.report_deviation(
        by=users["audionom"],
        service_location=lund,
        source=Deviation.Source.DEVICE,
        thing=device,
        kind=Deviation.Kind.INCIDENT,
        description="Batteriluckan lossnade och batteriet hamnade i hörselgången.",
        event_date=min(device.delivered_on + datetime.timedelta(days=3), timezone.localdate()),
        consequence="Batteriet togs ut på vårdcentralen; ingen skada.",
        key=uuid.uuid5(NAMESPACE, "deviation-incident"),
    )
    for to, note in [
        (Deviation.Status.INVESTIGATING, "Rapporterad till Läkemedelsverket."),
        (Deviation.Status.RESOLVED, "Leverantören byter batteriluckor i serien."),
    ]:
        services.move_deviation(by=admin, deviation=incident, to=to, note=note)
    return f"deviations {fault.number} ({fault.status}), {incident.number} ({incident.status})"
