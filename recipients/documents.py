"""The recipient's documents (DOC-1, DOC-4), built on request from the data, never stored:
Låneförbindelse / Eget ägande, Hjälpmedelslista and Returkvitto (numbered by its return). None
ever carries the address of a recipient with protected identity (REC-5:
`Recipient.address_lines` is empty then).

Document number (DOC-D1): each print gets its own number from the one series, given by
`sesam.services.register_document` in the view; it names neither the recipient nor the
personnummer (a barcode is read by scanners, copiers and archives)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from recipients.forms import LoanAgreementForm
from recipients.models import Device, Recipient, Return, ReturnLine
from sesam.models import ServiceLocation, User


@dataclass(frozen=True)
class Document:
    kind: str
    template: str
    context: dict
    filename: str


def _address(recipient: Recipient) -> list[str]:
    """The registered address without the name; nothing under protected identity (REC-5)."""
    return [line for line in recipient.address_lines[1:] if line]


def _prescriber(user: User, devices: list[Device]) -> User | None:
    """The one handing out: the user when a prescriber, else the devices' prescriber."""
    if user.is_prescriber:
        return user
    return next((d.prescriber for d in devices if d.prescriber is not None), None)


def loan_agreement(
    *,
    recipient: Recipient,
    devices: list[Device],
    kind: str,
    number: str,
    user: User,
    service_location: ServiceLocation | None,
    day: datetime.date | None = None,
) -> Document:
    day = day or timezone.localdate()
    title = dict(LoanAgreementForm.TYPES)[kind]
    context = {
        "title": title,
        "is_loan": kind == LoanAgreementForm.LOAN,
        "number": number,
        "recipient": recipient,
        "address_lines": _address(recipient),
        "devices": devices,
        "prescriber": _prescriber(user, devices),
        "service_location": service_location,
        "day": day,
    }
    return Document(
        kind=kind,
        template="recipients/pdf/loan_agreement.html",
        context=context,
        filename=f"{title} {number}",
    )


def device_list(
    *,
    recipient: Recipient,
    devices: list[Device],
    number: str,
    user: User,
    service_location: ServiceLocation | None,
    day: datetime.date | None = None,
) -> Document:
    day = day or timezone.localdate()
    context = {
        "title": _("Hjälpmedelslista"),
        "number": number,
        "recipient": recipient,
        "address_lines": _address(recipient),
        "devices": devices,
        "user": user,
        "service_location": service_location,
        "day": day,
    }
    return Document(
        kind="device_list",
        template="recipients/pdf/device_list.html",
        context=context,
        filename=f"Hjälpmedelslista {number}",
    )


def return_receipt(*, ret: Return, lines: list[ReturnLine]) -> Document:
    """RET-5, DOC-3: Returkvitto – what the recipient handed back, where, when and to whom;
    the return's own number (text and barcode)."""
    context = {
        "title": _("Returkvitto"),
        "number": ret.number,
        "ret": ret,
        "recipient": ret.recipient,
        "address_lines": _address(ret.recipient),
        "lines": lines,
    }
    return Document(
        kind="return_receipt",
        template="recipients/pdf/return_receipt.html",
        context=context,
        filename=f"Returkvitto {ret.number}",
    )
