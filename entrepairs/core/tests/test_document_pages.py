"""Every PDF says « Page 1 sur 3 » at the foot of each page (outside test of issue 15, F21): the
reportlab documents (attendance sheets, certificates, quotes, agreements, invoices, training
certificates: core.documents.build) and the welcome booklet (WeasyPrint: page_footer_css), from
one sentence of the catalogue."""

import io
import re

from django.utils import translation
from pypdf import PdfReader
from weasyprint import CSS, HTML

from entrepairs.core.documents import build, page_footer_css, paragraph


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_reportlab_document_numbers_its_pages_in_the_readers_language() -> None:
    flow = [paragraph("Une phrase de la feuille d’émargement. " * 60) for _ in range(8)]
    with translation.override("fr"):
        pages = _pages(build("Feuille d’émargement", flow))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} sur {len(pages)}" in text, text[-80:]
    with translation.override("en"):
        pages = _pages(build("Attendance sheet", flow))
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_the_welcome_booklet_footer_says_page_n_sur_total() -> None:
    with translation.override("fr"):
        css = page_footer_css()
    html = "<html lang='fr'><body>" + "<p>Bienvenue.</p>" * 120 + "</body></html>"
    pages = _pages(HTML(string=html).write_pdf(stylesheets=[CSS(string=css)]))
    assert len(pages) >= 2
    assert all(
        re.search(rf"Page\s+{n}\s+sur\s+{len(pages)}", text) for n, text in enumerate(pages, 1)
    ), pages
