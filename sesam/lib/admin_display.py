"""Admin columns in Swedish words: an event's from/to status as its choice's label, never the
stored code ("draft → assigned"), for the event inlines of every app (UI-D181)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


def status_columns(*choices):
    """`from_label, to_label = status_columns(Model.Status.choices)`: two admin columns for an
    event's `from_status`/`to_status` (several choice lists merge; an unknown code shows as is)."""
    labels = {value: label for options in choices for value, label in options}

    @admin.display(description=_("från"), ordering="from_status")
    def from_label(model_admin, event):
        return labels.get(event.from_status, event.from_status) or "–"

    @admin.display(description=_("till"), ordering="to_status")
    def to_label(model_admin, event):
        return labels.get(event.to_status, event.to_status)

    return from_label, to_label


@admin.display(description=_("händelse"), ordering="kind")
def kind_label(model_admin, event):
    """An individual event's kind in words (IndividualEvent.kind_label)."""
    return event.kind_label
