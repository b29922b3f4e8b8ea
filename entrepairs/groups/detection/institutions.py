"""Named institutions ("collège Jean Moulin", "MDS de Roubaix", "France Travail") and named
places ("quartier des Bois-Blancs"): spans of `text` as (kind, start, end).

A type alone ("le collège", "la MDS", "l'ASE") names no institution: it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import first_names, fold, towns
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
    r"|maison\s+des\s+ado(?:lescent)?s|MDA"
    # Places of care, justice and police, often named after a person or a saint (« maternité
    # Jeanne de Flandre », « pouponnière Saint-Vincent ») or by their town.
    r"|maternit[ée]|pouponni[èe]re|centre\s+maternel|point\s+rencontre|point\s+accueil(?:\s+[ée]coute"
    r"\s+jeunes)?|maison\s+d['’]arr[êe]t|centre\s+p[ée]nitentiaire|cour\s+d['’]appel|gendarmerie"
    r"|commissariat|brigade(?:\s+des\s+mineurs)?|SAEMO|centre\s+de\s+loisirs|halte-garderie"
    r"|centre\s+d['’](?:accueil|h[ée]bergement)|r[ée]sidence\s+(?:sociale|autonomie)|EHPAD"
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
        "Cerfa",
    ]
}
# A capitalised word after "à", "vers", "originaire de"... is a town unless it is a first name
# (then only a listed town is: "à Florence", "originaire de Lourdes").
TOWN = re.compile(
    r"(?<![\w-])(?:à|vers|jusqu['’]à|près\s+de|habite|habitent|venant\s+de|originaire\s+de)\s+"
    rf"({NAME})"
)
# Where a town or a country may follow: only a listed town counts ("arrivée de Guinée" is broad).
FROM_TOWN = re.compile(
    r"(?<![\w-])(?:venue?s?|vient|viennent|arriv[ée]e?s?|loin|environs|r[ée]gion|banlieue|sortie"
    rf"|p[ée]riph[ée]rie|proche|mairie|gare|ville)\s+d(?:e\s+|['’])({NAME})"
)
# "Il a dit à Florence", "elle ressemble à Nancy": after these verbs "à" leads to a person.
TO_A_PERSON = re.compile(
    r"(?:\b(?:dit|dis|dire|disait|parl\w*|[ée]cri\w*|demand\w*|r[ée]pon\w*|expliqu\w*|t[ée]l[ée]phon\w*"
    r"|envoy\w*|donn\w*|offer\w*|offr\w*|pr[êe]t\w*|montr\w*|racont\w*|annon[cç]\w*|confi\w*"
    r"|promi\w*|propos\w*|conseill\w*|reproch\w*|interdi\w*|permi\w*|pr[ée]sent\w*|pens\w*"
    r"|ressembl\w*|attach\w*|tien\w*|tenu\w*|adress\w*|ment\w*|ob[ée]i\w*|souri\w*|pla[iî]\w*"
    r"|manqu\w*|confiance|rappel\w*|appri\w*|appren\w*|mal|visite|lettre|message|cadeau|gr[âa]ce"
    r"|face|li[ée]e?s?)\b(?:\s+\w+)?)\s+à\s*$",
    re.IGNORECASE,
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
    rf"(?<![\w-])(?i:quartier|cit[ée]|faubourg|village|commune|ville|parc|stade|gare|centre\s+commercial"
    rf"|tour|barre|city-stade)\s+(?:{LINK}\s*)?{NAME}"
)


def find_institutions(text: str) -> Iterator[tuple[str, int, int]]:
    for m in NAMED.finditer(text):
        yield "institution", m.start(), m.end()
    for m in TYPED.finditer(text):
        link, name = m.group(1), m.group(2)
        first = re.split(r"[ -]", name)[0]
        # "l'école de Lucas" is Lucas's school, not a school called Lucas.
        # « le CMP de la Madeleine », « le foyer de l'Espérance » are named so, not someone's.
        if (
            link
            and link.lower() in ("de", "d'", "d’")
            and fold(first) in first_names()
            and fold(name) not in towns()
        ):
            continue
        if fold(first) in {"le", "la", "les"} and name == first or fold(name) in GENERIC:
            continue
        yield "institution", m.start(), _before_another(text, m.start(2), m.end())
    for m in PLACE.finditer(text):
        yield "place", m.start(), m.end()


# « la Mission locale de Lens et Pôle emploi »: a name ends before « et » when another
# institution follows (outside test of issue 13: « la [structure] emploi »).
AND_ANOTHER = re.compile(rf"\s+et\s+(?:(?:le|la|les|l['’])\s*)?(?=(?i:{TYPES})\b|{NAMED.pattern})")


def _before_another(text: str, start: int, end: int) -> int:
    cut = AND_ANOTHER.search(text, start)
    return cut.start() if cut and cut.start() < end else end


# A named institution is replaced after its type, which names nobody and keeps the sentence's
# articles right: « à l'hôpital Roger Salengro » → « à l'hôpital [nom] », « au collège Jean
# Moulin » → « au collège [nom] », « la MDS de Roubaix » → « la MDS de [lieu] ».
TYPE_HEAD = re.compile(rf"^(?i:{TYPES})\s*(?:{LINK}\s*)?(?=\S)")


def type_head(name: str) -> str:
    """The type (and its link word) that opens an institution's name, or ""."""
    m = TYPE_HEAD.match(name)
    return m.group(0) if m and m.end() < len(name) else ""


def find_towns(text: str) -> Iterator[tuple[int, int, bool]]:
    """Towns after a word that leads to a place: (start, end, listed). A listed town
    (data/towns.txt) is sure enough to win over a person rule; another capitalised word is a town
    unless it is a first name."""
    for m in TOWN.finditer(text):
        first = re.split(r"[ -]", m.group(1))[0]
        key = fold(first)
        if key in NOT_TOWNS or key in GENERIC:
            continue
        listed = fold(m.group(1)) in towns() or key in towns()
        if listed and not TO_A_PERSON.search(text[max(0, m.start(1) - 40) : m.start(1)]):
            yield m.start(1), m.end(1), True
        elif key not in first_names():
            yield m.start(1), m.end(1), False
    for m in FROM_TOWN.finditer(text):
        if fold(m.group(1)) in towns():
            yield m.start(1), m.end(1), True
