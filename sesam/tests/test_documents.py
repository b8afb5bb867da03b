"""DOC-4: every printed document gets its own number from the documents' own series
(DOC-D120) and is recorded in an append-only register (`sesam.Document`)."""

import re

import pytest
from django.db import DatabaseError, connection, transaction

from sesam.lib.numbers import next_number
from sesam.models import Document, NumberSeries
from sesam.services import register_document


class FakeRecipient:
    pk = 7


def test_doc_4_register_document_records_number_kind_whom_who_where(prescriber, lund):
    document = register_document(
        by=prescriber,
        kind=Document.Kind.LOAN_AGREEMENT,
        service_location=lund,
        recipient=FakeRecipient(),
        reference="12,13",
    )
    assert re.fullmatch(r"\d{10}", document.number)
    assert (document.kind, document.recipient_id, document.by, document.service_location) == (
        "loan_agreement",
        7,
        prescriber,
        lund,
    )
    assert document.reference == "12,13" and document.at is not None


def test_doc_d120_documents_never_take_a_number_of_the_orders_series(prescriber):
    first = register_document(by=prescriber, kind=Document.Kind.DEVICE_LIST)
    order_number = next_number()  # what an order sent now would get
    second = register_document(by=prescriber, kind=Document.Kind.DEVICE_LIST)
    assert order_number.endswith("0001")  # the documents took none of the orders' numbers
    assert int(second.number) == int(first.number) + 1
    assert len({first.number, order_number, second.number}) == 3


def test_doc_d120_a_full_order_series_does_not_stop_printing(prescriber):
    from django.utils import timezone

    from sesam.lib.numbers import week_key

    full = NumberSeries.objects.create(week=week_key(timezone.localdate()), last=9999)
    document = register_document(by=prescriber, kind=Document.Kind.DEVICE_LIST)
    assert document.number.endswith("000001")
    full.refresh_from_db()
    assert full.last == 9999


@pytest.mark.parametrize(
    "sql", ["UPDATE sesam_document SET reference = 'ändrad'", "DELETE FROM sesam_document"]
)
def test_doc_4_the_register_is_append_only(prescriber, sql):
    document = register_document(by=prescriber, kind=Document.Kind.STOCK_REPORT, reference="4101")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert Document.objects.get(pk=document.pk).reference == "4101"


@pytest.mark.django_db(transaction=True)
def test_doc_4_documents_printed_at_the_same_moment_get_different_numbers(prescriber):
    from sesam.tests.concurrency import race

    def print_one():
        return register_document(by=prescriber, kind=Document.Kind.DEVICE_LIST).number

    results = race(print_one, print_one, print_one)
    assert all(isinstance(number, str) for number in results), results
    assert len(set(results)) == 3 == Document.objects.count()
