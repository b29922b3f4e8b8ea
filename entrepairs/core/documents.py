"""The PDF documents' shared parts (reportlab): a titled A4 document on embedded fonts, a
paragraph written in the reader's language, a grid, the download response. Groups' attendance
sheets and certificates, contracts' quotes and invoices, training's certificates build on them."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
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


def page_of(page: int | str, pages: int | str) -> str:
    """ "Page 1 sur 3" (outside test F21): the footer of every document, reportlab's and the
    welcome booklet's (WeasyPrint, `page_footer_css`), one sentence of the catalogue."""
    return gettext("Page %(n)s of %(total)s") % {"n": page, "total": pages}


def page_footer_css() -> str:
    """The same footer for a WeasyPrint document: CSS counters in the translated sentence."""
    marker = page_of("\x00", "\x01").replace('"', '\\"')
    content = (
        '"'
        + marker.replace("\x00", '" counter(page) "').replace("\x01", '" counter(pages) "')
        + '"'
    )
    return f"@page {{ @bottom-center {{ content: {content}; font-size: 9pt; color: #444; }} }}"


class _NumberedCanvas(Canvas):
    """Draws « Page n sur N » at the foot of each page once the number of pages is known: the
    pages are kept until the document is saved (reportlab's two-pass pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(BODY_FONT, 9)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawCentredString(A4[0] / 2, 1.2 * cm, page_of(self._pageNumber, total))
            super().showPage()
        super().save()


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
    doc.build(
        [Paragraph(title, STYLES["Title"]), Spacer(1, 0.4 * cm), *flow],
        canvasmaker=_NumberedCanvas,
    )
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
