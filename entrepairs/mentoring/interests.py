"""Interests of youths and mentors: the usual ones are codes with a name in each language
("music" → « musique »), so that a youth's « Musique » and a mentor's "music" are the same
interest for matching and read in the reader's language everywhere; any other interest is kept
as typed. One home for the services (which store codes), pages, documents and the audit trail;
the API keeps the stored values."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

INTERESTS = {
    "football": _("football"),
    "basketball": _("basketball"),
    "rugby": _("rugby"),
    "swimming": _("swimming"),
    "dance": _("dance"),
    "sport": _("sport"),
    "music": _("music"),
    "singing": _("singing"),
    "drawing": _("drawing"),
    "painting": _("painting"),
    "photography": _("photography"),
    "theatre": _("theatre"),
    "cinema": _("cinema"),
    "reading": _("reading"),
    "writing": _("writing"),
    "cooking": _("cooking"),
    "video_games": _("video games"),
    "computing": _("computing"),
    "science": _("science"),
    "nature": _("nature"),
    "animals": _("animals"),
    "travel": _("travel"),
    "crafts": _("crafts"),
    "fashion": _("fashion"),
}


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", str(text).strip().casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


_BY_NAME: dict[str, str] = {}


def interest_code(text: str) -> str:
    """An interest as stored: the code of a known interest named in French or English (« Jeux
    vidéo », "video games", "video_games"), else the text as typed, in lower case."""
    if not _BY_NAME:
        for language in ("en", "fr"):
            with override(language):
                for code, label in INTERESTS.items():
                    _BY_NAME.setdefault(_fold(str(label)), code)
        for code in INTERESTS:
            _BY_NAME[_fold(code)] = code
    return _BY_NAME.get(_fold(text), str(text).strip().lower())


def interest_codes(texts: Iterable[str] | None) -> list[str]:
    """Typed interests as stored: codes, without blanks or repeats, in the order typed."""
    return list(dict.fromkeys(interest_code(t) for t in texts or [] if str(t).strip()))


def interest_label(value: str) -> str:
    """A stored interest in the reader's language (one stored before codes existed included)."""
    code = interest_code(value)
    return str(INTERESTS[code]) if code in INTERESTS else str(value)


def interest_labels(values: Iterable[str] | None) -> list[str]:
    return [interest_label(v) for v in values or []]
