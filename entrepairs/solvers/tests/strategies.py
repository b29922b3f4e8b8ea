"""Hypothesis strategies and independent reference checks shared by the solver tests.

The generators produce *real* instances: hard constraints are drawn sparsely (each flag in
roughly one example out of five), providers have a capacity of 1 to 3 in most examples
(0 in about one out of twelve), most people speak a language and most providers are
safeguarding-cleared. Drawing every flag half the time, as an earlier version did, left
almost every instance without a single feasible pair, so the oracles compared 0 with 0.
"""

from __future__ import annotations

from hypothesis import strategies as st

from entrepairs.solvers import Candidate, HardConstraints

INTERESTS = ["music", "sport", "games", "art"]
LANGS = ["de", "en", "ar"]
SLOTS = ["mon", "tue", "wed", "thu", "fri"]


def sometimes(percent: int) -> st.SearchStrategy[bool]:
    """True in about ``percent`` % of the draws; shrinks towards False."""
    return st.integers(0, 99).map(lambda k: k >= 100 - percent)


def usually(percent: int) -> st.SearchStrategy[bool]:
    """True in about ``percent`` % of the draws; shrinks towards True."""
    return st.integers(0, 99).map(lambda k: k < percent)


def rarely_or[T](
    percent: int, usual: st.SearchStrategy[T], rare: st.SearchStrategy[T]
) -> st.SearchStrategy[T]:
    """``rare`` in about ``percent`` % of the draws, ``usual`` otherwise."""
    return sometimes(percent).flatmap(lambda r: rare if r else usual)


def candidates(
    prefix: str, n_min: int, n_max: int, provider: bool
) -> st.SearchStrategy[list[Candidate]]:
    other = "s" if provider else "p"
    one = st.builds(
        Candidate,
        id=st.just(""),
        interests=st.frozensets(st.sampled_from(INTERESTS), max_size=3),
        languages=rarely_or(
            8,
            st.frozensets(st.sampled_from(LANGS), min_size=1, max_size=2),
            st.just(frozenset()),
        ),
        region=st.sampled_from([None, "north", "south"]),
        location=st.one_of(
            st.none(),
            # About 20 x 14 km: most distances are a fraction of max_distance_km.
            st.tuples(st.floats(52.4, 52.6), st.floats(13.3, 13.5)),
        ),
        availability=st.frozensets(st.sampled_from(SLOTS), max_size=4),
        gender=st.sampled_from([None, "f", "m"]),
        age=st.one_of(st.none(), st.integers(14, 60)),
        experience_years=st.floats(0, 12, allow_nan=False).map(lambda x: round(x, 1)),
        line_manager=rarely_or(
            20, st.none(), st.sampled_from(["boss1", "boss2", f"{other}0", f"{other}1"])
        ),
        team=st.sampled_from([None, "red", "blue", "green"]),
        safeguarding_cleared=usually(85) if provider else st.booleans(),
        capacity=rarely_or(8, st.sampled_from([1, 2, 1, 3, 1]), st.just(0))
        if provider
        else st.just(1),
        preferred_genders=st.just(frozenset())
        if provider
        else st.frozensets(st.sampled_from(["f", "m"]), max_size=1),
        preferred_age_range=st.just(None) if provider else st.one_of(st.none(), st.just((20, 40))),
        required_language=rarely_or(10, st.none(), st.sampled_from(LANGS)),
    )
    return st.lists(one, min_size=n_min, max_size=n_max).map(
        lambda cs: [Candidate(**{**c.__dict__, "id": f"{prefix}{k}"}) for k, c in enumerate(cs)]
    )


def constraints(seekers: int, providers: int) -> st.SearchStrategy[HardConstraints]:
    """Hard constraints, each drawn sparsely: most instances keep most of their pairs."""
    if not (seekers and providers):
        return st.builds(
            HardConstraints,
            forbid_same_line_manager=sometimes(15),
            forbid_same_team=sometimes(15),
            require_common_language=sometimes(15),
            require_safeguarding=sometimes(20),
            require_same_region=sometimes(10),
        )
    every = [(f"s{i}", f"p{j}") for i in range(seekers) for j in range(providers)]
    pair = st.sampled_from(every)
    return st.builds(
        HardConstraints,
        excluded_pairs=st.frozensets(pair, max_size=2),
        previous_pairs=st.frozensets(pair, max_size=2),
        forbid_previous_pairs=sometimes(70),
        forbid_same_line_manager=sometimes(15),
        forbid_same_team=sometimes(15),
        require_common_language=sometimes(15),
        require_safeguarding=sometimes(20),
        require_same_region=sometimes(10),
        # A whitelist (the sparse kernels' input), missing a few pairs, in one example of ten.
        allowed_pairs=rarely_or(
            10,
            st.none(),
            st.frozensets(pair, max_size=3).map(lambda gone: frozenset(every) - gone),
        ),
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


__all__ = [
    "candidates",
    "constraints",
    "rarely_or",
    "reference_feasible",
    "sometimes",
    "usually",
]
