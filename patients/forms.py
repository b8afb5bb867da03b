import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models.patient_request import DESCRIPTION_MAX

DEFAULT_DAYS = 365  # BEY-15: the last 12 months unless the patient chooses a period


class PeriodForm(forms.Form):
    """Vem har tittat på mina uppgifter: the period (both ends included)."""

    fran = forms.DateField(
        label=_("Från och med"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    till = forms.DateField(
        label=_("Till och med"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["till"] = data.get("till") or today
        data["fran"] = data.get("fran") or data["till"] - datetime.timedelta(days=DEFAULT_DAYS)
        if data["till"] < data["fran"]:
            raise forms.ValidationError(_("Till-datumet ligger före från-datumet."))
        return data


class RequestForm(forms.Form):
    """Anmäl fel / Jag vill lämna tillbaka (BEY-15): a description and the form's key, so a
    double submit makes one request (activities.services.patient_requests)."""

    beskrivning = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Beskrivningen får vara högst %(limit_value)s tecken.")},
    )
    nyckel = forms.UUIDField(widget=forms.HiddenInput)
