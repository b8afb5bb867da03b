"""The pickup wizard's forms take any input without error: valid, or a Swedish message on the
field (hypothesis feeds them garbage)."""

from hypothesis import given
from hypothesis import strategies as st

from activities.forms.pickup import AddressForm, DevicesForm


class _Device:
    def __init__(self, pk):
        self.pk = pk


TEXT = st.text(max_size=2100)


@given(contact=TEXT, reason=st.text(max_size=20), comment=TEXT)
def test_pu_5_any_address_input_is_valid_or_has_a_message(contact, reason, comment):
    form = AddressForm({"contact": contact, "return_reason": reason, "comment": comment})
    if not form.is_valid():
        assert all(message for errors in form.errors.values() for message in errors)
    else:
        assert len(form.cleaned_data["comment"]) <= 2000


@given(ids=st.lists(st.text(max_size=12), max_size=5))
def test_pu_3_any_device_ids_are_the_offered_ones_or_a_message(ids):
    form = DevicesForm({"hjalpmedel": ids}, devices=[_Device(1), _Device(2)])
    if form.is_valid():
        assert set(form.cleaned_data["hjalpmedel"]) <= {1, 2}
    else:
        assert "hjälpmedel" in form.errors["hjalpmedel"][0]
