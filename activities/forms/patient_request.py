"""Forms of the unit's answers to patients' requests (BEY-15)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models.patient_request import DECLINE_REASON_MAX


class ConvertForm(forms.Form):
    garanti = forms.BooleanField(
        label=_("Garantin har gått ut – skapa ändå en garantireparation"), required=False
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl (patienten ser det du skriver)"),
        max_length=DECLINE_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Skriv varför förfrågan avböjs – patienten ser det du skriver."),
            "max_length": _("Skälet får vara högst %(limit_value)s tecken."),
        },
    )
