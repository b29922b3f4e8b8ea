"""Mentoring is never withdrawn as a sanction (seed 001: « le mentorat ne doit jamais être retiré
pour sanctionner ou punir le jeune »). This module reads closure and pause notes, and the names of
closure reasons, and says whether they present the end or a pause of mentoring as a sanction.

It reads French with spaCy's French model (lemmas, so « retirons », « retiré », « retrait » are one
cue) and English with the same cues written out. A text is a sanction when
- it names one (sanction, punition, mesure disciplinaire, « doit se mériter », grounded…) and
  does not deny it (« ce n'est pas une sanction », « aucune punition », "not a punishment"); or
- it stops mentoring (suspendre, retirer, priver, exclure, fin, pause, "no more"…) or sets a
  condition on it (« tant que », « jusqu'à ce que », « à condition que », « si il ne … pas »,
  until, unless, as long as…) and cites the youth's conduct, behaviour or schooling
  (comportement, fugue, insolence, école, absences, règles du foyer…), unless the note says the
  match goes on anyway (malgré, continue) or the youth asked for it.
Each finding keeps the phrase it rests on and why, so that the refusal can explain itself.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from entrepairs.core.nlp import french

EXPLANATION = _(
    "Mentoring is never withdrawn as a sanction or a punishment: it is one of the services "
    "offered to the youth, whatever their behaviour. Choose a reason about the relationship "
    "itself (the youth's wish, the mentor moving, the match completed, a safety concern...)."
)

WHY = {
    "explicit": _("it presents the decision as a sanction or a punishment"),
    "stop_for_conduct": _(
        "it stops or pauses mentoring because of the youth's conduct or schooling"
    ),
    "condition": _("it makes mentoring conditional on the youth's conduct or schooling"),
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Single words, matched on the folded lemma or the folded word (prefixes end with "*").
_EXPLICIT_WORDS = (
    "sanction* puni* punition* punitif* punitive* penalit* penalis* penaliz* penalty* "
    "disciplinaire* disciplinary* punish* grounded privilege* consequence* "
    "deserve* merite* meriter responsabilis*"
)
_STOP_WORDS = (
    "suspen* retir* retrait* priv* exclu* exclusion* arret* arreter stopp* stop stops stopped "
    "suppr* interromp* interrupt* annul* cess* clotur* perd* perdre lost lose loses interdi* "
    "fin pause paused pausing withdr* withh* revok* revoc* remov* cancel* terminat* ban banned "
    "ended ends end close* closing expel* exclud* renvoy*"
)
_CONDUCT_WORDS = (
    "comportement* conduite conduct* attitude* insolen* insult* bagarr* fight* violen* agress* "
    "voler vol vole stol* steal* theft fugu* menti mentir lie lied lying respect* regle* reglement* "
    "rule* rule-breaking couvre-feu curfew fum* smok* cannabis drogue* drug* degrad* vandal* "
    "frapp* hit hitting incident* absence* absent* sech* skip* truan* retard* ecole* college* "
    "lycee* classe* class classes cours scolair* scolarit* school* bulletin* notes grades "
    "resultats devoirs homework attendance assiduit* taches chambre chores excus* apolog* "
    "effort* renvoi* renvoy* behav* insolence lied misconduct disrespect* effronter* calme "
    "correctement sage repondu repondre insolent rude rudeness impoli* professeur* prof"
)
_NEGATORS = {"pas", "jamais", "aucun", "aucune", "ni", "non", "not", "no", "never", "neither"}
_NEGATORS |= {"nor", "n't", "nullement"}
_BREAKS = {":", ";", ".", "!", "?", "—", "-", "(", ")"}


def _cues(words: str) -> tuple[frozenset[str], tuple[str, ...]]:
    items = [w.replace("_", " ") for w in words.split()]
    return (
        frozenset(w for w in items if not w.endswith("*")),
        tuple(w[:-1] for w in items if w.endswith("*")),
    )


EXPLICIT, STOP, CONDUCT = _cues(_EXPLICIT_WORDS), _cues(_STOP_WORDS), _cues(_CONDUCT_WORDS)

# Phrases on the folded text.
_EXPLICIT_PHRASES = re.compile(
    r"reponse educative|coherence educative|marquer le coup|a titre (de sanction|punitif)"
    r"|\bprivee?s? d(e|u) (son |sa |ses )?(mentor|mentorat|parrain|marraine|jumelage|sorties)"
    r"|privation d(e|u) (mentor|mentorat|parrainage|jumelage)|deprived of (his|her|their) mentor"
    r"|doit se meriter|(earn|get)s? (his|her|their) mentor back|as a penalty|actions have consequences"
)
_STOP_PHRASES = re.compile(
    r"plus de (mentor|mentorat|sortie|rencontre|parrain|marraine|jumelage)"
    r"|ne (verra|reverra|viendra|aura) plus|n'aura plus|mis(e)? entre parentheses"
    r"|taken (away|off)|took (the|his|her|their) (mentor|mentoring) away|fini les (sorties|rencontres)|not allowed|no longer allowed|on hold|no more (mentor|outing|meeting)"
    r"|no mentor\b"
)
_CONDITION_PHRASES = re.compile(
    r"\btant qu|jusqu'a ce qu|a condition (qu|de)|\bsi (il|elle|ils|elles) (ne|n')|\bs'il (ne|n')"
    r"|\bs'ils (ne|n')|\bque s'(il|ils)\b|\bque si\b|en attendant qu|le temps qu|avant qu"
    r"|conditionne|quand (il|elle) aura|\bdes qu"
    r"|\buntil\b|\bas long as\b|\bunless\b|\bonly if\b|\bon condition\b|\bpending\b"
    r"|\bonce (his|her|their|he|she)\b|\bif (he|she|they) (doesn't|does not|don't|do not|won't)"
    r"|\bwhile (he|she|they) keeps?\b"
)
# The match goes on, the youth asked for it, or it ends as planned: conduct is only context.
_GOES_ON = re.compile(
    r"\bcontinu|maintenu|garde son mentor|malgre|meme s'|n'est pas lie|pas lie"
    r"|\bdespite\b|unaffected|\bgo(es)? on\b|keeps? (his|her|their) mentor"
    r"|(le|la) jeune (souhaite|prefere|a choisi|a demande)|a (la|sa) demande du jeune"
    r"|demande(e)? par (le|la) jeune|youth (asked|chose|wishes)|youth's (own )?request"
    r"|(his|her|their) own (request|choice|wish)|comme prevu|as planned|duree prevue"
)
_ABOUT_MENTOR = re.compile(r"^\W*(le |la |the )?(mentor|marraine|parrain)('s)?\b")


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

    @property
    def is_sanction(self) -> bool:
        return bool(self.findings)

    def explanation(self) -> str:
        """The general rule, then what was found: « "retrait … comportement" : it stops … »."""
        found = "; ".join(f"« {f.phrase} » : {f.why}" for f in self.findings[:3])
        return f"{EXPLANATION} {_('Found:')} {found}."


def _matches(cues: tuple[frozenset[str], tuple[str, ...]], *keys: str) -> bool:
    exact, prefixes = cues
    return any(k in exact or k.startswith(prefixes) for k in keys if k)


def _negated(words: list[str], i: int) -> bool:
    """A negator a few words before (or just after: « ne retirons pas ») within the clause."""
    for j in range(i - 1, max(-1, i - 5), -1):
        if words[j] in _BREAKS:
            break
        if words[j] in _NEGATORS:
            return True
    for j in range(i + 1, min(len(words), i + 3)):
        if words[j] in _BREAKS:
            break
        if words[j] in _NEGATORS:
            return True
    return False


def read(text: str) -> Reading:
    reading = Reading()
    if not (text or "").strip():
        return reading
    doc = french()(text, disable=["parser", "ner"])
    words = [fold(t.text) for t in doc]
    lemmas = [fold(t.lemma_) for t in doc]
    folded = fold(text)
    explicit = [
        doc[i].text
        for i in range(len(doc))
        if _matches(EXPLICIT, words[i], lemmas[i])
        and (lemmas[i].startswith("merit") or not _negated(words, i))
    ]
    explicit += [m.group(0) for m in _EXPLICIT_PHRASES.finditer(folded)]
    for phrase in explicit[:1]:
        reading.findings.append(Finding(phrase, "explicit"))
    conduct = [doc[i].text for i in range(len(doc)) if _matches(CONDUCT, words[i], lemmas[i])]
    if not conduct or _GOES_ON.search(folded):
        return reading
    stops = [
        doc[i].text
        for i in range(len(doc))
        if _matches(STOP, words[i], lemmas[i]) and not _negated(words, i)
    ]
    stops += [m.group(0) for m in _STOP_PHRASES.finditer(folded)]
    conditions = [
        m.group(0)
        for m in _CONDITION_PHRASES.finditer(folded)
        if not _ABOUT_MENTOR.match(folded[m.end() :])
    ]
    if stops:
        reading.findings.append(Finding(f"{stops[0]} … {conduct[0]}", "stop_for_conduct"))
    if conditions:
        reading.findings.append(Finding(f"{conditions[0]} … {conduct[0]}", "condition"))
    return reading


def is_punitive(*texts: str) -> bool:
    """True when any text presents ending or pausing mentoring as a sanction."""
    return any(read(t).is_sanction for t in texts)
