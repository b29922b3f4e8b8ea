"""Independent oracles for the solver tests, and a tally of how often they are really used.

``documented_raw`` restates the pair-scoring rules of ``docs/solvers.md`` ("Score" table)
in plain Python. It is written from that table, not from ``scoring.py``: it shares no code
with the solver (distances are great-circle distances by the haversine formula, where the
solver uses straight-line chords), so a change of rule made consistently in the solver's
scalar and vectorised scorers still fails against it.

Where the documentation is silent, the oracle takes the reading stated next to the rule
(an empty union or an empty slot list scores 0; "same region" needs a region).

``Tally`` counts, per test, the examples that reached the oracle comparison with a
non-trivial instance; the autouse fixture in ``conftest.py`` fails the test when that
share is below its floor. It is checked inside the test that produced the counts, so it
holds under any test order and with pytest-xdist.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from hypothesis import event
from hypothesis.control import currently_in_test_context

from entrepairs.solvers import Candidate, Weights

EARTH_KM = 6371.0
CRITERIA = ("interests", "language", "distance", "availability", "preferences", "experience_gap")


def great_circle_km(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Haversine distance on a sphere of radius 6,371 km."""
    la1, lo1, la2, lo2 = map(math.radians, (*p, *q))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def documented_raw(seeker: Candidate, provider: Candidate, w: Weights) -> dict[str, float]:
    """Raw value in [0, 1] of every criterion, as the "Score" table of docs/solvers.md states it."""
    a, b = seeker, provider
    raw: dict[str, float] = {}
    # interests: Jaccard overlap of the interest sets.
    union = a.interests | b.interests
    raw["interests"] = len(a.interests & b.interests) / len(union) if union else 0.0
    # language: 1 if they share a language.
    raw["language"] = 1.0 if a.languages & b.languages else 0.0
    # distance: max(0, 1 - km / max_distance_km) from coordinates; without them, 1 if same region.
    if a.location is not None and b.location is not None:
        raw["distance"] = max(
            0.0, 1.0 - great_circle_km(a.location, b.location) / w.max_distance_km
        )
    else:
        raw["distance"] = 1.0 if a.region is not None and a.region == b.region else 0.0
    # availability: shared slots / the smaller slot count.
    smaller = min(len(a.availability), len(b.availability))
    raw["availability"] = len(a.availability & b.availability) / smaller if smaller else 0.0
    # preferences: share of the seeker's stated preferences met (gender, age range); 1 if none.
    stated: list[bool] = []
    if a.preferred_genders:
        stated.append(b.gender in a.preferred_genders)
    if a.preferred_age_range is not None:
        low, high = a.preferred_age_range
        stated.append(b.age is not None and low <= b.age <= high)
    raw["preferences"] = sum(stated) / len(stated) if stated else 1.0
    # experience_gap: clip((provider - seeker experience) / target years, 0, 1).
    gap = (b.experience_years - a.experience_years) / w.experience_gap_target_years
    raw["experience_gap"] = min(1.0, max(0.0, gap))
    return raw


def distance_tolerance(seeker: Candidate, provider: Candidate, w: Weights) -> float:
    """How far the solver's distance score may be from the great-circle one (docs: within 0.1 %)."""
    if seeker.location is None or provider.location is None:
        return 1e-9
    return 1e-3 * great_circle_km(seeker.location, provider.location) / w.max_distance_km + 1e-9


def documented_score(seeker: Candidate, provider: Candidate, w: Weights) -> float:
    """The sum over criteria of weight x raw value."""
    raw = documented_raw(seeker, provider, w)
    return sum(float(getattr(w, c)) * raw[c] for c in CRITERIA)


class Tally:
    """Share of a test's examples that reached the oracle comparison on a real instance."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.total = 0
        self.reached = 0
        self.floor = 0.0
        self.what = ""

    def record(self, reached: bool, what: str, *, floor: float = 0.8) -> None:
        """Count one example; ``what`` says what reaching means (it names the Hypothesis event)."""
        self.total += 1
        self.reached += reached
        self.floor, self.what = floor, what
        event(f"reached the oracle: {what}" if reached else f"did NOT reach the oracle: {what}")

    def check(self) -> None:
        if self.total == 0:
            return
        share = self.reached / self.total
        assert share >= self.floor, (
            f"only {self.reached} of {self.total} examples ({share:.0%}) reached the oracle "
            f"({self.what}); the generator must make at least {self.floor:.0%} real instances"
        )


TALLY = Tally()


def note(label: str) -> None:
    """A Hypothesis event when running under Hypothesis (example-based tests share the helpers)."""
    if currently_in_test_context():
        event(label)


def bucket(n: int, edges: Iterable[int] = (0, 1, 2, 3)) -> str:
    """A readable event label for a count: "0", "1", ... or ">= last edge"."""
    edges = list(edges)
    return str(n) if n < edges[-1] else f">= {edges[-1]}"
