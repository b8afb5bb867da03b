"""Leverans på prov (BEY-2): the recipients' side of trial loans — ending a trial (the order
services then start the fees and charges), the nightly reminders, and Att göra's list of
overdue trials. A device on trial has `trial_until`; ending the trial clears it."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from recipients.exceptions import RecipientError
from recipients.models import Device, TrialReminder
from sesam.lib.scoping import location_ids
from sesam.pages import TodoItem
from sesam.services import send_message

REMIND_DAYS_BEFORE = 7


def on_trial(line_ids=None):
    devices = Device.objects.filter(status=Device.Status.DELIVERED, trial_until__isnull=False)
    return devices if line_ids is None else devices.filter(order_line_id__in=line_ids)


def end_trial(*, order_line_id: int) -> list[Device]:
    """The devices of a line on trial become an ordinary prescription (compare-and-set: a
    second click finds none and is refused). The caller holds the order's lock."""
    devices = list(on_trial([order_line_id]).select_for_update().order_by("pk"))
    if not devices:
        raise RecipientError(_("Hjälpmedlet är inte på prov längre."))
    Device.objects.filter(pk__in=[d.pk for d in devices]).update(trial_until=None)
    return devices


def remind_trials(*, today: datetime.date | None = None) -> int:
    """The nightly job: a message to the prescriber 7 days before a trial ends and on the day
    (or the first night after, if a night was missed), each once."""
    today = today or timezone.localdate()
    due = on_trial().filter(trial_until__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE))
    sent = 0
    for device in due.select_related("article", "recipient", "prescriber").order_by("pk"):
        kind = (
            TrialReminder.Kind.DUE
            if device.trial_until <= today
            else TrialReminder.Kind.WEEK_BEFORE
        )
        try:
            with transaction.atomic():
                TrialReminder.objects.create(device=device, kind=kind, sent_on=today)
                send_message(
                    to=[device.prescriber],
                    subject=_("%(article)s är på prov till %(date)s")
                    % {"article": device.article.name, "date": device.trial_until.isoformat()},
                    body=_(
                        "Provet slutar %(date)s. Förskriv hjälpmedlet eller gör en retur eller "
                        "hämtorder från mottagarens sida."
                    )
                    % {"date": device.trial_until.isoformat()},
                    link=reverse("recipients:device", args=[device.recipient_id, device.pk]),
                )
        except IntegrityError:  # sent before (this run raced another, or ran twice)
            continue
        sent += 1
    return sent


def trials_ending(location_ids, *, within_days: int | None = None):
    """BEY-2/BEY-10: the trials of these locations whose end date has passed, or (with
    `within_days`) that end on or before that many days from today — overdue included —,
    the soonest first. Att göra, the trials page and the start page's tile read this one."""
    last = timezone.localdate() - datetime.timedelta(days=1)
    if within_days is not None:
        last = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        on_trial()
        .filter(trial_until__lte=last, service_location__in=list(location_ids))
        .order_by("trial_until", "pk")
    )


def overdue_trials_todo(request) -> TodoItem:
    """Mina sidor → Att göra: the unit's trials whose end date has passed."""
    count = trials_ending(location_ids(request)).count()
    return TodoItem(_("Prov som har gått ut"), reverse("recipients:overdue_trials"), count)
