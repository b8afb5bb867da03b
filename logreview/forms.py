import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from logreview.models import AccessReview, AccessSample
from recipients.forms import PersonnummerField
from sesam.models import ServiceLocation, User


def _default_start():
    return timezone.localdate() - datetime.timedelta(days=30)


class PeriodForm(forms.Form):
    fran = forms.DateField(
        label=_("Från"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    till = forms.DateField(
        label=_("Till"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )

    def clean(self):
        data = super().clean()
        data["fran"] = data.get("fran") or _default_start()
        data["till"] = data.get("till") or timezone.localdate()
        if data["till"] < data["fran"]:
            raise forms.ValidationError(_("Till-datumet ligger före från-datumet."))
        return data


class LogSearchForm(PeriodForm):
    """Sök i åtkomstloggen: by recipient, user, unit and period (BEY-11, ACC-8)."""

    personnummer = PersonnummerField(required=False, help_text="")
    anvandare = forms.CharField(label=_("Användare (användarnamn)"), required=False, max_length=150)
    tjanstestalle = forms.ModelChoiceField(
        label=_("Tjänsteställe"),
        queryset=ServiceLocation.objects.order_by("name"),
        required=False,
        empty_label=_("Alla"),
    )

    field_order = ["personnummer", "anvandare", "tjanstestalle", "fran", "till"]

    def clean_anvandare(self):
        name = self.cleaned_data["anvandare"].strip()
        if not name:
            return None
        user = User.objects.filter(username__iexact=name).first()
        if user is None:
            raise forms.ValidationError(_("Det finns ingen användare med det användarnamnet."))
        return user


class ExtractForm(PeriodForm):
    personnummer = PersonnummerField()
    field_order = ["personnummer", "fran", "till"]


class SampleForm(PeriodForm):
    antal = forms.IntegerField(
        label=_("Antal åtkomster"), min_value=1, max_value=AccessSample.MAX_SIZE, initial=50
    )
    slumpfro = forms.IntegerField(
        label=_("Slumpfrö (valfritt)"),
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("Samma slumpfrö och period ger samma stickprov. Lämna tomt för ett nytt."),
    )


class MarkForm(forms.Form):
    bedomning = forms.ChoiceField(
        label=_("Bedömning"), choices=AccessReview.Verdict.choices, widget=forms.RadioSelect
    )
    kommentar = forms.CharField(label=_("Kommentar"), required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if (
            data.get("bedomning") == AccessReview.Verdict.QUESTIONED
            and not data.get("kommentar", "").strip()
        ):
            self.add_error("kommentar", _("Skriv varför åtkomsten ifrågasätts."))
        return data
