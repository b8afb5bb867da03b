import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
