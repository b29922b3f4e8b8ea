"""Languages a person speaks: stored as codes ("fr", "ar"; files and the API keep them), shown
by their name in the reader's language ("français", "arabe"), typed either way. One home for
every page, document, export and the audit trail."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# Languages often spoken by the people the product serves that Django's list lacks; English and
# French too, whose plain names the language menu translates as their own name ("English").
EXTRA_LANGUAGES = {
    "en": pgettext_lazy("language name", "English"),
    "fr": pgettext_lazy("language name", "French"),
    "am": _("Amharic"),
    "bm": _("Bambara"),
    "ff": _("Fula"),
    "ln": _("Lingala"),
    "prs": _("Dari"),
    "ps": _("Pashto"),
    "rom": _("Romani"),
    "snk": _("Soninke"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "wo": _("Wolof"),
    "zh": _("Chinese"),
}


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def language_label(code: str) -> str:
    """ "ar" → « arabe » in French, "Arabic" in English; a code nobody knows stays as written."""
    key = str(code).strip().lower()
    if key in EXTRA_LANGUAGES:
        name = str(EXTRA_LANGUAGES[key])
    elif key in LANG_INFO and "name" in LANG_INFO[key]:
        name = gettext(LANG_INFO[key]["name"])  # Django's catalogue names its languages
    else:
        return str(code)
    return name[:1].lower() + name[1:] if _lower_case_names() else name


def _lower_case_names() -> bool:
    """French writes language names in lower case (« français, arabe »)."""
    from entrepairs.core.french import is_french

    return is_french()


def language_labels(codes: Iterable[str] | None) -> list[str]:
    return [language_label(c) for c in codes or []]


def all_languages() -> dict[str, str]:
    """Every known code with its name in the reader's language."""
    codes = [k for k, v in LANG_INFO.items() if "name" in v and "-" not in k]
    return {code: language_label(code) for code in [*codes, *EXTRA_LANGUAGES]}


_NAMES: dict[str, str] = {}


def language_code(text: str) -> str:
    """What a person typed, as a code: a code, or a language's name in French or English
    (« Arabe », "arabic", « français »); anything else lower-cased as typed."""
    typed = str(text).strip()
    key = typed.lower()
    if key in EXTRA_LANGUAGES or key in LANG_INFO:
        return key
    if not _NAMES:
        for language in ("en", "fr"):
            with override(language):
                for code, name in all_languages().items():
                    _NAMES.setdefault(_fold(name), code)
        for code, info in LANG_INFO.items():
            if "name" in info and "-" not in code:
                _NAMES.setdefault(_fold(str(info["name"])), code)
    return _NAMES.get(_fold(typed), key)
