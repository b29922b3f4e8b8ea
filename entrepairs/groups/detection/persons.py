"""Persons: after a civility or a family or professional role, first names and surnames of the
French name lists in any case and position, names of people the organisation knows, and the
model's PER entities. Spans as (start, end) of `text`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .lexicon import (
    first_names,
    fold,
    french_words,
    is_french_word,
    is_stop_word,
    surnames,
    towns,
    verb_lemma,
)
from .patterns import UPPER

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# An elided particle belongs to the name ("D'Almeida", "N'Diaye", "O'Connor"): without it the
# replacement kept half the name (outside test: "Personne AAlmeida").
# Lower-case letters of Latin-1 and Latin Extended-A: Polish, Turkish, Czech names ("Małgorzata",
# "Yıldız", "Ayşe") are names too.
NAME_PART = (
    rf"(?:[DLNO]['’])?[{UPPER}Ā-Ž](?:[a-zà-öø-ÿā-ž'’]+|[{UPPER}'’]+)(?:-[{UPPER}][\wà-ÿā-ž'’]+)*"
)
# A civility in any case ("madame", "MME"); "M." and "Me" only capitalised ("me" is a pronoun).
CIVILITY_WORD = (
    r"(?:M\.|MM\.|Me|Dr\.?|(?i:mme|mmes|mlle|mr|monsieur|madame|mademoiselle|docteur|ma[îi]tre))"
)
# A couple shares the name: "M. et Mme Martin", "Mme et M. Durand", "Monsieur et Madame Haddad".
CIVILITIES = rf"(?<![\w-]){CIVILITY_WORD}(?:\s+(?i:et)\s+{CIVILITY_WORD})?"
CIVILITY = re.compile(rf"{CIVILITIES}\s+{NAME_PART}(?:\s+{NAME_PART})?")
# The same in lower case ("madame dupont", "m. rousseau"): the word must look like a name.
ANY_CIVILITY = rf"(?:{CIVILITY_WORD}|m\.)"
LOWER_CIVILITY = re.compile(
    rf"(?<![\w.-]){ANY_CIVILITY}(?:\s+(?i:et)\s+{ANY_CIVILITY})?"
    r"\s+([a-zà-öø-ÿ][\w’'-]*)(?:\s+([a-zà-öø-ÿ][\w’'-]*))?"
)
# A family by its name: "les Dupont", "chez les Martin", "l'aînée des Garcia". A capitalised word
# ending in s or x after "les" is mostly a place or a group ("les Vosges", "les Tilleuls").
FAMILY = re.compile(rf"(?<![\w-])(?i:les|des|aux)\s+({NAME_PART})")
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
# The same in lower case (« la petite zoé », « son fils kevin »): only a listed first name that is
# no French word.
LOWER_ROLE = re.compile(rf"(?<![\w-])(?i:{ROLES})\s+([a-zà-öø-ÿ][\w-]{{2,}})\b")
# Kin of someone named: "la cousine de Małgorzata", "le fils d'Oumou" (a town has no cousin).
KIN = (
    r"fr[èe]re|s[œo]e?ur|demi-fr[èe]re|demi-s[œo]e?ur|m[èe]re|p[èe]re|fils|fille|tante|oncle"
    r"|cousine?|grand-m[èe]re|grand-p[èe]re|petite?-fils|petite?-fille|beau-p[èe]re|belle-m[èe]re"
    r"|compagnon|compagne|conjointe?|mari|femme|[ée]poux|[ée]pouse|copain|copine|enfants?|b[ée]b[ée]"
    r"|parents|neveu|ni[èe]ce|marraine|parrain"
)
KIN_OF = re.compile(rf"(?<![\w-])(?i:{KIN})\s+(?:de\s+|d['’])({NAME_PART})")
# A nickname with its article: "on l'appelle la Puce", "dit le Grand".
NICKNAME_WITH_ARTICLE = re.compile(
    rf"\b(?i:appel(?:le|lent|ait|aient|er)|surnomm[ée]e?s?|dite?)\s+((?i:le|la|l['’])\s*[{UPPER}][\w-]+)"
)
# A nickname or a handle in quotes after a naming verb or a kin word: « il se fait appeler
# « Zeus » », « son oncle « Tonio » », « il s'appelait « KB9 » sur les réseaux ».
QUOTED_NAME = re.compile(
    rf"(?i:appel\w*|surnomm\w*|pseudo|surnom|se\s+pr[ée]sente\s+comme|oncle|tante|{KIN})"
    r"\s+(?:«\s*|[\"“])([A-ZÀ-Þ][\w'’-]+|[A-Za-z]+\d+\w*)\s*(?:»|[\"”])"
)
# Initials then a name: "C. Dufresne", "J.-P. Lemoine" (the initials are dropped later).
INITIALS_THEN_NAME = re.compile(
    rf"(?<![\w.])[{UPPER}]\.(?:-?[{UPPER}]\.)?\s+([{UPPER}][a-zà-öø-ÿā-ž'’-]{{2,}})"
)
# A first name before an Irish or Scottish surname: "Niamh O'Brien", "Ewan McGregor".
GAELIC = re.compile(rf"\b[{UPPER}][a-zà-ÿ]+\s+(?:O['’]|Mc|Mac)[{UPPER}][a-zà-ÿ]+")
SENTENCE_END = set('.!?:;…«»"“”()[]—–-\n')


# In the first-name list but, written in a situation, a holiday or a country.
NOT_FIRST_NAMES = {fold(w) for w in ["Noël", "Pâques", "Toussaint", "France", "Europe", "Afrique"]}


# A capitalised word after « née », « né », « épouse », « dit » is a surname (a maiden name, a
# married name, a nickname): « Emma, née Dupont, ».
MAIDEN = re.compile(rf"(?<![\w-])(?i:n[ée]e?|[ée]pouse|dite?)\s+({NAME_PART})")
# A lower-case listed first name that is also a French word (« jade », « rose », « pierre ») is a
# name after a cue that introduces a person: « la petite jade », « le jeune pierre », « sa sœur
# rose », « prénommée jade », « s'appelle rose » (outside test of issue 13).
STRONG_CUE = re.compile(
    r"(?<![\w-])(?i:(?:la|le|sa|son|ta|ton|ma|mon|leur|notre|votre)\s+(?:petite?|jeune|s[œo]e?ur"
    r"|fr[èe]re|demi-s[œo]e?ur|demi-fr[èe]re|fille|fils|cousine?|copine|copain|amie?)"
    r"|pr[ée]nomm[ée]e?s?|s['’]appel(?:le|ait|lera)|appel[ée]e?s?|nomm[ée]e?s?|surnomm[ée]e?s?)"
    r"\s+([a-zà-öø-ÿ][\w-]{2,})\b"
)
# Lower-case first names that, after « la petite », « le jeune », are mostly words.
CUE_WORDS = {fold(w) for w in ["ange", "fille", "homme", "femme", "prince", "princesse", "soleil"]}


def by_patterns(text: str) -> Iterator[tuple[int, int]]:
    for m in MAIDEN.finditer(text):
        key = fold(m.group(1))
        if key not in NOT_FIRST_NAMES and key not in towns() and not m.group(1).isupper():
            yield m.start(1), m.end(1)
    for m in STRONG_CUE.finditer(text):
        word = m.group(1)
        key = fold(word)
        parts = key.split("-")  # « la jeune pierre-louise »
        if (
            (key in first_names() or len(parts) > 1 and all(p in first_names() for p in parts))
            and key not in NOT_FIRST_NAMES | CUE_WORDS
            and not is_stop_word(word)
        ):
            yield m.start(1), m.end(1)
    for m in CIVILITY.finditer(text):
        yield m.start(), m.end()
    for m in LOWER_CIVILITY.finditer(text):
        if _looks_like_a_name(m.group(1)):
            end = m.end(2) if m.group(2) and _looks_like_a_name(m.group(2)) else m.end(1)
            yield m.start(), end
    for m in FAMILY.finditer(text):
        if _family_name(m.group(1)):
            yield m.start(1), m.end(1)
    for m in KIN_OF.finditer(text):
        key = fold(m.group(1))
        if key not in towns() and key not in NOT_FIRST_NAMES and not is_french_word(m.group(1)):
            yield m.start(1), m.end(1)
    for m in NICKNAME_WITH_ARTICLE.finditer(text):
        yield m.start(1), m.end(1)
    for m in QUOTED_NAME.finditer(text):
        if not is_french_word(m.group(1)) or fold(m.group(1)) in first_names():
            yield m.start(1), m.end(1)
    for m in LOWER_ROLE.finditer(text):
        word = m.group(1)
        key = fold(word)
        if key in first_names() and key not in NOT_FIRST_NAMES and not is_french_word(word):
            yield m.start(1), m.end(1)
        elif key in surnames() and key not in french_words() and not is_stop_word(word):
            # « la famille dupont », « la juge moreau »: a listed surname the lemma table knows
            # only as a name (no form of a French word)
            yield m.start(1), m.end(1)
    for m in INITIALS_THEN_NAME.finditer(text):
        if not is_french_word(m.group(1)) and fold(m.group(1)) not in towns():
            yield m.start(1), m.end(1)
    for m in GAELIC.finditer(text):
        yield m.start(), m.end()
    for m in ROLE.finditer(text):
        if fold(m.group(1)) in NOT_FIRST_NAMES:  # "le Père Noël"
            continue
        if not (m.group(1).isupper() and len(m.group(1)) <= 5):  # "le référent ASE"
            yield m.start(1), m.end(1)


def _looks_like_a_name(word: str) -> bool:
    """A lower-case word after a civility: a listed name, or no French word ("madame la juge",
    "monsieur a appelé", "madame n'est pas venue" name nobody)."""
    key = fold(word)
    if len(word) < 2 or "'" in word or "’" in word or key in NOT_FIRST_NAMES:
        return False
    if key in first_names() or key in surnames():
        return not is_stop_word(word)
    return not is_french_word(word)


def _family_name(word: str) -> bool:
    key = fold(word)
    if word.isupper() or key in NOT_FIRST_NAMES or key in towns():
        return False
    if key in surnames():
        return True
    return not word.endswith(("s", "x")) and not is_french_word(word)


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
    if not is_french_word(word):
        return True
    # At a sentence start or in lower case, a name that is also a word ("Pierre", "rose") needs
    # a sign that it names someone: an apposition ("Espérance, sa mère,"), a verb right after it
    # ("Rose a du mal"; a French common noun rarely starts a sentence bare), or, capitalised, the
    # model reading it as a proper noun unless what follows reads as a word's ("Claire et nette",
    # "Prudence, m'a dit", "Aimée de tous").
    if _apposition_follows(token):
        return True
    if not word[0].isupper():
        return False
    # Abstract nouns stay words there: "Prudence est de mise", "Patience a payé".
    abstract = fold(word).endswith(("ence", "ance", "ice", "ude", "te"))
    if not abstract and _verb_follows(token):
        return True
    # A listed first name opening a sentence, a line, a quote or a dash and followed by a comma,
    # a colon or a bracket names someone (« Zoé, née en 2012, », « Rose, Jade et Ambre »; outside
    # test of issue 13: the comma made it a word) unless what follows reads as a word's
    # (« Prudence, m'a dit ma cheffe »).
    if not abstract and starts_sentence(token) and _punctuation_follows(token):
        return not word_follows(token)
    return token.pos_ == "PROPN" and not word_follows(token)


# After a name, in apposition: a kin or role word with its determiner ("Espérance, sa mère"), or
# an age ("Gabriel, 15 ans").
APPOSITION = re.compile(
    rf"^\s*,\s*(?:(?:sa|son|ses|leur|le|la|l['’]|notre|mon|ma|une?)\s*(?i:{ROLES})\b"
    r"|\d{1,2}\s+(?:ans|mois)\b)"
    # « Rose (née en 2012) », « Léo (8 ans) »; « Clémence et sa mère », « Dorota et son fils ».
    r"|^\s*\(\s*(?:n[ée]e?s?\b|\d{1,2}\s+(?:ans|mois)\b)"
    rf"|^\s+et\s+(?:sa|son|ses)\s+(?i:{KIN})\b",
    re.IGNORECASE,
)
# What follows a word used as a word: a coordinated adjective or noun in lower case ("Claire et
# nette"), a complement ("Aimée de tous"), an incise ("Prudence, m'a dit ma cheffe").
WORD_FOLLOWS = re.compile(
    r"^\s*(?:et\s+(?!(?:moi|toi|lui|elle|eux|nous|vous|sa|son|ses|leur|les?|la|l['’]|une?|des|mon|ma|mes)\b)[a-zà-ÿ]|de\s+(?:tous|toutes|tout|rien|mise)\b|,\s*(?:m['’]|l['’]|lui|leur)?\s*"
    r"(?:a|ont|avait|dit|disait|r[ée]p[èe]te)\b)",
    re.IGNORECASE,
)


def _punctuation_follows(token: Token) -> bool:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.text in {",", ":", "(", ";"}


def _apposition_follows(token: Token) -> bool:
    text = token.doc.text
    return bool(
        APPOSITION.match(text[token.idx + len(token.text) : token.idx + len(token.text) + 40])
    )


def word_follows(token: Token) -> bool:
    text = token.doc.text
    return bool(
        WORD_FOLLOWS.match(text[token.idx + len(token.text) : token.idx + len(token.text) + 40])
    )


CLITICS = {"ne", "n'", "n’", "se", "s'", "s’", "me", "m'", "m’", "lui", "leur", "y"}


def _verb_follows(token: Token) -> bool:
    if token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    if following.pos_ in ("VERB", "AUX") or following.lower_ in CLITICS:
        return True
    # The small model reads some verbs after a capitalised noun as adjectives (« Clément dort »,
    # « Mélodie pleure »): a lower-case word its lemma table maps to an infinitive is a verb.
    return following.is_lower and _inflected_verb(following.text)


def _inflected_verb(word: str) -> bool:
    lemma = verb_lemma(word)
    return bool(lemma) and lemma != word and lemma.endswith(("er", "ir", "re", "oir"))


def _is_surname(token: Token) -> bool:
    word = token.text
    if fold(word) not in surnames() or is_french_word(word):
        return False
    if word.islower():
        # « j'ai revu dupont », « la famille lefebvre »: a listed surname that is no French word
        # names someone in any case (outside test of issue 13: lower-case surnames passed).
        return len(word) >= 4 and not is_stop_word(word)
    if not word[:1].isupper():
        return False
    # At a sentence start, a listed surname that is no French word names someone when a verb
    # follows ("Dieudonné joue au foot").
    return not starts_sentence(token) or _verb_follows(token)


# A nickname made of a doubled syllable ("Juju", "Momo", "Nounou", "Titi"), capitalised.
NICKNAME = re.compile(r"^([A-ZÀ-Þ][a-zà-ÿ]{0,2})(?i:\1)$")


def _is_nickname(token: Token) -> bool:
    """Also a word ("Nounou", "Kiki"): capitalised within a sentence, or before a verb or a comma."""
    if not NICKNAME.match(token.text):
        return False
    if not is_french_word(token.text) or not starts_sentence(token) or _verb_follows(token):
        return True
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ","


def _is_unknown_subject(token: Token) -> bool:
    """A capitalised word no list knows and no French word, read as a proper noun, right before
    its verb: a name from elsewhere ("Chukwuemeka a été scolarisé", "que Tonio vendait"). Not
    what the model reads as a place or an organisation, nor after a preposition or a determiner
    ("à Tourcoing", "le Carrefour ferme")."""
    word = token.text
    if len(word) < 3 or not word[0].isupper() or word.isupper() or not word.isalpha():
        return False
    if is_french_word(word):
        return False
    # The model reads many names from elsewhere as places or organisations ("Dorota",
    # "Ifeoma"): at a sentence start, before a verb, an unlisted word is taken for a person
    # whatever the model says (a missed name costs more than a structure taken for a person).
    if not starts_sentence(token) and (token.pos_ != "PROPN" or token.ent_type_ in ("LOC", "ORG")):
        return False
    if not starts_sentence(token):
        previous = token.doc[token.i - 1]
        if previous.pos_ in ("ADP", "DET") or previous.text[:1].isupper():
            return False
    key = fold(word)
    if key in towns() or key in NOT_FIRST_NAMES:
        return False
    return _verb_follows(token) or _second_subject_then_verb(token) or _apposition_follows(token)


def _second_subject_then_verb(token: Token) -> bool:
    """ "Emeka et Chidinma sont jumeaux": another capitalised word, then the verb."""
    doc, i = token.doc, token.i
    if i + 3 >= len(doc) or doc[i + 1].lower_ != "et":
        return False
    other = doc[i + 2]
    return other.text[:1].isupper() and not is_french_word(other.text) and _verb_follows(other)


def _is_shouted_name(token: Token) -> bool:
    """A short listed first name in capitals among words in capitals ("SAMY ET LINA POUR
    TOUJOURS"): a text written in capitals, not an acronym ("la CAF")."""
    word = token.text
    if not (word.isupper() and 3 <= len(word) <= 4 and fold(word) in first_names()):
        return False
    if is_french_word(word) or fold(word) in NOT_FIRST_NAMES:
        return False
    doc = token.doc
    near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(t.text.isupper() and t.is_alpha and is_french_word(t.text) for t in near)


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
    found: list[tuple[int, int]] = []
    for token in doc:
        word = token.text
        if not any(c.isalpha() for c in word):
            continue
        if fold(word) in known_folded and not is_french_word(word):
            found.append((token.i, token.i + 1))
        elif _is_first_name(token):
            found.append((token.i, _extend(doc, token.i) if word[0].isupper() else token.i + 1))
        elif (
            _is_surname(token)
            or _is_nickname(token)
            or _is_unknown_subject(token)
            or _is_shouted_name(token)
        ):
            found.append((token.i, token.i + 1))
    found.extend(_coordinated(doc, {i for span in found for i in range(*span)}))
    for start, end in found:
        last = doc[end - 1]
        yield doc[start].idx, last.idx + len(last.text)


def _listed(token: Token) -> bool:
    key = fold(token.text)
    return len(token.text) >= 3 and key in first_names() and key not in NOT_FIRST_NAMES


def _name_like(token: Token) -> bool:
    """A listed first name, or a capitalised word that is no French word and no listed town."""
    if _listed(token):
        return True
    word = token.text
    return (
        len(word) >= 3
        and word[0].isupper()
        and word.isalpha()
        and not is_french_word(word)
        and fold(word) not in towns()
    )


def _coordinated(doc: Doc, named: set[int]) -> Iterator[tuple[int, int]]:
    """Names joined by "et" share their nature: "Jade et Inès", "Emeka et Chidinma", "pierre et
    julien sont partis". A name-like word beside a name already found is one; two listed first
    names in lower case are names when a verb follows them ("sont partis"), not in "rose et
    blanche"."""
    for token in doc[1:-1]:
        if token.lower_ != "et":
            continue
        left, right = doc[token.i - 1], doc[token.i + 1]
        if not (_name_like(left) and _name_like(right)):
            continue
        verb_after = _verb_follows(right)
        for side, other in ((left, right), (right, left)):
            if side.i in named:
                continue
            if (
                other.i in named
                and (side.text[0].isupper() or verb_after)
                or other.i not in named
                and verb_after
                and side.is_lower
                and other.is_lower
            ):
                yield side.i, side.i + 1


# "c'est rose qui a ouvert": a listed first name between "c'est" and "qui" names someone.
CEST_QUI = re.compile(r"\b[cC](?:'|’)est\s+([a-zà-ÿ][\w-]+)\s+qui\b")


def by_context(text: str) -> Iterator[tuple[int, int]]:
    for m in CEST_QUI.finditer(text):
        key = fold(m.group(1))
        if key in first_names() and key not in NOT_FIRST_NAMES and not is_stop_word(m.group(1)):
            yield m.start(1), m.end(1)
