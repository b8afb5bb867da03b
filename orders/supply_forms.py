"""Forms of the supply pages: Lagerpåfyllnad (ORD-14), Kvittera direktleverans (RCV), Sök →
Beställning (SRC) and Mina beställningar (HOME-4). They validate input only; the services
check the rules again."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inventory.services import NewIndividual, normalise_individual_number
from orders import selectors
from orders.services import MAX_QUANTITY, LineReceipt
from sesam.lib import search
from sesam.lib.search import NumberField
from sesam.models import ServiceLocation

MAX_PRICE = Decimal("99999999.99")  # Receipt.unit_price: 10 digits, 2 decimals


class RefillForm(forms.Form):
    """Skapa ny beställning for a refill: the service location decides the warehouse."""

    service_location = forms.ModelChoiceField(
        queryset=ServiceLocation.objects.none(), label=_("Tjänsteställe"), empty_label=None
    )

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["service_location"]
        field.queryset = ServiceLocation.objects.filter(
            pk__in=[location.pk for location in locations]
        ).select_related("warehouse")
        field.label_from_instance = lambda location: (
            _("%(name)s – lager %(number)s")
            % {
                "name": location.name,
                "number": location.warehouse.number,
            }
        )
        field.error_messages["invalid_choice"] = _("Välj ett av dina tjänsteställen.")
        field.error_messages["required"] = _("Välj ett av dina tjänsteställen.")


class RefillQuantityForm(forms.Form):
    """Antal on a refill line: typed, or the line's quantity one down (−) or up (+)."""

    quantity = forms.IntegerField(
        label=_("Antal"),
        error_messages={
            "required": _("Ange antalet."),
            "invalid": _("Ange antalet som ett heltal."),
        },
    )

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if not 1 <= quantity <= MAX_QUANTITY:
            raise ValidationError(_("Ange ett antal mellan 1 och %(max)s.") % {"max": MAX_QUANTITY})
        return quantity


class OrderSearchForm(search.CriteriaForm):
    """Sök → Beställning (SRC-2): the shared criteria and Visa okvitterade direktleveranser."""

    sorting = selectors.SEARCH_SORTING

    okvitterade = forms.BooleanField(label=_("Visa okvitterade direktleveranser"), required=False)

    field_order = ["tjanstestalle", "registrerad", "okvitterade", "sortera"]

    def results(self, all_location_ids):
        return selectors.search_orders(
            self.location_ids(all_location_ids),
            period=self.cleaned_data["registrerad"],
            unreceived=self.cleaned_data["okvitterade"],
            sort=self.sort,
        )


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
                        label=_("Serienummer"), required=False, max_length=60
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
                number = normalise_individual_number(data.get(individ) or "")
                serial = (data.get(serie) or "").strip()
                if not number:
                    self.add_error(individ, _("Ange individnummer."))
                elif number in seen:
                    self.add_error(
                        individ,
                        _("Individnumret %(number)s är angivet två gånger.") % {"number": number},
                    )
                seen.setdefault(number, individ)
                if not serial:
                    self.add_error(serie, _("Ange serienummer."))
                units.append(NewIndividual(number=number, serial_number=serial))
            self.units[line.pk] = tuple(units)
        return data

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


class MyOrdersForm(forms.Form):
    """Mina beställningar: sort, page, recipient column (Visa mottagare), side panel."""

    sortera = forms.CharField(required=False, max_length=20)
    mottagare = forms.BooleanField(required=False)
    bestallning = forms.CharField(required=False, max_length=8)
