"""The three exact kernels agree on realistic medium instances (beyond brute-force sizes)."""

from __future__ import annotations

import sys
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
