"""Reads of patients' requests (BEY-15): the patient's own, and a unit's open ones (scoped to
the user's service locations, ACC-4), each in one query."""

from activities.models import PatientRequest
from sesam.lib.arrays import one_of
from sesam.lib.precompiled import Precompiled


def requests_for_recipient(recipient):
    """The patient's page: every request of the recipient, newest first, with the device, the
    unit and what it became (one query; index activities_patreq_recipient)."""
    return (
        PatientRequest.objects.filter(recipient=recipient)
        .select_related(
            "device__article",
            "device__individual",
            "service_location",
            "activity",
            "pickup_order",
        )
        .order_by("-created_at", "-pk")
    )


def open_requests(location_ids):
    """Att göra → Förfrågningar från patienter: the units' new requests, oldest first (index
    activities_patreq_open)."""
    return PatientRequest.objects.filter(
        one_of("service_location_id", location_ids), status=PatientRequest.Status.NEW
    )


def open_request_rows(location_ids, *, recipient=None):
    rows = open_requests(location_ids)
    if recipient is not None:
        rows = rows.filter(recipient=recipient)
    return rows.select_related(
        "recipient", "device__article", "device__individual", "service_location"
    ).order_by("created_at", "pk")


_OPEN_OF_RECIPIENT = Precompiled(  # QUA-D560: on every recipient page
    lambda recipient_pk, ids: open_request_rows(ids, recipient=recipient_pk), types=(int, list)
)


def open_requests_of(recipient, location_ids) -> list:
    """The recipient page: the recipient's open requests at the user's units, as
    `open_request_rows` gives them."""
    return _OPEN_OF_RECIPIENT.run(recipient.pk, list(location_ids))
