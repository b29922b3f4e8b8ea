"""Mentoring is never withdrawn as a sanction (seed 001: « le mentorat ne doit jamais être retiré
pour sanctionner ou punir le jeune »). This module reads closure and pause notes, and the names of
closure reasons, and says whether they present the end or a pause of mentoring as a sanction.

It reads the STRUCTURE of a sanction rather than a list of words (cues in punitive_cues.py; French
through spaCy's lemmas, so « retirons », « retiré », « retrait » are one cue; English written out):
- explicit: the note names a sanction (sanction, punition, privé de, grounded, earn it back…) that
  is neither denied (« ce n'est pas une sanction ») nor someone else's (« puni par le collège »)
  nor refused (« nous avons refusé de … pour le punir »);
- lever: the act is used to make the youth change (« pour qu'il comprenne », « le recadrer »,
  « ça lui apprendra », "teach him a lesson", cooling-off…);
- stop_for_conduct: an act on mentoring (end, pause, suspend, withdraw, cancel outings, reduce,
  freeze…) together with the youth's conduct or schooling, unless the note says the match goes on,
  the youth asked for it, the conduct is not the cause, or another cause is given (the mentor
  moves, a safeguarding concern about the mentor, an administrative closure…);
- condition: mentoring is made to depend on the youth (« tant que », « jusqu'à ce que », « le temps
  qu'il », « s'il … », until, unless, once he…) while their conduct is cited, with the same
  defeaters; a condition about the mentor or the youth's own wish is not one.
A sanction corrected or abandoned (« erreur reconnue », « clause retirée »), the principle stated
(« on ne punit pas par le mentorat ») and acts only asked (« faut-il réduire … ? ») clear a note,
unless something turns against them after (« mais … », a condition).
French notes are also parsed (punitive_parse.py: the mentoring as the object or passive subject of
an act, pronouns, conditions and purposes whose subject is the youth, the youth's own wish, refused
requests, third parties' sanctions); slips and SMS abbreviations in key words are respelled first
(punitive_spelling.py). English notes keep the surface cues (the French model parses them badly).
A disclaimer does not defeat the structure: « ce n'est pas une sanction, mais vu ses insultes on
arrête » is still an act for conduct. Each finding keeps the phrase it rests on and why, so that
the refusal can explain itself.
When the rules find nothing, a learned model (punitive_model.py, trained on the corpora) reads
the wording: at a probability of at least its THRESHOLD the note is refused as « close to notes of
sanctions ». When the rules' refusal rests only on their structural inference (a stop or condition
beside a conduct word) and the wording is far from every sanction (under DOUBT), the model's doubt
clears it; a named sanction, a lever or a deprivation is never cleared (docs/benchmarks.md, fifth
pass: leave-one-corpus-out cross-validation).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from entrepairs.core.nlp import french

from . import punitive_cues as cues
from . import punitive_model as model
from . import punitive_parse as parse
from .punitive_spelling import respell_text

EXPLANATION = _(
    "Mentoring is never withdrawn as a sanction or a punishment: it is one of the services "
    "offered to the youth, whatever their behaviour. Choose a reason about the relationship "
    "itself (the youth's wish, the mentor moving, the match completed, a safety concern...)."
)

WHY = {
    "explicit": _("it presents the decision as a sanction or a punishment"),
    "lever": _("it uses mentoring as a lever to change the youth's behaviour"),
    "stop_for_conduct": _(
        "it stops or pauses mentoring because of the youth's conduct or schooling"
    ),
    "condition": _("it makes mentoring conditional on the youth's conduct or schooling"),
    # the learned model (punitive_model.py), when the rules found nothing
    "learned": _("its wording is close to notes of sanctions"),
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _cues(words: str) -> tuple[frozenset[str], tuple[str, ...]]:
    items = words.split()
    return (
        frozenset(w for w in items if not w.endswith("*")),
        tuple(w[:-1] for w in items if w.endswith("*")),
    )


EXPLICIT, ACT, CONDUCT = (
    _cues(cues.EXPLICIT_WORDS),
    _cues(cues.ACT_WORDS),
    _cues(cues.CONDUCT_WORDS),
)
_QUOTES = re.compile(r"[«»\"“”]")
_CLAUSE_BREAK = re.compile(r"[.;:!?()—\n]|\bmais\b|\bbut\b")


@dataclass(frozen=True)
class Finding:
    phrase: str
    kind: str

    @property
    def why(self) -> Promise:
        return WHY[self.kind]


@dataclass
class Reading:
    findings: list[Finding] = field(default_factory=list)
    # The rules saw a legitimate reason (the youth's wish, the match goes on, another cause, a
    # sanction refused): the learned model then does not overrule them.
    cleared: bool = False

    @property
    def is_sanction(self) -> bool:
        return bool(self.findings)

    def explanation(self) -> str:
        """The general rule, then what was found: « "retrait … comportement" : it stops … »."""
        found = "; ".join(f"« {f.phrase} » : {f.why}" for f in self.findings[:3])
        return f"{EXPLANATION} {_('Found:')} {found}."


def _matches(found: tuple[frozenset[str], tuple[str, ...]], *keys: str) -> bool:
    exact, prefixes = found
    return any(k in exact or k.startswith(prefixes) for k in keys if k)


def _negated(words: list[str], i: int) -> bool:
    """A negator a few words before (or just after: « ne retirons pas ») within the clause, or
    further before when coordinated (« ni une récompense ni une punition », "not a reward or a …")."""
    reach = 8 if any(w in {"ni", "ou", "or", "nor"} for w in words[max(0, i - 4) : i]) else 5
    for j in range(i - 1, max(-1, i - reach), -1):
        if words[j] in cues.BREAKS:
            break
        if words[j] in cues.NEGATORS:
            return True
    for j in range(i + 1, min(len(words), i + 3)):
        if words[j] in cues.BREAKS:
            break
        if words[j] in cues.NEGATORS_AFTER or words[j] in {"ni", "nor"}:
            return True  # « ne … pas », or the first of « … une récompense ni une punition »
    return False


def _asked(note: "_Note", at: int) -> bool:
    """The word stands in a question (« c'est une punition ? », « faut-il réduire … », "asked
    whether she should cancel …"): asked, not decided."""
    ends = [note.folded.find(c, at) for c in ".!?\n"]
    first = min((e for e in ends if e >= 0), default=-1)
    if first >= 0 and note.folded[first] == "?":
        return True
    return bool(cues.ASKED_WHETHER.search(_sentence_before(note, at)))


def _sentence_before(note: "_Note", at: int) -> str:
    """The sentence up to `at` (another actor named there owns the sanction)."""
    start = max(note.folded.rfind(c, 0, at) for c in ".!?\n") + 1
    return note.folded[start:at]


class _Note:
    """One note, tokenised once: words, lemmas, folded text and its clauses."""

    def __init__(self, text: str):
        text = respell_text(text)
        self.english = _english(text)
        # « mentorat ≠ punition »: folding would leave « = », the opposite
        text = text.replace("≠", " is not " if self.english else " n'est pas ")
        # The parse (who does what to whom) serves French only; English keeps the surface cues.
        self.doc = french()(text, disable=["ner"] if not self.english else ["parser", "ner"])
        self.words = [fold(t.text) for t in self.doc]
        self.lemmas = [fold(t.lemma_) for t in self.doc]
        self.text = text
        self.folded = fold(text)
        # Phrases read the text without quotes: « gagner » à nouveau le droit.
        self.flat = " ".join(_QUOTES.sub(" ", self.folded).split())
        bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(self.folded)]
        self.bounds = bounds + [len(self.folded) + 1]

    def as_written(self, phrase: str) -> str:
        """A phrase found in the folded text, quoted as the author wrote it (accents included)."""
        at = self.folded.find(phrase)
        if at < 0 or len(self.folded) != len(self.text):
            return phrase
        return self.text[at : at + len(phrase)]

    def clause(self, at: int) -> tuple[int, int]:
        for start, end in zip(self.bounds, self.bounds[1:], strict=False):
            if start <= at < end:
                return start, end
        return 0, len(self.folded)

    def others_act(self, i: int) -> bool:
        """« le collège l'a exclu »: the act's subject is another actor, not us."""
        return not self.english and parse.by_third_party(self.doc[i], LEXICON)

    def reported(self, i: int) -> bool:
        """The act is only someone's wish or proposal (« sa mère voulait qu'on annule »)."""
        return not self.english and parse.reported(self.doc[i], LEXICON)

    def tokens(self, found: tuple[frozenset[str], tuple[str, ...]]) -> list[int]:
        return [i for i in range(len(self.doc)) if _matches(found, self.words[i], self.lemmas[i])]


