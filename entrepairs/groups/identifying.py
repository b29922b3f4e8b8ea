"""Spot data that may identify the people served in a situation's text, and replace it with
pseudonyms (PRODUCT.md §2: situations "never identify the people served (pseudonymise)").

Detection is `groups.detection` (spaCy's French model, French name lists and French formats);
this module decides what the member is warned about and how it is replaced:

- direct identifiers are always findings: persons' names, phone numbers, NIR, e-mail addresses,
  bank accounts (IBAN, RIB), street addresses and postcodes, dates (with or without a year);
- ages and birth years, named places and named institutions identify nobody alone ("un garçon de
  12 ans", "à Lille", "suivi par France Travail"): they are findings only in a text that also holds
  a direct identifier, where together they could single someone out. Generic services ("le
  collège", "la MDS", "l'ASE") are never findings.

It runs on the server only; nothing is sent anywhere. The member decides (acknowledged override).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .detection import Entity, detect
from .detection.institutions import type_head
from .detection.lexicon import fold, towns
from .detection.names import ARTICLES, PARTICLES
from .detection.patterns import YEAR

DIRECT = {"person", "phone", "nir", "email", "iban", "address", "date"}
# Finding kinds as the API has always named them ("name" for a person).
KIND_NAMES = {"person": "name"}
LABELS: dict[str, Promise] = {
    "name": _("name"),
    "phone": _("phone number"),
    "nir": _("social security number"),
    "email": _("e-mail address"),
    "iban": _("bank account (IBAN or RIB)"),
    "address": _("address"),
    "date": _("date"),
    "age": _("age or birth year"),
    "place": _("place"),
    "institution": _("institution"),
}
PLACEHOLDERS = {
    "phone": "[téléphone]",
    "nir": "[NIR]",
    "email": "[e-mail]",
    "iban": "[compte bancaire]",
    "address": "[adresse]",
    "date": "[date]",
    "age": "[âge]",
    "place": "[lieu]",
    "institution": "[structure]",
}
# The civilities before a name, of one person or a couple ("Mme et M. Durand"), in any case.
CIVILITY = re.compile(
    r"^(?:(?:M\.|MM\.|Mme|Mmes|Mlle|Mr|Monsieur|Madame|Mademoiselle|Dr|Docteur|Ma[îi]tre|Me)\s+"
    r"(?:et\s+)?)+",
    re.IGNORECASE,
)


# Titles kept before a pseudonym (« le Dr Personne A »): with them the article stays right.
TITLE = re.compile(r"^(?:Dr\.?|Docteur|docteur|Pr\.?|Professeur|professeur|Ma[îi]tre|Me)\s+")


@dataclass(frozen=True)
class Finding:
    kind: str  # name | phone | nir | email | iban | address | date | age | place | institution
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        """The kind in the reader's language."""
        return str(LABELS.get(self.kind, self.kind))


def _finding(entity: Entity) -> Finding:
    return Finding(KIND_NAMES.get(entity.kind, entity.kind), entity.text, entity.start, entity.end)


def _direct(entity: Entity) -> bool:
    """A birth year (« née en 2012 », « année de naissance : 2011 », "born in 2010", « Kevin
    (2011) ») is a finding alone: issue 13 names birth years among what must not pass, and with
    the group's context (a placement, a school) it narrows a child down. An age (« 12 ans »)
    identifies nobody alone: a finding only beside a direct identifier."""
    if entity.kind == "age":
        return _is_year(entity.text)
    return entity.kind in DIRECT


def _is_year(text: str) -> bool:
    digits = text.strip()
    return len(digits) == 4 and digits.isdigit()


def find_identifying(text: str, known_names: Iterable[str] = ()) -> list[Finding]:
    """What in `text` may identify someone, in reading order, without overlaps. `known_names`
    are names of people of the group's organisations: flagged in any case."""
    if not text.strip():
        return []
    entities = detect(text, known_names)
    if not any(_direct(e) for e in entities):
        return []
    return [_finding(e) for e in entities]


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# Particles of surnames: « Mme de Souza » and « De Souza Ana » are the same person. The
# detector's lists (one home), with the elided « d' » and « du » a name's words may keep.
NAME_PARTICLES = PARTICLES | ARTICLES | frozenset({"d", "du"})


