"""REC-2/REC-4: import_recipients loads a population-register extract, all rows or none."""

import io

import pytest
from django.core.management import CommandError, call_command

from recipients.models import Recipient
from recipients.tests.factories import RecipientFactory

HEADER = "personnummer;förnamn;efternamn;adress;postnummer;ort;skyddad identitet;hemregion\n"
GOOD = (
    HEADER
    + "19121212-1212;Tolvan;Tolvansson;Klostergatan 12;22222;Lund;nej;\n"
    + "198203012383;Maria;Lindqvist;;;;ja;\n"
    + "199004012382;Karin;Holm;Nygatan 8;302 42;Halmstad;nej;Region Halland\n"
)


def _run(tmp_path, text, *args):
    """→ (stdout, stderr, the CommandError or None)."""
    path = tmp_path / "extract.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_recipients", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_rec_2_imports_a_good_file(tmp_path, db):
    output, _err, _error = _run(tmp_path, GOOD)
    assert "3 mottagare lästa: 3 nya, 0 uppdaterade, 0 oförändrade" in output
    tolvan = Recipient.objects.get(personnummer="191212121212")
    assert (tolvan.street, tolvan.postal_code, tolvan.city) == ("Klostergatan 12", "222 22", "Lund")
    assert Recipient.objects.get(personnummer="198203012383").protected_identity
    assert Recipient.objects.get(personnummer="199004012382").home_region == "Region Halland"


def test_rec_2_updates_by_personnummer_and_never_overwrites_the_phone(tmp_path, db):
    RecipientFactory(
        personnummer="191212121212",
        first_name="Tolle",
        phone="046-11 22 33",
        payment_commitment="X",
    )
    output, _err, _error = _run(tmp_path, GOOD)
    assert "2 nya, 1 uppdaterade" in output
    tolvan = Recipient.objects.get(personnummer="191212121212")
    assert tolvan.first_name == "Tolvan"
    assert tolvan.phone == "046-11 22 33"
    assert tolvan.payment_commitment == "X"
    assert "0 nya, 0 uppdaterade, 3 oförändrade" in _run(tmp_path, GOOD)[0]


def test_rec_1_rejects_a_bad_file_whole_with_line_numbers(tmp_path, db):
    bad = (
        GOOD
        + "191212121213;Fel;Kontrollsiffra;Gatan 1;22222;Lund;nej;\n"  # line 5
        + "197608012394;;Olsson;Storgatan 19;27141;Ystad;kanske;\n"  # line 6
        + "19121212-1212;Dubbel;Tolvan;Gatan 2;22222;Lund;nej;\n"  # line 7
        + "197608012394;Bengt;Olsson;;;;nej;\n"  # line 8
    )
    _out, err, error = _run(tmp_path, bad)
    assert "inget importerades" in str(error)
    assert "Rad 5: personnummer '191212121213': Kontrollsiffran" in err
    assert "Rad 6: skyddad identitet ska vara ja eller nej" in err
    assert "förnamn saknas" in err
    assert "Rad 7: personnumret finns redan på rad 2" in err
    assert "Rad 8: adress saknas; postnummer saknas; ort saknas" in err
    assert "Rad 2" not in err.replace("rad 2", "")
    assert not Recipient.objects.exists()


def test_rec_2_missing_columns_are_named(tmp_path, db):
    _out, err, error = _run(tmp_path, "personnummer,förnamn\n191212121212,Tolvan\n")
    assert error is not None
    assert "kolumner saknas: efternamn, adress, postnummer, ort, skyddad identitet" in err


def test_rec_2_accepts_commas_bom_and_ascii_headers(tmp_path, db):
    text = "\ufeffPersonnummer,Fornamn,Efternamn,Adress,Postnummer,Ort,Skyddad_identitet,Aktiv\n"
    text += "191212121212,Tolvan,Tolvansson,Klostergatan 12,222 22,Lund,0,nej\n"
    assert _run(tmp_path, text)[2] is None
    assert not Recipient.objects.get().is_active


def test_rec_2_dry_run_imports_nothing(tmp_path, db):
    assert "3 rader är giltiga" in _run(tmp_path, GOOD, "--dry-run")[0]
    assert not Recipient.objects.exists()


def test_rec_2_missing_file_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_recipients", str(tmp_path / "nope.csv"))


def test_rec_5_errors_never_echo_a_protected_persons_values(tmp_path, db):
    bad = (
        HEADER
        + "198203012384;Maria;Lindqvist;Hemliga vägen 77;2522X;Hemby;ja;\n"  # line 2
        + "198203012383;Maria;Lindqvist;;252 2;;Hemliga vägen 77;\n"  # line 3: a shifted cell
        + "197608012394;Bengt;Olsson;Storgatan 19;2714;Ystad;nej;\n"  # line 4: not protected
    )
    _out, err, error = _run(tmp_path, bad)
    assert error is not None and not Recipient.objects.exists()
    assert "Rad 2: personnummer: Kontrollsiffran" in err
    assert "Rad 2: personnummer: " in err and "postnummer ska vara fem siffror" in err
    assert "Rad 3: skyddad identitet ska vara ja eller nej; adress saknas" in err
    assert "postnummer ska vara fem siffror" in err.splitlines()[1]
    for secret in ["198203012384", "2522X", "Hemliga", "Hemby", "252 2", "198203012383"]:
        assert secret not in err, secret
    assert "Rad 4: postnummer '2714' ska vara fem siffror" in err