@lru_cache(maxsize=512)
def _parsed(text: str) -> _Note:
    """A note parsed once: the reader and the rules alone (measured side by side) read the same
    text, and the parse is most of the reading's time."""
    return _Note(text)


_ENGLISH = re.compile(r"\b(the|he|she|his|her|him|they|is|was|will|with|and|to|of|has|we)\b")
_FRENCH = re.compile(r"\b(le|la|les|il|elle|est|a|de|du|des|et|avec|son|sa|ses|on|nous|pas)\b")


def _english(text: str) -> bool:
    folded = fold(text)
    return len(_ENGLISH.findall(folded)) > len(_FRENCH.findall(folded))


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in spans)


def _explicit(note: _Note) -> list[str]:
    found = []
    for i in note.tokens(EXPLICIT):
        merit = note.lemmas[i].startswith("merit")
        if _negated(note.words, i) and not merit:
            continue
        if _asked(note, note.doc[i].idx):
            continue
        if cues.DENIED_BEFORE.search(_sentence_before(note, note.doc[i].idx)):
            continue  # « rien à voir avec la punition de Tristan »
        start, end = note.clause(note.doc[i].idx)
        others = cues.OTHER_ACTOR.search(note.folded[start:end]) and not _extends_to_mentoring(note)
        if others or _third_party_only(note, start, end):
            continue  # « puni par le collège »: someone else's sanction, context only
        if _mentor_owns(note, note.doc[i].idx, len(note.doc[i].text)) or _others_do(note, i):
            continue  # « le mentor a été sanctionné », « le juge l'a sanctionné »
        if _goes_on(note) and (
            note.reported(i) or cues.ASKED.search(note.folded[start : note.doc[i].idx])
        ):
            continue  # « sa mère voulait qu'on annule la sortie pour le punir ; elle a eu lieu »
        found.append(note.doc[i].text)
    found += [
        note.as_written(m.group(0))
        for m in cues.EXPLICIT_PHRASES.finditer(note.flat)
        if not _phrase_defeated(note, m)
    ]
    if not note.english:
        for phrase in parse.deprivations(note.doc, LEXICON):
            at = max(0, note.folded.find(fold(phrase)))
            sentence = _sentence_before(note, at)
            ends = [e for e in (note.folded.find(c, at) for c in ".!?\n") if e >= 0]
            if not _third_party_only(note, at - len(sentence), min(ends, default=len(note.folded))):
                found.append(phrase)  # « la FA l'a privée de sortie, mais pas de la marraine »
    return found


