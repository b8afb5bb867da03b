"""Forms validate input only (style.md); the views call selectors and services."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from inventory.models import Article, ArticleColumnChoice
from inventory.selectors import MIN_TERM_LENGTH, BalanceFilter, SearchField, query_is_searchable

SEARCHABLE_TYPES = [
    ("", _("Alla artikeltyper")),
    (Article.Type.MAIN, _("Huvudhjälpmedel")),
    (Article.Type.ACCESSORY, _("Tillbehör")),
    (Article.Type.SPARE_PART, _("Reservdel")),
    (Article.Type.SERVICE, _("Tjänst")),
]
# ART-1: MIN_TERM_LENGTH is 3.
SHORT_QUERY = _("Ange minst 3 tecken för att söka.")


def _choice_or_default(form, name, default):
    """A bad value in a select of a GET form falls back to the default instead of failing:
    the query string is the user's bookmark, not input they typed."""
    value = form.data.get(name, default)
    valid = {str(key) for key, _label in form.fields[name].choices}
    return value if value in valid else default


class ArticleSearchForm(forms.Form):
    """Sök artikel (ART-1, ART-2, ART-3)."""

    q = forms.CharField(label=_("Sök artikel"), max_length=100, required=False, strip=True)
    urval = forms.ChoiceField(
        label=_("Urval"),
        choices=[("sortiment", _("Sortimentsartiklar")), ("alla", _("Alla artiklar"))],
        required=False,
    )
    typ = forms.ChoiceField(label=_("Artikeltyp"), choices=SEARCHABLE_TYPES, required=False)
    lager = forms.ChoiceField(label=_("Visa tillgänglighet för"), required=False)
    sortering = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, warehouses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lager"].choices = [(w.number, str(w)) for w in warehouses]

    def clean_q(self):
        query = self.cleaned_data["q"]
        if not query_is_searchable(query):
            raise forms.ValidationError(SHORT_QUERY)
        return query

    def clean_urval(self):
        return _choice_or_default(self, "urval", "sortiment")

    def clean_typ(self):
        return _choice_or_default(self, "typ", "")

    def clean_lager(self):
        choices = self.fields["lager"].choices
        return _choice_or_default(self, "lager", choices[0][0] if choices else "")


class CatalogueFilterForm(forms.Form):
    """The catalogue's division list: which warehouse's availability to show."""

    lager = forms.ChoiceField(label=_("Visa tillgänglighet för"), required=False)

    def __init__(self, *args, warehouses, default="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lager"].choices = [(w.number, str(w)) for w in warehouses]
        self.default = default

    def clean_lager(self):
        return _choice_or_default(self, "lager", self.default)


class ArticleColumnsForm(forms.Form):
    """ART-5: which result columns to show."""

    kolumner = forms.MultipleChoiceField(
        label=_("Visa kolumner"),
        choices=list(ArticleColumnChoice.COLUMNS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en kolumn att visa.")},
    )


class StockFilterForm(forms.Form):
    """Lagersaldo (STK-1): name search (3 characters, or empty for all), type, balance."""

    q = forms.CharField(label=_("Benämning"), max_length=100, required=False, strip=True)
    typ = forms.ChoiceField(label=_("Artikeltyp"), choices=SEARCHABLE_TYPES, required=False)
    saldo = forms.ChoiceField(label=_("Lagersaldo"), choices=BalanceFilter.CHOICES, required=False)

    def clean_q(self):
        query = self.cleaned_data["q"]
        if query and not query_is_searchable(query):
            raise forms.ValidationError(
                _("Ange minst 3 tecken, eller sök med tomt fält för att se allt på lagret.")
            )
        return query

    def clean_typ(self):
        return _choice_or_default(self, "typ", "")

    def clean_saldo(self):
        return _choice_or_default(self, "saldo", BalanceFilter.WITH)


class ServiceLocationForm(forms.Form):
    """Lager: the service location whose own store to show (STK-1)."""

    tjanstestalle = forms.TypedChoiceField(label=_("Tjänsteställe"), coerce=int)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tjanstestalle"].choices = [(loc.pk, loc.name) for loc in locations]


class IndividualSearchForm(forms.Form):
    """IND-1: whole or part of an individual number, or a SIP number ("Sök i")."""

    q = forms.CharField(label=_("Sök individ"), max_length=60, strip=True)
    sok_i = forms.ChoiceField(
        label=_("Sök i"), choices=SearchField.CHOICES, required=False, widget=forms.RadioSelect
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        if len("".join(query.split())) < MIN_TERM_LENGTH:
            raise forms.ValidationError(_("Ange minst 3 tecken av numret för att söka."))
        return query

    def clean_sok_i(self):
        return _choice_or_default(self, "sok_i", SearchField.NUMBER)


SIP_PATTERN = re.compile(r"^[A-Za-z0-9+\-.@:_]{3,60}$")


class SipNumberForm(forms.Form):
    """IND-3. Empty removes the SIP number."""

    sip_number = forms.CharField(label=_("SIP-nummer"), max_length=60, required=False)

    def clean_sip_number(self):
        value = self.cleaned_data["sip_number"].strip()
        if value and not SIP_PATTERN.match(value):
            raise forms.ValidationError(
                _(
                    "Ett SIP-nummer har 3–60 tecken: bokstäver, siffror och + - . @ : _ "
                    "(inga mellanslag)."
                )
            )
        return value


INDIVIDUAL_NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9\-./]{1,40}$")


class ChangeIndividualNumberForm(forms.Form):
    """IND-4 Byte av individnummer."""

    confirm = forms.BooleanField(
        label=_("Jag bekräftar att detta är den individ som ska byta nummer"),
        error_messages={
            "required": _("Bocka i att du bekräftar att detta är den individ som ska byta nummer.")
        },
    )
    new_number = forms.CharField(
        label=_("Nytt individnummer"),
        max_length=40,
        error_messages={"required": _("Ange det nya individnumret.")},
    )

    def clean_new_number(self):
        value = "".join(self.cleaned_data["new_number"].split())
        if not INDIVIDUAL_NUMBER_PATTERN.match(value):
            raise forms.ValidationError(
                _("Ett individnummer har 1–40 tecken: bokstäver, siffror och - . /")
            )
        return value
