"""Writes of the core app: users' own details and settings, messages, the access log, the
register of printed documents."""

import json
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sesam import frame
from sesam.exceptions import SesamError
from sesam.lib.numbers import next_document_number
from sesam.middleware import current_sign_in
from sesam.models import AccessLog, Document, Message, ServiceLocation, SignInMethod, User


def update_own_details(*, by: User, phone: str | None = None, email: str | None = None) -> User:
    """Mina sidor (HOME-4): the user edits their own phone and e-mail (already validated)."""
    fields = []
    if phone is not None:
        by.phone = phone
        fields.append("phone")
    if email is not None:
        by.email = email
        fields.append("email")
    if fields:
        by.save(update_fields=fields)
    return by


def save_settings(*, by: User, default_source: str) -> User:
    """Inställning (HOME-3): the delivery source the order dialog preselects."""
    if default_source not in User.Source.values:
        raise SesamError(_("Välj Hjälpmedelsverksamhet eller Eget förråd."))
    by.default_source = default_source
    by.save(update_fields=["default_source"])
    return by


def send_message(
    *, to: Iterable[User], subject: str, body: str = "", link: str = ""
) -> list[Message]:
    """The one way the system writes a message to users (HOME-5). Each user gets one message,
    also when named twice (an orderer who is also the prescriber)."""
    unique = {user.pk: user for user in to if user is not None}
    messages = [Message(user_id=pk, subject=subject, body=body, link=link) for pk in sorted(unique)]
    for user in unique.values():
        frame.forget(user, "unread_count")
    return Message.objects.bulk_create(messages)


def mark_message_read(*, by: User, message: Message) -> Message:
    if message.user_id != by.pk:
        raise SesamError(_("Meddelandet finns inte."))
    if message.read_at is None:
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=timezone.now())
        message.refresh_from_db(fields=["read_at"])
        frame.forget(by, "unread_count")
    return message


def log_access(
    *,
    by: User,
    service_location: ServiceLocation | None,
    recipient,
    action: str,
    **context,
) -> AccessLog:
    """ACC-8: write one access-log row for a read or change of a recipient's data.
    `recipient` is a `recipients.Recipient` (duck-typed: pk and personnummer)."""
    return log_accesses(
        by=by, service_location=service_location, recipients=[recipient], action=action, **context
    )[0]


def log_patient_access(*, recipient, action: str, **context) -> AccessLog:
    """ACC-8, BEY-15: the patient read or did something with their own data on the patient
    pages. The row has no user and no service location; its sign-in method "citizen" names
    the actor, the recipient themself (BEY-D501)."""
    row = AccessLog(
        user=None,
        service_location=None,
        recipient_id=recipient.pk,
        personnummer=recipient.personnummer,
        action=action,
        context=context,
        sign_in_method=SignInMethod.CITIZEN,
        assignment="",
    )
    return _insert_access_log([row])[0]


def _sign_in_fields() -> dict:
    """ACC-11: the sign-in method and assignment of the session making the access."""
    sign_in = current_sign_in()
    return {
        "sign_in_method": sign_in.get("method", ""),
        "assignment": sign_in.get("assignment", ""),
    }


def log_accesses(
    *,
    by: User,
    service_location: ServiceLocation | None,
    recipients: Iterable,
    action: str,
    **context,
) -> list[AccessLog]:
    """ACC-8 for a list that shows several recipients (e.g. Mina beställningar with Visa
    mottagare): one row per recipient shown, so a search by recipient finds it, written in
    one insert."""
    unique = {recipient.pk: recipient for recipient in recipients}
    sign_in = _sign_in_fields()
    rows = [
        AccessLog(
            user=by,
            service_location=service_location or None,
            recipient_id=pk,
            personnummer=recipient.personnummer,
            action=action,
            context=context,
            **sign_in,
        )
        for pk, recipient in sorted(unique.items())
    ]
    return _insert_access_log(rows)


_ACCESS_LOG_COLUMNS = {
    "at": "timestamptz",
    "user_id": "bigint",
    "service_location_id": "bigint",
    "recipient_id": "bigint",
    "personnummer": "text",
    "action": "text",
    "context": "jsonb",
    "sign_in_method": "text",
    "assignment": "text",
}
_INSERT_ACCESS_LOG = (
    f"INSERT INTO {AccessLog._meta.db_table} ({', '.join(_ACCESS_LOG_COLUMNS)}) "
    f"SELECT * FROM UNNEST({', '.join(f'%s::{t}[]' for t in _ACCESS_LOG_COLUMNS.values())}) "
    "RETURNING id"
)


def _insert_access_log(rows: list[AccessLog]) -> list[AccessLog]:
    """The rows in one fixed INSERT (QUA-D561): most pages that show a recipient write one,
    and the ORM's building of it cost a third of a millisecond a page."""
    if not rows:
        return []
    at = timezone.now()
    for row in rows:
        row.at = at
    columns = [[getattr(row, name) for row in rows] for name in _ACCESS_LOG_COLUMNS]
    columns[6] = [json.dumps(context) for context in columns[6]]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_ACCESS_LOG, columns)
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = pk
            row._state.adding = False
    return rows


def refresh_identity(*, by: User, full_name: str, email: str | None) -> User:
    """ACC-11: at a sign-in through the identity provider the user's name and e-mail are
    taken from its claims (the catalogue's, HSA, is the source). Nothing else: rights stay
    in sesam."""
    fields = []
    if full_name and full_name != by.full_name:
        by.full_name = full_name[: User._meta.get_field("full_name").max_length]
        fields.append("full_name")
    if email and email != by.email and _is_email(email):
        by.email = email
        fields.append("email")
    if fields:
        by.save(update_fields=fields)
    return by


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def deactivate_if_dormant(*, user: User) -> bool:
    """ACC-10: an account whose last login is older than SESAM_DORMANT_AFTER is deactivated
    (at login time). Returns True when the user was deactivated now."""
    if user.last_login is None or user.is_superuser:
        return False
    if timezone.now() - user.last_login <= settings.SESAM_DORMANT_AFTER:
        return False
    with transaction.atomic():
        changed = User.objects.filter(pk=user.pk, is_active=True).update(is_active=False)
    user.is_active = False
    return bool(changed)


def register_document(
    *,
    by: User,
    kind: str,
    service_location: ServiceLocation | None = None,
    recipient=None,
    reference: str = "",
) -> Document:
    """DOC-4: a document about to be printed gets its own number, the next of the documents'
    own series (YYWWNNNNNN, DOC-D120: never the orders' series, so printing — a GET — never
    uses up a number a write needs), and is recorded: what, for whom
    (the recipient's id only, never the address), by whom, when. `recipient` is a
    `recipients.Recipient` or None."""
    with transaction.atomic():
        return Document.objects.create(
            number=next_document_number(),
            kind=kind,
            recipient_id=recipient.pk if recipient is not None else None,
            by=by,
            service_location=service_location or None,
            reference=reference[:200],
        )
