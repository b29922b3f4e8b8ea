"""Coach ↔ new tutor in the matching engine's terms, and a pairing's reasons in words.

The engine (entrepairs.solvers) is the mentoring one: a coach is a provider with a capacity, a new
tutor a seeker. A profession is passed as the only « interest », so the engine's shared-interests
criterion reads « same profession »."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from entrepairs.core.french import joined
from entrepairs.solvers.scoring import Candidate, Weights

LABELS = {
    "interests": _l("same profession"),
    "language": _l("a common language"),
    "distance": _l("the same region"),
    "availability": _l("free at the same times"),
    "experience_gap": _l("an experienced coach"),
}
STRONG_RAW = 0.5


def _fs(values: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(str(v).strip().lower() for v in (values or []) if str(v).strip())


def tutor_candidate(person: Any, id: str = "") -> Candidate:
    return Candidate(
        id=id or str(person.pk),
        interests=_fs([person.profession]),
        languages=_fs(person.languages),
        region=(person.region or "").strip().lower() or None,
        availability=_fs(person.availability),
        experience_years=float(person.years_experience or 0),
    )


def coach_candidate(offer: Any, spare: int = 1) -> Candidate:
    return Candidate(
        id=str(offer.pk),
        interests=_fs([offer.profession or offer.person.profession]),
        languages=_fs(offer.languages or offer.person.languages),
        region=(offer.region or offer.person.region or "").strip().lower() or None,
        availability=_fs(offer.availability or offer.person.availability),
        experience_years=float(offer.person.years_experience or 0),
        capacity=max(spare, 0),
    )


def weights_of(weight_map: dict[str, float]) -> Weights:
    return Weights.from_mapping({**weight_map, "preferences": 0.0})


def breakdown_rows(breakdown: Iterable[Any]) -> list[list[Any]]:
    return [[c, w, round(r, 4), round(x, 4)] for c, w, r, x in breakdown if c in LABELS]


def sentence(reasons: list[Any]) -> str:
    """« Points forts : même métier, une langue commune. » — the weighted criteria that scored
    well, the largest share first."""
    strong = [
        str(LABELS[row[0]])
        for row in sorted(reasons or [], key=lambda row: -float(row[3]))
        if row[0] in LABELS and float(row[1]) > 0 and float(row[2]) >= STRONG_RAW
    ]
    if not strong:
        return _("No criterion stands out for this pair.")
    return _("Strong points: %(points)s.") % {"points": joined(strong)}
