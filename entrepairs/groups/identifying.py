"""Spot data that may identify the people served in a situation's text, and replace it with
pseudonyms (PRODUCT.md §2: situations "never identify the people served (pseudonymise)").

Detection is `groups.detection` (spaCy's French model, French name lists and French formats);
this module decides what the member is warned about and how it is replaced:

- direct identifiers are always findings: persons' names, phone numbers, NIR, e-mail addresses,
  IBAN, street addresses and postcodes, dates (with or without a year);
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
from .detection.lexicon import fold

DIRECT = {"person", "phone", "nir", "email", "iban", "address", "date"}
# Finding kinds as the API has always named them ("name" for a person).
KIND_NAMES = {"person": "name"}
LABELS: dict[str, Promise] = {
    "name": _("name"),
    "phone": _("phone number"),
    "nir": _("social security number"),
    "email": _("e-mail address"),
    "iban": _("bank account (IBAN)"),
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
    "iban": "[IBAN]",
    "address": "[adresse]",
    "date": "[date]",
    "age": "[âge]",
    "place": "[lieu]",
    "institution": "[structure]",
}
CIVILITY = re.compile(
    r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Mr|Monsieur|Madame|Mademoiselle|Dr|Docteur|Ma[îi]tre|Me)\s+"
    r"(?:et\s+(?:Mme|Madame)\s+)?"
)


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


def find_identifying(text: str, known_names: Iterable[str] = ()) -> list[Finding]:
    """What in `text` may identify someone, in reading order, without overlaps. `known_names`
    are names of people of the group's organisations: flagged in any case."""
    if not text.strip():
        return []
    entities = detect(text, known_names)
    if not any(e.kind in DIRECT for e in entities):
        return []
    return [_finding(e) for e in entities]


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def pseudonymise(text: str, findings: list[Finding] | None = None) -> str:
    """Replace findings by placeholders. A person keeps one pseudonym throughout ("Kevin Marchand"
    then "Kevin" are both Personne A), and letters already used in the text are skipped."""
    findings = find_identifying(text) if findings is None else findings
    taken = set(re.findall(r"\bPersonne ([A-Z]+)\b", text))
    people: list[tuple[set[str], str]] = []
    counter = 0

    def pseudonym(name: str) -> str:
        nonlocal counter
        words = {fold(w) for w in re.split(r"[\s-]+", CIVILITY.sub("", name)) if w}
        for known, given in people:
            if words <= known or known <= words:
                known |= words
                return given
        while _letters(counter) in taken:
            counter += 1
        given = f"Personne {_letters(counter)}"
        counter += 1
        people.append((words, given))
        return given

    out, last = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        out.append(text[last : finding.start])
        if finding.kind == "name":
            out.append(pseudonym(finding.text))
        elif finding.kind == "age" and finding.text.isdigit():
            out.append("[année]")
        else:
            out.append(PLACEHOLDERS.get(finding.kind, "[…]"))
        last = finding.end
    out.append(text[last:])
    return "".join(out)