def _phrase_defeated(note: _Note, m: re.Match[str]) -> bool:
    """A sanction phrase read like a sanction word: negated (« en aucun cas il ne perd son droit »,
    « le mentorat ne se mérite pas »), asked, or another actor's (« le foyer l'a puni, privé de
    sorties »). note.flat drops quotes, so the phrase is found again in the folded text."""
    at = note.folded.find(m.group(0))
    if at < 0:
        return False
    before = note.flat[: m.start()].split()
    after = note.flat[m.end() :].split()[:2]
    negated = any(w in cues.NEGATORS for w in before[-4:]) or any(
        w in cues.NEGATORS_AFTER for w in after
    )
    return (
        negated
        or _asked(note, at)
        or (
            bool(cues.OTHER_ACTOR.search(_sentence_before(note, at) + m.group(0)))
            and not _extends_to_mentoring(note)
        )
        or _third_party_only(note, at - len(_sentence_before(note, at)), at + len(m.group(0)))
    )


def _extends_to_mentoring(note: _Note) -> bool:
    """Someone else's sanction that takes in the mentoring (« y compris les rencontres avec sa
    marraine », "and that includes her mentor visits"): ours too, not context."""
    return bool(cues.EXTENDS_TO_MENTORING.search(note.flat))


def _third_party_only(note: _Note, start: int, end: int) -> bool:
    """The foster family's or the home's sanction, while mentoring is unaffected (« puni par sa FA
    ce week-end mais ça ne concerne pas le mentorat »)."""
    if _extends_to_mentoring(note):
        return False
    return bool(cues.THIRD_PARTY.search(note.folded[start:end])) and bool(
        cues.UNAFFECTED.search(note.flat) or _goes_on(note) or _mentoring_unchanged(note)
    )