def _name_words(name: str) -> frozenset[str]:
    """The words that name a person, without civilities, particles or initials."""
    words = re.split(r"[\s'’-]+", CIVILITY.sub("", name.strip()))
    return frozenset(
        fold(w) for w in words if len(w.rstrip(".")) > 1 and fold(w) not in NAME_PARTICLES
    )


def _people(names: list[tuple[int, str]]) -> dict[int, int]:
    """Which person each name (by position) is: full names first define people, a shorter
    mention is the person whose name holds all its words; among several (« Mme Marchand » after
    « Kevin Marchand » and « Sandrine Marchand »), the one named last before it."""
    people: list[set[str]] = []
    of: dict[int, int] = {}
    words_at = {pos: _name_words(name) or frozenset({fold(name)}) for pos, name in names}
    for pos, _name in sorted(names, key=lambda n: (-len(words_at[n[0]]), n[0])):
        words = words_at[pos]
        same = [i for i, known in enumerate(people) if words <= known or known <= words]
        if not same:
            people.append(set(words))
            of[pos] = len(people) - 1
            continue
        earlier = [
            (p, of[p]) for p in sorted(of) if p < pos and of[p] in same and words <= words_at[p]
        ]
        chosen = earlier[-1][1] if earlier else same[0]
        people[chosen] |= words
        of[pos] = chosen
    return of


# A word elided before a name that started with a vowel (« d'Inès », « qu'Amine », « l'IME
# Arc-en-Ciel ») is written in full before a placeholder read with a consonant: « de Personne A »,
# « que Personne A », « la [structure] »; « l' » takes the gender of the placeholder's word.
ELIDED_BEFORE = re.compile(r"(?<![\w'’])(d|qu|jusqu|lorsqu|puisqu|quoiqu|l)['’]$", re.IGNORECASE)
VOWEL_SOUND = re.compile(r"^\[?[aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ]")
MASCULINE = {"[téléphone]", "[lieu]", "[compte bancaire]", "[NIR]", "[…]"}


def _unelided(before: str, placeholder: str) -> str:
    elided = ELIDED_BEFORE.search(before)
    if not elided or VOWEL_SOUND.match(placeholder):
        return before
    word = elided.group(1)
    if word.lower() == "l":
        full = "le" if placeholder in MASCULINE else "la"
    else:
        full = word.lower() + "e"
    if word[0].isupper():
        full = full.capitalize()
    return before[: elided.start()] + full + " "


def pseudonymise(text: str, findings: list[Finding] | None = None) -> str:
    """Replace findings by placeholders. A person keeps one pseudonym throughout the text,
    whichever way it is written (« Kevin Marchand », then « Kevin », « Mme Marchand » or
    « Marchand Kevin » are all Personne A), and letters already used in the text are skipped."""
    findings = find_identifying(text) if findings is None else findings
    taken = set(re.findall(r"\bPersonne ([A-Z]+)\b", text))
    ordered = sorted(findings, key=lambda f: f.start)
    person_of = _people([(f.start, f.text) for f in ordered if f.kind == "name"])
    given: dict[int, str] = {}
    counter = 0

    def pseudonym(person: int) -> str:
        nonlocal counter
        if person not in given:
            while _letters(counter) in taken:
                counter += 1
            given[person] = f"Personne {_letters(counter)}"
            counter += 1
        return given[person]

    out, last = [], 0
    for finding in ordered:
        start = finding.start
        if finding.kind == "name":
            placeholder = pseudonym(person_of[finding.start])
            # A title stays with its article: « le Dr Martin » → « le Dr Personne A ».
            if title := TITLE.match(finding.text):
                start += title.end()
        elif finding.kind == "institution" and (head := type_head(finding.text)):
            start += len(head)
            rest = finding.text[len(head) :]
            placeholder = "[lieu]" if fold(rest) in towns() else "[nom]"
        elif finding.kind == "age" and YEAR.fullmatch(finding.text):
            placeholder = "[année]"
        else:
            placeholder = PLACEHOLDERS.get(finding.kind, "[…]")
        out.append(_unelided(text[last:start], placeholder))
        out.append(placeholder)
        last = finding.end
    out.append(text[last:])
    return "".join(out)
