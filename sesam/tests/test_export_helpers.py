"""BEY-10: the shared export helper — the filters on screen from a bound criteria form, and
rows read as values in chunks with a cell per column."""

from django import forms

from sesam.lib.search import ExportColumn, export_rows, shown_filters


class Criteria(forms.Form):
    q = forms.CharField(label="Sök", required=False)
    typ = forms.ChoiceField(label="Typ", choices=[("", "Alla"), ("a", "Huvudhjälpmedel")])
    okvitterade = forms.BooleanField(label="Okvitterade", required=False)
    sortera = forms.CharField(required=False)
    dold = forms.CharField(required=False, widget=forms.HiddenInput)


def test_bey_10_shown_filters_are_the_forms_labels_and_chosen_values():
    form = Criteria({"q": "aria", "typ": "a", "okvitterade": "on", "sortera": "x", "dold": "y"})
    assert form.is_valid()
    assert shown_filters(form) == [
        ("Sök", "aria"),
        ("Typ", "Huvudhjälpmedel"),
        ("Okvitterade", "Ja"),
    ]


def test_bey_10_export_rows_reads_values_and_shows_cells(django_user_model, db):
    django_user_model.objects.create(username="a1", full_name="Anna Audionom")
    columns = [
        ExportColumn("Namn", "full_name"),
        ExportColumn("Båda", ("username", "full_name"), lambda u, n: f"{u}: {n}"),
        ExportColumn("Stor", "username", str.upper),
    ]
    rows = list(export_rows(django_user_model.objects.filter(username="a1"), columns))
    assert rows == [["Anna Audionom", "a1: Anna Audionom", "A1"]]
