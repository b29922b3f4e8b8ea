"""Putting the detectors together: formats first, then institutions and places named by a
pattern, then persons, then the model's own entities; overlaps go to the more specific."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .entities import Candidate, Entity, settle
from .institutions import GENERIC, find_institutions, find_towns
from .lexicon import AUTHORS, first_names, fold, is_french_word, nlp, surnames
from .names import join_names
from .patterns import YEAR_PATTERN, find_formats
from .persons import (
    NOT_FIRST_NAMES,
    by_context,
    by_patterns,
    by_tokens,
    starts_sentence,
    word_follows,
)

PRIORITY = {
    "email": 100,
    "iban": 95,
    "nir": 90,
    "phone": 85,
    "address": 80,
    "date": 75,
    "age": 70,
    "institution": 60,
    "place": 55,
}
PERSON_RULE, MODEL_PERSON, MODEL_ORG, MODEL_PLACE = 50, 40, 35, 30
# A listed town where a place is expected ("à Florence") wins over the first-name rule.
LISTED_TOWN = 52
# "en Belgique", "au Maroc", "aux Comores": a country or a region, too broad to identify anyone.
COUNTRY_BEFORE = re.compile(r"\b(?:en|au|aux)\s*$", re.I)
PLACE_BEFORE = re.compile(r"(?:\b(?:à|a|en|vers|sur|près de|de|du|depuis|quartier)\s*)$", re.I)
# Pseudonyms already in the text ("Personne A", "[prénom]", "Mme X."): never a finding again.
APPLIED = re.compile(
    r"\bPersonne\s+[A-Z]{1,2}\b|\[[^\]\n]{1,30}\]|(?<![\w])(?!M\.\s+(?:[A-ZÀ-Þ][a-zà-ÿ]|[A-ZÀ-Þ]['’][A-ZÀ-Þ]|[A-ZÀ-Þ]{2}|et\s))[A-Z]\.(?!\w)"
)
PSEUDONYM = re.compile(
    r"^(?:(?:Personne|Mme|M\.|Madame|Monsieur|Mlle)\s+)?[A-Z]\.?$|^Personne\s+[A-Z]\b|^\[.*\]$"
)


def detect(text: str, known_names: Iterable[str] = ()) -> list[Entity]:
    """Every entity of `text` that may identify someone, in reading order, without overlaps."""
    candidates: list[Candidate] = []
    for kind, start, end in find_formats(text):
        candidates.append(Candidate(kind, start, end, PRIORITY[kind]))
    for kind, start, end in find_institutions(text):
        candidates.append(Candidate(kind, start, end, PRIORITY[kind]))
    for start, end in by_patterns(text):
        candidates.append(Candidate("person", start, end, PERSON_RULE))
    for start, end in by_context(text):
        candidates.append(Candidate("person", start, end, PERSON_RULE))
    doc = nlp()(text)
    for start, end in by_tokens(doc, known_names):
        candidates.append(Candidate("person", start, end, PERSON_RULE))
    for ent in doc.ents:
        words = ent.text.split()
        first = ent[0]
        if any(c.isdigit() for c in ent.text):
            continue  # a code, a form or a file number: « Test T13 », « Dossier B12 »
        if ent.label_ in ("PER", "ORG") and fold(ent.text) in GENERIC:
            continue
        if ent.label_ == "PER":
            if all(w.islower() for w in words) and not any(fold(w) in first_names() for w in words):
                continue
            if len(words) == 1 and starts_sentence(first) and is_french_word(ent.text):
                continue
            if len(words) == 1 and fold(ent.text) in NOT_FIRST_NAMES:
                continue  # "la Toussaint", "le Père Noël"
            candidates.append(Candidate("person", ent.start_char, ent.end_char, MODEL_PERSON))
        elif ent.label_ == "LOC":
            before = text[max(0, ent.start_char - 12) : ent.start_char]
            if fold(first.text) in GENERIC:
                continue
            if (
                fold(first.text) in first_names()
                and not PLACE_BEFORE.search(before)
                and not (len(words) == 1 and starts_sentence(first) and word_follows(first))
            ):
                candidates.append(Candidate("person", ent.start_char, ent.end_char, MODEL_PERSON))
            elif COUNTRY_BEFORE.search(before):
                continue
            elif not (len(words) == 1 and (ent.text.islower() or is_french_word(ent.text))):
                candidates.append(Candidate("place", ent.start_char, ent.end_char, MODEL_PLACE))
        elif ent.label_ == "ORG":
            if len(words) == 1 and (fold(ent.text) in GENERIC or is_french_word(ent.text)):
                continue
            candidates.append(Candidate("institution", ent.start_char, ent.end_char, MODEL_ORG))
    for start, end, listed in find_towns(text):
        candidates.append(Candidate("place", start, end, LISTED_TOWN if listed else MODEL_PLACE))
    applied = [m.span() for m in APPLIED.finditer(text)]
    kept = [
        e
        for e in (_past_initials(text, e, applied) for e in settle(text, candidates))
        if e
        and _keep(e)
        and not any(e.start < end and start < e.end for start, end in applied)
        and not (e.kind == "person" and NAMED_THING.search(text[max(0, e.start - 20) : e.start]))
    ]
    again = list(_named_again(text, kept))
    if again:
        candidates = [
            Candidate(e.kind, e.start, e.end, PRIORITY.get(e.kind, PERSON_RULE)) for e in kept
        ]
        again_candidates = [Candidate("person", s, e, NAMED_AGAIN) for s, e in again]
        kept = settle(text, candidates + again_candidates)
    return _with_birth_years(text, join_names(text, kept))


# A year in brackets right after a person's name is the person's birth year: « Kevin (2011) ».
YEAR_IN_BRACKETS = re.compile(rf"\s*\(\s*(?:°\s*)?({YEAR_PATTERN})\s*\)", re.IGNORECASE)


def _with_birth_years(text: str, entities: list[Entity]) -> list[Entity]:
    years = [
        Entity("age", m.group(1), m.start(1), m.end(1))
        for e in entities
        if e.kind == "person" and (m := YEAR_IN_BRACKETS.match(text, e.end))
    ]
    free = [y for y in years if not any(y.start < e.end and e.start < y.end for e in entities)]
    return sorted(entities + free, key=lambda e: e.start) if free else entities


# What stays of a name after an initial: "A. Benhamou", "J.-M. Leroy" name someone; "Mme X." not.
AFTER_INITIALS = re.compile(
    r"(?:[\s.-]*[A-Z]\.)*[\s-]*(?=[A-ZÀ-Þ](?:[a-zà-ÿ'’-]{2,}|[A-ZÀ-Þ'’-]{2,}))"
)


def _past_initials(text: str, entity: Entity, applied: list[tuple[int, int]]) -> Entity | None:
    """A person whose span starts with initials keeps the name written after them."""
    if entity.kind != "person":
        return entity
    inside = [(s, e) for s, e in applied if entity.start <= s < entity.end]
    if not inside or inside[0][0] - entity.start > 5:  # "Mme X.", or a civility then "J."
        return entity
    rest = AFTER_INITIALS.match(text, max(e for _, e in inside), entity.end)
    if not rest or rest.end() >= entity.end or fold(text[rest.end() : entity.end]) in CIVILITIES:
        return entity
    return Entity("person", text[rest.end() : entity.end], rest.end(), entity.end)


# A shop, a room or a brand named after someone names nobody: « le supermarché Leclerc »,
# « en salle Mélanie ».
NAMED_THING = re.compile(
    r"\b(?i:salle|supermarch[ée]|hypermarch[ée]|magasin|boutique|enseigne|restaurant|caf[ée]|bar"
    r"|pavillon|b[âa]timent|unit[ée]|promotion|prix|fondation)\s+$"
)


# A name found once names the same person wherever it is written again in the text, even where
# alone it would not be taken ("Rose" at the start of a later sentence), unless there it is a
# word in lower case ("la rose").
NAMED_AGAIN = 20
NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")


def _named_again(text: str, kept: list[Entity]) -> Iterable[tuple[int, int]]:
    """Only listed names, or names written after a civility, are looked for again: a word the
    model alone took for a name ("Soulignez" opening a list) is not spread."""
    names = set()
    for e in kept:
        if e.kind != "person":
            continue
        civility = bool(CIVILITY_START.match(e.text))
        for w in NAME_TOKEN.findall(e.text):
            key = fold(w)
            if len(w) < 3 or not w[0].isupper() or key in CIVILITIES | NOT_FIRST_NAMES:
                continue
            if civility or key in first_names() or key in surnames():
                names.add(w)
    for name in names:
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])", text):
            if not any(m.start() < e.end and e.start < m.end() for e in kept):
                yield m.span()


CIVILITY_START = re.compile(r"(?i:m\.|mme|mlle|monsieur|madame|mademoiselle|me|dr\.?|ma[îi]tre)\s")


# Civilities without a name ("Madame est repartie"): the person is not named.
CIVILITIES = {"m", "mm", "mme", "mmes", "mlle", "mr", "monsieur", "madame", "mademoiselle", "et"}


def _keep(entity: Entity) -> bool:
    if PSEUDONYM.match(entity.text.strip()):
        return False  # already a pseudonym: "Personne A", "Mme X.", "[prénom]"
    words = [fold(w.strip(".,'’")) for w in entity.text.split()]
    if entity.kind == "person" and all(w in CIVILITIES for w in words):
        return False
    if entity.kind in ("person", "institution") and words and words[0] in GENERIC:
        # "ASE du Nord", "MECS Saint-Joseph"; not "NIR" nor "IME Lucas".
        named = len(words) > 2 or len(words) == 2 and words[1] not in first_names()
        return entity.kind == "institution" and named
    if entity.kind == "person" and CIVILITY_START.match(entity.text):
        return True  # « M. Rousseau » is no author cited
    if entity.kind in ("person", "place"):
        return not any(fold(w.strip(".,")) in AUTHORS for w in entity.text.split())
    return True
