"""Notes are typed fast: SMS abbreviations and slips (« supendu », « comportment », "untill") must
not hide a sanction from the no-sanction reader (punitive.py). Before reading, the note's words are
brought back to the spelling the cues know: a short list of abbreviations, then any word of five
letters or more that is one edit away from a word of the reader's key vocabulary (a closed list of
long words, none one edit from a common word; an inflection such as « respecte » is left alone).
"""

import re
import unicodedata
from functools import lru_cache

ABBREVIATIONS = {
    "pr": "pour", "pdt": "pendant", "avc": "avec", "ds": "dans", "jsq": "jusqu'a",
    "jsqu": "jusqu'a", "jusqua": "jusqu'a", "quil": "qu'il",
    "untill": "until", "tt": "tout", "bcp": "beaucoup", "educ": "educateur",
    "educs": "educateurs", "sem": "semaine", "til": "until", "till": "until", "cuz": "because",
    "bc": "because", "coz": "because", "w/": "with", "pcq": "parce que", "pck": "parce que",
    "compor": "comportement", "cpt": "comportement", "mvs": "mauvais",
    "pa": "pas", "encor": "encore",
}  # fmt: skip
# The key vocabulary (folded): acts, mentoring, conduct, sanctions, conditions.
KEY_WORDS = [
    "comportement",
    "comportements",
    "suspendu",
    "suspendue",
    "suspendus",
    "suspendues",
    "suspension",
    "suspendre",
    "suspendons",
    "parrainage",
    "mentorat",
    "jumelage",
    "marraine",
    "parrain",
    "rencontres",
    "arrete",
    "arretee",
    "arretes",
    "arreter",
    "arretons",
    "stoppe",
    "stoppee",
    "stoppes",
    "stoppees",
    "stopper",
    "interrompu",
    "interrompue",
    "interrompus",
    "interrompre",
    "insolence",
    "insolente",
    "sanction",
    "sanctions",
    "sanctionne",
    "punition",
    "retire",
    "retiree",
    "retirer",
    "retrait",
    "annulee",
    "annulees",
    "supprime",
    "supprimee",
    "supprimees",
    "exclusion",
    "violence",
    "fugue",
    "fugues",
    "insultes",
    "insulte",
    "absences",
    "absenteisme",
    "cannabis",
    "excuses",
    "bagarre",
    "bagarres",
    "mensonges",
    "agression",
    "until",
    "school",
    "behaviour",
    "behavior",
    "suspended",
    "stopped",
    "cancelled",
    "canceled",
    "punishment",
    "punished",
    "mentoring",
    "meetings",
    "sessions",
    "outings",
    "because",
    "stealing",
]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _index() -> tuple[frozenset[str], dict[str, str]]:
    """Symmetric-delete index (one deletion on each side covers one edit, and a swap)."""
    index: dict[str, str] = {}
    for word in KEY_WORDS:
        for variant in _deletes(word) | {word}:
            index.setdefault(variant, word)
    return frozenset(KEY_WORDS), index


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (substitution, insertion, deletion, swap)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(row[j - 1] + 1, rows[i - 1][j] + 1, rows[i - 1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[i - 2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def _correct(word: str) -> str:
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    if len(word) < 5 or not word.isalpha():
        return word
    known, index = _index()
    if word in known:
        return word
    for variant in {word} | _deletes(word):
        target = index.get(variant)
        inflected = word.startswith(target or "-") or (target or "").startswith(word)
        if target and not inflected and _distance(word, target) <= 1:
            return target
    return word


_WORD = re.compile(r"[a-z/]+")


def respell(folded: str) -> str:
    """The folded note with abbreviations written out and slips in key words corrected."""
    return _WORD.sub(lambda m: _correct(m.group(0)), folded)


_LETTERS = re.compile(r"[^\W\d_]+(?:/)?")


def respell_text(text: str) -> str:
    """The note as written, but with each abbreviated or mistyped key word replaced (folded)."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        folded = unicodedata.normalize("NFKD", word.lower())
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        corrected = _correct(folded)
        return word if corrected == folded else corrected

    return _LETTERS.sub(replace, text)
