"""The same input gives the same output, for every solver."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

from entrepairs.solvers import (
    CaseloadProblem,
    GroupsProblem,
    HardConstraints,
    LeaveCoverProblem,
    Objective,
    PairsProblem,
    solve_caseloads,
    solve_groups,
    solve_leave_cover,
    solve_pairs,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from solvers_data import caseload_data, groups_data, pairs_data  # noqa: E402


def strip(result: Any) -> Any:
    return dataclasses.replace(result, seconds=0.0)


def test_it_returns_the_same_pairs_for_the_same_input() -> None:
    s, p = pairs_data(120, 80, capacities=(1, 2))
    for obj in Objective:
        for method in ("auto", "certified", "flow"):
            prob = PairsProblem(
                s, p, constraints=HardConstraints(require_safeguarding=True), objective=obj
            )
            assert strip(solve_pairs(prob, method=method)) == strip(
                solve_pairs(prob, method=method)
            )


def test_it_returns_the_same_groups_for_the_same_input() -> None:
    prob = GroupsProblem(groups_data(96), max_per_team=2, min_professions=2, time_limit_s=30.0)
    assert strip(solve_groups(prob)) == strip(solve_groups(prob))


def test_it_returns_the_same_caseloads_for_the_same_input() -> None:
    items, workers, forbidden = caseload_data(300, 25)
    prob = CaseloadProblem(items, workers, forbidden=forbidden)
    assert strip(solve_caseloads(prob)) == strip(solve_caseloads(prob))
    limited = dataclasses.replace(prob, max_moves=20)
    assert strip(solve_caseloads(limited)) == strip(solve_caseloads(limited))


def test_it_returns_the_same_cover_for_the_same_input() -> None:
    items, workers, _ = caseload_data(300, 25)
    held = [it for it in items if it.current is not None]
    prob = LeaveCoverProblem(held, workers, ["w1", "w2", "w11"], max_ratio=40.0)
    assert strip(solve_leave_cover(prob)) == strip(solve_leave_cover(prob))
