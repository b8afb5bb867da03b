"""Activities (ACT) and pickup orders (PU): one module each, re-exported here."""

from activities.models.pickup import PickupDraft, PickupEvent, PickupLine, PickupOrder  # noqa: F401
