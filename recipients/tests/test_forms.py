"""PersonnummerField (REC-1), reused by the order wizard."""

from django import forms

from recipients.forms import PersonnummerField


class Form(forms.Form):
    personnummer = PersonnummerField()


def test_rec_1_field_cleans_to_12_digits():
    form = Form({"personnummer": "19121212-1212"})
    assert form.is_valid()
    assert form.cleaned_data["personnummer"] == "191212121212"


def test_rec_1_field_reports_the_kind_of_error():
    form = Form({"personnummer": "1912121212"})
    assert not form.is_valid()
    assert form.errors["personnummer"] == [
        "Ange personnumret med 12 siffror, ÅÅÅÅMMDDNNNN (du angav 10 siffror)."
    ]
    assert form.errors.as_data()["personnummer"][0].code == "length"


def test_rec_1_field_required_message():
    form = Form({"personnummer": ""})
    assert form.errors["personnummer"] == [
        "Ange mottagarens personnummer (12 siffror, ÅÅÅÅMMDDNNNN)."
    ]


def test_rec_1_field_widget_and_label():
    html = str(Form()["personnummer"])
    assert 'inputmode="numeric"' in html
    assert Form().fields["personnummer"].label == "Personnummer"
