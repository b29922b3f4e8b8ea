"""The first no-sanction check, a keyword list (kept as the baseline of docs/benchmarks.md; the
service uses punitive.py). Mentoring is never withdrawn as a sanction (seed 001: « le mentorat ne doit jamais être retiré
pour sanctionner ou punir le jeune »). This module recognises reasons and notes that say it is.

The check is deliberately broad (French and English, with or without accents): a false alarm
costs the coordinator a rewording, a missed one costs a youth their mentor.
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

EXPLANATION = _(
    "Mentoring is never withdrawn as a sanction or a punishment: it is one of the services "
    "offered to the youth, whatever their behaviour. Choose a reason about the relationship "
    "itself (the youth's wish, the mentor moving, the match completed, a safety concern...)."
)

_PATTERNS = [
    r"\bsanction",  # sanction, sanctionner, sanctionné
    r"\bpuni",  # punir, puni, punie, punition, punissons
    r"\bpunish",  # punish, punishment, punished
    r"\bpunitive?",
    r"\bpenalt",  # penalty
    r"\bpenalis|\bpenaliz",  # pénaliser, penalise
    r"\bdisciplinary\b|\bdisciplinaire",
    r"\bprive[es]{0,2}\s+(de|du)\s+(son\s+|sa\s+|ses\s+)?(mentor|jumelage|parrain)",
    r"\bretire[es]{0,2}\b.*\b(comportement|mauvaise conduite|bêtise|betise)",
    r"\bwithdrawn?\b.*\b(behaviou?r|misconduct|consequence)",
    r"\bas a consequence of (his|her|their) (behaviou?r|conduct)",
    r"\b(lose|loses|lost) (his|her|their) mentor\b.*\b(because|for)\b",
]
_REGEX = re.compile("|".join(_PATTERNS))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_punitive(*texts: str) -> bool:
    """True when any text says mentoring is withdrawn (or paused) to punish the youth."""
    return any(_REGEX.search(_fold(text or "")) for text in texts)
