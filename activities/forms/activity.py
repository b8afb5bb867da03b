"""Forms of the activity pages (ACT). They validate input only; the services check the rules
again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models.activity import (
    MAX_TEXT,
    OUTSIDE_ASSORTMENT_CHECKLIST,
    TYPE_INFO,
    Activity,
)
from activities.selectors import activity as selectors
from sesam.lib import search
from sesam.models import ServiceLocation, User


class StartForm(forms.Form):
    """Skapa aktivitet: Aktivitetstyp (each with its info text), Tjänsteställe, Förskrivare,
    and the recipient's phone when it is missing (ACT-1)."""

    activity_type = forms.ChoiceField(
        label=_("Aktivitetstyp"),
        choices=Activity.Type.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj en aktivitetstyp."),
            "invalid_choice": _("Välj en aktivitetstyp i listan."),
        },
    )
    service_location = forms.ModelChoiceField(
        queryset=ServiceLocation.objects.none(), label=_("Tjänsteställe"), empty_label=None
    )
    prescriber = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Förskrivare"), empty_label=None
    )
    phone = forms.CharField(
        label=_("Mottagarens telefonnummer"),
        max_length=20,
        required=False,
        help_text=_("Mottagaren saknar telefonnummer. Ange det – det sparas på mottagaren."),
    )

    def __init__(self, *args, locations, prescribers, needs_phone, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_phone = needs_phone
        self.fields["service_location"].queryset = ServiceLocation.objects.filter(
            pk__in=[location.pk for location in locations]
        )
        self.fields["prescriber"].queryset = User.objects.filter(pk__in=[p.pk for p in prescribers])
        for name in ("service_location", "prescriber"):
            self.fields[name].error_messages["invalid_choice"] = _("Välj ett av alternativen.")
        if not needs_phone:
            del self.fields["phone"]
        else:
            self.fields["phone"].required = True
            self.fields["phone"].error_messages["required"] = _("Ange mottagarens telefonnummer.")

    def type_options(self):
        value = self["activity_type"].value()
        return [
            {"value": v, "label": label, "info": TYPE_INFO[v], "checked": v == value}
            for v, label in Activity.Type.choices
        ]


class DevicesForm(forms.Form):
    """Ange artikel: Tjänsteprodukt and the ticked devices (ACT-2, ACT-4)."""

    service_product = forms.ChoiceField(
        label=_("Tjänsteprodukt"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj en tjänsteprodukt."),
            "invalid_choice": _("Välj en tjänsteprodukt i listan."),
        },
    )
    devices = forms.TypedMultipleChoiceField(
        label=_("Hjälpmedel"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Välj bland mottagarens levererade hjälpmedel."),
        },
    )

    confirm_out_of_warranty = forms.BooleanField(
        label=_("Garantin har gått ut – registrera ändå som garantireparation"),
        required=False,
    )

    def __init__(self, *args, activity, products, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.fields["service_product"].choices = [(p.value, p.label) for p in products]
        self.fields["devices"].choices = [(d.pk, str(d.pk)) for d in devices]
        self.device_rows = devices
        if not activity.needs_devices:
            del self.fields["devices"]

    def clean_devices(self):
        ids = self.cleaned_data["devices"]
        if not ids:
            raise forms.ValidationError(_("Välj hjälpmedlet som aktiviteten gäller."))
        if self.activity.type == Activity.Type.HEARING_SERVICES and len(ids) > 1:
            raise forms.ValidationError(
                _("Välj endast ett hjälpmedel – en aktivitet per installation.")
            )
        return ids


class RequestedActionForm(forms.Form):
    requested_action = forms.CharField(
        label=_("Önskad åtgärd"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Önskad åtgärd måste fyllas i."),
            "max_length": _("Önskad åtgärd får vara högst 5 000 tecken (nu %(show_value)d)."),
        },
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        if activity.type == Activity.Type.OUTSIDE_ASSORTMENT:
            self.checklist = OUTSIDE_ASSORTMENT_CHECKLIST
        else:
            self.checklist = []
            self.fields["requested_action"].help_text = _(
                "Beskriv felet eller vad som ska göras, kontaktperson och telefonnummer och "
                "annan viktig information."
            )


class AddressForm(forms.Form):
    """Ange leveransadress: pick one of the list, or Annan adress typed by hand (ACT-6)."""

    OTHER = "annan"

    choice = forms.ChoiceField(
        label=_("Välj adress"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj en adress."), "invalid_choice": _("Välj en adress.")},
    )
    address = forms.CharField(
        label=_("Adress"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fyll i om du valt Annan adress."),
    )
    contact = forms.CharField(
        label=_("Kontaktuppgifter"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, choices, other: bool = True, **kwargs):
        """`other=False` (protected identity, REC-D122): no Annan adress, no field to type in;
        the service refuses any address but the unit's."""
        super().__init__(*args, **kwargs)
        self.address_choices, self.other = choices, other
        self.fields["choice"].choices = [(key, label) for key, label, _text in choices] + (
            [(self.OTHER, _("Annan adress"))] if other else []
        )
        if not other:
            self.fields["choice"].error_messages["invalid_choice"] = _(
                "Mottagaren har skyddad identitet: returadressen är enhetens adress."
            )
            del self.fields["address"]

    def clean(self):
        data = super().clean()
        choice = data.get("choice")
        if choice == self.OTHER:
            if not data.get("address", "").strip():
                self.add_error("address", _("Skriv adressen."))
        elif choice:
            data["address"] = next(text for key, _l, text in self.address_choices if key == choice)
        return data


class ContactForm(forms.Form):
    contact = forms.CharField(
        label=_("Kontaktuppgifter"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportBackForm(forms.Form):
    """Återrapportera/avsluta aktivitet (ACT-9)."""

    performed_action = forms.CharField(
        label=_("Utförd åtgärd"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _("Utförd åtgärd får vara högst 5 000 tecken (nu %(show_value)d).")
        },
        help_text=_("Skriv in de åtgärder leverantören gjort. Utanför garanti: Ej garanti."),
    )
    outside_warranty = forms.BooleanField(label=_("Ej garanti"), required=False)
    new_unit = forms.BooleanField(
        label=_("Leverantören har skickat en ny enhet med nytt individnummer"), required=False
    )
    close = forms.BooleanField(label=_("Avsluta"), required=False)
    seen = forms.ChoiceField(choices=Activity.Status.choices, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if (
            data.get("close")
            and not data.get("performed_action")
            and not data.get("outside_warranty")
        ):
            self.add_error(
                "performed_action", _("Utförd åtgärd måste fyllas i för att avsluta aktiviteten.")
            )
        return data


class PdfForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kommentaren följer med på utskriften."),
    )


def _activity_status_choices():
    statuses = [(s.value, s.label) for s in Activity.Status if s != Activity.Status.DRAFT]
    return [("", _("Alla")), (selectors.OPEN, _("Öppna (ej avslutade)")), *statuses]


class SearchForm(search.CriteriaForm):
    """Sök → Aktivitet (ACT-10): the shared criteria and Status (BEY-10: Öppna is what the
    start page's tile counts)."""

    sorting = selectors.SORTING

    status = forms.ChoiceField(label=_("Status"), choices=_activity_status_choices, required=False)

    field_order = ["tjanstestalle", "registrerad", "status", "sortera"]

    def query(self, ids, since):
        return selectors.search_activities(
            ids, period=since, status=self.cleaned_data["status"], sort=self.sort
        )
