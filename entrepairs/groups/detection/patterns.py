"""Regular expressions for French formats: each yields (kind, start, end) spans of `text`."""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = (
    r"(?:janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[uû]t"
    r"|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?)"
)
DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
NUMBER_WORDS = (
    r"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze"
    r"|seize|dix-sept|dix-huit|dix-neuf|vingt)"
)
STREET_TYPES = (
    r"(?:rue|avenue|av\.|boulevard|bd|chemin|all[ée]e|place|impasse|route|quai|cours|square"
    r"|r[ée]sidence|cit[ée]|lotissement|hameau|passage|voie|sentier|esplanade|parvis|rond-point)"
)
UPPER = r"A-ZÀ-ÖØ-Þ"
NAME_WORD = rf"[{UPPER}][\w'’-]*"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
# Sex, year, month (or 20-99 for special cases), department (2A/2B for Corsica), commune, order,
# then the optional key; spaces anywhere between the groups.
NIR = re.compile(
    r"(?<![\d])[12][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[AB])[ .]?\d{3}"
    r"[ .]?\d{3}(?:[ .]?\d{2})?(?![\d])"
)
PHONE = re.compile(
    r"(?<![\d\w])(?:(?:\+|00)33[ .]?(?:\(0\)[ .]?)?|0)[1-9](?:[ .-]?\d{2}){4}(?![\d])"
)
NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/])")
# A day and month without a year only after a word that introduces a date ("3/4" is a fraction).
SHORT_DATE = re.compile(
    r"\b(?:le|du|au|depuis le|jusqu'au|n[ée]e?s? le|dès le)\s+(\d{1,2})/(\d{1,2})(?![\d/])",
    re.IGNORECASE,
)
TEXT_DATE = re.compile(
    rf"\b(?:{DAYS}\s+)?(?:1er|premier|[0-3]?\d)\s+{MONTHS}(?:\s+(?:19|20)\d{{2}})?(?![\w])",
    re.IGNORECASE,
)
BIRTH_YEAR = re.compile(
    r"\b(?:n[ée]e?s?|naissance)\s+(?:en\s+|le\s+)?((?:19|20)\d{2})\b", re.IGNORECASE
)
AGE = re.compile(
    rf"\b(?:(\d{{1,2}})|({NUMBER_WORDS}))(?:\s+|-)ans\b(?:\s+et\s+demi)?", re.IGNORECASE
)
BABY_AGE = re.compile(
    r"\b(?:b[ée]b[ée]|nourrisson|nouveau-n[ée]e?|enfant|fille|fils|garçon|petite?)\s+de\s+"
    r"(\d{1,2}\s+(?:mois|semaines))",
    re.IGNORECASE,
)
# A duration, not an age: "depuis 3 ans", "il y a 2 ans", "3 ans de suivi".
DURATION_BEFORE = re.compile(
    r"(?:depuis|pendant|durant|il y a|dans|apr[èe]s|avant|en|sur|pour|tous les|toutes les|voil[àa]"
    r"|fait|plus de|moins de|de plus de|bient[ôo]t|presque|environ|d[ée]j[àa]|encore|au bout de"
    r"|ces|les|des|dernières|derniers|prochaines?|(?:suivi|placement|peine|contrat|mesure|dur[ée]e"
    r"|p[ée]riode|absence|s[ée]jour|d[ée]lai|prison|stage|formation|parcours|accompagnement) de)\s*$",
    re.IGNORECASE,
)
AGE_BEFORE = re.compile(
    r"(?:[âa]g[ée]e?s?\s+de|de|a|à|avait|aura|aurait|ses|son|sa|ai|as|ont|avoir|fête|f[êe]ter"
    r"|,|\(|-|depuis ses|vers ses|quand il avait|quand elle avait)\s*$",
    re.IGNORECASE,
)
DURATION_AFTER = re.compile(
    r"^\s*(?:de\s+(?:suivi|placement|prison|mariage|vie commune|travail|service|m[ée]tier|pratique"
    r"|carri[èe]re|retard|d[ée]tention|ancienneté|accompagnement|formation)|d['’](?:ancienneté"
    r"|exp[ée]rience|absence|errance|[ée]tudes|incarc[ée]ration)|plus tard|auparavant|apr[èe]s"
    r"|avant|plus t[ôo]t|de (?:cela|ça))",
    re.IGNORECASE,
)
# The date of a law or decree identifies nobody.
LAW_BEFORE = re.compile(
    r"\b(?:loi|d[ée]cret|arr[êe]t[ée]|circulaire|ordonnance)(?:\s+n°\s*[\d-]+)?\s+du\s*$", re.I
)
# "de 14 à 18 ans", "entre 6 et 12 ans": a range of ages, nobody's age.
RANGE = re.compile(r"(?:\b\d{1,2}\s+à|\bentre\s+\d{1,2}\s+et)\s*$", re.I)
STREET = re.compile(
    rf"(?:\b\d{{1,4}}(?:\s?(?:bis|ter|[a-c]))?,?\s+)?\b{STREET_TYPES}\s+"
    rf"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les)\s*)?{NAME_WORD}"
    rf"(?:[ -](?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les|et|sur|sous)\s*)?{NAME_WORD}){{0,4}}"
    rf"(?:,?\s+(?:\d{{5}}|\d{{2}}\s\d{{3}})(?:\s+{NAME_WORD}(?:[ -]{NAME_WORD}){{0,3}})?)?",
)
# A numbered street whose name is in lower case ("12 rue des lilas").
NUMBERED_STREET = re.compile(
    rf"\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+{STREET_TYPES}\s+[\w'’-]+(?:\s+[\w'’-]+){{0,3}}",
    re.IGNORECASE,
)
POSTCODE = re.compile(
    rf"(?<![\d\w-])(?:0[1-9]|[1-8]\d|9[0-8]|2[AB])\s?\d{{3}}(?![\d,.]\d|\d)"
    rf"(?!\s*(?:€|euros?|EUR|habitants|km|m²|m2|personnes|dossiers|jeunes|enfants|familles))"
    rf"(?:\s+{NAME_WORD}(?:[ -]{NAME_WORD}){{0,3}})?"
)


