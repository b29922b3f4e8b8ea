"""Who does what to whom in a French closure note, from spaCy's dependency parse (the no-sanction
reader's second layer, punitive.py). The surface cues (punitive_cues.py) find the words; the parse
says how they hang together, so that unseen phrasings of the same structure are read the same:
- an ACT ON MENTORING: a stop/suspend/withdraw verb or noun whose object (active), subject
  (passive or « s'arrête ») or complement is the mentoring, or a pronoun standing for it (« on le
  lui retire »), or a verb of keeping it negated (« nous ne maintenons pas les sorties »), or a
  mentoring noun under a negative determiner (« pas de sortie », « plus de mentor »);
- a CONDITION ON THE YOUTH: a resumption of the mentoring (« reprendra », « reverra », « reprise »)
  governing a clause (quand, si, une fois que, dès que…) or a complement (selon, en fonction de,
  sous réserve de) whose subject is the youth and whose verb or object is conduct or an effort;
- a REPORTED act: the act hangs under someone's wish or proposal (« sa mère voulait qu'on annule
  la sortie », « il a été envisagé de suspendre ») — a request, not what was done.
English notes are not parsed (the French model reads them badly); the surface cues serve them.
Lemmas are folded (lower case, no accents) before comparison.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

MENTORING = {
    "mentorat", "jumelage", "parrainage", "marrainage", "sortie", "sorties", "rencontre",
    "rencontres", "rendez-vous", "rdv", "seance", "seances", "mentor", "mentore", "marraine", "parrain",
    "match", "suivi", "programme", "accompagnement", "visite", "visites", "activite", "benevole",
}  # fmt: skip
# Words that name the mentoring itself (a « sortie » alone may be the home's outing).
STRONG = {
    "mentorat",
    "jumelage",
    "parrainage",
    "mentor",
    "mentore",
    "marraine",
    "parrain",
    "mentoring",
}
# Acts the surface cues do not hold as words (« mise à l'écart », « sort du programme »).
MORE_ACTS = ("ecart", "sort", "termin", "reporte")
KEEPS = {"maintenir", "continuer", "poursuivre", "garder", "conserver", "autoriser", "accorder"}
KEEPS |= {"renouveler", "reconduire", "prolonger"}  # « on ne renouvellera pas le jumelage »
DEPRIVES = ("priv",)  # « privé de ses rendez-vous »: a privation is a sanction by itself
# Resumption of mentoring, whose condition is then read.
RESUMES = (
    "reprend", "reprise", "repris", "revoir", "reverr", "revoi", "relanc", "revien", "reviendr",
    "retour", "retrouv", "rouvr", "redemarr", "recommenc", "reactiv", "reintegr", "pourr",
    "attend", "reviv", "reparl",
)  # fmt: skip
# Verbs of an effort asked of the youth, in a condition (lemma or word prefixes).
EFFORT_VERBS = (
    "tenir", "tiendr", "calm", "excus", "repar", "change", "respect", "retourn", "travaill",
    "comport", "obei", "amelior", "rattrap", "remet", "remett", "reprenn", "montr", "prouv",
    "assag", "bosse", "present", "cess", "arret", "recommenc", "recommence", "compren",
    "compris", "reflech", "realis", "grandi", "ressaisi",
)  # fmt: skip
# Verbs of misconduct whose subject is the youth (« il a encore volé », « il a tapé un éduc »).
MISCONDUCT_VERBS = (
    "vol", "frapp", "tap", "insult", "fugu", "ment", "sech", "batt", "cass", "menac", "agress",
    "trich", "provoqu", "degrad", "cogn", "derap", "recommenc", "recommence", "insolen",
)  # fmt: skip
# The youth's own wish or state: a condition on these is not a lever.
NOT_CONDUCT_VERBS = ("souhait", "voul", "veu", "desir", "sent", "guer", "retabl", "install")
# Heads under which an act is only wished, asked or considered by someone.
REPORTING = (
    "voul", "souhait", "demand", "propos", "envisag", "sugger", "exig", "reclam", "pens",
    "evoqu", "idee",
)  # fmt: skip
WISHES = ("voul", "veu", "souhait", "prefer", "demand", "choisi", "decid", "desir")
REFUSING = ("refus", "renonc", "oppos", "declin", "ecart")
# What we do for the youth's good, not to move them (« pour le protéger »).
CARE_VERBS = ("proteg", "aid", "soutien", "souten", "accompagn", "preserv", "repos", "soign")
YOUTH = {"il", "elle", "ils", "elles", "jeune", "enfant", "adolescent", "ado"}
OURS = {"nous", "on", "equipe", "service", "je", "j'"}
CONDITION_MARKS = {
    "quand", "si", "s'", "lorsque", "lorsqu'", "des", "une", "tant", "jusqu'", "jusque",
    "selon", "reserve", "fonction", "condition", "moment", "jour", "apres", "avant", "abord",
    "temps", "fois",
}  # fmt: skip
NEGATIVE = {"pas", "plus", "jamais", "aucun", "aucune", "ni", "sans", "rien"}


@dataclass(frozen=True)
class Lexicon:
    """How the reader folds words and recognises its cues (punitive.py passes its own)."""

    fold: Callable[[str], str]
    is_act: Callable[[str, str], bool]
    is_conduct: Callable[[str], bool]

    def forms(self, token: Token) -> tuple[str, str]:
        return self.fold(token.text), self.fold(token.lemma_)

    def starts(self, token: Token, stems: Iterable[str]) -> bool:
        return any(f.startswith(tuple(stems)) for f in self.forms(token))


def _negated(token: Token, lex: Lexicon) -> bool:
    """« ne … pas » on the word, or on its auxiliary-like head (« il n'a rien respecté »)."""
    children = list(token.children)
    if token.dep_ in {"obj", "xcomp"} and lex.fold(token.head.lemma_) in {"avoir", "etre"}:
        children += list(token.head.children)
    return any(
        (c.dep_ == "advmod" or lex.fold(c.text) == "rien")
        and (lex.fold(c.text) in NEGATIVE or c.morph.get("Polarity", []) == ["Neg"])
        for c in children
    )


def _is_mentoring(token: Token, lex: Lexicon) -> bool:
    return any(f in MENTORING for f in lex.forms(token))


def _arguments(token: Token) -> Iterable[Token]:
    """The act's object, subject and complements, and what they coordinate with."""
    for child in token.children:
        if child.dep_.split(":")[0] in {"obj", "nsubj", "obl", "nmod", "iobj", "expl", "dep"}:
            yield child
            yield from (c for c in child.children if c.dep_ in {"nmod", "conj"})
    if token.dep_.split(":")[0] in {"acl", "amod", "nmod", "conj"}:
        yield token.head  # « sorties annulées », « rencontres stoppées »


def _mentoring_named(doc: Doc, lex: Lexicon) -> bool:
    """A mentoring word, or the mentor by name as what is resumed (« avant de revoir Julien »)."""
    return any(
        _is_mentoring(t, lex)
        or (t.pos_ == "PROPN" and t.dep_ == "obj" and lex.starts(t.head, RESUMES))
        for t in doc
    )


def reported(token: Token, lex: Lexicon) -> bool:
    """« voulait qu'on annule », « il a été envisagé de suspendre »: wished, not done."""
    head, hops = token, 0
    while head.head is not head and hops < 3:
        # « a évoqué l'idée de le priver »: an infinitive under a noun of idea (acl)
        if head.dep_ not in {"xcomp", "ccomp", "csubj", "csubj:pass", "advcl", "obj", "acl"}:
            break
        head, hops = head.head, hops + 1
        if lex.starts(head, REPORTING):
            return True
    return False


def refused(doc: Doc, lex: Lexicon) -> bool:
    """A request turned down by us (« nous y avons renoncé », « ce que le service a refusé »)."""
    for token in doc:
        if not lex.starts(token, REFUSING) or _negated(token, lex) or token.pos_ not in {"VERB"}:
            continue
        subjects = [c for c in token.children if c.dep_.startswith("nsubj")]
        ours = not subjects or any(
            lex.fold(c.text) in OURS or lex.fold(c.lemma_) in OURS for c in subjects
        )
        if ours and any(reported(t, lex) for t in doc if lex.is_act(*lex.forms(t))):
            return True
    return False


def mentoring_acts(doc: Doc, lex: Lexicon) -> list[str]:
    """Acts on mentoring in the parse, each as the phrase « act … mentoring »."""
    found = []
    named = _mentoring_named(doc, lex)
    for token in doc:
        if token.pos_ in {"DET", "ADP", "PRON", "PUNCT", "CCONJ", "SCONJ"}:
            continue
        if by_third_party(token, lex) or hyphen_tail(token):
            continue  # « le collège l'a exclu », « week-end »
        keeps = lex.starts(token, KEEPS) and _negated(token, lex)
        # « sort du programme » is an act, the « sortie » it names is not
        more = lex.starts(token, MORE_ACTS) and not _is_mentoring(token, lex)
        act = lex.is_act(*lex.forms(token)) or more
        if not (act or keeps) or (act and _negated(token, lex)):
            continue
        for arg in _arguments(token):
            pronoun = arg.pos_ == "PRON" and lex.fold(arg.text) in {"le", "la", "l'", "les", "ca"}
            if _is_mentoring(arg, lex) or (pronoun and named):
                found.append(f"{token.text} … {arg.text}")
                break
    for token in doc:  # « pas de parrain ce mois-ci », « plus de sortie », « aucune rencontre »
        before = [lex.fold(t.text) for t in doc[max(0, token.i - 2) : token.i]]
        negative = before[-2:] in (["pas", "de"], ["plus", "de"], ["pas", "d'"])
        negative = negative or bool(before) and before[-1] in {"aucun", "aucune"}
        if (
            negative
            and _is_mentoring(token, lex)
            and not any(
                lex.fold(t.text) in {"ne", "n'"} for t in doc[max(0, token.i - 5) : token.i]
            )
        ):
            found.append(" ".join(t.text for t in doc[max(0, token.i - 2) : token.i + 1]))
    return found


def hyphen_tail(token: Token) -> bool:
    """The end of a hyphenated word (« week-end »): not a word of its own."""
    before = token.doc[token.i - 1] if token.i else None
    return before is not None and before.text == "-" and not before.whitespace_


def youth_wishes(doc: Doc, lex: Lexicon) -> bool:
    """The act is the youth's own wish (« elle a dit qu'elle voulait arrêter »)."""
    for token in doc:
        if not lex.is_act(*lex.forms(token)):
            continue
        head = token.head  # an infinitive under the wish: its subject is the wisher's
        if (
            token.dep_ == "xcomp"
            and lex.starts(head, WISHES)
            and _youth_subject(head, lex, allow_none=False)
        ):
            return True
    return False


# Actors other than us whose sanctions a note may report (the home, the school, the court…).
THIRD_PARTIES = (
    "foyer", "famill", "juge", "tribunal", "college", "lycee", "ecole", "etablissement", "police",
    "gendarm", "mere", "pere", "parent", "educat", "prof", "direct", "internat", "club", "mecs",
    "assistant", "referent", "proviseur", "principal", "employeur", "association",
)  # fmt: skip


def by_third_party(token: Token, lex: Lexicon) -> bool:
    """The act's grammatical subject (active voice) is another actor and its object is not the
    mentoring: « le foyer l'a puni », but not « le référent a suspendu le mentorat »."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or not lex.starts(subject, THIRD_PARTIES):
        return False
    return not any(
        any(lex.fold(t.text) in STRONG for t in arg.subtree) for arg in _arguments(token)
    )  # « privé de sortie » is the home's; « ses sorties avec son mentor » are the mentoring


def deprivations(doc: Doc, lex: Lexicon) -> list[str]:
    """« privé de ses rendez-vous avec son parrain »: depriving of mentoring names a sanction."""
    return [
        f"{t.text} … {arg.text}"
        for t in doc
        if lex.starts(t, DEPRIVES)
        and not _negated(t, lex)
        and not reported(t, lex)
        and not by_third_party(t, lex)
        for arg in _arguments(t)
        if _is_mentoring(arg, lex)
    ][:1]


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or its auxiliary-like head's (« il n'a rien respecté »)."""
    subjects = {"nsubj", "nsubj:pass", "expl:subj"}
    found = next((c for c in verb.children if c.dep_ in subjects), None)
    if found is None and verb.dep_ in {"obj", "xcomp"} and verb.head.lemma_ in {"avoir", "être"}:
        found = next((c for c in verb.head.children if c.dep_ in subjects), None)
    return found


def _youth_subject(verb: Token, lex: Lexicon, *, allow_none: bool = True) -> bool:
    subject = _subject(verb)
    if subject is None:
        return allow_none
    folded = lex.fold(subject.text)
    owned = any(lex.fold(c.text) in {"son", "sa", "ses"} for c in subject.children)
    if owned and lex.is_conduct(folded):
        return True  # « quand son bulletin sera meilleur »
    return (
        folded in YOUTH
        or folded in {"ca", "cela"}
        or (subject.pos_ == "PROPN" and not _is_mentoring(subject, lex))
    )


def _clause(verb: Token) -> list[Token]:
    """The verb and its own dependents, not the clauses hanging on it."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_.split(":")[0] not in {"conj", "parataxis", "advcl", "ccomp", "punct"}:
            tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def conditions_on_youth(doc: Doc, lex: Lexicon) -> list[str]:
    """A resumption or an act on mentoring made to depend on a clause whose subject is the youth
    and whose verb or words are conduct or an effort (« on reprendra quand il se tiendra
    tranquille », « reprise sous réserve d'un bon comportement »)."""
    found = []
    for resume in doc:  # « il doit se reprendre avant qu'on relance les rencontres »
        marks = {lex.fold(c.text) for c in resume.children if c.dep_ == "mark"}
        if not (lex.starts(resume, RESUMES) and marks & {"avant", "tant", "jusqu'", "des"}):
            continue
        striving = resume.head  # « doit se reprendre »: the infinitive, its modal
        chain = [striving, striving.head] if striving.dep_ == "xcomp" else [striving]
        reflexive = any(lex.fold(c.text) in {"se", "s'"} for c in striving.children)
        if (lex.starts(striving, EFFORT_VERBS) or reflexive) and any(
            _youth_subject(v, lex, allow_none=False) for v in chain
        ):
            found.append(" ".join(t.text for t in _clause(striving))[:60])
    for verb in doc:
        if verb.pos_ in {"DET", "ADP", "PRON", "PUNCT", "CCONJ", "SCONJ", "ADV"}:
            continue
        clause = _clause(verb)
        marks = {lex.fold(c.text) for c in clause if c.dep_ in {"mark", "case", "fixed"}}
        marks.add(lex.fold(verb.text))
        if verb.dep_ == "acl:relcl":  # « le temps qu'il », « le jour où elle », « une fois qu'il »
            marks.add(lex.fold(verb.head.text))
        if verb.pos_ == "NOUN":  # « sous réserve d'une bonne conduite »: the words just before
            marks |= {lex.fold(t.text) for t in doc[max(0, clause[0].i - 3) : clause[0].i]}
        # « il faudra qu'il … », « ça attendra qu'il … »: the que-clause is the condition
        under_must = (
            lex.starts(verb.head, ("fall", "faut", "faudr", "attend")) and verb is not verb.head
        )
        if not (marks & CONDITION_MARKS or under_must):
            continue
        future = set(verb.morph.get("Tense", []) + verb.morph.get("Mood", [])) & {"Fut", "Cnd"}
        if not future and _time_elapsed(clause, marks, lex):
            continue  # « retrouvée après dix jours de fugue »: how long, not on what condition
        if lex.starts(verb, NOT_CONDUCT_VERBS) or any(
            lex.starts(c, NOT_CONDUCT_VERBS) for c in verb.children
        ):
            continue
        words = [lex.fold(t.text) for t in clause]
        effort = any(  # the verb or, when the parse splits it, its participle (« aura compris »)
            lex.starts(t, EFFORT_VERBS) or lex.starts(t, MISCONDUCT_VERBS)
            for t in clause
            if t.pos_ in {"VERB", "AUX", "ADJ", "NOUN"} or t is verb
        )
        conduct = effort or any(lex.is_conduct(w) for w in words)
        if not conduct or any(_is_mentoring(t, lex) for t in clause):
            continue
        if verb.pos_ in {"VERB", "AUX"} and not _youth_subject(verb, lex):
            continue
        if not _attached_to_mentoring(clause, lex):
            continue
        found.append(" ".join(t.text for t in clause)[:60])
    return found


DURATIONS = {"jours", "jour", "semaines", "semaine", "mois", "heures", "nuits", "nuit", "ans"}


def _time_elapsed(clause: list[Token], marks: set[str], lex: Lexicon) -> bool:
    """« après trois semaines de fugue »: a duration of the conduct after « après », not a
    condition (« après un mois sans incident » stays one)."""
    words = {lex.fold(t.text) for t in clause}
    return (
        marks & CONDITION_MARKS == {"apres"}
        and bool(words & DURATIONS)
        and not words & {"sans", "without"}
    )


def _attached_to_mentoring(clause: list[Token], lex: Lexicon) -> bool:
    """The clause sits in a note that resumes or stops the mentoring outside the clause."""
    inside = {t.i for t in clause}
    return any(
        (lex.starts(t, RESUMES) and not _youth_found(t, lex))
        or (lex.is_act(*lex.forms(t)) and not _denied(t, lex))
        for t in clause[0].doc
        if t.i not in inside and t.pos_ not in {"DET", "ADP", "PUNCT"}
    )


def _youth_found(token: Token, lex: Lexicon) -> bool:
    """« jeune retrouvé après sa fugue »: the youth is found, the mentoring is not resumed."""
    if not lex.starts(token, ("retrouv",)):
        return False
    said_of = [token.head] if token.dep_ in {"acl", "amod"} else []
    said_of += [c for c in token.children if c.dep_ == "nsubj:pass"]  # « elle a été retrouvée »
    return any(lex.fold(t.text) in YOUTH or t.pos_ == "PROPN" for t in said_of)


def _denied(token: Token, lex: Lexicon) -> bool:
    """« pas de retrait, pas de réduction »: an act named to say it is not done."""
    before = [lex.fold(t.text) for t in token.doc[max(0, token.i - 2) : token.i]]
    return _negated(token, lex) or bool(set(before) & {"pas", "aucun", "aucune", "sans", "ni"})


def youth_misconduct(doc: Doc, lex: Lexicon) -> list[str]:
    """A clause whose subject is the youth and whose verb is misconduct (« il a encore volé »),
    or « il n'a rien respecté »: the youth's conduct, in words no list holds."""
    found = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "NOUN", "ADJ"} or not _youth_subject(
            verb, lex, allow_none=False
        ):
            continue
        respected = lex.starts(verb, ("respect",)) and _negated(verb, lex)
        if lex.starts(verb, MISCONDUCT_VERBS) and not _negated(verb, lex) or respected:
            found.append(" ".join(t.text for t in _clause(verb))[:60])
    return found


def purposes_on_youth(doc: Doc, lex: Lexicon) -> list[str]:
    """« pour qu'il se remette au travail », « pour lui faire sentir », « pour le motiver »: the
    act on mentoring is a means to move the youth."""
    found = []
    for verb in doc:
        clause = _clause(verb)
        marks = [lex.fold(c.text) for c in clause if c.dep_ in {"mark", "case"}]
        if "pour" not in marks or lex.starts(verb, CARE_VERBS):
            continue
        youth_object = any(  # a clitic before the verb: « pour bien lui faire sentir »
            t.pos_ == "PRON"
            and t.i < verb.i
            and lex.fold(t.text) in {"le", "la", "lui", "les", "l'"}
            for t in clause
        )
        youth = youth_object or (
            _subject(verb) is not None and _youth_subject(verb, lex, allow_none=False)
        )
        if (
            youth
            and (lex.starts(verb, EFFORT_VERBS) or youth_object)
            and not any(_is_mentoring(t, lex) for t in clause)
        ):
            found.append(" ".join(t.text for t in clause)[:60])
    return found
