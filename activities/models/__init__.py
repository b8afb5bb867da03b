"""Activities (ACT) and pickup orders (PU): one module each, re-exported here."""

from activities.models.activity import (  # noqa: F401
    Activity,
    ActivityAttachment,
    ActivityComment,
    ActivityDevice,
    ActivityEvent,
)
from activities.models.patient_request import PatientRequest, PatientRequestEvent  # noqa: F401
from activities.models.pickup import PickupEvent, PickupLine, PickupOrder  # noqa: F401
