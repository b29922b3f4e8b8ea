"""The no-sanction rule for the NAMES of closure reasons (issue 14: « an organisation may rename or
add reasons but never one of a sanction kind »).

A note explains itself (punitive.py reads its structure: an act, a conduct, a condition). A reason
label is two or three words: « Comportement inadapté », "Misconduct", « Retrait ». It never says
"we stop because of it", yet as the reason a match ends it says exactly that. So a label is read
twice: by the note reader (an explicit sanction, a condition…), and against a lexicon of the
youth's conduct and of sanctions, on folded words and their spaCy lemmas (French and English).

Safeguarding reasons name a risk to the child, not the child's conduct. A safeguarding label
with a conduct word passes only when it also names that risk (« Violence subie par le jeune »,
"Risk of harm to the youth"); a bare « Violence » is refused even as a safeguarding reason: it
reads as the youth's violence (the most common meaning in a care file), which would make the
closure a sanction; the coordinator is asked to name what the child is protected from.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from entrepairs.core.nlp import french

from .punitive import Finding, Reading, fold, rules_reading
from .reasons import SAFEGUARDING


def _stems(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# Stems of the youth's conduct, schooling and of sanctions (folded, matched as word prefixes;
# stems of three letters or less match whole words only).
CONDUCT_STEMS = _stems(
    # conduct
    "comportement conduite inadapt indisciplin disciplin reglement regle non-respect irrespect "
    "irrespectu insolen insult injur impoli violen agress bagarr menace harcel vol voler volee "
    "fugu drogue stupefiant alcool cannabis desobei provoc degrad vandal delinqu incivil "
    "betise connerie derapage ecart transgress infraction mensonge"
    # schooling
    " decroch scolair scolarit ecole college lycee absenteism assiduit"
    # sanctions and their means
    " sanction puni penal retrait retir privation priver prive exclu exclusion renvoi renvoy "
    "recadr suspension mesure-educative"
    # English
    " misconduct misbehav behav conduct disciplin rule rules rule-breaking disrespect rude "
    "violent aggress assault fight theft steal stole bully bullied harass drug alcohol "
    "truan school attendance absconding abscond runaway run-away expel expuls exclud exclusion "
    "punish penalt sanction withdrawal withdrawn suspension grounded detention"
)
# Effort words: the youth's conduct unless the label is about the mentor (« Manque d'implication
# du mentor » is the mentor leaving, a legitimate reason).
EFFORT_STEMS = [
    "implication",
    "implique",
    "investissement",
    "motivation",
    "engagement",
    "absence",
    "absent",
]
MENTOR = re.compile(r"\b(mentor\w*|parrain\w*|marraine\w*|benevole\w*|volunteer\w*)\b")
# Adults deciding the end about the youth (« Fin décidée par l'équipe éducative »).
ADULTS_DECIDE = re.compile(
    r"\b(decid\w*|decision\w*|choix)\b.*\b(equipe|educat\w*|foyer|service|direction|encadrement"
    r"|adultes?|staff|team|educators?)\b|\bequipe educative\b|\b(staff|team) decision\b"
)
# What a safeguarding label names when it protects the child.
RISK_TO_CHILD = re.compile(
    r"\b(risque\w*|danger\w*|securite|protection|proteger|maltrait\w*|subi\w*|victime\w*|"
    r"signalement|inquietude\w*|preoccupation\w*|emprise|envers (le|la) jeune|sur (le|la) jeune|"
    r"safety|risk\w*|harm\w*|abuse[ds]? (of|against)|victim\w*|endanger\w*|welfare|"
    r"against the (youth|child)|suffered|protect\w*)\b"
)

WHY = {
    "conduct_label": _("as a closure reason, it names the youth's conduct or schooling"),
    "adults_decide": _(
        "as a closure reason, it presents the end as the adults' decision about the youth"
    ),
    "safety_names_no_risk": _(
        "a safeguarding reason names a risk to the child, not a conduct: say what the child is "
        "protected from (e.g. « Violence subie par le jeune », « Risque pour la sécurité du "
        "jeune »)"
    ),
}


@dataclass(frozen=True)
class LabelFinding(Finding):
    @property
    def why(self) -> Promise:
        return WHY[self.kind]


def _terms(text: str) -> list[tuple[str, str]]:
    """(word as written, folded word or lemma) for each token of the text."""
    doc = french()(text, disable=["parser", "ner"])
    found = []
    for token in doc:
        for form in {fold(token.text), fold(token.lemma_)}:
            found.append((token.text, form.strip("'")))
    return found


def _is_conduct(form: str, stems: tuple[str, ...]) -> bool:
    return bool(form) and any(form == s or (len(s) > 3 and form.startswith(s)) for s in stems)


def _conduct_words(text: str) -> list[str]:
    """The words of the label that name the youth's conduct, schooling or a sanction."""
    stems = CONDUCT_STEMS if MENTOR.search(fold(text)) else (*CONDUCT_STEMS, *EFFORT_STEMS)
    words: list[str] = []
    for written, form in _terms(text):
        if _is_conduct(form, stems) and written not in words:
            words.append(written)
    return words


def read_reason_label(code: str, label: str, kind: str) -> Reading:
    """Whether a closure reason (its code and label, for its kind) presents the end of mentoring
    as a sanction: the note reader's rules, then the conduct named by the label. A label is not a
    note: the learned model (trained on notes) does not read it, these rules do."""
    text = f"{(code or '').replace('_', ' ')} : {label or ''}"
    reading = rules_reading(text)
    if reading.is_sanction:
        return reading
    folded = fold(text)
    if ADULTS_DECIDE.search(folded):
        reading.findings.append(LabelFinding(label, "adults_decide"))
        return reading
    words = _conduct_words(text)
    if not words:
        return reading
    if kind == SAFEGUARDING:
        if RISK_TO_CHILD.search(folded):
            return reading  # « Violence subie par le jeune »: the risk the child is protected from
        reading.findings.append(LabelFinding(" ".join(words), "safety_names_no_risk"))
        return reading
    reading.findings.append(LabelFinding(" ".join(words), "conduct_label"))
    return reading