def _conduct(note: _Note) -> list[str]:
    """The youth's conduct cited in the note (the mentor's own conduct does not count)."""
    return [w for _at, w in _conduct_at(note)]


def _conduct_at(note: _Note) -> list[tuple[int, str]]:
    """The youth's conduct cited, with where it stands in the folded text."""
    not_conduct = [m.span() for m in cues.NOT_CONDUCT.finditer(note.folded)]
    cited = [(note.doc[i].idx, note.doc[i].text) for i in note.tokens(CONDUCT)]
    cited = [(at, w) for at, w in cited if not _inside(not_conduct, at)]
    cited += [
        (m.start(), note.as_written(m.group(0))) for m in cues.CONDUCT_PHRASES.finditer(note.folded)
    ]
    return [(at, w) for at, w in sorted(cited) if not _mentor_owns(note, at, len(w))]


def _conduct_is_the_reason(note: _Note) -> bool:
    """The youth's conduct is given as the reason: a causal connector (« parce qu'il », « suite
    à ses », "because", "for his") or a condition (« tant qu'il », "until") followed in its
    clause by the youth's conduct."""
    cited = [at for at, _w in _conduct_at(note)]
    if not note.english:
        for phrase in _youth_misconduct(note):
            at = note.folded.find(fold(phrase))
            if at >= 0:
                cited.append(at)
    others = [m.start() for m in cues.OTHER_CAUSE.finditer(note.folded)]
    links = [*cues.CAUSAL.finditer(note.folded), *cues.CONDITION_PHRASES.finditer(note.folded)]
    for m in links:
        _start, end = note.clause(m.start())
        for at in (at for at in cited if m.start() <= at < end):
            # "because he is moving to a residential school": the connector gives the move
            if not any(m.start() <= other < at for other in others):
                return True
    return _conduct_then_consequence(note, cited)


def _conduct_then_consequence(note: _Note, cited: list[int]) -> bool:
    """The conduct, then a consequence connector, in one sentence (« bulletin catastrophique =>
    plus de sorties », « il a encore séché, du coup pas de rencontre »)."""
    for m in cues.CONSEQUENCE.finditer(note.folded):
        start = m.start() - len(_sentence_before(note, m.start()))
        if any(start <= at < m.start() for at in cited):
            return True
    return False


def _other_cause(note: _Note) -> bool:
    """Another cause (an adoption, a move, an administrative closure, goals reached, the mentor's
    doing…) clears the note only when it is the reason: not denied (« ce n'est pas à cause du
    déménagement »), and not beside the youth's conduct given as the reason (« suspendu parce
    qu'il a frappé sa mère adoptive »). An adoptive family is a cause when it decides or asks,
    not when it is only named."""
    causes = [m.start() for m in cues.OTHER_CAUSE.finditer(note.flat)]
    causes += [
        m.start()
        for m in cues.ADOPTIVE_FAMILY_DECIDES.finditer(note.flat)
        if cues.FAMILY_DECISION_AFTER.match(note.flat[m.end() :])
    ]
    causes = [at for at in causes if not cues.OTHER_CAUSE_DENIED.search(note.flat[:at])]
    return bool(causes) and not _conduct_is_the_reason(note)


