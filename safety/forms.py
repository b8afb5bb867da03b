"""Forms of the patient-safety pages: input validation only; the services decide."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from inventory.models import Article

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
