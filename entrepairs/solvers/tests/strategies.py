"""Hypothesis strategies and independent reference checks shared by the solver tests."""

from __future__ import annotations

from hypothesis import strategies as st

from entrepairs.solvers import Candidate, HardConstraints
from entrepairs.solvers.scoring import straight_line_km

INTERESTS = ["music", "sport", "games", "art"]
LANGS = ["de", "en", "ar"]
SLOTS = ["mon", "tue", "wed"]


def candidates(
    prefix: str, n_min: int, n_max: int, provider: bool
) -> st.SearchStrategy[list[Candidate]]:
    one = st.builds(
        Candidate,
        id=st.just(""),
        interests=st.frozensets(st.sampled_from(INTERESTS), max_size=3),
        languages=st.frozensets(st.sampled_from(LANGS), max_size=2),
        region=st.sampled_from([None, "north", "south"]),
        location=st.one_of(
            st.none(),
            st.tuples(st.floats(52.0, 52.5), st.floats(13.0, 13.6)),
        ),
        availability=st.frozensets(st.sampled_from(SLOTS), max_size=3),
        gender=st.sampled_from([None, "f", "m"]),
        age=st.one_of(st.none(), st.integers(14, 60)),
        experience_years=st.floats(0, 12, allow_nan=False).map(lambda x: round(x, 1)),
        line_manager=st.sampled_from([None, "boss1", "boss2", f"{'s' if provider else 'p'}0"]),
        team=st.sampled_from([None, "red", "blue"]),
        safeguarding_cleared=st.booleans(),
        capacity=st.integers(0, 2) if provider else st.just(1),
        preferred_genders=st.just(frozenset())
        if provider
        else st.frozensets(st.sampled_from(["f", "m"]), max_size=1),
        preferred_age_range=st.just(None) if provider else st.one_of(st.none(), st.just((20, 40))),
        required_language=st.just(None)
        if provider
        else st.one_of(st.none(), st.sampled_from(LANGS)),
    )
    return st.lists(one, min_size=n_min, max_size=n_max).map(
        lambda cs: [Candidate(**{**c.__dict__, "id": f"{prefix}{k}"}) for k, c in enumerate(cs)]
    )


def constraints(seekers: int, providers: int) -> st.SearchStrategy[HardConstraints]:
    pair = st.tuples(
        st.integers(0, max(0, seekers - 1)).map(lambda k: f"s{k}"),
        st.integers(0, max(0, providers - 1)).map(lambda k: f"p{k}"),
    )
    return st.builds(
        HardConstraints,
        excluded_pairs=st.frozensets(pair, max_size=3)
        if seekers and providers
        else st.just(frozenset()),
        previous_pairs=st.frozensets(pair, max_size=2)
        if seekers and providers
        else st.just(frozenset()),
        forbid_previous_pairs=st.booleans(),
        forbid_same_line_manager=st.booleans(),
        forbid_same_team=st.booleans(),
        require_common_language=st.booleans(),
        require_safeguarding=st.booleans(),
        require_same_region=st.booleans(),
    )


def reference_feasible(a: Candidate, b: Candidate, hc: HardConstraints) -> bool:
    """Plain-Python statement of the hard constraints, independent of the numpy code."""
    if a.id == b.id or (a.id, b.id) in hc.excluded_pairs:
        return False
    if hc.forbid_previous_pairs and (a.id, b.id) in hc.previous_pairs:
        return False
    if hc.forbid_same_line_manager and (
        (a.line_manager is not None and a.line_manager == b.line_manager)
        or a.line_manager == b.id
        or b.line_manager == a.id
    ):
        return False
    if hc.forbid_same_team and a.team is not None and a.team == b.team:
        return False
    if a.required_language is not None and a.required_language not in b.languages:
        return False
    if b.required_language is not None and b.required_language not in a.languages:
        return False
    if hc.require_common_language and not (a.languages & b.languages):
        return False
    if hc.require_safeguarding and not b.safeguarding_cleared:
        return False
    if hc.require_same_region and (a.region is None or a.region != b.region):
        return False
    return not (hc.allowed_pairs is not None and (a.id, b.id) not in hc.allowed_pairs)


__all__ = ["candidates", "constraints", "reference_feasible", "straight_line_km"]
