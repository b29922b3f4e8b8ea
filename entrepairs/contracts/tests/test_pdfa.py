"""Factur-X invoices and credit notes are real PDF/A-3B (issue 13 point 5): every font embedded,
an sRGB output intent, XMP declaring part 3 and conformance B, and the embedded factur-x.xml
valid against the library's schema; the same bytes from the page and from the API."""

import io
from typing import Any

import pytest
from pypdf import PdfReader

from entrepairs.contracts import facturx
from entrepairs.core.services import SYSTEM

from .. import services
from .test_invoice_pdf import _api, _page
from .test_training_documents import _invoiced


def _fonts(reader: PdfReader) -> list:  # type: ignore[type-arg]
    fonts = []
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            for leaf in font.get("/DescendantFonts", [font]):
                fonts.append(leaf.get_object())
    return fonts


def assert_pdfa3b(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = _fonts(reader)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
    root: Any = reader.root_object
    intents = root["/OutputIntents"]
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"
    xmp = root["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert facturx.check(facturx.extract(pdf))


@pytest.mark.django_db
def test_invoice_and_credit_note_are_pdfa3b_from_the_service_page_and_api(
    gw, quote, client_for, api_for
) -> None:
    issued = _invoiced(gw, quote)
    contract = issued.contract
    note = services.invoice_credit(invoice=issued, by=SYSTEM)
    for document in (issued, note):
        assert_pdfa3b(services_pdf(document))
        page = client_for(gw.w.facilitator).get(_page(contract, document.number))
        assert page.status_code == 200
        assert_pdfa3b(page.content)
        api = api_for(gw.w.coordinator, gw.w.org_a).get(_api(contract, document.number))
        assert api.status_code == 200
        assert_pdfa3b(api.content)


def services_pdf(document) -> bytes:  # type: ignore[no-untyped-def]
    from entrepairs.contracts.pdf import invoice_document

    return invoice_document(document)