def _is_conduct(word: str) -> bool:
    return _matches(CONDUCT, word)


def _is_act(word: str, lemma: str) -> bool:
    return _matches(ACT, word, lemma)


LEXICON = parse.Lexicon(fold=fold, is_act=_is_act, is_conduct=_is_conduct)


def _youth_misconduct(note: "_Note") -> list[str]:
    if note.english:
        return []
    found = parse.youth_misconduct(note.doc, LEXICON)
    return [
        c for c in found if not cues.NOT_CONDUCT.search(fold(c))
    ]  # « vole de ses propres ailes »


def _others_do(note: "_Note", i: int) -> bool:
    """The sanction is someone else's (« le juge l'a sanctionné ») and touches no mentoring (or
    the mentoring went on): context, not our act."""
    if note.english or not parse.by_third_party(note.doc[i], LEXICON):
        return False
    return _goes_on(note) or not parse.mentoring_acts(note.doc, LEXICON)


def _mentor_owns(note: _Note, at: int, length: int) -> bool:
    """« le mentor ne respecte pas la charte », "the mentor's conduct": not the youth's."""
    start, end = note.clause(at)
    before, after = note.folded[start:at], note.folded[at + length : end]
    # « le parrain est informé que…, Elias ayant été interpellé »: a new subject after a comma
    new_subject = cues.NEW_SUBJECT.search(before)
    return bool(
        cues.MENTOR_OWNS.search(before)
        or (cues.MENTOR_SUBJECT.match(before) and not new_subject)
        or cues.MENTOR_OWNED_AFTER.match(after)
    )


def _acts(note: _Note, *, asked: bool = False) -> list[str]:
    """The acts on mentoring; an act asked in a question (« faut-il réduire les sorties ? ») is
    not decided and is left out, unless `asked` (then every act, asked or not)."""
    found = [
        (note.doc[i].idx, note.doc[i].text)
        for i in note.tokens(ACT)
        if not _negated(note.words, i)
        and not _by_others(note, i)
        and not note.others_act(i)
        and not parse.hyphen_tail(note.doc[i])
    ]
    found += [
        (max(0, note.folded.find(m.group(0))), note.as_written(m.group(0)))
        for m in cues.ACT_PHRASES.finditer(note.flat)
    ]
    if not note.english:
        found += [
            (max(0, note.folded.find(fold(p))), p) for p in parse.mentoring_acts(note.doc, LEXICON)
        ]
    return [w for at, w in found if asked or not _asked(note, at)]


def _by_others(note: _Note, i: int) -> bool:
    """« exclu du collège »: the school's act on the youth, not ours on mentoring."""
    token = note.doc[i]
    after = note.folded[token.idx + len(token.text) :]
    return bool(cues.ACT_BY_OTHERS.match(after) or cues.ACT_ON_THINGS.match(after))


def _goes_on(note: _Note) -> bool:
    """The match goes on (« le mentorat continue »), unless negated or the conduct goes on."""
    for m in cues.GOES_ON.finditer(note.flat):
        before = note.flat[: m.start()]
        if cues.NEGATED_BEFORE.search(before) or cues.GOES_ON_IS_CONDUCT.search(before):
            continue
        # « malgré les avertissements », « l'équipe maintient l'arrêt », « la suspension est
        # maintenue »: the conduct or the stop goes on, not the match
        kept_stop = m.group(0).startswith("maint") and cues.KEPT_ACT_BEFORE.search(before)
        if cues.GOES_ON_NOT.match(note.flat[m.start() :]) or kept_stop:
            continue
        if _kept_on_condition(note, m.end()):
            continue
        if cues.GOES_ON_TURNED.match(note.flat[m.end() :]):
            continue  # « maintenue mais réduite à 30 minutes »
        return True
    return False


