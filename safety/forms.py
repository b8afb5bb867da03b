"""Forms of the patient-safety pages: input validation only; the services decide."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from inventory.models import Article
from safety.models import Deviation

MAX_SERIAL_FILE_BYTES = 2 * 1024 * 1024


class RecallForm(forms.Form):
    """Ny återkallelse (BEY-5): the article, the serials pasted and/or uploaded, the reason."""

    article_number = forms.CharField(label=_("Artikelnummer"), max_length=20)
    serials = forms.CharField(
        label=_("Serienummer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ett per rad; intervall FRÅN-TILL; batch LOT:prefix."),
    )
    serial_file = forms.FileField(
        label=_("eller ladda upp en fil (text/CSV, första kolumnen)"), required=False
    )
    reason = forms.CharField(label=_("Orsak"), max_length=300)
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean_article_number(self):
        number = self.cleaned_data["article_number"].strip()
        try:
            return Article.objects.get(number=number)
        except Article.DoesNotExist:
            raise forms.ValidationError(_("Artikel %(n)s finns inte.") % {"n": number}) from None

    def clean_serial_file(self):
        upload = self.cleaned_data.get("serial_file")
        if not upload:
            return ""
        if upload.size > MAX_SERIAL_FILE_BYTES:
            raise forms.ValidationError(_("Filen är för stor (högst 2 MB)."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Filen ska vara text i UTF-8.")) from None
        return "\n".join(line.split(";")[0].split(",")[0] for line in text.splitlines())

    def clean(self):
        cleaned = super().clean()
        text = "\n".join(filter(None, [cleaned.get("serials", ""), cleaned.get("serial_file", "")]))
        if not text.strip() and not self.errors:
            raise forms.ValidationError(_("Ange minst ett serienummer eller ladda upp en fil."))
        cleaned["all_serials"] = text
        return cleaned


class CloseRecallForm(forms.Form):
    note = forms.CharField(label=_("Kommentar"), max_length=300, required=False)


class DeviationForm(forms.Form):
    """Avvikelse / reklamation (BEY-9). Läkemedelsverket's fields are required for a negative
    event or near miss (the service checks); `device` is offered when the report starts from a
    recipient."""

    device = forms.TypedChoiceField(label=_("Hjälpmedel"), coerce=int, required=False)
    kind = forms.ChoiceField(
        label=_("Typ"), choices=Deviation.Kind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Beskrivning"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    event_date = forms.DateField(
        label=_("Händelsedatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Krävs för negativ händelse/tillbud."),
    )
    consequence = forms.CharField(
        label=_("Konsekvens för patienten"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs för negativ händelse/tillbud."),
    )
    udi = forms.CharField(label=_("UDI/GTIN"), required=False, max_length=80)
    attachment = forms.FileField(
        label=_("Bilaga"), required=False, help_text=_("pdf, jpg eller png, högst 10 MB.")
    )
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, devices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if devices is None:
            del self.fields["device"]
        else:
            self.fields["device"].required = True
            self.fields["device"].choices = [("", "–")] + [
                (d.pk, f"{d.article.number} {d.article.name}"
                 + (f" ({d.individual.number})" if d.individual else ""))
                for d in devices
            ]  # fmt: skip


class DeviationAttachmentForm(forms.Form):
    attachment = forms.FileField(
        label=_("Ny bilaga"), help_text=_("pdf, jpg eller png, högst 10 MB.")
    )


class DeviationSearchForm(forms.Form):
    number = forms.CharField(label=_("Avvikelsenummer"), required=False, max_length=12)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla"))] + Deviation.Status.choices
    )
    kind = forms.ChoiceField(
        label=_("Typ"), required=False, choices=[("", _("Alla"))] + Deviation.Kind.choices
    )
