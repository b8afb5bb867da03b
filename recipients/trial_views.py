"""Mina sidor → Att göra → Prov som har gått ut (BEY-2): the unit's overdue trial loans."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from recipients.trials import on_trial
from sesam.lib.scoping import location_ids


@require_GET
def overdue_trials(request):
    devices = (
        on_trial()
        .filter(
            trial_until__lt=timezone.localdate(),
            service_location__in=location_ids(request),
            article__product_area__in=request.user.product_areas.all(),
        )
        .select_related("article", "recipient", "individual")
        .order_by("trial_until", "pk")[:200]
    )
    return render(request, "recipients/overdue_trials.html", {"devices": devices})
