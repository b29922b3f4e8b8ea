"""Regular expressions for French formats: each yields (kind, start, end) spans of `text`."""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = (
    r"(?:janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[uû]t"
    r"|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?)"
)
DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
UNIT_WORDS = r"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf)"
TEEN_WORDS = r"(?:dix-sept|dix-huit|dix-neuf|dix|onze|douze|treize|quatorze|quinze|seize)"
# One to ninety-nine in words, compounds first ("vingt-deux" before "vingt", "dix-sept" before
# "dix"): "trente-quatre ans" is one age, not "quatre ans".
NUMBER_WORDS = (
    rf"(?:(?:vingt|trente|quarante|cinquante|soixante)(?:[- ]et[- ](?:un|onze)|-{TEEN_WORDS}"
    rf"|-{UNIT_WORDS})?|quatre-vingts?(?:-{TEEN_WORDS}|-{UNIT_WORDS})?|{TEEN_WORDS}|{UNIT_WORDS})"
)
# A year in digits or in words (« deux mille onze », « mil neuf cent quatre-vingt-dix-huit »).
SPELLED_YEAR = (
    rf"(?:(?:deux[ -]mille|(?:mille|mil)[ -]neuf[ -]cents?|dix-neuf[ -]cents?)"
    rf"(?:[ -](?:et[ -])?{NUMBER_WORDS})?)(?![\w-])"
)
YEAR_PATTERN = rf"(?:(?:19|20)\d{{2}}(?!\w)|{SPELLED_YEAR})"
YEAR = re.compile(YEAR_PATTERN, re.IGNORECASE)
STREET_TYPES = (
    r"(?:rue|avenue|av\.|boulevard|bd|chemin|all[ée]e|place|impasse|route|quai|cours|square"
    r"|r[ée]sidence|cit[ée]|lotissement|hameau|passage|voie|sentier|esplanade|parvis|rond-point)"
)
UPPER = r"A-ZÀ-ÖØ-Þ"
NAME_WORD = rf"[{UPPER}][\w'’-]*"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An IBAN in any case, with or without spaces, grouped as anyone writes it: a country of the IBAN
# registry (and the francophone African countries that use its shape), two check digits, then
# 11 to 30 letters and digits (_iban keeps the groups that belong to it).
IBAN_COUNTRIES = frozenset(
    re.findall(
        r"[A-Z]{2}",
        "AD AE AL AO AT AZ BA BE BF BG BH BI BJ BR BY CF CG CH CI CM CR CV CY CZ DE DJ DK DO DZ EE EG"
        " ES FI FK FO FR GA GB GE GI GL GQ GR GT GW HN HR HU IE IL IQ IR IS IT JO KM KW KZ LB LC LI LT"
        " LU LV LY MA MC MD ME MG MK ML MN MR MT MU MZ NE NI NL NO OM PK PL PS PT QA RO RS RU SA SC SD"
        " SE SI SK SM SN SO ST SV TD TG TL TN TR UA VA VG XK YE",
    )
)
IBAN = re.compile(r"(?<![\w-])([A-Za-z]{2})\d{2}[ -]?[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+){0,10}")
# A French RIB: bank code (5 digits), branch (5), account (11 letters and digits), key (2).
RIB = re.compile(r"(?<![\w-])\d{5}[ -]?\d{5}[ -]?[A-Za-z0-9]{11}[ -]?\d{2}(?![\w-])")
# Sex, year, month (or 20-99 for special cases), department (2A/2B for Corsica), commune, order,
# then the optional key; spaces anywhere between the groups.
NIR = re.compile(
    r"(?<![\d])[12][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[AB])[ .]?\d{3}"
    r"[ .]?\d{3}(?:[ .]?\d{2})?(?![\d])"
)
PHONE = re.compile(
    r"(?<![\d\w])(?:(?:\+|00)33[ .]?(?:\(0\)[ .]?)?|0)[1-9](?:[ .-]?\d{2}){4}(?![\d])"
)
# A number from abroad (families near a border, relatives overseas): "+32 470 12 34 56",
# "+212 6 12 34 56 78", "0044 20 7946 0958". Only with its international prefix, 8 to 13 digits after
# the country code, in groups of 1 to 4: a bare run of digits is too often something else.
PHONE_ABROAD = re.compile(
    r"(?<![\d\w+])(?:\+|00)(?!33)[1-9]\d{0,2}(?P<rest>(?:[ .-]?\(0\))?(?:[ .-]?\d{1,4}){3,6})(?![\d])"
)
NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/])")
# A day and month without a year only after a word that introduces a date ("3/4" is a fraction).
# After a weekday too: "samedi 21/03" is a date, whatever stands before the weekday. With a dot
# the month has two digits ("le 21.03"): "12.5" is a mark.
SHORT_DATE = re.compile(
    rf"\b(?:(?:le|du|au|depuis le|jusqu'au|n[ée]e?s? le|dès le)\s+|({DAYS})\s+(?:(?:le|du)\s+)?)"
    r"(\d{1,2})(?:/(\d{1,2})|\.(\d{2}))(?![\d/]|\.\d)",
    re.IGNORECASE,
)
# Year first, as forms and software write it: "2012-05-03", "2012/05/03".
ISO_DATE = re.compile(
    r"(?<![\d/.-])(?:19|20)\d{2}([-/])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\d/.-]?\d)"
)
# The day written in words: "le vingt et un mars", "le trois juin", "premier mai".
DAY_WORDS = (
    r"(?:premier|(?:vingt|trente)(?:[ -]et[ -]|-)un|vingt-(?:deux|trois|quatre|cinq|six|sept|huit"
    r"|neuf)|dix-(?:sept|huit|neuf)|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze"
    r"|treize|quatorze|quinze|seize|vingt|trente)"
)
FIRST = r"(?:1\s?(?:er|ᵉʳ|re|°)|premier)"
TEXT_DATE = re.compile(
    rf"\b(?:{DAYS}\s+)?(?:{FIRST}|[0-3]?\d|{DAY_WORDS})\s+{MONTHS}(?:\s+{YEAR_PATTERN})?(?![\w])",
    re.IGNORECASE,
)
# A month and its year is a date ("en janvier 2021", "fin mars 2026"); a month alone is not.
MONTH_YEAR = re.compile(rf"\b{MONTHS}\s+{YEAR_PATTERN}(?![\w])", re.IGNORECASE)
# A day before the month: the whole date is TEXT_DATE's (and left alone after "loi du").
DAY_BEFORE = re.compile(rf"(?:\b\d{{1,2}}|{FIRST}|\b{DAY_WORDS})\s+$", re.IGNORECASE)
BIRTH_YEAR = re.compile(
    rf"\b(?:n[ée]e?s?|naissance|born)\s*:?\s+(?:en\s+|in\s+|le\s+|dans\s+l['’]ann[ée]e\s+)?"
    rf"({YEAR_PATTERN})",
    re.IGNORECASE,
)
# A day of the month without its month (outside test of issue 13: « le vendredi 12 », « Je l'ai
# vue le 12. » passed): after a weekday (« mardi 3 », « le vendredi 12 »); after a word that
# leads to a date (« depuis le 3 », « dès le 1er »); or « le 12 » where a date ends the clause
# (« le 12. », « le 12 au soir »). Not a time, an age, an amount nor a street number (« le 12 rue
# … », « à 12 h », « le 115 », « les 3 enfants »).
DAY_NUMBER = r"(?:1\s?(?:er|ᵉʳ)|premier|[12]\d|3[01]|0?[1-9])(?![\d\w,.]\d|\w)"
NOT_A_DAY_AFTER = (
    r"(?!\s*(?:h\b|heures?|:\d|ans?\b|mois|semaines?|jours?|%|€|euros?|fois|km|kg|ème|e\b|bis\b"
    r"|ter\b|,\s*\d|\s*(?:rue|avenue|av\.|bd|boulevard|place|all[ée]e|impasse|chemin|route|quai"
    r"|cours|square|r[ée]sidence|lotissement)\b))"
)
WEEKDAY_DAY = re.compile(
    rf"\b{DAYS}\s+(?:le\s+)?{DAY_NUMBER}{NOT_A_DAY_AFTER}(?!\s+{MONTHS})", re.IGNORECASE
)
CUE_DAY = re.compile(
    rf"\b(?:depuis|d[èe]s|avant|apr[èe]s|jusqu['’]au|jusqu['’]à\s+le|pour)\s+le\s+({DAY_NUMBER})"
    rf"{NOT_A_DAY_AFTER}(?!\s+{MONTHS})",
    re.IGNORECASE,
)
BARE_DAY = re.compile(
    rf"(?<![\w'’])(?:le|du|au)\s+({DAY_NUMBER})(?=\s*(?:[.!?;…]|$)|\s+(?:au\s+soir|au\s+matin"
    r"|(?:dans\s+l['’]|en\s+)(?:apr[èe]s-midi|matin[ée]e|soir[ée]e|journ[ée]e)|dans\s+la\s+(?:matin[ée]e"
    r"|soir[ée]e|journ[ée]e|nuit)|matin|soir|midi|[àa]\s+midi|au\s+plus\s+tard|prochain|dernier"
    r"|de\s+ce\s+mois|du\s+mois))",
    re.IGNORECASE,
)
# « Le 3, elle est revenue. »: a day opening a sentence before a comma.
OPENING_DAY = re.compile(rf"(?:^|[.!?…]\s+|\n\s*)(?:Le|LE)\s+({DAY_NUMBER})(?=\s*,)")
# A range of days is one date: « du 5 au 7 mai », « entre le 5 et le 7 mai », « du lundi 5 au
# mercredi 7 ».
DAY_RANGE = re.compile(
    rf"\b(?:du|entre\s+le)\s+((?:{DAYS}\s+)?{DAY_NUMBER}(?:\s+{MONTHS})?\s+(?:au|et\s+le|et)\s+"
    rf"(?:{DAYS}\s+)?{DAY_NUMBER}(?:\s+{MONTHS}(?:\s+{YEAR_PATTERN})?)?)(?![\w/])",
    re.IGNORECASE,
)
# Without a month, a range is a date only with a weekday or at a clause end (« du 5 au 7. »).
RANGE_NAMED = re.compile(rf"\b(?:{MONTHS}|{DAYS})\b", re.IGNORECASE)
RANGE_END = re.compile(r"^\s*(?:[.!?;…,]|$)")
# A birth month, with or without its year ("né en mai 2012", "date de naissance : mars 2013"):
# narrower than a birth year, so a date.
BIRTH_MONTH = re.compile(
    rf"\b(?:n[ée]e?s?|naissance)\s*:?\s+(?:en\s+|au\s+mois\s+de\s+|d[ée]but\s+|fin\s+)?"
    rf"({MONTHS}(?:\s+{YEAR_PATTERN})?)(?![\w])",
    re.IGNORECASE,
)
AGE = re.compile(
    rf"\b(?:(\d{{1,2}})|({NUMBER_WORDS}))(?:\s+|-)ans?\b(?:\s+et\s+demi|\s*½)?", re.IGNORECASE
)
# An age in months or weeks ("18 mois", "six semaines") only where an age is expected: after
# "a", "à", "âgé de", in apposition; "18 mois de contrat", "depuis six mois" are durations.
MONTHS_AGE = re.compile(
    rf"\b(?:\d{{1,2}}|{NUMBER_WORDS})\s+(?:mois|semaines)(?:\s+et\s+demi)?\b", re.IGNORECASE
)
MONTHS_AGE_BEFORE = re.compile(
    r"(?:(?<![\w'’])(?:[âa]g[ée]e?s?\s+de|a|à|avait|aura|aurait|ont|avaient|d[ée]j[àa])|[,(])\s*$",
    re.IGNORECASE,
)
MONTHS_AGE_AFTER = re.compile(
    r"^\s*(?:de\b|d['’]|pour\b|avant\b|apr[èe]s\b|plus\s+t|ferme\b|avec\s+sursis|près\b|à\s+(?:faire|attendre|tirer))",
    re.I,
)
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)\s*$")
BABY_AGE = re.compile(
    r"\b(?:b[ée]b[ée]|nourrisson|nouveau-n[ée]e?|enfant|fille|fils|garçon|petite?)\s+de\s+"
    rf"((?:\d{{1,2}}|{NUMBER_WORDS})\s+(?:mois|semaines))",
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
    r"(?:[âa]g[ée]e?s?\s+de|de|a|à|avait|aura|aurait|ses|son|sa|ai|as|ont|avoir|eu|fête|f[êe]ter"
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
    # Not followed by another group of five digits: a bank code and its branch (a RIB).
    rf"(?![ -]\d{{5}})"
    rf"(?!\s*(?:€|euros?|EUR|habitants|km|m²|m2|personnes|dossiers|jeunes|enfants|familles))"
    rf"(?:\s+{NAME_WORD}(?:[ -]{NAME_WORD}){{0,3}})?"
)


