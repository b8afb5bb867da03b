"""REC-5 and ACC-8 in admin, swept over every registered admin (`admin.site._registry`), so that
an admin added later is covered without editing this file:

- no lookup, filter or search reaches a protected field (address, phone …) from any model,
  through any relation (the address could be rebuilt letter by letter with `street__startswith`);
- every admin page that shows a recipient (their personnummer or name) writes an access-log
  row for that recipient."""

import datetime
import re
from collections import deque

import pytest
from django.contrib import admin
from django.db import connection
from django.db.models import ForeignObjectRel
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity
from billing import services as billing
from billing.tests import factories as billing_factories
from inventory import services as stock
from inventory.models import Warehouse
from inventory.tests.factories import IndividualFactory
from orders.tests.supply import direct_articles, prescription
from recipients.models import Recipient
from recipients.tests.factories import DeviceFactory, RecipientFactory
from sesam.lib import personnummer
from sesam.lib.admin import PROTECTED_FIELDS, protected_field_in, recipient_paths_of
from sesam.models import AccessLog
from sesam.services import send_message
from tests.security.admin_walk import changelist_url, object_urls, objects_of, registered

# Reading the access log is the audit itself: it shows personnummer and writes no rows.
NOT_LOGGED = {"sesam.accesslog"}
ADDRESS_LIKE = re.compile(r"address|street|postal|city|phone|contact|care_of|zip")


def _protected_paths(model, depth=3):
    """Every lookup path from `model` to a protected field, through forward and reverse
    relations (`recipient__street`, `devices__recipient__city`, `street` …)."""
    queue, paths = deque([(model, "", 0)]), []
    while queue:
        current, prefix, level = queue.popleft()
        for name in PROTECTED_FIELDS.get(current._meta.label_lower, ()):
            paths.append(f"{prefix}{name}")
        if level == depth:
            continue
        for field in current._meta.get_fields():
            if not field.is_relation or field.related_model is None:
                continue
            if isinstance(field, ForeignObjectRel) and field.hidden:
                continue  # related_name="+": no lookup reaches back through it
            queue.append((field.related_model, f"{prefix}{field.name}__", level + 1))
    return paths


class _Request:
    def __init__(self, user):
        self.user, self.GET = user, {}


def test_rec_5_no_admin_allows_a_lookup_on_a_protected_field(staff):
    allowed, checked = [], 0
    for model, model_admin in registered():
        for path in _protected_paths(model):
            for lookup in (path, f"{path}__startswith", f"{path}__iexact"):
                checked += 1
                if model_admin.lookup_allowed(lookup, "K", _Request(staff)):
                    allowed.append(f"{model._meta.label}: {lookup}")
    assert checked > 100 and not allowed, "\n".join(allowed[:50])


def test_rec_5_a_url_filter_on_the_address_is_refused_and_lists_nobody(client_as, staff):
    protected = RecipientFactory(protected_identity=True, street="Kungsgatan 3", city="Lund")
    DeviceFactory(recipient=protected)
    client, answered = client_as(staff), []
    for model, _model_admin in registered():
        for path in _protected_paths(model, depth=2):
            response = client.get(changelist_url(model), {f"{path}__startswith": "K"})
            answered.append(response.status_code)
            assert response.status_code == 400, f"{model._meta.label} {path}: {answered[-1]}"
            assert protected.personnummer not in response.text
    assert len(answered) > 20


def test_rec_5_no_admin_searches_or_filters_on_a_protected_field():
    found = []
    for model, model_admin in registered():
        fields = list(model_admin.search_fields or []) + [
            item[0] if isinstance(item, tuple | list) else item
            for item in model_admin.list_filter or []
            if isinstance(item, str | tuple | list)
        ]
        found += [f"{model._meta.label}: {f}" for f in fields if protected_field_in(model, f)]
    assert not found, found


def test_rec_5_every_address_like_field_of_recipient_data_is_protected():
    """A new address or phone field on a model that reaches a recipient must be named in
    PROTECTED_FIELDS (sesam/lib/admin.py), or admin would filter on it."""
    from django.apps import apps

    missing = []
    for model in apps.get_models():
        if not recipient_paths_of(model):
            continue
        protected = PROTECTED_FIELDS.get(model._meta.label_lower, set())
        for field in model._meta.concrete_fields:
            if ADDRESS_LIKE.search(field.name) and field.name not in protected:
                missing.append(f"{model._meta.label_lower}.{field.name}")
    assert not missing, missing


def test_rec_5_a_search_term_is_never_matched_against_the_address(client_as, staff):
    RecipientFactory(street="Sökgatan 1", first_name="Ada", last_name="Adler")
    page = client_as(staff).get(changelist_url(Recipient), {"q": "Sökgatan"})
    assert page.status_code == 200 and "Adler" not in page.text


