"""Prov (BEY-2, BEY-10): the unit's trial loans that have run out (Mina sidor → Att göra) or
end within a week (the start page's tile) — at one of the user's service locations or all."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from recipients.trials import REMIND_DAYS_BEFORE, trials_ending
from sesam.lib.scoping import location_ids
from sesam.lib.search import Paginator
from sesam.services import log_accesses

PAGE_SIZE = 50
WEEK = "7-dagar"


class TrialListForm(forms.Form):
    ALL = "alla"

    tjanstestalle = forms.ChoiceField(label=_("Tjänsteställe"), required=False)
    slutar = forms.ChoiceField(
        label=_("Visa"),
        required=False,
        choices=[
            ("", _("Prov som har gått ut")),
            (WEEK, _("Prov som har gått ut eller slutar inom 7 dagar")),
        ],
    )

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(location.pk), location.name) for location in locations]
        self.fields["tjanstestalle"].choices = [(self.ALL, _("Alla mina tjänsteställen")), *choices]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Välj ett av alternativen.")


@require_GET
def overdue_trials(request):
    """The trials, 50 a page; the rows name recipients: one access-log row each (ACC-8)."""
    form = TrialListForm(request.GET, locations=list(request.service_locations))
    if not form.is_valid():
        context = {"form": form, "page": None}
        return render(request, "recipients/overdue_trials.html", context, status=422)
    ids = location_ids(request)
    chosen = form.cleaned_data["tjanstestalle"]
    if chosen and chosen != form.ALL:
        ids = [int(chosen)]
    week = form.cleaned_data["slutar"] == WEEK
    devices = trials_ending(ids, within_days=REMIND_DAYS_BEFORE if week else None).select_related(
        "article", "recipient", "individual"
    )
    page = Paginator(devices, PAGE_SIZE).get_page(request.GET.get("sida"))
    if page.object_list:
        log_accesses(
            by=request.user,
            service_location=request.service_location or None,
            recipients=[device.recipient for device in page.object_list],
            action="trial_list",
        )
    return render(
        request, "recipients/overdue_trials.html", {"form": form, "page": page, "week": week}
    )
