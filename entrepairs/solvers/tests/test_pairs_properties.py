"""Property-based checks of the pair solver: hard constraints, capacities, pins, explanations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entrepairs.solvers import (
    HardConstraints,
    Objective,
    PairsProblem,
    SolverInputError,
    Weights,
    solve_pairs,
)
from entrepairs.solvers.pairs import _Prepared, violations, violations_block
from entrepairs.solvers.scoring import CRITERIA, raw_edges, score_block, score_edges, score_pair
from entrepairs.solvers.tests.strategies import candidates, constraints, reference_feasible

weights_st = st.builds(
    Weights,
    **{c: st.sampled_from([0.0, 0.3, 1.0, 2.5]) for c in CRITERIA},
    max_distance_km=st.sampled_from([5.0, 50.0]),
    experience_gap_target_years=st.sampled_from([2.0, 5.0]),
)


@st.composite
def problems(draw: st.DrawFn, max_seekers: int = 7, max_providers: int = 5) -> PairsProblem:
    seekers = draw(candidates("s", 0, max_seekers, provider=False))
    providers = draw(candidates("p", 0, max_providers, provider=True))
    hc = draw(constraints(len(seekers), len(providers)))
    return PairsProblem(
        seekers, providers, draw(weights_st), hc, draw(st.sampled_from(list(Objective)))
    )


@settings(max_examples=60, deadline=None)
@given(problems())
def test_it_scores_the_same_scalar_edgewise_and_blockwise(problem: PairsProblem) -> None:
    prep = _Prepared(problem)
    nl, nr = len(prep.seekers), len(prep.providers)
    if nl == 0 or nr == 0:
        return
    ii, jj = np.repeat(np.arange(nl), nr), np.tile(np.arange(nr), nl)
    edge = score_edges(prep.enc, problem.weights, ii, jj)
    block = score_block(prep.enc, problem.weights, np.arange(nl)).ravel()
    raw = raw_edges(prep.enc, problem.weights, ii, jj)
    bad = violations_block(prep, np.arange(nl)).ravel()
    viol = violations(prep, ii, jj)
    for k, (i, j) in enumerate(zip(ii, jj, strict=True)):
        a, b = prep.seekers[i], prep.providers[j]
        total, breakdown = score_pair(a, b, problem.weights)
        assert edge[k] == pytest.approx(total, abs=1e-6)
        assert block[k] == pytest.approx(total, abs=1e-6)
        for name, wt, r, contribution in breakdown:
            assert raw[name][k] == pytest.approx(r, abs=1e-6)
            assert contribution == pytest.approx(wt * r)
            assert 0.0 <= r <= 1.0
        expected_ok = reference_feasible(a, b, problem.constraints)
        assert bad[k] == (not expected_ok)
        assert any(m[k] for m in viol.values()) == (not expected_ok)


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(["auto", "dense", "certified", "flow"]), st.data())
def test_it_returns_solutions_that_keep_every_hard_constraint(
    problem: PairsProblem, method: str, data: st.DataObject
) -> None:
    by_id_s = {c.id: c for c in problem.seekers}
    by_id_p = {c.id: c for c in problem.providers}
    feasible = [
        (a.id, b.id)
        for a in problem.seekers
        for b in problem.providers
        if b.capacity > 0 and reference_feasible(a, b, problem.constraints)
    ]
    pins = (
        data.draw(st.lists(st.sampled_from(feasible), max_size=2, unique_by=lambda p: p[0]))
        if feasible
        else []
    )
    load_pins: dict[str, int] = {}
    for _, b in pins:
        load_pins[b] = load_pins.get(b, 0) + 1
    if any(load_pins[b] > by_id_p[b].capacity for b in load_pins):
        with pytest.raises(SolverInputError) as err:
            solve_pairs(
                PairsProblem(**{**problem.__dict__, "pinned": pins}), method=method, certify_k=1
            )
        assert err.value.field.startswith("pinned")
        return
    problem = PairsProblem(**{**problem.__dict__, "pinned": pins})
    result = solve_pairs(problem, method=method, certify_k=1)

    load: dict[str, int] = {}
    seen: set[str] = set()
    for p in result.pairs:
        assert reference_feasible(by_id_s[p.seeker], by_id_p[p.provider], problem.constraints)
        assert p.seeker not in seen
        seen.add(p.seeker)
        load[p.provider] = load.get(p.provider, 0) + 1
        assert p.score == pytest.approx(sum(c for _, _, _, c in p.breakdown))
    for b, n in load.items():
        assert n <= by_id_p[b].capacity
    got = {(p.seeker, p.provider) for p in result.pairs}
    assert set(pins) <= got
    assert {p.seeker for p in result.pairs if p.pinned} == {a for a, _ in pins}
    assert result.gap == 0.0 and result.bound == pytest.approx(result.objective)

    # Every person is either matched or explained; reasons are true statements.
    unmatched = {(u.side, u.id): u for u in result.unmatched}
    for a in problem.seekers:
        if a.id in seen:
            assert ("seeker", a.id) not in unmatched
            continue
        u = unmatched[("seeker", a.id)]
        partners = [b for b in problem.providers if reference_feasible(a, b, problem.constraints)]
        if u.reason == "no_feasible_partner":
            assert not partners
        elif u.reason == "capacity":
            assert partners and all(load.get(b.id, 0) >= b.capacity for b in partners)
        else:
            assert u.reason == "objective"
            assert any(load.get(b.id, 0) < b.capacity for b in partners)
        assert u.message
    for prov in problem.providers:
        assert (load.get(prov.id, 0) == 0) == (("provider", prov.id) in unmatched)


def test_it_names_the_constraint_that_a_pinned_pair_breaks() -> None:
    from entrepairs.solvers import Candidate

    s = [Candidate("s0", team="red")]
    p = [Candidate("p0", team="red")]
    with pytest.raises(SolverInputError) as err:
        solve_pairs(
            PairsProblem(
                s, p, constraints=HardConstraints(forbid_same_team=True), pinned=[("s0", "p0")]
            )
        )
    assert err.value.field == "pinned[0]"
    assert "same team" in err.value.message


def test_it_explains_people_left_without_a_partner() -> None:
    from entrepairs.solvers import Candidate

    s = [Candidate("s0", required_language="ar"), Candidate("s1"), Candidate("s2")]
    p = [Candidate("p0", languages=frozenset({"de"}), capacity=2)]
    r = solve_pairs(PairsProblem(s, p))
    reasons = {u.id: u for u in r.unmatched}
    assert reasons["s0"].reason == "no_feasible_partner"
    assert "language" in reasons["s0"].message
    assert sorted(x.seeker for x in r.pairs) == ["s1", "s2"]