# A form, file or case number is no postcode: « Cerfa 15776 », « dossier n° 59012 ».
NUMBER_BEFORE = re.compile(r"(?i:cerfa|n°|num[ée]ro|r[ée]f\.?|r[ée]f[ée]rence|formulaire)\s*:?\s*$")


def _ok_day_month(day: str, month: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def find_formats(text: str) -> Iterator[tuple[str, int, int]]:
    """Every span that matches a French format, in no particular order (overlaps settled later)."""
    for m in EMAIL.finditer(text):
        yield "email", m.start(), m.end()
    for m in IBAN.finditer(text):
        if m.group(1).upper() in IBAN_COUNTRIES and (end := _iban_end(m)):
            yield "iban", m.start(), end
    for m in RIB.finditer(text):
        if sum(c.isdigit() for c in m.group(0)) >= 18:
            yield "iban", m.start(), m.end()
    for m in NIR.finditer(text):
        yield "nir", m.start(), m.end()
    for m in PHONE.finditer(text):
        yield "phone", m.start(), m.end()
    for m in PHONE_ABROAD.finditer(text):
        if 8 <= sum(c.isdigit() for c in m.group("rest")) <= 13:
            yield "phone", m.start(), m.end()
    for m in NUMERIC_DATE.finditer(text):
        if _ok_day_month(m.group(1), m.group(2)):
            yield "date", m.start(), m.end()
    for m in SHORT_DATE.finditer(text):
        if _ok_day_month(m.group(2), m.group(3) or m.group(4)):
            yield "date", m.start() if m.group(1) else m.start(2), m.end()
    for m in ISO_DATE.finditer(text):
        yield "date", m.start(), m.end()
    for m in TEXT_DATE.finditer(text):
        if not LAW_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            yield "date", m.start(), m.end()
    for m in MONTH_YEAR.finditer(text):
        if not DAY_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            yield "date", m.start(), m.end()
    for m in BIRTH_MONTH.finditer(text):
        yield "date", m.start(1), m.end(1)
    for m in WEEKDAY_DAY.finditer(text):
        yield "date", m.start(), m.end()
    for m in CUE_DAY.finditer(text):
        yield "date", m.start(1), m.end(1)
    for m in BARE_DAY.finditer(text):
        if not LAW_BEFORE.search(text[max(0, m.start(1) - 40) : m.start(1)]):
            yield "date", m.start(1), m.end(1)
    for m in OPENING_DAY.finditer(text):
        yield "date", m.start(1), m.end(1)
    for m in DAY_RANGE.finditer(text):
        if RANGE_NAMED.search(m.group(1)) or RANGE_END.match(text[m.end() :]):
            yield "date", m.start(1), m.end(1)
    for m in BIRTH_YEAR.finditer(text):
        yield "age", m.start(1), m.end(1)
    yield from _ages(text)
    for m in STREET.finditer(text):
        yield "address", m.start(), m.end()
    for m in NUMBERED_STREET.finditer(text):
        yield "address", m.start(), _trim_street(text, m.start(), m.end())
    for m in POSTCODE.finditer(text):
        if not NUMBER_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            yield "address", m.start(), m.end()


ALNUM = re.compile(r"[A-Za-z0-9]+")


def _iban_end(m: re.Match[str]) -> int | None:
    """Where an IBAN ends: after its first group (a bank code may be letters: « GB29 NWBK »),
    at the first group without a digit (« … 189 pour »), within 30 characters after the check
    digits; None if what is left is too short or has too few digits to be one."""
    groups = list(ALNUM.finditer(m.string, m.start() + 4, m.end()))
    end, length = None, 0
    for i, g in enumerate(groups):
        if i and not any(c.isdigit() for c in g.group(0)) or length + len(g.group(0)) > 30:
            break
        end, length = g.end(), length + len(g.group(0))
    if end is None or length < 11 or sum(c.isdigit() for c in m.string[m.start() : end]) < 10:
        return None
    return end


def _ages(text: str) -> Iterator[tuple[str, int, int]]:
    for m in AGE.finditer(text):
        before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 30]
        if DURATION_BEFORE.search(before) or DURATION_AFTER.search(after) or RANGE.search(before):
            continue
        # "trois ans" alone is mostly a duration; "Quinze ans, et déjà..." opens on an age.
        opens = SENTENCE_START.search(before) and after.lstrip().startswith(",")
        if m.group(2) and not AGE_BEFORE.search(before) and not opens:
            continue
        if m.group(1) and int(m.group(1)) > 25 and not AGE_BEFORE.search(before):
            continue
        yield "age", m.start(), m.end()
    for m in BABY_AGE.finditer(text):
        yield "age", m.start(1), m.end(1)
    for m in MONTHS_AGE.finditer(text):
        before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 30]
        if DURATION_BEFORE.search(before) or MONTHS_AGE_AFTER.search(after):
            continue
        if MONTHS_AGE_BEFORE.search(before):
            yield "age", m.start(), m.end()


