"""quality.md (Security): user text is escaped everywhere. Every free-text field of Lund's
objects (a comment, a phone, a contact, a name …) is set to HTML; every page of the
resolver (and the pages it links to) shows it as text, never as markup, and every PDF
prints it literally."""

import io
import itertools

from django.db import models
from pypdf import PdfReader

from tests.security.forms import links_of
from tests.security.walk import routes

PAYLOAD = "<b id=xss>\"'&</b>"
ESCAPED = "&lt;b id=xss&gt;"
NOT_FREE_TEXT = ("number", "code", "personnummer", "username", "password", "key", "email")


def _free_text_fields(instance):
    for field in instance._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and not field.unique
            and (field.max_length or 1000) >= len(PAYLOAD)
            and not any(part in field.name for part in NOT_FREE_TEXT)
        ):
            yield field.name


def _write_payload(lund_region, prescriber):
    order = lund_region["order"]
    objects = [
        lund_region["recipient"],
        order,
        *order.lines.all(),
        lund_region["purchase_order"],
        lund_region["individual"],
        lund_region["device"],
        lund_region["cart_line"],
        lund_region["cart_line"].order,
        prescriber,
    ]
    changed = []
    for instance in objects:
        names = list(_free_text_fields(instance))
        type(instance).objects.filter(pk=instance.pk).update(**dict.fromkeys(names, PAYLOAD))
        changed += [f"{type(instance).__name__}.{name}" for name in names]
    return changed


def _responses(client, keys):
    seen = set()
    for route in routes():
        names = list(route.kwargs)
        if any(name not in keys for name in names):
            continue
        for values in itertools.product(*(keys[name] for name in names)):
            path = route.path(dict(zip(names, values, strict=True)))
            response = client.get(path)
            seen.add(path)
            yield path, response
            if response.status_code == 200 and "html" in response["Content-Type"]:
                for link in links_of(path, response.text):
                    if link not in seen and not link.startswith(("/logga-ut/", "/admin/")):
                        seen.add(link)
                        yield link, client.get(link)


def test_html_in_free_text_is_escaped_in_every_page_and_pdf(client_as, prescriber, lund_region):
    changed = _write_payload(lund_region, prescriber)
    assert "Recipient.phone" in changed and "OrderLine.comment" in changed, changed
    client = client_as(prescriber)
    shown, pdfs = 0, 0
    for path, response in _responses(client, lund_region["keys"]):
        if response.status_code != 200:
            continue
        if response["Content-Type"] == "application/pdf":
            body = b"".join(response.streaming_content) if response.streaming else response.content
            pages = PdfReader(io.BytesIO(body)).pages
            text = " ".join("".join(page.extract_text() for page in pages).split())
            if "xss" in text:
                assert "<b id=xss>" in text, f"{path} printed the HTML as markup"
                pdfs += 1
        elif "html" in response["Content-Type"]:
            assert "<b id=xss>" not in response.text, f"{path} shows user text unescaped"
            shown += ESCAPED in response.text
    assert shown >= 5 and pdfs >= 2, (shown, pdfs)
