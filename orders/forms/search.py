"""Forms of Sök → Beställning (SRC) and Mina beställningar (HOME-4). The criteria, the number
field and Snabbsökning are the one search's (`sesam.lib.search`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orders import selectors
from sesam.lib import search


class OrderSearchForm(search.CriteriaForm):
    """Sök → Beställning (SRC-2): the shared criteria and Visa okvitterade direktleveranser."""

    sorting = selectors.SEARCH_SORTING

    okvitterade = forms.BooleanField(label=_("Visa okvitterade direktleveranser"), required=False)

    field_order = ["tjanstestalle", "registrerad", "okvitterade", "sortera"]

    def query(self, ids, since):
        return selectors.search_orders(
            ids, period=since, unreceived=self.cleaned_data["okvitterade"], sort=self.sort
        )


class MyOrdersForm(forms.Form):
    """Mina beställningar: sort, page, recipient column (Visa mottagare), side panel."""

    sortera = forms.CharField(required=False, max_length=20)
    mottagare = forms.BooleanField(required=False)
    bestallning = forms.CharField(required=False, max_length=8)
