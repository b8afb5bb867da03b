from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orders.models import Order, OrderLine
from orders.services import MAX_QUANTITY, allowed_prescribers
from recipients.forms import PersonnummerField
from sesam.models import User


class StartOrderForm(forms.Form):
    """Skapa ny beställning (ORD-1): Mottagare, Förskrivare, Tjänsteställe."""

    personnummer = PersonnummerField()
    prescriber = forms.ModelChoiceField(queryset=None, label=_("Förskrivare"), empty_label=None)
    service_location = forms.ModelChoiceField(
        queryset=None, label=_("Tjänsteställe"), empty_label=None
    )

    def __init__(self, *args, user, active_location=None, **kwargs):
        super().__init__(*args, **kwargs)
        prescribers = allowed_prescribers(user)
        field = self.fields["prescriber"]
        field.queryset = User.objects.filter(pk__in=[p.pk for p in prescribers])
        field.label_from_instance = lambda u: u.rs_id_and_name
        if prescribers:
            field.initial = prescribers[0].pk
        locations = self.fields["service_location"]
        locations.queryset = user.service_locations.all()
        if active_location:
            locations.initial = active_location.pk


class LineForm(forms.Form):
    """The Beställ dialog (ORD-2): Leverans från, Antal, Kommentar."""

    source = forms.ChoiceField(
        label=_("Leverans från"), choices=OrderLine.Source.choices, widget=forms.RadioSelect
    )
    quantity = forms.IntegerField(label=_("Antal"), min_value=1, max_value=MAX_QUANTITY, initial=1)
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Antal"), min_value=1, max_value=MAX_QUANTITY)


class DeliveryForm(forms.Form):
    """Leveransuppgifter (ORD-6)."""

    delivery_method = forms.ChoiceField(
        label=_("Leveranssätt"), choices=Order.DeliveryMethod.choices
    )
    address = forms.CharField(
        label=_("Adress"), max_length=500, widget=forms.Textarea(attrs={"rows": 4})
    )
    contact = forms.CharField(
        label=_("Kontaktuppgifter"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    consolidated = forms.BooleanField(label=_("Samleverans"), required=False)
    key = forms.UUIDField(widget=forms.HiddenInput)

    def clean_address(self):
        value = self.cleaned_data["address"].strip()
        if not value:
            raise ValidationError(_("Ange en leveransadress."))
        return value


class SubmitForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput)
