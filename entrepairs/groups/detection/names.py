"""One name, one span: a person found in pieces is joined with what belongs to the same name
written beside it, so that no letter of it stays in clear once replaced.

- a surname written first, or two pieces found apart: « Marchand Kevin », « Nguyen Thi Lan »;
- particles and compounds: « De Souza », « M. Carvalho dos Reis », « Mme Van den Broeck »,
  « Sofiane Ben Youssef », « Oumar Ould Cheikh », « Durand-Lemaire »;
- an elided particle glued to the name in capitals: « N'Diaye », « O'Sullivan », « D'Almeida »
  (an elision in lower case is French grammar and stays out: « d'Amina »);
- a listed first name before a surname found alone (« Jade Lemoine »: « Jade » is a word too);
- initials before a surname (« L. Benkirane »).
"""

from __future__ import annotations

import re

from .entities import Entity
from .institutions import GENERIC
from .lexicon import first_names, fold, is_french_word, is_stop_word, surnames, towns
from .persons import NOT_FIRST_NAMES

# Particles of surnames (Portuguese, Spanish, Italian, Dutch, Flemish, German, Arabic, Berber,
# Mauritanian), in lower case inside a name or capitalised at its start.
PARTICLES = frozenset(
    [
        "da",
        "das",
        "do",
        "dos",
        "de",
        "del",
        "della",
        "di",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "ben",
        "bin",
        "ibn",
        "el",
        "al",
        "ould",
        "ait",
        "aït",
    ]
)
# Capitalised articles of French surnames (« Le Goff », « de La Motte »): a particle only before
# a capitalised word.
ARTICLES = frozenset({"le", "la"})
CIVILITY_WORDS = frozenset(
    {"m.", "mme", "mmes", "mlle", "mr", "monsieur", "madame", "mademoiselle", "me", "maître"}
)
WORD = re.compile(r"[^\W\d_](?:[\w'’]*[^\W\d_])?\.?")
ELIDED = re.compile(r"(?<![\w'’])([DNO])['’]$")
INITIALS = re.compile(r"(?<![\w.])(?:[A-ZÀ-Þ]\.\s*-?\s*){1,2}$")
BLANK = re.compile(r"[^\S\n]+")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not (word.isupper() and len(word) <= 5 and len(word) > 1)


def _name_like(word: str, *, strict: bool = True) -> bool:
    """A word that may be a piece of a name: a listed first name or surname, or a capitalised
    word that is no French word; never a town, a service, a holiday or a civility. Not strict
    (after a particle: « dos Reis », « de La Motte »), any capitalised word but those."""
    key = fold(word.rstrip("."))
    if len(word) < 2 or not _capitalised(word) or word.endswith("."):
        return False
    if key in towns() or key in GENERIC or key in NOT_FIRST_NAMES or key in CIVILITY_WORDS:
        return False
    if not strict:
        return True
    return key in first_names() or key in surnames() or not is_french_word(word)


class _Text:
    def __init__(self, text: str, entities: list[Entity]) -> None:
        self.text = text
        self.entities = entities

    def covered_by(self, start: int, end: int) -> Entity | None:
        for e in self.entities:
            if e.start < end and start < e.end:
                return e
        return None

    def word_before(self, pos: int) -> tuple[str, int] | None:
        """The word ending right before `pos` past blanks (not across a line), and its start."""
        i = pos
        while i > 0 and self.text[i - 1] in " \t\u00a0\u202f":
            i -= 1
        if i == pos:
            return None
        m = re.search(r"[^\W\d_][\w'’]*\.?$", self.text[max(0, i - 40) : i])
        if not m or m.group(0).endswith(".") and m.group(0) not in ("M.", "Mr."):
            return None  # the end of a sentence, or an initial (seen apart)
        start = i - len(m.group(0))
        return m.group(0), start

    def word_after(self, pos: int) -> tuple[str, int, int] | None:
        blank = BLANK.match(self.text, pos)
        if not blank:
            return None
        m = WORD.match(self.text, blank.end())
        if not m:
            return None
        return m.group(0), m.start(), m.end()


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in '.!?:;…«»"“”()[]—–\n'


def join_names(text: str, entities: list[Entity]) -> list[Entity]:
    """The entities with each person grown over the rest of its name (and persons that are one
    name merged); other entities unchanged."""
    entities = sorted(entities, key=lambda e: e.start)
    changed = True
    while changed:
        changed = False
        for person in [e for e in entities if e.kind == "person"]:
            start, end = _grow(_Text(text, entities), person)
            if (start, end) == (person.start, person.end):
                continue
            swallowed = [e for e in entities if e.start < end and start < e.end]
            entities = [e for e in entities if e not in swallowed]
            entities.append(Entity("person", text[start:end], start, end))
            entities.sort(key=lambda e: e.start)
            changed = True
            break
    return entities


def _grow(t: _Text, person: Entity) -> tuple[int, int]:
    start, end = person.start, person.end
    while True:
        new_end = _right(t, person, end)
        new_start = _left(t, person, start, end)
        if (new_start, new_end) == (start, end):
            return start, end
        start, end = new_start, new_end


