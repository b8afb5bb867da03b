"""Every registered admin (`admin.site._registry`) and its pages, so that the admin sweeps
cover the admins added after they were written."""

from django.contrib import admin
from django.urls import reverse


def registered():
    """(model, model_admin) of every admin, in a stable order."""
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def changelist_url(model) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def object_urls(model, obj) -> list[str]:
    """The change page and the history page of one object."""
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    return [reverse(f"{prefix}_change", args=[obj.pk]), reverse(f"{prefix}_history", args=[obj.pk])]


def objects_of(model_admin, limit: int = 3) -> list:
    """A few rows that admin lists (its own queryset: drafts left out where it leaves them)."""
    return list(model_admin.get_queryset(_Request()).order_by("-pk")[:limit])


class _Request:
    """get_queryset of the admins here reads no request attribute; a stand-in suffices."""

    user = None
    GET: dict = {}
