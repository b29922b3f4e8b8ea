"""Documents and messages write the French way once names and dates are in (issue 13, outside
test): every PDF paragraph, the documents' dates and the convocation's day go through
core.french ("d’Amina", "1er mai")."""

import io
from datetime import date, datetime

from django.utils import timezone, translation
from pypdf import PdfReader

from entrepairs.contracts import formatting

from .. import pdf


def _text(content: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(content)).pages)


def test_a_pdf_paragraph_elides_and_writes_the_first_of_the_month() -> None:
    with translation.override("fr"):
        text = _text(pdf.build("Titre", [pdf.paragraph("La séance de Amina du 1 mai 2027")]))
    assert "La séance d’Amina du 1er mai 2027" in " ".join(text.split())


def test_document_dates_say_1er_in_french_only() -> None:
    first = date(2027, 5, 1)
    moment = timezone.make_aware(datetime(2027, 5, 1, 14, 0))
    with translation.override("fr"):
        assert pdf.long_date(first) == "1er mai 2027"
        assert pdf.long_date(moment) == "1er mai 2027"
        assert formatting.long_date(first) == "1er mai 2027"
    with translation.override("en"):
        assert "1er" not in pdf.long_date(first) and "1er" not in formatting.long_date(first)
