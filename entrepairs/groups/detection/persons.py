"""Persons: after a civility or a family or professional role, first names and surnames of the
French name lists in any case and position, names of people the organisation knows, and the
model's PER entities. Spans as (start, end) of `text`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .lexicon import first_names, fold, is_french_word, surnames
from .patterns import UPPER

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# An elided particle belongs to the name ("D'Almeida", "N'Diaye", "O'Connor"): without it the
# replacement kept half the name (outside test: "Personne AAlmeida").
NAME_PART = rf"(?:[DLNO]['’])?[{UPPER}](?:[a-zà-öø-ÿ'’]+|[{UPPER}'’]+)(?:-[{UPPER}][\wà-ÿ'’]+)*"
CIVILITY = re.compile(
    r"\b(?:M\.|MM\.|Mme|Mmes|Mlle|Mr|Monsieur|Madame|Mademoiselle|Dr|Docteur|Ma[îi]tre|Me)\s+"
    rf"(?:et\s+Mme\s+)?{NAME_PART}(?:\s+{NAME_PART})?"
)
ROLES = (
    r"fr[èe]re|s[œo]e?ur|demi-fr[èe]re|demi-s[œo]e?ur|m[èe]re|p[èe]re|fils|fille|maman|papa|tante"
    r"|oncle|cousine?|grand-m[èe]re|grand-p[èe]re|mamie|papi|papy|beau-p[èe]re|belle-m[èe]re"
    r"|compagnon|compagne|conjointe?|[ée]poux|[ée]pouse|mari|copain|copine|amie?|voisine?|famille"
    r"|juge|[ée]ducat(?:eur|rice)|assistante?\s+(?:sociale?|familiale?)|psychologue|psychiatre"
    r"|p[ée]diatre|m[ée]decin|infirmi[èe]re?|directeur|directrice|coll[èe]gue|stagiaire"
    r"|enseignante?|professeure?|prof|institutrice|instituteur|ma[îi]tresse|CPE|r[ée]f[ée]rente?"
    r"|cheffe?|avocate?|b[ée]b[ée]|enfant|jeune|adolescente?|ado|gar[çc]on|petite?|nourrisson"
    r"|pr[ée]nomm[ée]e?|appel[ée]e?|appeler|appelle|nomm[ée]e?|d[ée]nomm[ée]e?|surnomm[ée]e?|dite?|tuteur|tutrice"
    r"|mineure?|majeure?|usag[èe]re?|b[ée]n[ée]ficiaire|patiente?|[ée]l[èe]ve|locataire"
)
ROLE = re.compile(rf"(?<![\w-])(?i:{ROLES})\s+({NAME_PART}(?:\s+{NAME_PART})?)")
SENTENCE_END = set('.!?:;…«»"“”()[]—–-\n')


# In the first-name list but, written in a situation, a holiday or a country.
NOT_FIRST_NAMES = {
    fold(w) for w in ["Noël", "Pâques", "Toussaint", "France", "Europe", "Afrique", "Nancy"]
}


def by_patterns(text: str) -> Iterator[tuple[int, int]]:
    for m in CIVILITY.finditer(text):
        yield m.start(), m.end()
    for m in ROLE.finditer(text):
        if not (m.group(1).isupper() and len(m.group(1)) <= 5):  # "le référent ASE"
            yield m.start(1), m.end(1)


def starts_sentence(token: Token) -> bool:
    if token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    return previous.is_space and "\n" in previous.text or previous.text[-1:] in SENTENCE_END


def _is_first_name(token: Token) -> bool:
    word = token.text
    if len(word) < 3 or fold(word) not in first_names() or fold(word) in NOT_FIRST_NAMES:
        return False
    if word.isupper() and len(word) <= 4:  # CAF, IME, ASE: acronyms
        return False
    if word[0].isupper() and not starts_sentence(token):
        return True
    # At a sentence start or in lower case, a name that is also a word ("Pierre", "rose") counts
    # only if the model reads it as a proper noun or, capitalised at a sentence start, if a verb
    # follows it without a determiner before it: a French common noun rarely starts a sentence
    # bare ("Rose a du mal", "Romane ne mange plus").
    if not is_french_word(word) or token.pos_ == "PROPN":
        return True
    # Abstract nouns stay words there: "Prudence est de mise", "Patience a payé".
    abstract = fold(word).endswith(("ence", "ance", "ice", "ude", "te"))
    return word[0].isupper() and not abstract and _verb_follows(token)


CLITICS = {"ne", "n'", "n’", "se", "s'", "s’", "me", "m'", "m’", "lui", "leur", "y"}


def _verb_follows(token: Token) -> bool:
    if token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    return following.pos_ in ("VERB", "AUX") or following.lower_ in CLITICS


def _is_surname(token: Token) -> bool:
    word = token.text
    if not word[:1].isupper() or starts_sentence(token) or fold(word) not in surnames():
        return False
    return not is_french_word(word)


def _extend(doc: Doc, i: int) -> int:
    """A capitalised word right after a first name is its surname ("Kevin Marchand")."""
    j = i + 1
    while j < len(doc) and j - i <= 2:
        word = doc[j].text
        if word[:1].isupper() and word.isalpha() or "-" in word and word[:1].isupper():
            j += 1
        else:
            break
    return j


def by_tokens(doc: Doc, known: Iterable[str] = ()) -> Iterator[tuple[int, int]]:
    known_folded = {fold(n) for n in known if n and len(n) > 2}
    for token in doc:
        word = token.text
        if not any(c.isalpha() for c in word):
            continue
        if fold(word) in known_folded and not is_french_word(word):
            yield token.idx, token.idx + len(word)
        elif _is_first_name(token):
            end = _extend(doc, token.i) if word[0].isupper() else token.i + 1
            last = doc[end - 1]
            yield token.idx, last.idx + len(last.text)
        elif _is_surname(token):
            yield token.idx, token.idx + len(word)
