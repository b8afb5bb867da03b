"""The one WeasyPrint wrapper (DOC-4): every document is A4, Swedish, carries its number as
text and as a barcode, and is rendered on request from the data (never stored).

Templates extend `pdf/base.html` and fill the blocks `title`, `number`, `content`."""

import base64
from io import BytesIO

import barcode
from barcode.writer import SVGWriter
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML


def barcode_data_uri(value: str, *, symbology: str = "code128", height: float = 10.0) -> str:
    """A Code 128 barcode of `value` as an SVG data URI (for <img src> in a PDF template);
    `symbology="gs1_128"` makes it GS1-128 (FNC1 first, `value` the AIs' element string, as
    `sesam.lib.scanning.gs1_element_string` writes it; BEY-6 labels)."""
    output = BytesIO()
    barcode.get(symbology, value, writer=SVGWriter()).write(
        output,
        options={"module_height": height, "module_width": 0.3, "font_size": 0, "quiet_zone": 2},
    )
    return "data:image/svg+xml;base64," + base64.b64encode(output.getvalue()).decode()


def render_pdf_bytes(template: str, context: dict) -> bytes:
    number = str(context.get("number", ""))
    context = {**context, "barcode": barcode_data_uri(number) if number else ""}
    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def pdf_response(template: str, context: dict, *, filename: str) -> HttpResponse:
    """Renders a document and answers it as an inline PDF (opens in a new tab, ORD-9) whose file
    name carries the document's number."""
    response = HttpResponse(render_pdf_bytes(template, context), content_type="application/pdf")
    name = slugify(filename.removesuffix(".pdf")) or "dokument"
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    # A PDF runs no script and loads nothing: the strictest policy.
    response._csp_config = {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
    return response
