"""ACC-8 from a view: the access-log row of what the logged-in user saw or did with a
recipient, at their active service location (sesam.services.log_access writes it)."""

from sesam.services import log_access


def log_view(request, recipient, action: str, **context):
    """One access-log row for `recipient` by the request's user (ACC-8)."""
    return log_access(
        by=request.user,
        service_location=request.service_location or None,
        recipient=recipient,
        action=action,
        **context,
    )