# --- ACC-8 ---------------------------------------------------------------------------------


@pytest.fixture
def recipient_data(lund_region, prescriber, colleague, lund, staff):
    """Lund's objects, plus a charge and an invoice of Tolvan's, a message naming Tolvan, a
    sent prescription for another recipient and an individual handed out to them (its history
    names them by personnummer)."""
    tolvan = lund_region["recipient"]
    other = RecipientFactory(first_name="Greta", last_name="Grönlund")
    prescription(colleague, other, lund, direct_articles()[1])
    store = Warehouse.objects.get(number=lund.code)
    handed_out = IndividualFactory(warehouse=store)
    stock.hand_out_individuals(
        individuals=[handed_out], warehouse=store, to=other.personnummer, reference="X", by=staff
    )
    day = datetime.date(2026, 11, 2)
    billing_factories.charge(day, rec=tolvan)
    billing.bill_due_charges(day=day)
    activity = Activity.objects.exclude(status=Activity.Status.DRAFT).first()
    send_message(
        to=[prescriber],
        subject=f"Aktivitet {activity.number}",
        body=f"Reparation för {tolvan.name}.",
        link=reverse("activities:activity_detail", args=[activity.number]),
    )
    return lund_region


def _markers():
    """recipient id → the texts that show them on a page: the personnummer (as stored and as
    displayed) and the name when no other recipient has it."""
    recipients = list(Recipient.objects.all())
    names = [r.name for r in recipients]
    return {
        r.pk: [r.personnummer, personnummer.display(r.personnummer)]
        + ([r.name] if names.count(r.name) == 1 else [])
        for r in recipients
    }


def test_acc_8_every_admin_page_that_shows_a_recipient_logs_them(client_as, staff, recipient_data):
    client, markers, unlogged, pages = client_as(staff), _markers(), [], 0
    for model, model_admin in registered():
        if model._meta.label_lower in NOT_LOGGED:
            continue
        urls = [changelist_url(model)]
        for obj in objects_of(model_admin):
            urls += object_urls(model, obj)
        for url in urls:
            last = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            html = client.get(url).text
            pages += 1
            shown = {pk for pk, texts in markers.items() if any(t in html for t in texts)}
            logged = set(
                AccessLog.objects.filter(pk__gt=last).values_list("recipient_id", flat=True)
            )
            if shown - logged:
                unlogged.append(f"{url}: shows {sorted(shown - logged)}, logged {sorted(logged)}")
    assert pages > 50 and not unlogged, "\n".join(unlogged)


def test_acc_8_the_recipient_search_by_personnummer_is_logged(client_as, staff):
    tolvan = RecipientFactory()
    page = client_as(staff).get(changelist_url(Recipient), {"q": tolvan.personnummer})
    assert tolvan.last_name in page.text
    row = AccessLog.objects.get(recipient_id=tolvan.pk)
    assert (row.action, row.context) == ("admin_list", {"admin": "recipients.recipient"})


def test_acc_8_a_changelist_logs_every_recipient_in_one_insert(client_as, staff):
    client = client_as(staff)
    for _ in range(2):
        DeviceFactory()
    client.get(changelist_url(DeviceFactory._meta.model))  # warm caches (content types …)
    with CaptureQueriesContext(connection) as few:
        client.get(changelist_url(DeviceFactory._meta.model))
    for _ in range(6):
        DeviceFactory()
    with CaptureQueriesContext(connection) as many:
        client.get(changelist_url(DeviceFactory._meta.model))
    assert len(many) == len(few)
    assert AccessLog.objects.filter(action="admin_list").count() == 2 + 2 + 8


def test_acc_8_an_admin_registered_later_gets_the_lookup_refusal_and_the_log():
    """The site mixes the mechanism into any ModelAdmin, also one written without it."""
    site = type(admin.site)()

    class Bare(admin.ModelAdmin):
        pass

    site.register(Recipient, Bare)
    registered_admin = site._registry[Recipient]
    assert not registered_admin.lookup_allowed("street__startswith", "K", None)
    assert hasattr(registered_admin, "log_shown")


def test_acc_8_the_admin_index_logs_the_recipients_in_recent_actions(client_as, staff):
    tolvan = RecipientFactory(protected_identity=True)
    client = client_as(staff)
    data = {"first_name": "Tolvan", "last_name": "Ny", "protected_identity": "on"}
    assert client.post(f"/admin/recipients/recipient/{tolvan.pk}/change/", data).status_code == 302
    assert tolvan.personnummer in client.get("/admin/").text
    assert AccessLog.objects.filter(recipient_id=tolvan.pk, action="admin_index").count() == 1
