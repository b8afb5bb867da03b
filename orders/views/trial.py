"""Leverans på prov (BEY-2): Förskriv on a device on trial (the recipient page's panel)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orders import services
from recipients.models import Device
from sesam.exceptions import SesamError
from sesam.lib.scoping import location_ids


@require_POST
def convert_trial(request, device_pk):
    """The trial becomes a prescription today: fees and charges start (BIL-1/2); only the
    unit that handed the device out may (other units get 404)."""
    device = get_object_or_404(
        Device.objects.select_related("article"),
        pk=device_pk,
        service_location__in=location_ids(request),
        article__product_area__in=request.user.product_areas.all(),
    )
    try:
        services.convert_trial(by=request.user, order_line_id=device.order_line_id)
    except SesamError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s är förskriven. Skriv ut låneförbindelsen till mottagaren.")
            % {"name": device.article.name},
        )
    return redirect("recipients:device", device.recipient_id, device.pk)
