"""BEY-14 for the units: Att göra → Hämtorder att skapa (the pickup orders a death proposes;
the unit creates them with the ordinary wizard, or marks the proposal handled) and the notice
on a deceased recipient's page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from recipients.extensions import Notice
from safety import services
from safety.models import PickupProposal, RegisterEvent
from sesam.lib.htmx import redirect_page
from sesam.lib.precompiled import Precompiled
from sesam.lib.scoping import location_ids
from sesam.pages import TodoItem
from sesam.services import log_accesses


def _open_proposals(request):
    return PickupProposal.objects.filter(
        service_location__in=location_ids(request), done_at__isnull=True
    )


@require_GET
def proposal_list(request):
    proposals = list(
        _open_proposals(request).select_related("recipient", "service_location", "register_event")
    )
    log_accesses(
        by=request.user,
        service_location=request.service_location or None,
        recipients=[p.recipient for p in proposals],
        action="pickup_proposals",
    )
    return render(request, "safety/proposal_list.html", {"proposals": proposals})


@require_POST
def proposal_done(request, pk):
    proposal = get_object_or_404(_open_proposals(request), pk=pk)
    if services.mark_proposal_done(by=request.user, proposal=proposal):
        messages.success(request, _("Förslaget är markerat som hanterat."))
    return redirect_page(request, "safety:proposal_list")


def proposal_todo(request) -> TodoItem:
    return TodoItem(
        label=_("Hämtorder att skapa (avliden mottagare)"),
        url=reverse("safety:proposal_list"),
        count=_open_proposals(request).count(),
    )


_DEATH = Precompiled(  # QUA-D560: on every recipient page
    lambda recipient_pk: RegisterEvent.objects.filter(
        recipient=recipient_pk, kind=RegisterEvent.Kind.DEATH
    ).order_by("date", "pk")[:1]
)


def death_notice(request, recipient) -> Notice | None:
    """REC-8-style notice: the register says the recipient has died (BEY-14)."""
    found = _DEATH.run(recipient.pk)
    if not found:
        return None
    event = found[0]
    return Notice(
        _("Mottagaren avled %(d)s enligt folkbokföringen. Hämta hjälpmedlen med en hämtorder.")
        % {"d": event.date.isoformat()},
        reverse("safety:proposal_list"),
    )
