"""What the bench's pages need: the newest scale (or demo) objects of the bench user's
locations, and a cart with one line so that every wizard step has something to show."""

import functools
from urllib.parse import urlencode

from django.urls import reverse

from inventory.models import Article
from orders import services
from orders.models import Order, PurchaseOrder
from recipients.models import Recipient


@functools.cache
def bench_objects(user):
    locations = [m.service_location for m in user.memberships.select_related("service_location")]
    location = next(m.service_location for m in user.memberships.all() if m.is_default)
    article = Article.objects.filter(number__startswith="S").order_by("number").first()
    article = article or Article.objects.order_by("number").first()
    order = (
        Order.objects.filter(service_location__in=locations, recipient__isnull=False)
        .exclude(number=None)
        .order_by("-sent_at")
        .first()
    )
    recipient = order.recipient if order else Recipient.objects.order_by("pk").first()
    services.discard_draft(by=user)
    services.start_order(by=user, recipient=recipient, prescriber=user, service_location=location)
    for candidate in Article.objects.filter(number__in=["50140", "50150", "50130"]):
        try:
            services.add_line(by=user, article=candidate, quantity=1, source="central")
            break
        except Exception:  # not orderable from central in this data: try the next
            continue
    return {
        "terms": " ".join(article.name.split()[:2]),
        "article_number": article.number,
        "article_pk": article.pk,
        "recipient_pk": recipient.pk,
        "order_number": order.number,
        "location": location,
    }


def pdf_urls(user, client):
    """(label, url) of the one-page documents: Låneförbindelse (for the bench recipient's
    devices, at most three) and the purchase order."""
    from recipients.forms import LoanAgreementForm
    from recipients.selectors import document_devices

    recipient = Recipient.objects.get(pk=bench_objects(user)["recipient_pk"])
    devices = list(document_devices(user=user, recipient=recipient))[:3]
    query = {
        "typ": LoanAgreementForm.type_for(is_adult=recipient.is_adult),
        "hjalpmedel": [d.pk for d in devices],
    }
    loan = reverse("recipients:loan_agreement_pdf", args=[recipient.pk])
    locations = [m.service_location_id for m in user.memberships.all()]
    po = PurchaseOrder.objects.filter(order__service_location__in=locations).order_by("pk").first()
    return [
        ("Låneförbindelse", f"{loan}?{urlencode(query, doseq=True)}" if devices else None),
        ("Inköpsorder", reverse("orders:purchase_order_pdf", args=[po.number]) if po else None),
    ]
