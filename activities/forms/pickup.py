"""Forms of the pickup-order pages (PU): the wizard's steps, Sök → Hämtorder. They validate
input only; activities.services checks the rules again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from activities.models import PickupOrder
from activities.models.pickup import COMMENT_MAX, CONTACT_MAX
from activities.selectors import pickup as selectors
from orders.forms.search import NumberField

CHOOSE = _("Välj ett av alternativen.")


class ReasonForm(forms.Form):
    """Hämtorderorsak (PU-2) and Tjänsteställe (preselected)."""

    reason = forms.ChoiceField(
        label=_("Hämtorderorsak"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj hämtorderorsak."), "invalid_choice": CHOOSE},
    )
    service_location = forms.ModelChoiceField(
        queryset=None,
        label=_("Tjänsteställe"),
        empty_label=None,
        error_messages={"required": _("Välj tjänsteställe."), "invalid_choice": CHOOSE},
    )

    def __init__(self, *args, user, reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [(r.value, r.label) for r in reasons]
        self.fields["service_location"].queryset = user.service_locations.order_by("name")


class DevicesForm(forms.Form):
    """Ange artikel (PU-3): the devices ticked among the recipient's."""

    hjalpmedel = forms.TypedMultipleChoiceField(
        label=_("Hjälpmedel"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Markera minst ett hjälpmedel som ska returneras."),
            "invalid_choice": _(
                "Ett av hjälpmedlen finns inte bland mottagarens hjälpmedel som kan returneras "
                "– det har lagts på en öppen hämtorder eller återlämnats sedan sidan laddades. "
                "Ladda om sidan och markera igen."
            ),
        },
    )

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hjalpmedel"].choices = [(d.pk, str(d.pk)) for d in devices]


class AddressForm(forms.Form):
    """Ange adress (PU-4, PU-5): Kontaktuppgifter, the reason for the return, Kommentar."""

    contact = forms.CharField(
        label=_("Kontaktuppgifter"),
        max_length=CONTACT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Ange kontaktuppgifter."),
            "max_length": _("Kontaktuppgifter får vara högst %(limit_value)d tecken."),
        },
    )
    return_reason = forms.ChoiceField(
        label=_("Orsak till retur"),
        choices=PickupOrder.ReturnReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj orsak till retur."), "invalid_choice": CHOOSE},
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Kommentaren får vara högst %(limit_value)d tecken.")},
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("return_reason") == PickupOrder.ReturnReason.OTHER
            and not (data.get("comment") or "").strip()
        ):
            self.add_error(
                "comment", ValidationError(_("Skriv orsaken till returen när du valt Annat."))
            )
        return data


class QuickSearchForm(forms.Form):
    """Snabbsökning (PU-8): the whole number opens the pickup order."""

    nummer = NumberField(label=_("Hämtordernummer"))


class PickupSearchForm(forms.Form):
    """Sök → Hämtorder (PU-8): service location and registered period."""

    ALL = "alla"

    tjanstestalle = forms.ChoiceField(label=_("Tjänsteställe"))
    registrerad = forms.ChoiceField(
        label=_("Registrerad"),
        choices=[(key, label) for key, (label, *_rest) in selectors.PERIODS.items()],
    )
    sortera = forms.CharField(required=False, max_length=20)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(location.pk), location.name) for location in locations]
        if len(choices) > 1:
            choices.append((self.ALL, _("Alla mina tjänsteställen")))
        self.fields["tjanstestalle"].choices = choices
        for name in ("tjanstestalle", "registrerad"):
            self.fields[name].error_messages["invalid_choice"] = CHOOSE

    def location_ids(self, all_ids: list[int]) -> list[int]:
        chosen = self.cleaned_data["tjanstestalle"]
        return all_ids if chosen == self.ALL else [int(chosen)]
