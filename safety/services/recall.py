"""Återkallelse (BEY-5): a recall is registered with its traced individuals, stock ones
blocked from delivery at once; the prescribing units are sent their patients; the blocks are
released; the recall is closed. Every step writes a RecallEvent."""

import uuid
from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inventory import services as inventory
from inventory.models import Article, Individual
from safety import selectors
from safety.exceptions import SafetyRefused
from safety.models import Recall, RecallEvent, RecallItem
from safety.services.numbers import RECALL, next_safety_number
from sesam.models import Membership, User
from sesam.services import log_accesses, send_message


def _event(recall: Recall, old: str, by: User, note: str) -> None:
    RecallEvent.objects.create(
        recall=recall, from_status=old, to_status=recall.status, by=by, note=note[:300]
    )


def create_recall(
    *, by: User, article: Article, serials: str, reason: str, key: uuid.UUID | str | None = None
) -> Recall:
    """BEY-5: the article's individuals matching `serials` (list, ranges, lots) become the
    recall's items; those in stock are blocked from delivery in the same transaction. `key`
    makes a double submit return the first recall."""
    if not article.is_individual:
        raise SafetyRefused(_("Artikel %(n)s är inte individmärkt.") % {"n": article.number})
    if not reason.strip():
        raise SafetyRefused(_("Skriv orsaken till återkallelsen."))
    criteria = selectors.parse_criteria(serials)
    if not criteria:
        raise SafetyRefused(_("Ange minst ett serienummer, intervall eller en batch."))
    key = key or uuid.uuid4()
    if existing := Recall.objects.filter(key=key).first():
        return existing
    traced = selectors.trace_queryset(article.pk, criteria)
    try:
        with transaction.atomic():
            recall = Recall.objects.create(
                number=next_safety_number(RECALL),
                key=key,
                article=article,
                serials=serials.strip(),
                reason=reason.strip()[:300],
                created_by=by,
            )
            rows = list(traced)  # (pk, status): the trace runs once
            in_stock = [pk for pk, status in rows if status == Individual.Status.IN_STOCK]
            blocked = inventory.block_individuals(
                individual_ids=in_stock, reference=recall.number, by=by
            )
            found = _insert_items(recall, rows, blocked)
            _event(
                recall,
                "",
                by,
                _("Registrerad: %(n)d individer, %(b)d spärrade i lager")
                % {"n": found, "b": len(blocked)},
            )
    except IntegrityError:
        if existing := Recall.objects.filter(key=key).first():
            return existing  # a double submit that lost the race
        raise
    return recall


def _insert_items(recall: Recall, rows: list[tuple[int, str]], blocked: list[int]) -> int:
    """The traced individuals become the recall's items in one INSERT from arrays (10 000
    rows in a fraction of a second; bulk_create builds an object per row, BEY-D223)."""
    table = RecallItem._meta.db_table
    blocked_ids = set(blocked)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (recall_id, individual_id, status_when_traced, blocked) "
            f"SELECT %s, * FROM unnest(%s::bigint[], %s::text[], %s::boolean[])",
            [
                recall.pk,
                [pk for pk, _status in rows],
                [status for _pk, status in rows],
                [pk in blocked_ids for pk, _status in rows],
            ],
        )
        return cursor.rowcount


def notify_units(*, by: User, recall: Recall) -> int:
    """BEY-5: each unit that has a recalled individual with a recipient gets a message (to
    every user of the unit) listing its patients; an item is notified once, so a second call
    sends nothing new. Returns the number of units messaged."""
    with transaction.atomic():
        pending = RecallItem.objects.filter(recall=recall, notified_at__isnull=True)
        locked = list(pending.select_for_update().order_by("pk").values_list("pk", flat=True))
        rows = [
            row
            for row in selectors.recall_rows(RecallItem.objects.filter(pk__in=locked))
            if row.recipient is not None
        ]
        by_unit = defaultdict(list)
        for row in rows:
            by_unit[row.device.service_location].append(row)
        members = defaultdict(list)
        for membership in Membership.objects.filter(
            service_location__in=list(by_unit), user__is_active=True
        ).select_related("user"):
            members[membership.service_location_id].append(membership.user)
        for unit, unit_rows in by_unit.items():
            lines = [
                f"{row.recipient.personnummer_display} {row.recipient.name}: "
                f"{row.individual.number} ({row.individual.serial_number})"
                for row in unit_rows
            ]
            send_message(
                to=members[unit.pk],
                subject=_("Återkallelse %(n)s: %(a)s")
                % {"n": recall.number, "a": recall.article.name},
                body="\n".join([recall.reason, "", _("Berörda patienter:"), *lines]),
            )
            log_accesses(
                by=by,
                service_location=None,
                recipients=[row.recipient for row in unit_rows],
                action="recall_notice",
                recall=recall.number,
            )
        RecallItem.objects.filter(pk__in=[row.item.pk for row in rows]).update(
            notified_at=timezone.now()
        )
        if by_unit:
            _event(
                recall,
                recall.status,
                by,
                _("Meddelande till %(u)d enheter om %(p)d individer")
                % {"u": len(by_unit), "p": len(rows)},
            )
    return len(by_unit)


def release_blocks(*, by: User, recall: Recall) -> int:
    """BEY-5: the recall's blocked stock individuals may be delivered again."""
    with transaction.atomic():
        items = list(
            RecallItem.objects.filter(recall=recall, blocked=True)
            .select_for_update()
            .order_by("pk")
        )
        released = inventory.release_individuals(
            individual_ids=[item.individual_id for item in items],
            reference=recall.number,
            by=by,
        )
        RecallItem.objects.filter(pk__in=[item.pk for item in items]).update(blocked=False)
        if items:
            _event(
                recall,
                recall.status,
                by,
                _("Spärr hävd för %(n)d individer") % {"n": len(released)},
            )
    return len(released)


def close_recall(*, by: User, recall: Recall, note: str = "") -> Recall:
    """BEY-5: Avslutad (compare-and-set from Pågående); the blocks stay until released."""
    old = recall.status
    if Recall.Status.CLOSED not in Recall.TRANSITIONS[Recall.Status(old)]:
        raise SafetyRefused(_("Återkallelsen är redan avslutad."))
    with transaction.atomic():
        changed = Recall.objects.filter(pk=recall.pk, status=old).update(
            status=Recall.Status.CLOSED
        )
        if changed != 1:
            raise SafetyRefused(_("Återkallelsen ändrades samtidigt av någon annan."))
        recall.status = Recall.Status.CLOSED
        _event(recall, old, by, note or _("Avslutad"))
    return recall
