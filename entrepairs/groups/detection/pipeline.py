"""Putting the detectors together: formats first, then institutions and places named by a
pattern, then persons, then the model's own entities; overlaps go to the more specific."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .entities import Candidate, Entity, settle
from .institutions import GENERIC, find_institutions, find_towns
from .lexicon import AUTHORS, first_names, fold, is_french_word, nlp
from .patterns import find_formats
from .persons import by_patterns, by_tokens, starts_sentence

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
# "en Belgique", "au Maroc", "aux Comores": a country or a region, too broad to identify anyone.
COUNTRY_BEFORE = re.compile(r"\b(?:en|au|aux)\s*$", re.I)
PLACE_BEFORE = re.compile(r"(?:\b(?:à|a|en|vers|sur|près de|de|du|depuis|quartier)\s*)$", re.I)
# Pseudonyms already in the text ("Personne A", "[prénom]", "Mme X."): never a finding again.
APPLIED = re.compile(
    r"\bPersonne\s+[A-Z]{1,2}\b|\[[^\]\n]{1,30}\]|(?<![\w])(?!M\.\s+[A-ZÀ-Þ][a-zà-ÿ])[A-Z]\.(?!\w)"
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
    doc = nlp()(text)
    for start, end in by_tokens(doc, known_names):
        candidates.append(Candidate("person", start, end, PERSON_RULE))
    for ent in doc.ents:
        words = ent.text.split()
        first = ent[0]
        if ent.label_ in ("PER", "ORG") and fold(ent.text) in GENERIC:
            continue
        if ent.label_ == "PER":
            if all(w.islower() for w in words) and not any(fold(w) in first_names() for w in words):
                continue
            if len(words) == 1 and starts_sentence(first) and is_french_word(ent.text):
                continue
            candidates.append(Candidate("person", ent.start_char, ent.end_char, MODEL_PERSON))
        elif ent.label_ == "LOC":
            before = text[max(0, ent.start_char - 12) : ent.start_char]
            if fold(first.text) in GENERIC:
                continue
            if fold(first.text) in first_names() and not PLACE_BEFORE.search(before):
                candidates.append(Candidate("person", ent.start_char, ent.end_char, MODEL_PERSON))
            elif COUNTRY_BEFORE.search(before):
                continue
            elif not (len(words) == 1 and (ent.text.islower() or is_french_word(ent.text))):
                candidates.append(Candidate("place", ent.start_char, ent.end_char, MODEL_PLACE))
        elif ent.label_ == "ORG":
            if len(words) == 1 and (fold(ent.text) in GENERIC or is_french_word(ent.text)):
                continue
            candidates.append(Candidate("institution", ent.start_char, ent.end_char, MODEL_ORG))
    for start, end in find_towns(text):
        candidates.append(Candidate("place", start, end, MODEL_PLACE))
    applied = [m.span() for m in APPLIED.finditer(text)]
    return [
        e
        for e in settle(text, candidates)
        if _keep(e) and not any(e.start < end and start < e.end for start, end in applied)
    ]


def _keep(entity: Entity) -> bool:
    if PSEUDONYM.match(entity.text.strip()):
        return False  # already a pseudonym: "Personne A", "Mme X.", "[prénom]"
    words = [fold(w.strip(".,'’")) for w in entity.text.split()]
    if entity.kind in ("person", "institution") and words and words[0] in GENERIC:
        return entity.kind == "institution" and len(words) > 2  # "ASE du Nord", not "NIR"
    if entity.kind in ("person", "place"):
        return not any(fold(w.strip(".,")) in AUTHORS for w in entity.text.split())
    return True
