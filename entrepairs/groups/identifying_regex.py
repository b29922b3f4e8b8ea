"""The first identifying-data detector, regular expressions only: kept as the baseline the French
detector (identifying.py, groups.detection) is measured against (bench/pseudonymisation.py,
docs/benchmarks.md). Nothing in the product calls it.

It flags capitalised words that are not common French words, words after a civility, known names
of people of the organisation, dates, phone numbers, e-mail addresses and street addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Capitalised words that are not names: sentence starters, civilities, institutions, days, months.
_WORDS = """
    a à au aux avec ce ces cet cette chez comme comment dans de des du elle elles en entre et il ils
    je j la le les leur lui ma mais me mes moi mon ne ni nous on ou où par pas pendant pour quand que
    qui quoi sa sans se ses si son sur ta te tes toi ton tu un une vous y ça puis alors après avant
    depuis lors ensuite enfin aujourd hier demain ce cela ceci voilà lorsque parce tout tous toute
    toutes certains plusieurs chaque aucun aucune est était sont ont avait a été fait
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier mars avril mai juin
    juillet août aout septembre octobre novembre décembre decembre noël noel pâques paques
    monsieur madame mademoiselle mme mlle m mr dr docteur maître maitre
    ase aemo aed sae mdph caf cpam jaf juge tribunal école ecole collège college lycée lycee mairie
    département departement conseil foyer mecs itep ime esat ehpad hôpital hopital clinique
    france français française francais francaise europe nord paris lille
    bonjour merci oui non situation question groupe séance seance équipe equipe service
    personne jeune jeunes enfant enfants mère mere père pere famille parent parents éducateur educateur
    éducatrice educatrice référent referent référente referente tuteur tutrice usager usagère
    l d qu n s c jusqu
    """
COMMON_WORDS = {w.lower() for w in _WORDS.split()}
CIVILITY = r"(?:M\.|Mme|Mlle|Mr|Monsieur|Madame|Mademoiselle|Dr|Docteur|Maître)"
WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'-]+"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("phone", re.compile(r"(?<!\d)(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")),
    (
        "date",
        re.compile(
            r"(?:\b(?:née?s?|naissance)\s+(?:le\s+|en\s+)?)?"
            r"(?:\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
            r"|\b\d{1,2}(?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout"
            r"|septembre|octobre|novembre|décembre|decembre)\s+\d{4}\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "address",
        re.compile(
            r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|allée|allee|"
            r"place|impasse|route|quai|cours|square|résidence|residence)\b[^,.;\n]{0,60}",
            re.IGNORECASE,
        ),
    ),
    ("address", re.compile(r"\b\d{5}\s+" + WORD + r"(?:[\s-]" + WORD + r")*")),
    ("name", re.compile(CIVILITY + r"\s+" + WORD + r"(?:[\s-]" + WORD + r")?")),
]
LABELS = {
    "email": "[e-mail]",
    "phone": "[téléphone]",
    "date": "[date]",
    "address": "[adresse]",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # name | email | phone | date | address
    text: str
    start: int
    end: int


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def find_identifying(text: str, known_names: Iterable[str] = ()) -> list[Finding]:
    """Everything in `text` that may identify someone, in reading order, without overlaps."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if not _overlaps((start, end), taken):
            taken.append((start, end))
            found.append(Finding(kind, text[start:end], start, end))

    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            add(kind, match.start(), match.end())
    known = {n.lower() for n in known_names if n and len(n) > 2}
    for match in re.finditer(r"\b[\wÀ-ÿ'-]+\b", text, re.UNICODE):
        word = match.group(0)
        lower = word.lower().strip("'-")
        if lower in known and lower not in COMMON_WORDS:
            add("name", match.start(), match.end())
            continue
        if not re.fullmatch(WORD, word) or lower in COMMON_WORDS:
            continue
        before = text[: match.start()].rstrip()
        # The first word of a sentence is capitalised anyway: not a sign of a name.
        if not before or before[-1] in '.!?:;\n«"(':
            continue
        add("name", match.start(), match.end())
    return sorted(found, key=lambda f: f.start)


def pseudonymise(text: str, findings: list[Finding] | None = None) -> str:
    """Replace findings by placeholders; the same name always gets the same pseudonym."""
    findings = find_identifying(text) if findings is None else findings
    names: dict[str, str] = {}
    out, last = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        out.append(text[last : finding.start])
        if finding.kind == "name":
            key = re.sub(CIVILITY + r"\s+", "", finding.text).lower()
            if key not in names:
                names[key] = f"Personne {chr(ord('A') + len(names) % 26)}"
            out.append(names[key])
        else:
            out.append(LABELS[finding.kind])
        last = finding.end
    out.append(text[last:])
    return "".join(out)
