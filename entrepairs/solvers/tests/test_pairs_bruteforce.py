"""Pair solver against exhaustive enumeration on small instances, for every objective and kernel."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from entrepairs.solvers import Objective, PairsProblem, Weights, solve_pairs
from entrepairs.solvers.scoring import score_pair
from entrepairs.solvers.tests.strategies import candidates, constraints, reference_feasible

TOL = 1e-4  # the integer kernels round scores to 1e-6 per pair


def brute_force(problem: PairsProblem) -> tuple[float, ...]:
    """Best lexicographic value over every assignment of each seeker to a provider or nobody."""
    seekers, providers = list(problem.seekers), list(problem.providers)
    score = {
        (a.id, b.id): score_pair(a, b, problem.weights)[0]
        for a in seekers
        for b in providers
        if reference_feasible(a, b, problem.constraints)
    }
    pinned = dict(problem.pinned)
    best: tuple[float, ...] | None = None
    options = [
        [pinned[a.id]] if a.id in pinned else [None, *[b.id for b in providers]] for a in seekers
    ]
    caps = {b.id: b.capacity for b in providers}
    for combo in product(*options):
        used: dict[str, int] = {}
        ok = True
        scores = []
        for a, b in zip(seekers, combo, strict=True):
            if b is None:
                continue
            if (a.id, b) not in score:
                ok = False
                break
            used[b] = used.get(b, 0) + 1
            if used[b] > caps[b]:
                ok = False
                break
            scores.append(score[(a.id, b)])
        if not ok:
            continue
        total = sum(scores)
        if problem.objective is Objective.TOTAL:
            key: tuple[float, ...] = (total,)
        elif problem.objective is Objective.MOST_MATCHED:
            key = (len(scores), total)
        else:
            key = (len(scores), min(scores, default=0.0), total)
        if best is None or _better(key, best):
            best = key
    assert best is not None
    return best


def _better(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    for x, y in zip(a, b, strict=True):
        if x > y + 1e-9:
            return True
        if x < y - 1e-9:
            return False
    return False


def result_key(problem: PairsProblem, method: str, k: int = 1) -> tuple[float, ...]:
    r = solve_pairs(problem, method=method, certify_k=k)
    if problem.objective is Objective.TOTAL:
        return (r.objective,)
    if problem.objective is Objective.MOST_MATCHED:
        return (r.matched, r.objective)
    return (r.matched, r.min_score or 0.0, r.objective)


def assert_close(a: tuple[float, ...], b: tuple[float, ...]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert abs(x - y) <= TOL, (a, b)


@st.composite
def small_problems(draw: st.DrawFn) -> PairsProblem:
    seekers = draw(candidates("s", 0, 4, provider=False))
    providers = draw(candidates("p", 0, 3, provider=True))
    hc = draw(constraints(len(seekers), len(providers)))
    weights = Weights(
        **{
            c: draw(st.sampled_from([0.0, 0.5, 1.0, 2.0]))
            for c in (
                "interests",
                "language",
                "distance",
                "availability",
                "preferences",
                "experience_gap",
            )
        }
    )
    return PairsProblem(seekers, providers, weights, hc, draw(st.sampled_from(list(Objective))))


@settings(max_examples=80, deadline=None)
@given(small_problems())
def test_it_matches_brute_force_with_every_kernel(problem: PairsProblem) -> None:
    expected = brute_force(problem)
    for method in ("dense", "certified", "flow", "auto"):
        assert_close(result_key(problem, method), expected)


@settings(max_examples=40, deadline=None)
@given(small_problems(), st.data())
def test_it_matches_brute_force_with_pinned_pairs(
    problem: PairsProblem, data: st.DataObject
) -> None:
    feasible = [
        (a.id, b.id)
        for a in problem.seekers
        for b in problem.providers
        if b.capacity > 0 and reference_feasible(a, b, problem.constraints)
    ]
    if not feasible:
        return
    pin = data.draw(st.sampled_from(feasible))
    pinned = PairsProblem(
        problem.seekers,
        problem.providers,
        problem.weights,
        problem.constraints,
        problem.objective,
        [pin],
    )
    expected = brute_force(pinned)
    for method in ("dense", "certified", "flow"):
        assert_close(result_key(pinned, method), expected)
