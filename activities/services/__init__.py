"""Writes of activities (ACT) and pickup orders (PU), one module each; callers use
`activities.services.X`."""

from activities.services.activity import (  # noqa: F401
    add_activity_attachment,
    add_activity_comment,
    address_choices,
    check_attachment,
    create_activity,
    create_sent_activity,
    expired_warranties,
    move_activity,
    only_unit_address,
    report_back_activity,
    service_products,
    set_activity_address,
    set_activity_devices,
    set_requested_action,
    start_activity,
    type_refusal,
)
from activities.services.patient_requests import (  # noqa: F401
    convert_to_activity,
    convert_to_pickup_order,
    decline_patient_request,
    submit_patient_request,
)
from activities.services.pickup import (  # noqa: F401
    allowed_reasons,
    cancel_pickup_order,
    close_pickup_order,
    create_pickup_order,
    create_sent_pickup_order,
    on_open_pickup_message,
    start_pickup_draft,
    update_pickup_draft,
)
