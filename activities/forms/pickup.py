"""Forms of the pickup-order pages (PU): the wizard's steps, Sök → Hämtorder. They validate
input only; activities.services checks the rules again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from activities.models import PickupOrder
from activities.models.pickup import COMMENT_MAX, CONTACT_MAX
from activities.selectors import pickup as selectors
from sesam.lib import search

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


class PickupSearchForm(search.CriteriaForm):
    """Sök → Hämtorder (PU-8): the shared criteria and Status (BEY-10: Registrerad is what the
    start page's "Hämtordrar som väntar" counts)."""

    sorting = selectors.SORTING

    status = forms.ChoiceField(
        label=_("Status"),
        choices=lambda: [
            ("", _("Alla")),
            *((s.value, s.label) for s in PickupOrder.Status if s != PickupOrder.Status.DRAFT),
        ],
        required=False,
    )

    field_order = ["tjanstestalle", "registrerad", "status", "sortera"]

    def query(self, ids, since):
        return selectors.search_pickups(
            ids, period=since, status=self.cleaned_data["status"], sort=self.sort
        )