def _kept_on_condition(note: _Note, after: int) -> bool:
    """« maintenu, à condition qu'il s'excuse », « maintenues… sauf si Ayoub récidive »: the match
    goes on only under a condition on the youth's conduct or effort, a threat rather than a match
    that goes on."""
    conduct = [at for at, _w in _conduct_at(note)]
    for m in cues.CONDITION_PHRASES.finditer(note.folded, after):
        rest = note.folded[m.end() :]
        if cues.CONDITION_NOT_ON_YOUTH.match(rest):
            continue
        _start, end = note.clause(m.start())
        if cues.CONDITION_EFFORT.match(rest) or any(m.start() <= at < end for at in conduct):
            return True
    return False


def _conditions(note: _Note, *, effort_only: bool = False) -> list[str]:
    """Conditions on the youth; with effort_only, those asking an effort of them right after
    (« sauf s'il accepte de … », "once he shows …"), which need no conduct word elsewhere."""
    found = []
    for m in cues.CONDITION_PHRASES.finditer(note.flat):
        after = note.flat[m.end() :]
        if cues.CONDITION_NOT_ON_YOUTH.match(after):
            continue
        if effort_only and not cues.CONDITION_EFFORT.match(after):
            continue
        found.append(note.as_written(m.group(0)))
    return found


def _levers(note: _Note) -> list[str]:
    """Levers on the youth; « la FA a été recadrée », « propos recadrés par la cheffe »: an adult
    called to order, not the youth."""
    goes_on = _goes_on(note)
    # « peut-on suspendre le mentorat pour le faire réagir ? »: an act only asked, not decided
    asked_only = not _acts(note) and bool(_acts(note, asked=True))
    return [
        note.as_written(m.group(0))
        for m in cues.LEVER_PHRASES.finditer(note.flat)
        if not cues.NEGATED_BEFORE.search(note.flat[: m.start()])
        # « peut-on suspendre le mentorat pour le faire réagir ? »: a question, not what was done
        and not (asked_only and _asked(note, note.folded.find(m.group(0))))
        # « l'éducateur a évoqué l'idée de le priver « pour qu'il comprenne » ; le mentorat se
        # poursuit »: someone's idea, not what was done
        and not (
            goes_on and cues.ASKED.search(_sentence_before(note, note.folded.find(m.group(0))))
        )
        and not (
            m.group(0).startswith("recadr")
            and (
                cues.ADULT_CALLED_TO_ORDER.search(note.flat[: m.start()])
                or cues.CALLED_TO_ORDER_BY.match(note.flat[m.end() :])
            )
        )
    ]


def _unlisted_reason(note: _Note) -> list[str]:
    """A reason in words no list knows (« Mehdi a été interpellé », "he keeps bullying"): the
    youth's doing unless a legitimate cause (a closed list: moves, health, the mentor…) is named."""
    if cues.LEGITIMATE_CAUSE.search(note.flat):
        return []
    original = " ".join(_QUOTES.sub(" ", note.text).split())
    for text in (note.flat, original):
        for found in cues.REASON_GIVEN.finditer(text):
            if cues.EVENT_AFTER.match(fold(text[found.end() :])) or (
                note.english and found.group(0).strip().lower() == "car"
            ):
                continue  # « à cause de la tempête », "because the mentor's car broke down"
            return [note.as_written(" ".join(note.flat[found.start() :].split()[:4]))]
    return []


def read(text: str, weights: Any = None) -> Reading:
    """The reader every channel calls (sanctions.refuse_sanctions): the rules, then, on a note of
    at least punitive_model.MIN_WORDS words where they saw no legitimate reason, the learned
    model. It adds a finding when the wording is close to notes of sanctions (probability at least
    punitive_model.THRESHOLD) and doubts a refusal resting only on the rules' structural inference
    (DOUBTABLE findings) when the wording is far from them (under punitive_model.DOUBT).
    `weights`: the shipped model's unless given (the cross-validation reads with a model trained
    without the corpus it scores)."""
    reading = rules_reading(text)
    if reading.cleared or len((text or "").split()) < model.MIN_WORDS:
        return reading
    kinds = {f.kind for f in reading.findings}
    if reading.is_sanction and not kinds <= model.DOUBTABLE:
        return reading  # a named sanction, a lever: never the model's to clear
    p = model.probability(model.shipped() if weights is None else weights, text)
    if reading.is_sanction:
        if p < model.DOUBT:
            return Reading(cleared=True)  # read as a stop for conduct; worded like no sanction
        return reading
    if p >= model.THRESHOLD:
        # the model weighs the whole wording: the finding quotes it (shortened)
        quoted = " ".join(text.split())
        quoted = quoted if len(quoted) <= 80 else quoted[:79].rstrip() + "…"
        reading.findings.append(Finding(quoted, "learned"))
    return reading


