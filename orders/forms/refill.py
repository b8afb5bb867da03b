"""Forms of Lagerpåfyllnad (ORD-14)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orders.services import MAX_QUANTITY
from sesam.models import ServiceLocation


class RefillForm(forms.Form):
    """Skapa ny beställning for a refill: the service location decides the warehouse."""

    service_location = forms.ModelChoiceField(
        queryset=ServiceLocation.objects.none(), label=_("Tjänsteställe"), empty_label=None
    )

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["service_location"]
        field.queryset = ServiceLocation.objects.filter(
            pk__in=[location.pk for location in locations]
        ).select_related("warehouse")
        field.label_from_instance = lambda location: (
            _("%(name)s – lager %(number)s")
            % {
                "name": location.name,
                "number": location.warehouse.number,
            }
        )
        field.error_messages["invalid_choice"] = _("Välj ett av dina tjänsteställen.")
        field.error_messages["required"] = _("Välj ett av dina tjänsteställen.")


class RefillQuantityForm(forms.Form):
    """Antal on a refill line: typed, or the line's quantity one down (−) or up (+)."""

    quantity = forms.IntegerField(
        label=_("Antal"),
        error_messages={
            "required": _("Ange antalet."),
            "invalid": _("Ange antalet som ett heltal."),
        },
    )

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if not 1 <= quantity <= MAX_QUANTITY:
            raise ValidationError(_("Ange ett antal mellan 1 och %(max)s.") % {"max": MAX_QUANTITY})
        return quantity
