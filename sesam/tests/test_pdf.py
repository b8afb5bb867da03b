from io import BytesIO

from pypdf import PdfReader

from sesam.lib.pdf import pdf_response, render_pdf_bytes


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_doc_4_pdf_is_a4_with_number_and_page_numbers(tmp_path):
    data = render_pdf_bytes("pdf/base.html", {"number": "26480017"})
    reader = PdfReader(BytesIO(data))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) * 25.4 / 72), round(float(height) * 25.4 / 72)) == (210, 297)
    text = _text(data)
    assert "26480017" in text
    assert "Sida 1 av 1" in text


def test_doc_4_pdf_response_is_inline_pdf_named_by_number():
    response = pdf_response(
        "pdf/base.html", {"number": "26480017"}, filename="Inköpsorder 26480017"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="inkopsorder-26480017.pdf"'
    assert response.content.startswith(b"%PDF")
