"""Scale data of billing: the patient charge of each scale order line, as
`services.record_delivery_charges` makes it at delivery (BIL-1: a fee, due on the delivery
day, with its "created" event). billing may not import orders (BIL-D1), so orders' scale.py
makes the lines and hands each line's plain values to `fee_charge`; `copy_charges` loads
them by COPY. Every scale charge is due, so `bill_due_charges` has the whole backlog to bill
(`make bench`, QUA-D14). No seed_scale here: the charges come with their lines."""

import datetime
from decimal import Decimal

from billing import rules
from billing.models import ChargeEvent, PatientCharge
from sesam.lib.bulk import copy_new_rows, copy_rows


def fee_charge(
    *,
    line_id: int,
    recipient_id: int,
    personnummer: str,
    name: str,
    service_location_id: int,
    order_number: str,
    article_number: str,
    article_name: str,
    amount: Decimal,
    delivered: datetime.datetime,
    individual_id: int | None = None,
    individual_number: str = "",
) -> dict:
    due = rules.fee_due_date(delivered.date())
    return {
        "kind": PatientCharge.Kind.FEE,
        "status": PatientCharge.Status.PLANNED,
        "debtor_kind": PatientCharge.DebtorKind.RECIPIENT,
        "debtor_code": personnummer,
        "debtor_name": name,
        "amount": amount,
        "due_date": due,
        "original_due_date": due,
        "recipient_id": recipient_id,
        "order_line_id": line_id,
        "individual_id": individual_id,
        "service_location_id": service_location_id,
        "order_number": order_number,
        "article_number": article_number,
        "article_name": article_name,
        "individual_number": individual_number,
        "occurred_on": delivered.date(),
        "created_at": delivered,
    }


def copy_charges(rows: list[dict]) -> int:
    """COPY the charges and their "created" events (BIL-D7: every change recorded)."""
    if not rows:
        return 0
    copy_new_rows(PatientCharge, rows)
    copy_rows(
        ChargeEvent,
        (
            {
                "charge_id": row["id"],
                "from_status": "",
                "to_status": PatientCharge.Status.PLANNED,
                "at": row["created_at"],
            }
            for row in rows
        ),
    )
    return len(rows)