def _free(t: _Text, person: Entity, start: int, end: int) -> bool:
    """Nothing but persons there (a person beside is merged)."""
    other = t.covered_by(start, end)
    return other is None or other == person or other.kind == "person"


def _right(t: _Text, person: Entity, end: int) -> int:
    text = t.text
    # A hyphenated piece glued to the name: « Durand-Lemaire », « Lefèvre-Cardon ».
    glued = re.match(r"-([A-ZÀ-Þ][\w'’]+)", text[end:])
    if glued and _free(t, person, end, end + glued.end()):
        return end + glued.end()
    # Particles then a capitalised word: « dos Reis », « Van den Broeck », « N'Diaye »,
    # « de La Motte ». « de » alone leads to a place more often (« Kevin de Lille »).
    pos, particles = end, []
    while True:
        after = t.word_after(pos)
        if not after:
            return end
        word, w_start, w_end = after
        key = fold(word)
        elided = re.match(r"[DNO]['’](?=[A-ZÀ-Þ])", word)
        if elided:
            word, w_start = word[2:], w_start + 2
            particles.append("elision")
        if not elided and key in PARTICLES and word.islower() or key in ARTICLES and particles:
            particles.append(key)
            pos = w_end
            continue
        if particles and particles[-1] == "de":
            return end
        covering = t.covered_by(w_start, w_end)
        if covering is not None and covering != person:
            return covering.end if covering.kind == "person" else end
        strict = not particles and not _capitalised_particle(word)
        if _capitalised_particle(word):
            # « Ben Youssef », « El Amrani » after a first name.
            nxt = t.word_after(w_end)
            if nxt and _name_like(nxt[0], strict=False) and _free(t, person, w_start, nxt[2]):
                return nxt[2]
            return end
        if _name_like(word, strict=strict):
            return w_end
        return end


def _capitalised_particle(word: str) -> bool:
    return word[:1].isupper() and fold(word) in PARTICLES | ARTICLES and len(word) > 1


def _left(t: _Text, person: Entity, start: int, end: int) -> int:
    text = t.text
    head = text[start:end].split()[0] if text[start:end].split() else ""
    head_listed = fold(head) in first_names() and fold(head) not in surnames()
    # An elided particle in capitals glued to the name: « N'Diaye », « O'Sullivan ».
    elided = ELIDED.search(text[max(0, start - 3) : start])
    if elided and (elided.group(1) != "D" or not head_listed):
        return start - 2
    # Initials: « L. Benkirane », « J.-P. Lemoine » (not « Mme X. » nor « M. B. »).
    initials = INITIALS.search(text[max(0, start - 12) : start])
    if initials and not head_listed and start - len(initials.group(0)) >= 0:
        i_start = start - len(initials.group(0))
        before = t.word_before(i_start)
        after_civility = before and fold(before[0]) in CIVILITY_WORDS | {"m"}
        if not after_civility and _free(t, person, i_start, start):
            return i_start
    prev = t.word_before(start)
    if not prev:
        return start
    word, w_start = prev
    key = fold(word)
    covering = t.covered_by(w_start, start)
    if covering is not None and covering != person:
        return covering.start if covering.kind == "person" else start
    if _capitalised_particle(word):
        # « De Souza », « Le Goff », « Van den Broeck »: not « De Kevin » at a sentence start.
        if key in ARTICLES and not _name_like(head, strict=False):
            return start
        if _starts_sentence(text, w_start) and head_listed:
            return start
        return w_start
    if key in PARTICLES and word.islower() or key in ARTICLES and word.islower():
        # Lower-case particles belong to the name between a civility or a name and the name:
        # « Mme dos Santos », « M. Carvalho dos Reis », « Mme de La Motte ».
        chain_start, pos = w_start, w_start
        while True:
            before = t.word_before(pos)
            if not before:
                return start
            b_word, b_start = before
            b_key = fold(b_word)
            if b_key in PARTICLES and b_word.islower():
                chain_start = pos = b_start
                continue
            if b_key in CIVILITY_WORDS or b_word == "M.":
                return b_start if _free(t, person, b_start, chain_start) else start
            other = t.covered_by(b_start, b_start + len(b_word))
            if other is not None and other != person:
                return other.start if other.kind == "person" else start
            if _name_like(b_word) or _capitalised_particle(b_word):
                return b_start
            return start
    if key in CIVILITY_WORDS or word == "M.":
        return w_start
    if key in first_names() and key not in NOT_FIRST_NAMES and _capitalised(word) and len(word) > 2:
        # « Jade Lemoine », « Ana Lucia Ferreira »: a listed first name before a name.
        return w_start
    if (
        _name_like(word)
        and not is_stop_word(word)
        and (key in surnames() or not is_french_word(word))
    ):
        # A surname written first: « Marchand Kevin », « DUPONT Kevin », « Tran Van Long ».
        return w_start
    return start