# A street's name ends before a verb, a pronoun, a determiner or a conjunction: « 4 allée des
# Tilleuls est leur adresse », « 12 rue des lilas où elle vit ».
_STOP_AFTER_STREET = re.compile(
    r"\s+(?:(?:à|a|et|mais|où|ou|donc|puis|qui|que|quand|car|comme|avec|depuis|pendant|chez|pour"
    r"|par|dans|sans|en|au|aux|y|ne|se|il|elle|ils|elles|on|je|tu|nous|vous|ça|cela|ce|cet|cette"
    r"|ces|son|sa|ses|leur|leurs|mon|ma|mes|ton|ta|tes|notre|nos|votre|vos|est|sont|était"
    r"|étaient|sera|seront|serait|fut|ont|avait|avaient|aura|auront|hier|demain|aujourd)(?![\w'’-])"
    r"|(?:qu|n|s|c|j|m|t)['’])",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(rf"(?<![\w'’-])[{UPPER}][\w'’-]*")


def _trim_street(text: str, start: int, end: int) -> int:
    """A street's name written in lower case stops at the first word that starts a new clause;
    one with a capitalised word ends at its last capitalised word (« 12 rue Pasteur maman »)."""
    stop = _STOP_AFTER_STREET.search(text, start, end)
    end = stop.start() if stop else end
    street = re.match(rf"\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+{STREET_TYPES}\s+", text[start:end], re.I)
    capitalised = list(_CAPITALISED.finditer(text, start + street.end(), end)) if street else []
    return capitalised[-1].end() if capitalised else end
