"""Forms of Kvittera direktleverans (RCV)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inventory.selectors import gtin_refusal
from inventory.services import NewIndividual
from orders import selectors
from orders.services import LineReceipt
from sesam.lib.device_numbers import (
    individual_number_refusal,
    normalise_individual_number,
    normalise_serial_number,
    serial_number_refusal,
)
from sesam.lib.scanning import Scan, ScanError, parse_scan
from sesam.lib.search import NumberField

MAX_PRICE = Decimal("99999999.99")  # Receipt.unit_price: 10 digits, 2 decimals


class ReceiveLookupForm(forms.Form):
    """Kvittera direktleverans (RCV-1): which kind of number, the number, Välj."""

    KINDS = [("inkop", _("Inköpsnummer")), ("bestallning", _("Beställningsnummer"))]

    typ = forms.ChoiceField(
        label=_("Nummertyp"),
        choices=KINDS,
        widget=forms.RadioSelect,
        initial="inkop",
        error_messages={
            "required": _("Välj Inköpsnummer eller Beställningsnummer."),
            "invalid_choice": _("Välj Inköpsnummer eller Beställningsnummer."),
        },
    )
    nummer = NumberField(label=_("Nummer"))

    def label_of(self, kind: str) -> str:
        return str(dict(self.KINDS)[kind])


def parse_price(value: str) -> Decimal:
    """An á-pris as typed in Sweden: `1 234,50`, `1234.5`, `125` (kr)."""
    text = re.sub(r"\s|kr$", "", value.strip().lower()).replace(",", ".")
    try:
        price = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Ange priset i kronor, t.ex. 125,50.")) from None
    if not price.is_finite() or price <= 0 or price > MAX_PRICE or -price.as_tuple().exponent > 2:
        raise ValidationError(_("Ange ett á-pris större än 0 kr, med högst två decimaler."))
    return price


class ReceiveForm(forms.Form):
    """The open lines of a direct delivery (RCV-2…RCV-6): tick lines; Pris where the line's
    price is 0; Individnummer and Serienummer per unit of an individual-marked article.
    `receipts()` gives the services' LineReceipts after validation."""

    RECEIVE, CANCEL, CANCEL_CONFIRMED = "kvittera", "makulera", "makulera-bekraftat"

    action = forms.ChoiceField(
        choices=[(RECEIVE, RECEIVE), (CANCEL, CANCEL), (CANCEL_CONFIRMED, CANCEL_CONFIRMED)]
    )
    rad = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, delivery: selectors.DirectDelivery, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].error_messages["invalid_choice"] = _(
            "Välj Kvittera eller Makulera rader."
        )
        rad = self.fields["rad"]
        rad.choices = [(str(pk), str(pk)) for pk in delivery.line_ids]
        rad.error_messages["invalid_choice"] = _("Raden finns inte på det här numret.")
        self.rows, self.prices, self.units = [], {}, {}
        for line in delivery.lines:
            row = {"line": line, "price": None, "units": []}
            if not line.unit_price:
                name = f"pris_{line.pk}"
                self.fields[name] = forms.CharField(label=_("Pris"), required=False, max_length=20)
                row["price"] = name
            if line.article.is_individual:
                for n in range(line.quantity):
                    self.fields[f"individ_{line.pk}_{n}"] = forms.CharField(
                        label=_("Individnummer"), required=False, max_length=40
                    )
                    self.fields[f"serie_{line.pk}_{n}"] = forms.CharField(
                        label=_("Serienummer"),
                        required=False,
                        max_length=120,  # or a scan
                    )
                    row["units"].append((f"individ_{line.pk}_{n}", f"serie_{line.pk}_{n}"))
            self.rows.append(row)

    def bound_rows(self):
        """Rows for the template, with bound fields and whether the line is ticked."""
        ticked = {str(value) for value in (self["rad"].value() or [])}
        for row in self.rows:
            yield {
                "line": row["line"],
                "ticked": str(row["line"].pk) in ticked,
                "price": self[row["price"]] if row["price"] else None,
                "units": [(self[i], self[s]) for i, s in row["units"]],
            }

    def clean(self):
        data = super().clean()
        action, ticked = data.get("action"), set(data.get("rad") or [])
        if action and not ticked:
            self.add_error(
                "rad",
                _("Markera de rader som har levererats.")
                if action == self.RECEIVE
                else _("Markera de rader som ska makuleras."),
            )
        if action != self.RECEIVE:
            return data
        seen = {}
        for row in self.rows:
            line = row["line"]
            if line.pk not in ticked:
                continue
            if row["price"]:
                self._clean_price(row["price"], line)
            units = []
            for individ, serie in row["units"]:
                scan = self._scan(serie, line)
                number = normalise_individual_number(data.get(individ) or "")
                serial = scan.serial if scan else normalise_serial_number(data.get(serie) or "")
                if refusal := individual_number_refusal(number):  # IND-D123
                    self.add_error(individ, refusal)
                elif number in seen:
                    self.add_error(
                        individ,
                        _("Individnumret %(number)s är angivet två gånger.") % {"number": number},
                    )
                seen.setdefault(number, individ)
                if serie not in self.errors and (refusal := serial_number_refusal(serial)):
                    self.add_error(serie, refusal)
                units.append(
                    NewIndividual(
                        number=number,
                        serial_number=serial,
                        lot=scan.lot if scan else "",
                        expiry_date=scan.expiry if scan else None,
                    )
                )
            self.units[line.pk] = tuple(units)
        return data

    def _scan(self, name, line) -> Scan | None:
        """BEY-6: a GS1 string scanned into Serienummer gives the serial (AI 21), the lot and
        the expiry; its GTIN (AI 01) must be the line's article's."""
        try:
            scan = parse_scan(self.cleaned_data.get(name) or "")
        except ScanError as error:
            self.add_error(name, str(error))
            return None
        if scan is None:
            return None
        if refusal := gtin_refusal(scan.gtin, line.article):
            self.add_error(name, refusal)
            return None
        if not scan.serial:
            self.add_error(name, _("Streckkoden har inget serienummer (AI 21)."))
            return None
        return scan

    def _clean_price(self, name, line):
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            self.add_error(
                name,
                _(
                    "Ange á-pris för %(name)s. Är följesedelns pris en totalsumma, dela den med "
                    "antalet (%(quantity)s)."
                )
                % {"name": line.article_name, "quantity": line.quantity},
            )
            return
        try:
            self.prices[line.pk] = parse_price(value)
        except ValidationError as error:
            self.add_error(name, error)

    def receipts(self) -> list[LineReceipt]:
        return [
            LineReceipt(
                line_id=pk,
                unit_price=self.prices.get(pk),
                individuals=self.units.get(pk, ()),
            )
            for pk in self.cleaned_data["rad"]
        ]

    def field_for_individual(self, number: str) -> str | None:
        """The field where this individual number was typed (to show "finns redan" there)."""
        for row in self.rows:
            for individ, _serie in row["units"]:
                if normalise_individual_number(self.data.get(individ, "")) == number:
                    return individ
        return None
