"""The security sweep's region: Lund's objects of every kind that has a detail URL, made
through the services as the pages would. Helsingborg (annan) owns nothing, so any answer
but 404 to annan for one of these keys is another location's data (ACC-4)."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activities import services as activities
from activities.tests.factories import make_activity, pickup_order
from inventory import services as stock
from inventory.models import Warehouse
from inventory.tests.factories import ArticleFactory, IndividualFactory
from orders import services
from orders.tests.factories import stocked_article
from orders.tests.supply import direct_articles, refill
from recipients import services as recipient_services
from recipients.tests.factories import DeviceFactory, RecipientFactory
from recipients.tests.factories import IndividualFactory as DeliveredFactory
from safety import services as safety
from safety.models import PickupProposal
from sesam.services import send_message


def _blank_pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer, out = PdfWriter(), BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def lund_region(
    prescriber, lund, central_warehouse, other_location_user, horsel, staff, settings, tmp_path
):
    """Lund's objects; `keys` maps a URL kwarg name to the Lund keys it can take."""
    store = Warehouse.objects.get(number=lund.code)
    tolvan = RecipientFactory(first_name="Tolvan", last_name="Tolvansson")
    hearing_aid, earmould, domes = direct_articles()
    sent = refill(prescriber, lund, hearing_aid, earmould, domes)
    (purchase_order, *_) = services.create_purchase_orders(by=prescriber, order=sent)
    # A received line (BEY-9: Reklamera leveransen on its receipt); the others stay open.
    (receipt,) = services.receive_lines(
        by=prescriber, receipts=[services.LineReceipt(sent.lines.get(article=domes).pk)]
    )
    individual = IndividualFactory(warehouse=store)
    device = DeviceFactory(recipient=tolvan, prescriber=prescriber, service_location=lund)
    stocked = stocked_article(central_warehouse, 10)
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    cart_line = services.add_line(by=prescriber, article=stocked, quantity=1, source="central")
    (message,) = send_message(to=[prescriber], subject="Till Lund", body="Hemligt")
    # Activities and pickup orders (ACT, PU), a return (RET), a supplier return and a
    # stocktake (RET-6, STK-3) of Lund, and drafts of Lund's user.
    settings.MEDIA_ROOT = tmp_path
    tolvan.phone = tolvan.phone or "070-174 06 12"
    tolvan.save(update_fields=["phone"])
    aid = DeliveredFactory()
    repaired = DeviceFactory(
        recipient=tolvan,
        article=aid.article,
        individual=aid,
        prescriber=prescriber,
        service_location=lund,
    )
    activity = make_activity(by=prescriber, recipient=tolvan, location=lund, devices=[repaired])
    attachment = activities.add_activity_attachment(
        by=staff,
        activity=activity,
        upload=SimpleUploadedFile("bilaga.pdf", _blank_pdf(), "application/pdf"),
    )
    activity_draft = activities.start_activity(
        by=prescriber,
        recipient=tolvan,
        activity_type="warranty_repair",
        service_location=lund,
        prescriber=prescriber,
    )
    returned = DeviceFactory(recipient=tolvan, prescriber=prescriber, service_location=lund)
    ret = recipient_services.return_devices(
        by=prescriber, recipient=tolvan, service_location=lund, device_ids=[returned.pk]
    )
    pickup = pickup_order(prescriber, lund)
    pickup_draft = activities.start_pickup_draft(
        by=prescriber, recipient=tolvan, service_location=lund
    )
    (to_supplier,) = stock.create_individuals(
        article=ArticleFactory(is_individual=True),
        warehouse=store,
        individuals=[stock.NewIndividual("SWEEP-1", serial_number="S-1")],
        by=staff,
    )
    supplier_return = stock.return_to_supplier(
        by=prescriber, individual=to_supplier, comment="Felbeställd"
    )
    stocktake = stock.start_stocktake(warehouse=store, by=staff)
    deviation = safety.report_deviation(
        by=prescriber, service_location=lund, source="device", thing=repaired,
        kind="incident", description="Tystnar", event_date=repaired.delivered_on,
        consequence="Ingen",
        upload=SimpleUploadedFile("bilaga.pdf", _blank_pdf(), "application/pdf"),
    )  # fmt: skip
    deceased = DeviceFactory(prescriber=prescriber, service_location=lund).recipient
    safety.import_register_events(by=staff, text=f"{deceased.personnummer};avliden;2026-11-01")
    recall = safety.create_recall(
        by=staff, article=individual.article, serials=individual.serial_number, reason="Svep"
    )
    patient_request = activities.submit_patient_request(
        recipient=tolvan, device=device, kind="repair", description="Tystnar", key=uuid.uuid4()
    )  # BEY-15: Lund's open request from the patient
    keys = {
        "pk": [individual.pk, message.pk, tolvan.pk, attachment.pk],
        "number": [
            sent.number,
            purchase_order.number,
            store.number,
            activity.number,
            pickup.number,
            ret.number,
            supplier_return.number,
        ],
        "stocktake_number": [stocktake.number],
        "recall_number": [recall.number],
        "deviation_number": [deviation.number],
        "key": [activity_draft.idempotency_key, pickup_draft.idempotency_key],
        "device_pk": [device.pk],
        "line_id": [cart_line.pk],
        # BEY-9: Avvikelse / reklamation on a sent line and on a receipt.
        "order_line_id": [sent.lines.get(article=hearing_aid).pk],
        "receipt_id": [receipt.pk],
        "article_id": [stocked.pk],
        "article_number": [stocked.number],
        # Not keys of an object but names of a part of a page: any valid one.
        "field": ["phone"],
        "name": ["telefon"],
        "code": [stocked.iso_code.code],
    }
    # Keys for one pattern only: an individual returned to its supplier is out of every store
    # and so visible region-wide (IND-D1); its supplier return is Lund's.
    route_keys = {
        # An individual's pages take only the individual's pk: the other pks of the map could
        # name an individual that annan may see region-wide (IND-D1), by chance of the sequences.
        **{
            f"inventory:{name}": {"pk": [individual.pk]}
            for name in ("individual_detail", "individual_sip", "individual_labels")
            + ("individual_change_number", "supplier_return")
        },
        "inventory:supplier_return_done": {"pk": [to_supplier.pk]},
        "inventory:supplier_return_pdf": {"pk": [to_supplier.pk]},
        "safety:deviation_attachment": {"pk": [deviation.attachments.get().pk]},
        "safety:proposal_done": {"pk": [PickupProposal.objects.get(recipient=deceased).pk]},
        **{
            f"activities:patient_request{suffix}": {"pk": [patient_request.pk]}
            for suffix in ("_activity", "_pickup", "_decline")
        },
    }
    # Objects annan may see (region-wide, IND-D1) but not change (ACC-6): an individual
    # delivered to a Lund recipient and one in the central warehouse 70.
    write_keys = {
        "pk": [aid.pk, IndividualFactory(warehouse=central_warehouse).pk],
    }
    return {
        "keys": keys,
        "route_keys": route_keys,
        "write_keys": write_keys,
        "order": sent,
        "purchase_order": purchase_order,
        "recipient": tolvan,
        "individual": individual,
        "device": device,
        "cart_line": cart_line,
        "article": stocked,
    }
