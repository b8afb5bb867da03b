"""ACC-8 from a view: the access-log row of what the logged-in user saw or did with a
recipient, at their active service location (sesam.services.log_access writes it)."""

from types import SimpleNamespace

from sesam.services import log_access, log_accesses


def log_view(request, recipient, action: str, **context):
    """One access-log row for `recipient` by the request's user (ACC-8)."""
    return log_access(
        by=request.user,
        service_location=request.service_location or None,
        recipient=recipient,
        action=action,
        **context,
    )


def log_listed(request, queryset, action: str, *, path: str = "recipient", **context) -> int:
    """ACC-8 for an export that names recipients (BEY-10): one access-log row per recipient
    among the rows of `queryset` (through `path`), read in one query and written in one
    insert however many rows. Returns how many were logged."""
    pairs = (
        queryset.order_by()
        .filter(**{f"{path}__isnull": False})
        .values_list(f"{path}__pk", f"{path}__personnummer")
        .distinct()
    )
    recipients = [SimpleNamespace(pk=pk, personnummer=number) for pk, number in pairs]
    if recipients:
        log_accesses(
            by=request.user,
            service_location=request.service_location or None,
            recipients=recipients,
            action=action,
            **context,
        )
    return len(recipients)
