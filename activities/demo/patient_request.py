"""The demo's one open request from a patient (BEY-15): Tolvan reports a fault on his hearing
aid from his own pages, so that Lund sees it in Att göra. Sent through the service with a
fixed key: a second run finds it and adds nothing."""

import uuid

from activities.models import PatientRequest
from activities.services import submit_patient_request
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device, Recipient

KEY = uuid.UUID("5e5a0000-0000-4000-8000-000000000015")


def seed(*, rng) -> str:
    tolvan = Recipient.objects.get(personnummer=KEY_RECIPIENTS["adult"])
    if PatientRequest.objects.filter(recipient=tolvan, key=KEY).exists():
        return "patient request already there"
    devices = Device.objects.filter(
        recipient=tolvan,
        status=Device.Status.DELIVERED,
        individual__isnull=False,
        trial_until__isnull=True,
        service_location__code="4101",
    ).order_by("pk")
    # the hearing aid without an activity, so that its new repair stands alone
    device = devices.filter(activity_rows__isnull=True).first() or devices.first()
    if device is None:
        return "no device for a patient request"
    submit_patient_request(
        recipient=tolvan,
        device=device,
        kind=PatientRequest.Kind.REPAIR,
        description="Det sprakar i hörapparaten när jag pratar i telefon.",
        key=KEY,
    )
    return "1 open patient request"
