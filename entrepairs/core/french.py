"""French writing rules the translation catalogue cannot hold, because they depend on the word put
into the sentence: elision before a vowel or a mute h ("de Amina" → "d’Amina", "le atelier" →
"l’atelier") and the first of the month ("1 mai" → "1er mai"). One home for every channel: the
notification sink, e-mails, PDF paragraphs and the `french` / `long_date` template filters all call
these functions. They change nothing in another language."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
# "1 mai" but not "11 mai" nor "2021 mai"; an "1er" already written stays as it is.
FIRST_OF_MONTH = re.compile(rf"(?<![\d,.])1 ({MONTHS})\b")

VOWELS = "aeiouàâäéèêëîïôöûüœæ"
# Words that lose their vowel before a vowel or a mute h.
ELIDED = "de|le|la|que|jusque|lorsque|puisque"
NEXT_WORD = re.compile(
    rf"(?<![\w’'·-])({ELIDED})[ \u00a0]+(?=([^\W\d_][\w’'-]*))", re.IGNORECASE | re.UNICODE
)
# Lower-case words whose h is mute (l’heure, l’hôpital); any other lower-case h is taken as
# aspirated (le handicap, la hiérarchie), the safe side.
MUTE_H = {
    "habitant",
    "habitants",
    "habitude",
    "habitudes",
    "hébergement",
    "heure",
    "heures",
    "histoire",
    "hiver",
    "homme",
    "hommes",
    "honneur",
    "horaire",
    "horaires",
    "hôpital",
    "hôtel",
    "huissier",
    "humain",
    "humeur",
    "hygiène",
    "hypothèse",
}
# Lower-case words starting with a vowel that keep the article or "de" before them (le onze, de
# onze, le oui, « le ou la jeune »: a conjunction is never elided into).
NO_ELISION = {"onze", "onzième", "oui", "ou", "ouate", "uhlan"}
# The number one keeps "le"/"la" (le un, la une), but the article elides "de" and "que": « d’une
# fiche », « qu’un jeune » (outside test: « de une fiche » in the audit trail).
KEEPS_ARTICLE = {"un", "une"}
# Names whose h is aspirated ("de Hambourg", "la Hollande"); other names elide ("d’Hélène").
ASPIRATED_NAMES = {"haute", "hauts", "haut", "havre", "hollande", "hongrie", "hambourg"}


def is_french() -> bool:
    return (get_language() or "").lower().startswith("fr")


def _takes_elision(word: str, article: str = "de") -> bool:
    lower = word.lower()
    first = lower[0]
    if lower in NO_ELISION and word[0].islower():
        return False
    if lower in KEEPS_ARTICLE and word[0].islower() and article.lower() in ("le", "la"):
        return False
    if first in VOWELS:
        return True
    if first == "y":
        # Yves, Yvonne (a vowel sound); never "le yoga", "de Yasmine".
        return word[0].isupper() and len(lower) > 1 and lower[1] not in VOWELS + "y"
    if first == "h" and len(lower) > 1 and lower[1] in VOWELS + "y":
        if word[0].isupper():
            return lower.split("-")[0] not in ASPIRATED_NAMES
        return lower in MUTE_H
    return False


def _elide(match: re.Match[str]) -> str:
    article, word = match.group(1), match.group(2)
    if not _takes_elision(word, article):
        return match.group(0)
    return article[:-1] + "’"


def elide(text: str) -> str:
    """ "de Amina" → "d’Amina", "Le atelier" → "L’atelier", "que il" → "qu’il" (French only)."""
    return NEXT_WORD.sub(_elide, text)


def first_of_month(text: str) -> str:
    """ "1 mai 2027" → "1er mai 2027": French writes the first of the month as an ordinal."""
    return FIRST_OF_MONTH.sub(r"1er \1", text)


def french_text(text: Any) -> Any:
    """A sentence as French writes it once names and dates are put in; unchanged in another
    language, and None or a non-text value is returned as it is."""
    if not isinstance(text, str) or not is_french():
        return text
    return first_of_month(elide(str(text)))


def long_date(value: date | datetime, fmt: str = "DATE_FORMAT") -> str:
    """A date in the reader's language: "1er mai 2027" in French, "1 May 2027" in English;
    `fmt` a Django format (default the language's own), "l j F Y" gives "samedi 1er mai 2027"."""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    text = date_format(value, fmt)
    return first_of_month(text) if is_french() else text


def clock(moment: datetime | time) -> str:
    """A time of day in a sentence: "14 h 00" in French (never "14:00"), "14:00" in English.
    One home for every document and message that says when."""
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    if is_french():
        return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


# A label ending with one of these already closes on its own mark: no colon after it (outside
# test of issue 15: « Déjà rencontré·e ? : obligatoire »).
CLOSED_BY = ("?", "!", ":", "…", "...")


def colon(after: Any = "") -> str:
    """The colon after a label, as the reader's language writes it: " :" with a no-break space in
    French (« Nom : obligatoire »), ":" in English; nothing after a label `after` that already
    ends with « ? », « ! », « : » or « … ». One home for every colon a template or a composed
    string puts after a name or a label (outside test F12: « Nom: obligatoire »); the
    catalogue's own sentences are checked by bin/french-spacing."""
    if str(after).rstrip().endswith(CLOSED_BY):
        return ""
    return "\u00a0:" if is_french() else ":"


def labelled(label: Any, value: Any) -> str:
    """ "Label : value" in French (no-break space before the colon), "Label: value" in English;
    "Label ? value" when the label closes on its own mark."""
    return f"{label}{colon(label)} {value}"


def in_words(count: int) -> str:
    """A small count in words in a sentence (« deux centres d’intérêt communs »), figures from 11
    on (French typography writes small numbers in words in running text)."""
    from django.utils.translation import pgettext

    words = {
        2: pgettext("number", "two"),
        3: pgettext("number", "three"),
        4: pgettext("number", "four"),
        5: pgettext("number", "five"),
        6: pgettext("number", "six"),
        7: pgettext("number", "seven"),
        8: pgettext("number", "eight"),
        9: pgettext("number", "nine"),
        10: pgettext("number", "ten"),
    }
    return words.get(count, str(count))


def joined(items: Any, last_word: str | None = None) -> str:
    """Names in a sentence: "Camille Martin, Karim Benali et Lucie Roy" in French ("and" in
    English), never a bare comma list. `last_word` replaces "and" ("or" for a choice). One home
    for every message that lists people or things."""
    from django.utils.text import get_text_list
    from django.utils.translation import gettext

    words = [str(item) for item in items]
    return str(get_text_list(words, last_word if last_word is not None else gettext("and")))
