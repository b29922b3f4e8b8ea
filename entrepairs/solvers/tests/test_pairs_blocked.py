"""The blocked dense path (no score matrix) finds the same optimum as the full-matrix path.

The blocked path scores seekers in row blocks, keeps the best pairs of every seeker and
provider, and proves optimality by scoring again only the seekers its bounds cannot clear.
The module constants are shrunk so that small instances go through every branch: several
blocks, the pooled merge of providers' best pairs, shadows, bounds and rows scored again.
Ties are allowed to pick different pairs, so the objective values are compared.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entrepairs.solvers import (
    HardConstraints,
    Objective,
    PairsProblem,
    PairsResult,
    Weights,
    pairs,
    solve_pairs,
)
from entrepairs.solvers.tests.oracle import TALLY
from entrepairs.solvers.tests.strategies import candidates, constraints

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from solvers_data import pairs_data  # noqa: E402

LEXICOGRAPHIC = [Objective.TOTAL, Objective.MOST_MATCHED]


@contextmanager
def tiny_blocks(rows: int, nr: int, shadow_k: int) -> Iterator[None]:
    """Blocks of ``rows`` seekers and ``shadow_k`` kept pairs per person (Hypothesis-safe)."""
    saved = pairs.BLOCK_CELLS, pairs.SHADOW_K
    pairs.BLOCK_CELLS, pairs.SHADOW_K = rows * max(nr, 1), shadow_k
    try:
        yield
    finally:
        pairs.BLOCK_CELLS, pairs.SHADOW_K = saved


def assert_same_optimum(blocked: PairsResult, full: PairsResult, objective: Objective) -> None:
    assert blocked.status == full.status == "optimal"
    assert blocked.objective == pytest.approx(full.objective, abs=1e-4)
    if objective is Objective.MOST_MATCHED:
        assert blocked.matched == full.matched
    # (Under "total" a pair scoring 0 ties with leaving both unmatched: counts may differ.)

    def never(r: PairsResult) -> set[tuple[str, str]]:
        """Who cannot be matched at all: the same whichever optimum was chosen."""
        reasons = ("no_feasible_partner", "no_capacity")
        return {(u.id, u.reason) for u in r.unmatched if u.reason in reasons}

    assert never(blocked) == never(full)


def rich_constraints(s: list[Any], p: list[Any]) -> HardConstraints:
    return HardConstraints(
        require_safeguarding=True,
        forbid_same_team=True,
        excluded_pairs=frozenset((s[k].id, p[(3 * k) % len(p)].id) for k in range(0, len(s), 4)),
        previous_pairs=frozenset((s[k].id, p[k % len(p)].id) for k in range(1, len(s), 5)),
    )


@pytest.mark.parametrize("objective", LEXICOGRAPHIC)
@pytest.mark.parametrize("caps", [(1,), (1, 2, 3), (0, 1, 2)])
def test_it_finds_the_full_matrix_optimum_without_the_matrix(
    objective: Objective, caps: tuple[int, ...]
) -> None:
    s, p = pairs_data(150, 100, seed=23, capacities=caps)
    prob = PairsProblem(s, p, constraints=rich_constraints(s, p), objective=objective)
    full = solve_pairs(prob, method="dense")
    with tiny_blocks(rows=7, nr=len(p), shadow_k=3):
        blocked = solve_pairs(prob, method="blocked", certify_k=2)
    assert "row blocks" in blocked.method
    assert_same_optimum(blocked, full, objective)
    certified = solve_pairs(prob, method="certified", certify_k=2)
    assert_same_optimum(certified, full, objective)


@pytest.mark.parametrize("objective", LEXICOGRAPHIC)
def test_it_finds_the_optimum_among_many_ties(objective: Objective) -> None:
    # Only two criteria with few values: most pairs tie with many others.
    w = Weights(
        interests=0, distance=0, availability=0, preferences=0, language=1, experience_gap=1
    )
    s, p = pairs_data(120, 90, seed=5, capacities=(1, 2))
    prob = PairsProblem(s, p, weights=w, constraints=rich_constraints(s, p), objective=objective)
    full = solve_pairs(prob, method="dense")
    with tiny_blocks(rows=5, nr=len(p), shadow_k=2):
        blocked = solve_pairs(prob, method="blocked", certify_k=1)
    assert_same_optimum(blocked, full, objective)


def test_it_keeps_pinned_pairs_on_the_blocked_path() -> None:
    s, p = pairs_data(80, 60, seed=3, capacities=(1, 2))
    pinned = [(s[0].id, p[1].id), (s[5].id, p[1].id)]
    prob = PairsProblem(s, p, pinned=pinned)
    full = solve_pairs(prob, method="dense")
    with tiny_blocks(rows=6, nr=len(p), shadow_k=2):
        blocked = solve_pairs(prob, method="blocked", certify_k=1)
    assert_same_optimum(blocked, full, Objective.TOTAL)
    assert {(x.seeker, x.provider) for x in blocked.pairs if x.pinned} == set(pinned)


@st.composite
def dense_problems(draw: st.DrawFn) -> PairsProblem:
    seekers = draw(candidates("s", 1, 12, provider=False))
    providers = draw(candidates("p", 1, 9, provider=True))
    # Only the constraints that keep a problem on the dense path.
    hc = replace(
        draw(constraints(len(seekers), len(providers))),
        allowed_pairs=None,
        require_same_region=False,
    )
    weights = Weights(**{c: draw(st.sampled_from([0.0, 1.0, 2.5])) for c in Weights().as_dict()})
    return PairsProblem(seekers, providers, weights, hc, draw(st.sampled_from(LEXICOGRAPHIC)))


@settings(max_examples=80, deadline=None)
@given(prob=dense_problems(), rows=st.integers(1, 4), shadow_k=st.integers(1, 3))
def test_it_agrees_with_the_full_matrix_on_random_instances(
    prob: PairsProblem, rows: int, shadow_k: int
) -> None:
    full = solve_pairs(prob, method="dense")
    with tiny_blocks(rows=rows, nr=len(prob.providers), shadow_k=shadow_k):
        blocked = solve_pairs(prob, method="blocked", certify_k=1)
    TALLY.record(full.matched > 0, "the full path matched someone", floor=0.6)
    assert_same_optimum(blocked, full, prob.objective)


def test_it_never_scores_more_than_a_block_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    s, p = pairs_data(200, 150, seed=2, capacities=(1, 2))
    prob = PairsProblem(s, p, constraints=HardConstraints(require_safeguarding=True))
    scored: list[tuple[int, ...]] = []
    checked: list[tuple[int, ...]] = []
    real_score, real_violations = pairs.score_block, pairs.violations_block

    def score_spy(enc: Any, w: Any, rows: Any) -> Any:
        out = real_score(enc, w, rows)
        scored.append(out.shape)
        return out

    def violations_spy(prep: Any, rows: Any) -> Any:
        out = real_violations(prep, rows)
        checked.append(out.shape)
        return out

    monkeypatch.setattr(pairs, "score_block", score_spy)
    monkeypatch.setattr(pairs, "violations_block", violations_spy)
    monkeypatch.setattr(pairs, "BLOCK_CELLS", 16 * len(p))
    monkeypatch.setattr(pairs, "BLOCKED_CELLS", 1000)  # the automatic choice takes this path
    r = solve_pairs(prob)
    assert "row blocks" in r.method
    largest = max(a * b for a, b in scored + checked)
    assert largest <= 16 * len(p) < len(s) * len(p) // 10
    assert {b for _, b in scored + checked} == {len(p)}
    # Every seeker is scored for the candidates; the certificate scores few of them again.
    assert len(s) <= sum(a for a, _ in scored) < 2 * len(s)
    monkeypatch.setattr(pairs, "score_block", real_score)
    monkeypatch.setattr(pairs, "violations_block", real_violations)
    assert r.objective == pytest.approx(solve_pairs(prob, method="dense").objective, abs=1e-4)


def test_it_chooses_the_path_by_size_and_objective(monkeypatch: pytest.MonkeyPatch) -> None:
    s, p = pairs_data(60, 50, seed=4)
    monkeypatch.setattr(pairs, "BLOCKED_CELLS", 60 * 50 - 1)
    assert "row blocks" in solve_pairs(PairsProblem(s, p)).method
    # The maximin bisection needs every pair's score at once: the full path stays.
    maximin = solve_pairs(PairsProblem(s, p, objective=Objective.MAXIMIN))
    assert "row blocks" not in maximin.method
    monkeypatch.setattr(pairs, "BLOCKED_CELLS", 60 * 50)
    assert "row blocks" not in solve_pairs(PairsProblem(s, p)).method


def test_it_solves_degenerate_blocked_problems() -> None:
    s, p = pairs_data(5, 4, seed=1)
    for prob in (
        PairsProblem(s, [replace(c, capacity=0) for c in p]),
        PairsProblem(
            s,
            p,
            constraints=HardConstraints(
                excluded_pairs=frozenset((a.id, b.id) for a in s for b in p)
            ),
        ),
        PairsProblem(s, p, pinned=[(s[k].id, p[k].id) for k in range(4)]),
    ):
        blocked = solve_pairs(prob, method="blocked")
        assert_same_optimum(blocked, solve_pairs(prob, method="dense"), Objective.TOTAL)
