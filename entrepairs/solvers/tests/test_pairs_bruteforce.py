"""Pair solver against exhaustive enumeration on small instances, for every objective and kernel.

The oracle scores pairs with ``oracle.documented_score`` (the documented rules, not the
solver's scorer) and enumerates every assignment of each seeker to a provider or to nobody.
The generators make real instances; the share of examples whose optimum matches somebody
is counted (``oracle.TALLY``) and shown by ``--hypothesis-show-statistics``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from itertools import product

from hypothesis import event, given, settings, target
from hypothesis import strategies as st

from entrepairs.solvers import Candidate, Objective, Pair, PairsProblem, Weights, solve_pairs
from entrepairs.solvers.tests.oracle import CRITERIA, TALLY, bucket, documented_score
from entrepairs.solvers.tests.strategies import (
    candidates,
    constraints,
    reference_feasible,
    usually,
)

TOL = 1e-4  # the integer kernels round scores to 1e-6 per pair; distances differ by < 1e-5
TIE = 1e-7  # two oracle values closer than this are a tie

Assignment = tuple[tuple[str, str], ...]


def key_of(objective: Objective, scores: list[float]) -> tuple[float, ...]:
    """The lexicographic goal of ``objective`` (larger is better), from the pair scores."""
    total = sum(scores)
    if objective is Objective.TOTAL:
        return (total,)
    if objective is Objective.MOST_MATCHED:
        return (len(scores), total)
    return (len(scores), min(scores, default=0.0), total)


def feasible_pairs(problem: PairsProblem) -> list[tuple[str, str]]:
    """(seeker, provider) pairs that a hard constraint allows and a capacity could take."""
    return [
        (a.id, b.id)
        for a in problem.seekers
        for b in problem.providers
        if b.capacity > 0 and reference_feasible(a, b, problem.constraints)
    ]


def brute_force(problem: PairsProblem) -> tuple[tuple[float, ...], Assignment]:
    """Best lexicographic value over every assignment, and one assignment reaching it."""
    seekers, providers = list(problem.seekers), list(problem.providers)
    by_id = {b.id: b for b in providers}
    score = {
        (a.id, b.id): documented_score(a, b, problem.weights)
        for a in seekers
        for b in providers
        if reference_feasible(a, b, problem.constraints)
    }
    pinned = dict(problem.pinned)
    options = [
        [pinned[a.id]] if a.id in pinned else [None, *[b for b in by_id if (a.id, b) in score]]
        for a in seekers
    ]
    best: tuple[float, ...] | None = None
    best_pairs: Assignment = ()
    for combo in product(*options):
        pairs = tuple((a.id, b) for a, b in zip(seekers, combo, strict=True) if b is not None)
        load = Counter(b for _, b in pairs)
        if any(n > by_id[b].capacity for b, n in load.items()):
            continue
        key = key_of(problem.objective, [score[p] for p in pairs])
        if best is None or better(key, best):
            best, best_pairs = key, pairs
    assert best is not None
    return best, best_pairs


def better(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    for x, y in zip(a, b, strict=True):
        if x > y + TIE:
            return True
        if x < y - TIE:
            return False
    return False


def assert_close(a: tuple[float, ...], b: tuple[float, ...]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert abs(x - y) <= TOL, (a, b)


def check_solution(problem: PairsProblem, pairs: tuple[Pair, ...]) -> tuple[float, ...]:
    """The solution keeps every rule; returns its value scored by the oracle."""
    seekers = {a.id: a for a in problem.seekers}
    providers = {b.id: b for b in problem.providers}
    assert len({p.seeker for p in pairs}) == len(pairs), "a seeker has two partners"
    load = Counter(p.provider for p in pairs)
    assert all(n <= providers[b].capacity for b, n in load.items()), load
    assert set(problem.pinned) <= {(p.seeker, p.provider) for p in pairs}
    scores = []
    for p in pairs:
        a, b = seekers[p.seeker], providers[p.provider]
        assert reference_feasible(a, b, problem.constraints), p
        scores.append(documented_score(a, b, problem.weights))
    return key_of(problem.objective, scores)


def solver_key(problem: PairsProblem, method: str) -> tuple[tuple[float, ...], tuple[Pair, ...]]:
    r = solve_pairs(problem, method=method, certify_k=1)
    return key_of(problem.objective, [p.score for p in r.pairs]), r.pairs


weights_st = st.builds(
    Weights,
    **{
        c: st.sampled_from([1.0, 0.5, 2.0, 0.0])  # shrinks to 1.0: all-zero weights score nothing
        for c in CRITERIA
    },
    max_distance_km=st.sampled_from([10.0, 50.0]),
    experience_gap_target_years=st.sampled_from([2.0, 5.0]),
)


@st.composite
def small_problems(draw: st.DrawFn) -> PairsProblem:
    # Hypothesis favours short lists: at least two providers, or one constraint on a lone
    # provider would leave most instances without a feasible pair.
    # Three or more seekers for two or three providers, capacity mostly 1: seekers compete,
    # so the objectives (total, most matched, maximin) choose different assignments.
    seekers: list[Candidate] = draw(candidates("s", 3, 5, provider=False))
    providers: list[Candidate] = draw(candidates("p", 2, 3, provider=True))
    if draw(usually(70)):  # one seat each: seekers compete for the providers
        providers = [dataclasses.replace(b, capacity=min(b.capacity, 1)) for b in providers]
    hc = draw(constraints(len(seekers), len(providers)))
    objective = draw(st.sampled_from(list(Objective)))
    return PairsProblem(seekers, providers, draw(weights_st), hc, objective)


def describe(problem: PairsProblem, best: Assignment) -> None:
    """Hypothesis events and targets: how real the instance is."""
    feasible = feasible_pairs(problem)
    capacity = sum(b.capacity for b in problem.providers)
    event(f"feasible pairs: {bucket(len(feasible))}")
    event(f"pairs in the optimum: {bucket(len(best))}")
    event(
        "seekers compete for capacity"
        if len({a for a, _ in feasible}) > capacity
        else "capacity for every seeker with a partner"
    )
    target(float(len(best)), label="pairs in the optimum")


@settings(max_examples=40, deadline=None)  # x 3 objectives x 4 kernels
@given(small_problems())
def test_it_matches_brute_force_with_every_kernel(problem: PairsProblem) -> None:
    """Every objective on every instance, so that the instances where they disagree count."""
    optimum = {}
    for objective in Objective:
        p = dataclasses.replace(problem, objective=objective)
        expected, best = brute_force(p)
        optimum[objective] = (expected, best)
        for method in ("dense", "certified", "flow", "auto"):
            got, pairs = solver_key(p, method)
            assert_close(got, expected)
            # The solver's pairs, scored by the documented rules, reach the optimum too.
            assert_close(check_solution(p, pairs), expected)
    best = optimum[Objective.MOST_MATCHED][1]
    describe(problem, best)
    TALLY.record(len(best) >= 1, "the optimum matches at least one pair")
    # Where the objectives choose differently, a kernel that confuses them fails: steer there.
    total, most, maximin = (optimum[o][0] for o in Objective)
    event(
        "maximin gives up total for the worst pair"
        if maximin[2] < most[1] - 1e-6
        else "maximin and most-matched agree on the total"
    )
    event(
        "most-matched gives up total for one more pair"
        if most[1] < total[0] - 1e-6
        else "total and most-matched agree"
    )
    target(most[1] - maximin[2], label="total given up by maximin")
    target(total[0] - most[1], label="total given up by most-matched")


@settings(max_examples=30, deadline=None)
@given(small_problems(), st.data())
def test_it_matches_brute_force_with_pinned_pairs(
    problem: PairsProblem, data: st.DataObject
) -> None:
    feasible = feasible_pairs(problem)
    TALLY.record(bool(feasible), "a pair could be pinned")
    if not feasible:
        return
    pin = data.draw(st.sampled_from(feasible), label="pinned pair")
    pinned = PairsProblem(
        problem.seekers,
        problem.providers,
        problem.weights,
        problem.constraints,
        problem.objective,
        [pin],
    )
    expected, best = brute_force(pinned)
    describe(pinned, best)
    event(f"objective: {problem.objective.value}")
    event(
        "the optimum pairs somebody besides the pin"
        if len(best) >= 2
        else "the pin is the only pair"
    )
    for method in ("dense", "certified", "flow"):
        got, pairs = solver_key(pinned, method)
        assert_close(got, expected)
        assert_close(check_solution(pinned, pairs), expected)


def test_it_keeps_the_highest_total_when_a_pinned_pair_is_the_worst() -> None:
    """Found by the pinned-pair oracle: the worst pair is the pinned one (score 1), so every
    full matching has the same worst score and the total decides. The solver used to raise
    its maximin threshold over the free pairs alone (2.5 instead of 2) and lose 0.5 of total.
    """
    de = frozenset({"de"})
    music = frozenset({"music"})
    seekers = [
        Candidate("s0"),
        Candidate("s1", languages=de, experience_years=11.0),
        Candidate("s2", interests=music, languages=de),
    ]
    providers = [
        Candidate("p0", interests=music, languages=de),
        Candidate("p1", interests=music, languages=de, experience_years=12.0),
        Candidate("p2", languages=de),
    ]
    weights = Weights(max_distance_km=10.0, experience_gap_target_years=2.0)
    problem = PairsProblem(
        seekers, providers, weights, objective=Objective.MAXIMIN, pinned=[("s0", "p2")]
    )
    expected, best = brute_force(problem)
    assert expected == (3, 1.0, 7.0)
    assert set(best) == {("s0", "p2"), ("s1", "p0"), ("s2", "p1")}
    for method in ("auto", "dense", "certified", "flow"):
        r = solve_pairs(problem, method=method, certify_k=1)
        assert {(p.seeker, p.provider) for p in r.pairs} == set(best), method
        assert (r.matched, r.min_score, r.objective) == (3, 1.0, 7.0)
