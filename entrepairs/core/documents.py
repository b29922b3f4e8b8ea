"""The PDF documents' shared parts (reportlab): a titled A4 document on embedded fonts, a
paragraph written in the reader's language, a grid, the download response. Groups' attendance
sheets and certificates, contracts' quotes and invoices, training's certificates build on them."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.http import HttpResponse
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .french import french_text
from .french import long_date as french_long_date
from .pdfa import BODY_FONT, embed_fonts

# Embedded fonts: the invoices built here are PDF/A (Factur-X), which names no font it lacks.
STYLES = embed_fonts(getSampleStyleSheet())


def response(content: bytes, filename: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def build(title: str, flow: list[Any]) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Entrepairs",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        pageCompression=0,  # small documents; plain streams keep them searchable and testable
        initialFontName=BODY_FONT,
    )
    doc.build([Paragraph(title, STYLES["Title"]), Spacer(1, 0.4 * cm), *flow])
    return buffer.getvalue()


def paragraph(text: Any) -> Paragraph:
    """Every sentence of every document goes through here: French elision and "1er" applied
    once names and dates are in (core.french)."""
    text = french_text(str(text))
    return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), STYLES["Normal"])


def table(rows: list[list[Any]], widths: list[float] | None = None) -> Table:
    grid = Table(rows, colWidths=widths, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 8),
            ]
        )
    )
    return grid


def long_date(moment: Any) -> str:
    """ "1er mai 2027" in French, "1 May 2027" in English."""
    return french_long_date(moment, "j F Y")
