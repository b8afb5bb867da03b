"""Writes of activities (ACT) and pickup orders (PU), one module each; callers use
`activities.services.X`."""

from activities.services.pickup import (  # noqa: F401
    allowed_reasons,
    cancel_pickup_order,
    close_pickup_order,
    create_pickup_order,
    default_contact,
    pickable_devices,
    start_pickup_draft,
    update_pickup_draft,
)
