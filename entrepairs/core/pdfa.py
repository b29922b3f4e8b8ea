"""What PDF/A (the archival PDF that Factur-X invoices must be) asks of a reportlab document:
every font embedded (the standard Helvetica is only named, so a TrueType font is registered and
used instead) and an output intent with its colour profile (sRGB, built by Pillow's LittleCMS,
so no binary profile is kept in the repository)."""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import reportlab
from reportlab.lib.styles import StyleSheet1
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

BODY_FONT = "EntrepairsSans"
BOLD_FONT = "EntrepairsSans-Bold"

# DejaVu covers the French typography (narrow no-break space, €, °); Vera, shipped with
# reportlab, is its ancestor and the fallback where DejaVu is not installed.
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_VERA = Path(reportlab.__file__).parent / "fonts"


def _font_files() -> tuple[Path, Path]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        return regular, bold
    return _VERA / "Vera.ttf", _VERA / "VeraBd.ttf"


@cache
def register_fonts() -> None:
    regular, bold = _font_files()
    pdfmetrics.registerFont(TTFont(BODY_FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, str(bold)))
    pdfmetrics.registerFontFamily(
        BODY_FONT, normal=BODY_FONT, bold=BOLD_FONT, italic=BODY_FONT, boldItalic=BOLD_FONT
    )


def embed_fonts(styles: StyleSheet1) -> StyleSheet1:
    """The stylesheet with every style on the embedded fonts (bold ones on the bold font)."""
    register_fonts()
    for name in styles.byName:
        style: Any = styles[name]
        if hasattr(style, "fontName"):
            style.fontName = BOLD_FONT if "Bold" in style.fontName else BODY_FONT
    return styles


@cache
def srgb_profile() -> bytes:
    from PIL import ImageCms

    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def with_output_intent(pdf: bytes) -> bytes:
    """The PDF with a PDF/A output intent in sRGB (what its colours mean on any device)."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=BytesIO(pdf))
    profile = DecodedStreamObject()
    profile.set_data(srgb_profile())
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