def _ok_day_month(day: str, month: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def find_formats(text: str) -> Iterator[tuple[str, int, int]]:
    """Every span that matches a French format, in no particular order (overlaps settled later)."""
    for m in EMAIL.finditer(text):
        yield "email", m.start(), m.end()
    for m in IBAN.finditer(text):
        if sum(c.isdigit() for c in m.group(0)) >= 10:
            yield "iban", m.start(), m.end()
    for m in NIR.finditer(text):
        yield "nir", m.start(), m.end()
    for m in PHONE.finditer(text):
        yield "phone", m.start(), m.end()
    for m in NUMERIC_DATE.finditer(text):
        if _ok_day_month(m.group(1), m.group(2)):
            yield "date", m.start(), m.end()
    for m in SHORT_DATE.finditer(text):
        if _ok_day_month(m.group(1), m.group(2)):
            yield "date", m.start(1), m.end()
    for m in TEXT_DATE.finditer(text):
        if not LAW_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            yield "date", m.start(), m.end()
    for m in BIRTH_YEAR.finditer(text):
        yield "age", m.start(1), m.end(1)
    for m in AGE.finditer(text):
        before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 30]
        if DURATION_BEFORE.search(before) or DURATION_AFTER.search(after) or RANGE.search(before):
            continue
        if m.group(2) and not AGE_BEFORE.search(before):  # "trois ans" alone is mostly a duration
            continue
        if m.group(1) and int(m.group(1)) > 25 and not AGE_BEFORE.search(before):
            continue
        yield "age", m.start(), m.end()
    for m in BABY_AGE.finditer(text):
        yield "age", m.start(1), m.end(1)
    for m in STREET.finditer(text):
        yield "address", m.start(), m.end()
    for m in NUMBERED_STREET.finditer(text):
        yield "address", m.start(), _trim_street(text, m.start(), m.end())
    for m in POSTCODE.finditer(text):
        yield "address", m.start(), m.end()


_STOP_AFTER_STREET = re.compile(
    r"\s+(?:à|a|et|mais|où|qui|que|avec|depuis|chez|pour|dans|car|quand|il|elle|ils|elles|on)\b",
    re.IGNORECASE,
)


def _trim_street(text: str, start: int, end: int) -> int:
    """A lower-case street name stops at the first word that starts a new clause."""
    stop = _STOP_AFTER_STREET.search(text, start, end)
    return stop.start() if stop else end