def rules_reading(text: str) -> Reading:
    """The rules alone, for measurement (bench, floors); the product calls read()."""
    reading = Reading()
    if not (text or "").strip():
        return reading
    note = _parsed(text)
    if cues.REFUSED.search(note.flat) or (not note.english and parse.refused(note.doc, LEXICON)):
        reading.cleared = True
        return reading  # a sanction asked for (by the home, the school) and refused
    if _corrected_or_principle(note):
        reading.cleared = True
        return reading  # « suspendues à tort… rétablies », « on ne punit pas par le mentorat »
    if _mentoring_unchanged(note) and (
        not _acts_on_mentoring(note) or _unchanged_names_the_mentor(note)
    ):
        reading.cleared = True
        return reading  # « puni par le foyer ; pour le mentorat, on ne change rien »
    for phrase in _explicit(note)[:1]:
        reading.findings.append(Finding(phrase, "explicit"))
    for phrase in (_levers(note) + _rewards(note))[:1]:
        reading.findings.append(Finding(phrase, "lever"))
    defeated = (
        _goes_on(note)
        or cues.YOUTH_WISH.search(note.flat)
        or (not note.english and parse.youth_wishes(note.doc, LEXICON))
        or _not_the_cause(note)
        or _other_cause(note)
    )
    if defeated:
        reading.cleared = not reading.findings
        return reading
    acts = _acts(note)
    if not acts and _acts(note, asked=True):
        reading.cleared = not reading.findings
        return reading  # « Faut-il réduire les sorties vu ses absences ? »: asked, not decided
    conduct = _conduct(note) or _youth_misconduct(note) or _unlisted_reason(note)
    if not conduct:
        for phrase in _conditions(note, effort_only=True)[:1]:
            reading.findings.append(Finding(phrase, "condition"))
    else:
        conditions = _conditions(note)
        if acts:
            reading.findings.append(Finding(f"{acts[0]} … {conduct[0]}", "stop_for_conduct"))
        if conditions:
            reading.findings.append(Finding(f"{conditions[0]} … {conduct[0]}", "condition"))
    for finding in _structure(note, bool(acts)):  # what the parse adds, one finding per kind
        if finding.kind not in {f.kind for f in reading.findings}:
            reading.findings.append(finding)
    return reading


_MENTORING_WORD = re.compile(
    r"\b(mentorat|parrainage|jumelage|marrainage|mentor|mentore|marraine|parrain|benevole|sorties?"
    r"|rencontres?|rdv|binome|mentoring|match|visits?|meetings?|outings?|volunteer)\b"
)


