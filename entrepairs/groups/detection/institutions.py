"""Named institutions ("collège Jean Moulin", "MDS de Roubaix", "France Travail") and named
places ("quartier des Bois-Blancs"): spans of `text` as (kind, start, end).

A type alone ("le collège", "la MDS", "l'ASE") names no institution: it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import first_names, fold
from .patterns import NAME_WORD

LINK = r"(?:de\s+la|de\s+l['’]|d['’]|de|du|des|la|le|les|sur|en|et)"
NAME = rf"{NAME_WORD}(?:[ -](?:{LINK}\s*)?{NAME_WORD}){{0,4}}"
# Proper names of organisations, meaningful alone.
NAMED = re.compile(
    r"\b(?:France\s+Travail|P[ôo]le\s+[Ee]mploi|CAF|CPAM|MSA|MDPH|URSSAF|CNAF|Restos?\s+du\s+C[œo]e?ur"
    r"|Secours\s+(?:[Pp]opulaire|[Cc]atholique)|Croix-Rouge|Emma[üu]s|Apprentis\s+d['’]Auteuil"
    r"|Samu\s+[Ss]ocial|Adoma|Coallia)"
    rf"(?:\s+(?:{LINK})\s*{NAME_WORD}(?:[ -]{NAME_WORD}){{0,2}})?"
)
TYPES = (
    r"coll[èe]ge|[ée]cole(?:\s+(?:maternelle|[ée]l[ée]mentaire|primaire))?|lyc[ée]e(?:\s+professionnel)?"
    r"|MECS|maison\s+d['’]enfants(?:\s+à\s+caract[èe]re\s+social)?|foyer(?:\s+de\s+l['’]enfance)?"
    r"|h[ôo]pital|clinique|centre\s+hospitalier|centre\s+social|centre\s+m[ée]dico-psychologique"
    r"|AEMO|AED|SAVS|CHU|CMPP?|CMPEA|IME|ITEP|IEM|SESSAD|ESAT|EHPAD|CHRS|CADA|HUDA|cr[èe]che|PMI|MDS|MDSI"
    r"|maison\s+d[ée]partementale(?:\s+(?:de\s+la\s+solidarit[ée]|des\s+solidarit[ée]s"
    r"|des\s+personnes\s+handicap[ée]es))?|UTAS|UTPAS|CCAS|CIAS|ASE|PJJ|SPIP|EPM"
    r"|tribunal(?:\s+(?:judiciaire|pour\s+enfants|de\s+grande\s+instance|de\s+proximit[ée]))?"
    r"|TPE|association|club\s+de\s+pr[ée]vention|mission\s+locale|[ée]picerie\s+solidaire"
    r"|pension\s+de\s+famille|accueil\s+de\s+jour|lieu\s+de\s+vie|internat|universit[ée]|IUT|MJC"
    r"|EPIDE|CFA|SEGPA|ULIS|IFSI|crous|conseil\s+d[ée]partemental|d[ée]partement"
)
TYPED = re.compile(rf"(?<![\w-])(?i:{TYPES})\s*(?:({LINK})\s*)?({NAME})")
# Service types and acronyms that name no one institution when they stand alone.
GENERIC = {
    fold(w)
    for w in [
        "IBAN",
        "NIR",
        "RIB",
        "SMS",
        "CAP",
        "BEP",
        "BAC",
        "ASE",
        "AEMO",
        "AED",
        "MDS",
        "MDSI",
        "PMI",
        "PJJ",
        "CMP",
        "CMPP",
        "IME",
        "ITEP",
        "MECS",
        "SESSAD",
        "ESAT",
        "EHPAD",
        "CHRS",
        "CADA",
        "SAVS",
        "SAMSAH",
        "UTAS",
        "UTPAS",
        "CCAS",
        "TPE",
        "JAF",
        "JE",
        "JDE",
        "SPIP",
        "OPP",
        "IP",
        "RSA",
        "AAH",
        "APL",
        "SIAO",
        "PAEJ",
        "EPE",
        "IOE",
        "MJIE",
        "département",
        "tribunal",
        "collège",
        "école",
        "lycée",
        "foyer",
        "mairie",
        "préfecture",
        "enfance",
    ]
}
# A capitalised word after "à", "vers", "près de"... is a town unless it is a first name.
TOWN = re.compile(
    rf"(?<![\w-])(?:à|vers|près\s+de|habite|habitent|venant\s+de|originaire\s+de)\s+({NAME})"
)
NOT_TOWNS = {
    fold(w)
    for w in [
        "Noël",
        "Pâques",
        "Toussaint",
        "Pentecôte",
        "Ascension",
        "Lundi",
        "Mardi",
        "Mercredi",
        "Jeudi",
        "Vendredi",
        "Samedi",
        "Dimanche",
        "Personne",
        "Madame",
        "Monsieur",
        "Mme",
        "Maître",
        "Dieu",
        "Internet",
    ]
}
PLACE = re.compile(
    rf"(?<![\w-])(?i:quartier|cit[ée]|faubourg|village|commune|ville|parc|stade|gare|centre\s+commercial)\s+(?:{LINK}\s*)?{NAME}"
)


def find_institutions(text: str) -> Iterator[tuple[str, int, int]]:
    for m in NAMED.finditer(text):
        yield "institution", m.start(), m.end()
    for m in TYPED.finditer(text):
        link, name = m.group(1), m.group(2)
        first = re.split(r"[ -]", name)[0]
        # "l'école de Lucas" is Lucas's school, not a school called Lucas.
        if (
            link
            and link.lower().startswith(("de", "d'", "d’", "du"))
            and fold(first) in first_names()
        ):
            continue
        if fold(first) in {"le", "la", "les"} and name == first or fold(name) in GENERIC:
            continue
        yield "institution", m.start(), m.end()
    for m in PLACE.finditer(text):
        yield "place", m.start(), m.end()


def find_towns(text: str) -> Iterator[tuple[int, int]]:
    for m in TOWN.finditer(text):
        first = re.split(r"[ -]", m.group(1))[0]
        key = fold(first)
        if key not in first_names() and key not in NOT_TOWNS and key not in GENERIC:
            yield m.start(1), m.end(1)
