from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from recipients.models import Device
from sesam.lib import personnummer
from sesam.models import phone_validator


class PersonnummerField(forms.CharField):
    """REC-1: a personnummer as typed (12 digits, spaces and one hyphen after the date allowed),
    cleaned to its 12 digits; each kind of wrong number gets its own Swedish message.
    Reused by the order wizard."""

    default_error_messages = {"required": personnummer.MESSAGES["required"]}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Personnummer"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "placeholder": "ÅÅÅÅMMDDNNNN",
                    "maxlength": "20",
                }
            ),
        )
        kwargs.setdefault("help_text", _("12 siffror, ÅÅÅÅMMDDNNNN."))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        return personnummer.normalise(value)


class LookupForm(forms.Form):
    personnummer = PersonnummerField()


class PhoneForm(forms.Form):
    """REC-2: the recipient's phone, the one detail the portal owns."""

    value = forms.CharField(
        label=_("Telefon"), max_length=20, required=False, validators=[phone_validator]
    )


payment_commitment_validator = RegexValidator(
    r"^[0-9A-Za-zÅÄÖåäö .,:/_\-]{1,60}$",
    _(
        "Ange hemregionens referens med bokstäver, siffror, mellanslag eller tecknen - / . : _ "
        "(högst 60 tecken)."
    ),
)


class PaymentCommitmentForm(forms.Form):
    """REC-4: the home region's payment commitment (betalningsförbindelse) reference."""

    value = forms.CharField(
        label=_("Betalningsförbindelse"),
        max_length=60,
        required=False,
        validators=[payment_commitment_validator],
    )


FIELD_FORMS = {"telefon": PhoneForm, "betalningsforbindelse": PaymentCommitmentForm}


class LoanAgreementForm(forms.Form):
    """DOC-1: document type (preselected by age) and the devices it lists."""

    LOAN = "lan"
    OWNERSHIP = "eget-agande"
    TYPES = [(LOAN, _("Låneförbindelse")), (OWNERSHIP, _("Eget ägande"))]

    typ = forms.ChoiceField(
        label=_("Dokument"),
        choices=TYPES,
        error_messages={"invalid_choice": _("Välj Låneförbindelse eller Eget ägande.")},
    )
    hjalpmedel = forms.TypedMultipleChoiceField(
        label=_("Hjälpmedel"),
        coerce=int,
        error_messages={
            "required": _("Välj minst ett hjälpmedel att ta med på dokumentet."),
            "invalid_choice": _("Välj bland mottagarens hjälpmedel i listan."),
        },
    )

    def __init__(self, *args, devices: list[Device], **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.fields["hjalpmedel"].choices = [(device.pk, str(device.pk)) for device in devices]

    def selected_devices(self) -> list[Device]:
        chosen = set(self.cleaned_data["hjalpmedel"])
        return [device for device in self.devices if device.pk in chosen]

    @classmethod
    def type_for(cls, *, is_adult: bool) -> str:
        """DOC-1: free loan under 20, own ownership from 20 (the Region's guideline)."""
        return cls.OWNERSHIP if is_adult else cls.LOAN


class ReturnLocationForm(forms.Form):
    """RET-1 step 1: the service location where the devices are physically handed back; its
    own store is used automatically."""

    tjanstestalle = forms.TypedChoiceField(
        label=_("Tjänsteställe"),
        coerce=int,
        error_messages={
            "required": _("Välj det tjänsteställe där hjälpmedlen lämnas tillbaka."),
            "invalid_choice": _("Välj ett av dina tjänsteställen med eget lager."),
        },
    )

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.locations = {location.pk: location for location in locations}
        self.fields["tjanstestalle"].choices = [
            (
                location.pk,
                _("%(name)s – lager %(number)s")
                % {"name": location.name, "number": location.warehouse.number},
            )
            for location in locations
        ]

    def location(self):
        return self.locations[self.cleaned_data["tjanstestalle"]]


NOT_DELIVERED = _(
    "Ett valt hjälpmedel finns inte bland mottagarens utlämnade hjälpmedel (det kan redan vara "
    "återlämnat). Välj bland hjälpmedlen i listan."
)


class ReturnDevicesForm(ReturnLocationForm):
    """RET-1 step 2 (and RET-4): tick devices in the Retur column, or Skrota for those that may
    be scrapped; a ticked Skrota returns the device as scrapped. The key makes a double submit
    one return."""

    key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Formuläret saknar sin nyckel. Ladda om sidan."),
            "invalid": _("Formulärets nyckel är ogiltig. Ladda om sidan."),
        },
    )
    retur = forms.TypedMultipleChoiceField(
        label=_("Retur"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": NOT_DELIVERED},
    )
    skrota = forms.TypedMultipleChoiceField(
        label=_("Skrota"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": NOT_DELIVERED},
    )

    def __init__(self, *args, devices: list[Device], scrap_refusals: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = {device.pk: device for device in devices}
        self.scrap_refusals = scrap_refusals
        choices = [(device.pk, str(device.pk)) for device in devices]
        self.fields["retur"].choices = choices
        self.fields["skrota"].choices = choices

    def clean(self):
        data = super().clean()
        returned, scrapped = data.get("retur"), data.get("skrota")
        if returned is None or scrapped is None:
            return data
        if not returned and not scrapped:
            self.add_error("retur", _("Bocka i minst ett hjälpmedel att returnera."))
        for pk in scrapped:
            if refusal := self.scrap_refusals.get(pk):
                self.add_error("skrota", refusal)
        return data

    def device_ids(self) -> list[int]:
        return sorted(set(self.cleaned_data["retur"]) | set(self.cleaned_data["skrota"]))