def _mentoring_unchanged(note: _Note) -> bool:
    """The note says the mentoring is left as it is (« côté mentorat, aucune répercussion », « le
    jumelage reste tel quel »), in the sentence that names it, with nothing turning after."""
    for m in cues.MENTORING_UNCHANGED.finditer(note.flat):
        start = max(note.flat.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        ends = [e for e in (note.flat.find(c, m.end()) for c in ".!?\n") if e >= 0]
        sentence = note.flat[start : min(ends, default=len(note.flat))]
        rest = note.flat[m.end() :]
        if (
            _MENTORING_WORD.search(sentence)
            and not cues.NEGATED_BEFORE.search(note.flat[start : m.start()])
            and not cues.TURNS_AFTER.search(rest)
            and not cues.CONDITION_PHRASES.search(rest)
        ):
            return True
    return False


_MENTOR_PERSON = re.compile(r"\b(mentor|mentore|marraine|parrain|benevole|volunteer)s?\b")


def _unchanged_names_the_mentor(note: _Note) -> bool:
    """« privée de sortie ce week-end ; la rencontre avec sa marraine n'est pas concernée »: the
    note says the time with the mentor is left as it is, and no act it names touches the mentor
    (a home's sanction on outings in general is context)."""
    said = False
    for sentence in re.split(r"[.!?\n]", note.flat):
        m = cues.MENTORING_UNCHANGED.search(sentence)
        # « … tant que le comportement ne change pas »: the conduct is what does not change
        if m and _MENTOR_PERSON.search(sentence):
            said = said or not cues.CONDITION_PHRASES.search(sentence[: m.start()])
    return said and not any(_MENTOR_PERSON.search(fold(a)) for a in _acts(note))


def _rewards(note: _Note) -> list[str]:
    """Mentoring given back for good conduct (« comme Théo s'est bien tenu, le foyer a accepté
    qu'il reprenne les sorties avec son parrain »): a reward, the other face of a sanction."""
    if not _MENTORING_WORD.search(note.flat):
        return []
    for sentence in re.split(r"[.!?\n]", note.flat):
        good = cues.GOOD_CONDUCT.search(sentence)
        if good and cues.RESUMED.search(sentence) and _MENTORING_WORD.search(sentence):
            return [note.as_written(good.group(0))]
    return []


def _acts_on_mentoring(note: _Note) -> bool:
    """An act decided on the mentoring itself (a phrase naming it, or the parse's act on it), not
    a bare act word (« exclusion » of the school)."""
    if any(
        not _asked(note, note.folded.find(m.group(0))) for m in cues.ACT_PHRASES.finditer(note.flat)
    ):
        return True
    if note.english:
        return bool(_acts(note))
    return bool(parse.mentoring_acts(note.doc, LEXICON))


def _not_the_cause(note: _Note) -> bool:
    """« sans lien avec son comportement »; not when the note turns to the youth's conduct after
    (« ce n'est pas lié à sa mentore, mais à son comportement », « sans lien avec l'école : c'est
    son comportement au foyer »)."""
    conduct = [at for at, _w in _conduct_at(note)]
    for m in cues.NOT_THE_CAUSE.finditer(note.flat):
        at = note.folded.find(m.group(0))
        turn = cues.TURNS_TO.search(note.folded, max(at, 0) + len(m.group(0)))
        if turn and any(at >= turn.start() for at in conduct):
            continue
        return True
    return False


def _corrected_or_principle(note: _Note) -> bool:
    """A sanction corrected or abandoned (« erreur reconnue », « clause retirée »), or the
    principle stated (« on ne punit pas par le mentorat »), with nothing turning against it after
    (« …, mais vu ses insultes on arrête » stays a sanction)."""
    for pattern in (cues.CORRECTED, cues.PRINCIPLE):
        for m in pattern.finditer(note.flat):
            rest = note.flat[m.end() :]
            start = max(note.flat.rfind(c, 0, m.start()) for c in ".!?\n") + 1
            if cues.OVERRIDDEN_BEFORE.search(note.flat[start : m.start()]):
                continue  # « malgré notre attachement au principe …, nous avons dû interrompre »
            if not cues.TURNS_AFTER.search(rest) and not cues.CONDITION_PHRASES.search(rest):
                return True  # « sanction levée quand il s'excusera » is a condition
    return False


def _structure(note: _Note, acted: bool) -> list[Finding]:
    """From the French parse: a condition or a purpose bearing on the youth (« on reprendra quand
    il se tiendra tranquille », « pour qu'il se remette au travail »)."""
    if note.english:
        return []
    found = [Finding(p, "condition") for p in parse.conditions_on_youth(note.doc, LEXICON)[:1]]
    if acted:
        found += [Finding(p, "lever") for p in parse.purposes_on_youth(note.doc, LEXICON)[:1]]
    return found


def is_punitive(*texts: str) -> bool:
    """True when any text presents ending or pausing mentoring as a sanction."""
    return any(read(t).is_sanction for t in texts)
