"""Forms validate input only (style.md); the views call selectors and services."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from inventory.models import STOCKTAKE_MAX_COUNT, Article, ArticleColumnChoice
from inventory.selectors import (
    MIN_TERM_LENGTH,
    BalanceFilter,
    SearchField,
    query_is_searchable,
    scanned_individual_refusal,
    scanned_sheet_individual,
)
from sesam.lib.device_numbers import individual_number_refusal
from sesam.lib.scanning import ScanError, parse_scan

SEARCHABLE_TYPES = [
    ("", _("Alla artikeltyper")),
    (Article.Type.MAIN, _("Huvudhjälpmedel")),
    (Article.Type.ACCESSORY, _("Tillbehör")),
    (Article.Type.SPARE_PART, _("Reservdel")),
    (Article.Type.SERVICE, _("Tjänst")),
]
# ART-1: MIN_TERM_LENGTH is 3.
SHORT_QUERY = _("Ange minst 3 tecken för att söka.")


class FallbackChoiceField(forms.ChoiceField):
    """A select of a search (GET) form: a value not offered falls back to `fallback` instead
    of failing, since a query string is a bookmark rather than typed input."""

    def __init__(self, *args, fallback="", **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.fallback = fallback

    def clean(self, value):
        value = self.to_python(value)
        return value if value and self.valid_value(value) else self.fallback


class ArticleSearchForm(forms.Form):
    """Sök artikel (ART-1, ART-2, ART-3)."""

    q = forms.CharField(label=_("Sök artikel"), max_length=100, required=False, strip=True)
    urval = FallbackChoiceField(
        label=_("Urval"),
        choices=[("sortiment", _("Sortimentsartiklar")), ("alla", _("Alla artiklar"))],
        fallback="sortiment",
    )
    typ = FallbackChoiceField(label=_("Artikeltyp"), choices=SEARCHABLE_TYPES)
    lager = FallbackChoiceField(label=_("Visa tillgänglighet för"))
    sortering = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, warehouses, default="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lager"].choices = [(w.number, str(w)) for w in warehouses]
        self.fields["lager"].fallback = default

    def clean_q(self):
        query = self.cleaned_data["q"]
        if not query_is_searchable(query):
            raise forms.ValidationError(SHORT_QUERY)
        return query


class CatalogueFilterForm(forms.Form):
    """The catalogue's division list: which warehouse's availability to show."""

    lager = FallbackChoiceField(label=_("Visa tillgänglighet för"))

    def __init__(self, *args, warehouses, default="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lager"].choices = [(w.number, str(w)) for w in warehouses]
        self.fields["lager"].fallback = default


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
    typ = FallbackChoiceField(label=_("Artikeltyp"), choices=SEARCHABLE_TYPES)
    saldo = FallbackChoiceField(
        label=_("Lagersaldo"), choices=BalanceFilter.CHOICES, fallback=BalanceFilter.WITH
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        if query and not query_is_searchable(query):
            raise forms.ValidationError(
                _("Ange minst 3 tecken, eller sök med tomt fält för att se allt på lagret.")
            )
        return query


class ServiceLocationForm(forms.Form):
    """Lager: the service location whose own store to show (STK-1)."""

    tjanstestalle = forms.TypedChoiceField(label=_("Tjänsteställe"), coerce=int)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tjanstestalle"].choices = [(loc.pk, loc.name) for loc in locations]


class IndividualSearchForm(forms.Form):
    scan = None

    """IND-1: whole or part of an individual number, or a SIP number ("Sök i")."""

    q = forms.CharField(label=_("Sök individ"), max_length=120, strip=True)
    sok_i = FallbackChoiceField(
        label=_("Sök i"), choices=SearchField.CHOICES, fallback=SearchField.NUMBER
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        try:  # BEY-6: a scanned GS1 code looks the individual up by its serial number
            self.scan = parse_scan(query)
        except ScanError as error:
            raise forms.ValidationError(str(error)) from None
        if self.scan is not None:
            if not self.scan.serial:
                raise forms.ValidationError(_("Streckkoden har inget serienummer (AI 21)."))
            return query
        if len("".join(query.split())) < MIN_TERM_LENGTH:
            raise forms.ValidationError(_("Ange minst 3 tecken av numret för att söka."))
        return query


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
        if refusal := individual_number_refusal(value):  # IND-D123: the one check
            raise forms.ValidationError(refusal)
        return value


class SupplierReturnForm(forms.Form):
    """RET-6 Retur till leverantör: the reason is fixed (Kreditering); the comment is required.
    The key makes a double submit one return."""

    key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Formuläret saknar sin nyckel. Ladda om sidan."),
            "invalid": _("Formulärets nyckel är ogiltig. Ladda om sidan."),
        },
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Skriv i Kommentar varför individen returneras."),
            "max_length": _("Kommentaren får vara högst %(limit_value)d tecken."),
        },
    )
    # BEY-6: the device in hand scanned (or its number typed) to check it is this individual.
    skanna = forms.CharField(
        label=_("Skanna hjälpmedlet (frivilligt)"),
        required=False,
        max_length=120,
        strip=True,
        error_messages={"max_length": _("Streckkoden är för lång (högst 120 tecken).")},
    )

    def __init__(self, *args, individual, **kwargs):
        super().__init__(*args, **kwargs)
        self.individual = individual

    def clean_skanna(self):
        value = self.cleaned_data["skanna"]
        if value:
            try:
                scan = parse_scan(value)
            except ScanError as error:
                raise forms.ValidationError(str(error)) from None
            if refusal := scanned_individual_refusal(self.individual, value, scan):
                raise forms.ValidationError(refusal)
        return value


COUNT_PATTERN = re.compile(r"^[0-9]+$")


def parse_count(value: str) -> int | None:
    """A counted quantity as typed (STK-3): empty is "not counted yet"; spaces are ignored
    ("1 000"); anything but a whole number from 0 to 99 999 is refused with what to do."""
    text = "".join((value or "").split())
    if not text:
        return None
    if text.startswith("-") and COUNT_PATTERN.match(text[1:]):
        raise forms.ValidationError(
            _("Antalet kan inte vara negativt. Skriv 0 om artikeln inte finns på hyllan.")
        )
    if not COUNT_PATTERN.match(text) or not text.isascii():
        raise forms.ValidationError(_("Skriv antalet som ett heltal med siffror, t.ex. 12."))
    if len(text) > 5 or int(text) > STOCKTAKE_MAX_COUNT:
        raise forms.ValidationError(
            _("Antalet är orimligt stort (högst 99 999). Kontrollera det du skrev.")
        )
    return int(text)


class CountField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        return parse_count(super().clean(value))


class CountSheetForm(forms.Form):
    """The count sheet's lines on one page (STK-3): a typed count per article that is not
    individual-marked (`antal-<line id>`), and the individuals ticked as found (`hittad`)."""

    hittad = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        error_messages={
            "invalid_choice": _("En individ finns inte på den här sidan av underlaget.")
        },
    )

    # BEY-6: a scanned GS1 code (or a typed individual or serial number) ticks its individual
    # as found, wherever it is on the sheet; Enter in the field saves the page with it.
    skanna = forms.CharField(
        label=_("Skanna individ"),
        required=False,
        max_length=120,
        strip=True,
        error_messages={"max_length": _("Streckkoden är för lång (högst 120 tecken).")},
    )
    scanned = None  # the StocktakeIndividual the scan found

    def __init__(self, *args, lines, stocktake=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines, self.stocktake = lines, stocktake
        individuals = []
        for line in lines:
            if line.article.is_individual:
                individuals += [mark.individual for mark in line.marks]
                continue
            self.fields[f"antal-{line.pk}"] = CountField(
                label=_("Räknat antal för %(article)s")
                % {"article": f"{line.article.number} {line.article.name}"},
                initial="" if line.counted is None else str(line.counted),
            )
        self.fields["hittad"].choices = [(i.pk, i.number) for i in individuals]
        self.initial.setdefault(
            "hittad", [m.individual_id for line in lines for m in line.marks if m.found]
        )

    def counts(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("antal-")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("antal-")
        }

    def clean_skanna(self):
        value = self.cleaned_data["skanna"]
        if value and self.stocktake is not None:
            try:
                scan = parse_scan(value)
            except ScanError as error:
                raise forms.ValidationError(str(error)) from None
            self.scanned, refusal = scanned_sheet_individual(self.stocktake, value, scan)
            if refusal:
                raise forms.ValidationError(refusal)
        return value

    @property
    def only_scan_failed(self) -> bool:
        return bool(self.errors) and set(self.errors) == {"skanna"}

    def found(self) -> dict[int, bool]:
        ticked = set(self.cleaned_data["hittad"])
        found = {pk: pk in ticked for pk, _number in self.fields["hittad"].choices}
        if self.scanned is not None:  # the scan wins over its unticked box on this page
            found[self.scanned.individual_id] = True
        return found

    def rows(self):
        """The template's rows: each line with its bound count field or its individuals."""
        ticked = {str(v) for v in (self["hittad"].value() or [])}
        for line in self.lines:
            if line.article.is_individual:
                marks = [(mark, str(mark.individual_id) in ticked) for mark in line.marks]
                yield {"line": line, "field": None, "marks": marks}
            else:
                yield {"line": line, "field": self[f"antal-{line.pk}"], "marks": []}


class ReorderLevelForm(forms.Form):
    """BEY-8: Minsta saldo and Fyll på till of a Lager row; both empty removes the level."""

    min = forms.IntegerField(label=_("Minsta saldo"), required=False, min_value=0, max_value=100000)
    fyll = forms.IntegerField(
        label=_("Fyll på till"), required=False, min_value=1, max_value=100000
    )
