"""The three exact kernels agree on realistic medium instances (beyond brute-force sizes)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from entrepairs.solvers import HardConstraints, Objective, PairsProblem, solve_pairs

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from solvers_data import pairs_data, sparse_pairs_data  # noqa: E402


@pytest.mark.parametrize("objective", list(Objective))
@pytest.mark.parametrize("caps", [(1,), (1, 2, 3)])
def test_it_certifies_the_same_optimum_as_lapjv(
    objective: Objective, caps: tuple[int, ...]
) -> None:
    s, p = pairs_data(160, 110, seed=11, capacities=caps)
    prob = PairsProblem(
        s, p, constraints=HardConstraints(require_safeguarding=True), objective=objective
    )
    results = {m: solve_pairs(prob, method=m, certify_k=2) for m in ("dense", "certified", "flow")}
    ref = results["dense"]
    for r in results.values():
        assert r.matched == ref.matched
        assert r.objective == pytest.approx(ref.objective, abs=1e-3)
        assert (r.min_score or 0) == pytest.approx(ref.min_score or 0, abs=1e-5)


def test_it_solves_region_blocks_by_component() -> None:
    s, p = sparse_pairs_data(600, per_region=30)
    prob = PairsProblem(s, p, constraints=HardConstraints(require_same_region=True))
    by_component = solve_pairs(prob)
    assert "by component" in by_component.method
    whole = solve_pairs(prob, method="flow")
    assert by_component.objective == pytest.approx(whole.objective, abs=1e-3)
    assert all(
        next(c for c in s if c.id == x.seeker).region
        == next(c for c in p if c.id == x.provider).region
        for x in by_component.pairs
    )


@pytest.mark.parametrize("objective", list(Objective))
def test_it_solves_components_the_same_in_one_buffer_several_or_by_flow(
    objective: Objective, monkeypatch: pytest.MonkeyPatch
) -> None:
    from entrepairs.solvers import pairs

    s, p = sparse_pairs_data(600, per_region=30)
    p = [replace(c, capacity=1 + k % 3) for k, c in enumerate(p)]
    prob = PairsProblem(
        s, p, constraints=HardConstraints(require_same_region=True), objective=objective
    )
    one = solve_pairs(prob)
    monkeypatch.setattr(pairs, "BUFFER_CELLS", 500)  # one buffer per few components
    several = solve_pairs(prob)
    # The larger half of the regions (seekers x capacity slots) goes to min-cost flow.
    cells = sorted(
        sum(a.region == r for a in s) * sum(b.capacity for b in p if b.region == r)
        for r in {a.region for a in s}
    )
    monkeypatch.setattr(pairs, "DENSE_CELLS", cells[len(cells) // 2])
    mixed = solve_pairs(prob)
    assert "ortools-min-cost-flow" in mixed.method and "scipy-lapjv" in mixed.method
    flow = solve_pairs(prob, method="flow")
    assert several.pairs == one.pairs
    for r in (mixed, flow):
        assert r.matched == one.matched
        assert r.objective == pytest.approx(one.objective, abs=1e-6)
        assert (r.min_score or 0) == pytest.approx(one.min_score or 0, abs=1e-6)


def test_it_scores_large_vocabularies_the_same_edgewise_blockwise_and_scalar() -> None:
    """More than 64 interests (several bitmask words) and 9-16 languages (16-bit words)."""
    import numpy as np

    from entrepairs.solvers import Candidate, Weights
    from entrepairs.solvers.pairs import _Prepared, violations, violations_block
    from entrepairs.solvers.scoring import score_block, score_edges, score_pair

    rng = np.random.default_rng(3)
    interests = [f"i{k}" for k in range(150)]
    langs = [f"l{k}" for k in range(12)]

    def person(pid: str, seeker: bool) -> Candidate:
        return Candidate(
            pid,
            interests=frozenset(rng.choice(interests, size=int(rng.integers(0, 8))).tolist()),
            languages=frozenset(rng.choice(langs, size=int(rng.integers(1, 3))).tolist()),
            availability=frozenset(rng.choice(interests, size=3).tolist()),
            gender=str(rng.choice(["f", "m"])),
            age=int(rng.integers(14, 60)),
            preferred_genders=frozenset({"f"}) if seeker and rng.random() < 0.5 else frozenset(),
            required_language=str(rng.choice(langs)) if rng.random() < 0.3 else None,
        )

    s = [person(f"s{k}", True) for k in range(30)]
    p = [person(f"p{k}", False) for k in range(25)]
    prob = PairsProblem(s, p, weights=Weights(interests=2.0, availability=1.5))
    prep = _Prepared(prob)
    ii, jj = np.repeat(np.arange(30), 25), np.tile(np.arange(25), 30)
    edge = score_edges(prep.enc, prob.weights, ii, jj)
    block = score_block(prep.enc, prob.weights, np.arange(30)).ravel()
    bad = violations_block(prep, np.arange(30)).ravel()
    viol = violations(prep, ii, jj)
    for k, (i, j) in enumerate(zip(ii, jj, strict=True)):
        total, _ = score_pair(s[i], p[j], prob.weights)
        assert edge[k] == pytest.approx(total, abs=1e-6)
        assert block[k] == pytest.approx(total, abs=1e-6)
        a, b = s[i], p[j]
        speaks = (a.required_language is None or a.required_language in b.languages) and (
            b.required_language is None or b.required_language in a.languages
        )
        assert bad[k] == (not speaks)
        assert viol["required_language"][k] == (not speaks)
