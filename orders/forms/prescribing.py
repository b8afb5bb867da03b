from django import forms
from django.utils.translation import gettext_lazy as _

from orders.models import Order, OrderLine
from orders.services import MAX_QUANTITY, allowed_prescribers
from recipients.forms import PersonnummerField
from sesam.models import User


class StartOrderForm(forms.Form):
    """Skapa ny beställning (ORD-1): Mottagare, Förskrivare, Tjänsteställe."""

    personnummer = PersonnummerField()
    prescriber = forms.ModelChoiceField(queryset=None, label=_("Förskrivare"), empty_label=None)
    service_location = forms.ModelChoiceField(
        queryset=None, label=_("Tjänsteställe"), empty_label=None
    )

    def __init__(self, *args, user, active_location=None, locations=None, **kwargs):
        """`locations`: the user's service locations where the caller has them (the request's,
        ACC-2); else they are read. The choices are lists, so that each select renders from
        memory (a queryset as choices opens a server-side cursor each time it is iterated)."""
        super().__init__(*args, **kwargs)
        allowed = allowed_prescribers(user)
        field = self.fields["prescriber"]
        field.queryset = User.objects.filter(pk__in=[p.pk for p in allowed])
        listed = list(field.queryset) if len(allowed) > 1 else allowed  # by name, as the query
        field.choices = [(p.pk, p.rs_id_and_name) for p in listed]
        if allowed:
            field.initial = allowed[0].pk
        field = self.fields["service_location"]
        field.queryset = user.service_locations.all()
        listed = list(field.queryset) if locations is None else _by_name(locations)
        field.choices = [(location.pk, str(location)) for location in listed]
        if active_location:
            field.initial = active_location.pk


def _by_name(locations) -> list:
    """Service locations in name order (ServiceLocation's ordering), as the top bar sorts
    the request's locations."""
    return sorted(locations, key=lambda location: location.name)


class LineForm(forms.Form):
    """The Beställ dialog (ORD-2): Leverans från, Antal, Kommentar."""

    source = forms.ChoiceField(
        label=_("Leverans från"), choices=OrderLine.Source.choices, widget=forms.RadioSelect
    )
    quantity = forms.IntegerField(label=_("Antal"), min_value=1, max_value=MAX_QUANTITY, initial=1)
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reuse_declined = forms.CharField(
        label=_("Skäl att inte återanvända"),
        required=False,
        max_length=200,
        help_text=_("Till exempel: patienten behöver en annan modell eller färg."),
    )

    def __init__(self, *args, reuse_offered: bool = False, **kwargs):
        """`reuse_offered`: the dialog offers reused individuals (BEY-3): ordering a new one
        from 70 instead asks why, and the reason is kept on the line."""
        super().__init__(*args, **kwargs)
        self.reuse_offered = reuse_offered

    def clean(self):
        data = super().clean()
        central = data.get("source") == OrderLine.Source.CENTRAL
        if self.reuse_offered and central and not (data.get("reuse_declined") or "").strip():
            self.add_error(
                "reuse_declined",
                _(
                    "Det finns återanvända individer i lager 70. Välj Återanvänd individ, "
                    "eller skriv varför en ny ska beställas."
                ),
            )
        return data


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Antal"), min_value=1, max_value=MAX_QUANTITY)


def _same_address(a: str, b: str) -> bool:
    """Two address texts alike but for line endings and surrounding spaces (a textarea posts
    CRLF)."""

    def lines(text):
        return [line.strip() for line in (text or "").strip().splitlines()]

    return lines(a) == lines(b)


class DeliveryForm(forms.Form):
    """Leveransuppgifter (ORD-6). Välj adress is a list: the unit's address, the patient's
    registered one (never under protected identity, REC-5) and Ange adress manuellt. Without
    JavaScript the chosen address is used while the address field still holds what was
    prefilled (or one of the listed addresses); a text the user typed is used as typed.
    Choosing the patient's address means Leverans till patient; Leverans till patient with
    the unit's address is refused (the list was left as it was)."""

    MANUAL = "manual"

    delivery_method = forms.ChoiceField(
        label=_("Leveranssätt"), choices=Order.DeliveryMethod.choices
    )
    address_choice = forms.ChoiceField(
        label=_("Välj adress"), required=False, widget=forms.RadioSelect
    )
    address = forms.CharField(
        label=_("Adress"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact = forms.CharField(
        label=_("Kontaktuppgifter"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    consolidated = forms.BooleanField(label=_("Samleverans"), required=False)
    on_trial = forms.BooleanField(label=_("Leverans på prov"), required=False)
    trial_until = forms.DateField(
        label=_("Prov till"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )
    key = forms.UUIDField(widget=forms.HiddenInput)

    ADDRESS_LABELS = {
        Order.DeliveryMethod.TO_UNIT: _("Mottagningens/enhetens adress"),
        Order.DeliveryMethod.TO_PATIENT: _("Patientens folkbokföringsadress"),
    }

    def __init__(
        self,
        *args,
        addresses: list[tuple[str, str]],
        prefilled: str = "",
        manual: bool = True,
        **kwargs,
    ):
        """`manual=False` (protected identity, REC-D122): only the listed unit's address, the
        field read-only; the service refuses any other text."""
        super().__init__(*args, **kwargs)
        self.addresses = dict(addresses)
        self.prefilled, self.manual = prefilled, manual
        self.fields["address_choice"].choices = [
            (method, self.ADDRESS_LABELS[method]) for method in self.addresses
        ] + ([(self.MANUAL, _("Ange adress manuellt"))] if manual else [])
        if not manual:
            self.fields["address_choice"].error_messages["invalid_choice"] = _(
                "Mottagaren har skyddad identitet: leveransen går till enhetens adress."
            )
            self.fields["address"].widget.attrs["readonly"] = True
            self.fields["address"].help_text = _(
                "Mottagaren har skyddad identitet: leveransen går till enhetens adress och "
                "kan inte ändras."
            )

    @classmethod
    def choice_for(cls, addresses: list[tuple[str, str]], address: str) -> str:
        """The list entry that matches an address text, else Ange adress manuellt."""
        return next(
            (method for method, text in addresses if _same_address(text, address)), cls.MANUAL
        )

    def address_options(self):
        """(radio, address text) per entry, for the template (the text fills the field)."""
        return [
            (radio, self.addresses.get(radio.data["value"], "")) for radio in self["address_choice"]
        ]

    def clean(self):
        data = super().clean()
        choice = data.get("address_choice") or self.MANUAL
        typed = (data.get("address") or "").strip()
        listed = self.addresses.get(choice)
        untouched = not typed or any(
            _same_address(typed, text) for text in [self.prefilled, *self.addresses.values()]
        )
        if listed is not None and untouched:
            data["address"] = listed
            to_patient = Order.DeliveryMethod.TO_PATIENT
            if (
                choice == Order.DeliveryMethod.TO_UNIT
                and data.get("delivery_method") == to_patient
                and to_patient in self.addresses
            ):
                self.add_error(
                    "address_choice",
                    _(
                        "Leverans till patient: välj Patientens folkbokföringsadress eller "
                        "Ange adress manuellt."
                    ),
                )
        elif not typed:
            self.add_error("address", _("Ange en leveransadress."))
        else:
            data["address"] = typed
        if choice == Order.DeliveryMethod.TO_PATIENT:
            data["delivery_method"] = Order.DeliveryMethod.TO_PATIENT
        return data


class SubmitForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput)
