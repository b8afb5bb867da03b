"""The demo region's activities for Lund (demo-data.md): every type and every status, one for
Tolvan on his delivered hearing aid, BARN ones for the child, technicians' comments — all made
through the services, acting as the demo users."""

from activities import services
from activities.models import Activity
from inventory.demo import KEY_ARTICLES
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device, Recipient
from sesam.models import ServiceLocation, User

S = Activity.Status


def seed(*, rng) -> str:
    if Activity.objects.exclude(status=S.DRAFT).exists():
        return "activities already there"
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["audionom", "sekreterare", "kollega", "admin"])
    }
    anna, sara, admin = users["audionom"], users["sekreterare"], users["admin"]
    lund = ServiceLocation.objects.get(code="4101")
    who = {
        key: Recipient.objects.get(personnummer=number) for key, number in KEY_RECIPIENTS.items()
    }

    def device(key, article_key=None):
        devices = Device.objects.filter(
            recipient=who[key], status=Device.Status.DELIVERED
        ).order_by("pk")
        if article_key:
            devices = devices.filter(article__number=KEY_ARTICLES[article_key])
        return devices.first()

    def create(by, key, activity_type, product, devices, text, *, prescriber=None):
        draft = services.start_activity(
            by=by,
            recipient=who[key],
            activity_type=activity_type,
            service_location=lund,
            prescriber=prescriber or by,
        )
        k = draft.idempotency_key
        services.set_activity_devices(
            by=by, key=k, service_product=product, device_ids=[d.pk for d in devices if d]
        )
        services.set_requested_action(by=by, key=k, text=text)
        address = "\n".join(lund.address_lines) if draft.needs_devices else ""
        services.set_activity_address(
            by=by, key=k, address=address, contact=f"{by.full_name}, {lund.phone}".strip(", ")
        )
        return services.create_activity(by=by, key=k)

    def move(activity, *steps, comment=""):
        for step in steps:
            activity = services.move_activity(by=admin, activity=activity, to=step)
        if comment:
            services.add_activity_comment(by=admin, activity=activity, text=comment)
        return activity

    # Tolvan: a warranty repair of his hearing aid, started, with a technician's comment.
    tolvan = create(
        anna,
        "adult",
        Activity.Type.WARRANTY_REPAIR,
        "warranty_region",
        [device("adult", "hearing_aid_central")],
        "Hörapparaten tystnar efter några minuter. Batteriet laddar som det ska.",
    )
    move(
        tolvan,
        S.PLANNED,
        S.STARTED,
        comment="Skickad till leverantören för felsökning. Beräknad åter om två veckor.",
    )
    # Tolvan: an application outside the assortment, assigned (no device, no address).
    create(
        anna,
        "adult",
        Activity.Type.OUTSIDE_ASSORTMENT,
        "outside_assortment",
        [],
        "Leverantör: Hörteknik AB. Art.nr HT-900, Samtalsförstärkare HT 900. CE-märkt enligt "
        "MDR: ja. Behov: kan inte använda telefon med ordinarie sortiment. Provat: två "
        "telefonförstärkare i sortimentet utan tillräcklig effekt.",
    )
    # The child: a repair of an installed device (BARN), planned; a dismantling, closed.
    child_device = device("child")
    repair = create(
        sara,
        "child",
        Activity.Type.INSTALLED_REPAIR_CHILD,
        "installed_repair_child",
        [child_device],
        "Slingan i klassrummet brummar. Kontakt: Elsas pappa, 070-174 06 23.",
        prescriber=anna,
    )
    move(repair, S.PLANNED, comment="Tekniker bokad till skolan nästa tisdag kl 09.")
    dismantle = create(
        anna,
        "child",
        Activity.Type.HEARING_SERVICES,
        "dismantling_child",
        [child_device],
        "Familjen flyttar: montera ner slingsystemet i hemmet.",
    )
    move(dismantle, S.STARTED)
    services.report_back_activity(
        by=admin,
        activity=dismantle,
        performed_action="Nedmonterat och hämtat till lager 70.",
        close=True,
    )
    # The elderly recipient: an installation of the FM system, assigned.
    create(
        anna,
        "elderly",
        Activity.Type.HEARING_SERVICES,
        "installation",
        [device("elderly", "fm_system")],
        "Installera FM-systemet i lägenheten. Patienten är hemma vardagar efter kl 10.",
    )
    return f"{Activity.objects.exclude(status=S.DRAFT).count()} activities"
