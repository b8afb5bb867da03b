"""The count sheet's typed counts (STK-3): whole numbers 0–99 999 or a Swedish message."""

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from inventory.forms import parse_count


@pytest.mark.parametrize(
    ("typed", "count"), [("", None), ("  ", None), ("0", 0), ("12", 12), ("1 000", 1000)]
)
def test_stk_3_counts_are_whole_numbers(typed, count):
    assert parse_count(typed) == count


@pytest.mark.parametrize("typed", ["-1", "1,5", "12st", "٣", "１２", "100000", "1e3"])
def test_stk_3_other_counts_are_refused(typed):
    with pytest.raises(forms.ValidationError):
        parse_count(typed)


@given(st.text(max_size=30))
def test_stk_3_any_typed_text_is_a_count_or_a_message(typed):
    try:
        count = parse_count(typed)
    except forms.ValidationError as error:
        messages = error.messages
        count = None
    else:
        messages = []
    assert count is None or 0 <= count <= 99_999
    assert all(message for message in messages)
