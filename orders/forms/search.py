"""Forms of Sök → Beställning (SRC) and Mina beställningar (HOME-4), and the order
number field the other searches use too."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orders import selectors


class NumberField(forms.CharField):
    """An 8-digit order or purchase order number (ORD-10); spaces and hyphens are ignored."""

    default_error_messages = {
        "required": _("Ange numret."),
        "invalid": _("Ange hela numret: 8 siffror, t.ex. 26480017."),
    }

    def __init__(self, **kwargs):
        super().__init__(max_length=40, **kwargs)

    def clean(self, value):
        value = re.sub(r"[\s-]", "", super().clean(value) or "")
        if not re.fullmatch(r"[0-9]{8}", value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class QuickSearchForm(forms.Form):
    """Snabbsökning (SRC-1)."""

    nummer = NumberField(label=_("Beställningsnummer"))


class OrderSearchForm(forms.Form):
    """Sök → Beställning (SRC-2)."""

    ALL = "alla"

    tjanstestalle = forms.ChoiceField(label=_("Tjänsteställe"))
    registrerad = forms.ChoiceField(
        label=_("Registrerad"),
        choices=[(key, label) for key, (label, *_rest) in selectors.PERIODS.items()],
    )
    okvitterade = forms.BooleanField(label=_("Visa okvitterade direktleveranser"), required=False)
    sortera = forms.CharField(required=False, max_length=20)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(location.pk), location.name) for location in locations]
        if len(choices) > 1:
            choices.append((self.ALL, _("Alla mina tjänsteställen")))
        self.fields["tjanstestalle"].choices = choices
        for name in ("tjanstestalle", "registrerad"):
            self.fields[name].error_messages["invalid_choice"] = _("Välj ett av alternativen.")

    def location_ids(self, all_ids: list[int]) -> list[int]:
        chosen = self.cleaned_data["tjanstestalle"]
        return all_ids if chosen == self.ALL else [int(chosen)]


class MyOrdersForm(forms.Form):
    """Mina beställningar: sort, page, recipient column (Visa mottagare), side panel."""

    sortera = forms.CharField(required=False, max_length=20)
    mottagare = forms.BooleanField(required=False)
    bestallning = forms.CharField(required=False, max_length=8)
