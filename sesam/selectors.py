"""Reads of the core app."""

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from sesam import frame
from sesam.models import Membership, Message


def has_service_location_expression():
    """ACC-2: whether the user OuterRef("pk") is linked to any service location (read with
    the user, so that the middleware's check costs no query of its own)."""
    return Exists(Membership.objects.filter(user=OuterRef("pk")))


def unread_count_expression():
    """HOME-1's unread messages of the user OuterRef("pk") (index sesam_message_unread)."""
    unread = (
        Message.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread), 0)


def unread_count(user) -> int:
    """The top bar's count: read with the user (sesam.frame), else counted."""
    return frame.get(user, "unread_count", lambda: user.inbox.filter(read_at__isnull=True).count())
