"""Bad input raises SolverInputError naming the field; never a bare stack trace."""

from __future__ import annotations

from typing import Any

import pytest

from entrepairs.solvers import (
    Candidate,
    CaseloadProblem,
    GroupsProblem,
    HardConstraints,
    Item,
    LeaveCoverProblem,
    Member,
    PairsProblem,
    SolverInputError,
    Weights,
    Worker,
    solve_caseloads,
    solve_groups,
    solve_leave_cover,
    solve_pairs,
)

S = [Candidate("s0"), Candidate("s1")]
P = [Candidate("p0", capacity=1), Candidate("p1", capacity=2)]


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        (PairsProblem(S, [Candidate("p0", capacity=-1)]), "providers[0].capacity"),
        (PairsProblem(S, [Candidate("p0", capacity=1.5)]), "providers[0].capacity"),  # type: ignore[arg-type]
        (PairsProblem(S, P, weights=Weights(interests="high")), "weights.interests"),  # type: ignore[arg-type]
        (PairsProblem(S, P, weights=Weights(language=float("nan"))), "weights.language"),
        (PairsProblem(S, P, weights=Weights(distance=-1.0)), "weights.distance"),
        (PairsProblem(S, P, weights=Weights(max_distance_km=0.0)), "weights.max_distance_km"),
        (PairsProblem(S, P, pinned=[("s9", "p0")]), "pinned[0]"),
        (PairsProblem(S, P, pinned=[("s0", "p9")]), "pinned[0]"),
        (PairsProblem(S, P, pinned=[("s0", "p0"), ("s1", "p0")]), "pinned[1]"),
        (PairsProblem(S, P, pinned=[("s0", "p0"), ("s0", "p1")]), "pinned[1]"),
        (
            PairsProblem(
                S, P, constraints=HardConstraints(excluded_pairs=frozenset({("s0", "x")}))
            ),
            "constraints.excluded_pairs[0]",
        ),
        (PairsProblem([Candidate("s0"), Candidate("s0")], P), "seekers[1].id"),
        (
            PairsProblem([Candidate("s0", preferred_age_range=(40, 20))], P),
            "seekers[0].preferred_age_range",
        ),
        (PairsProblem(S, P, objective="nicest"), "objective"),  # type: ignore[arg-type]
    ],
)
def test_it_names_the_bad_field_for_pairs(problem: PairsProblem, field: str) -> None:
    with pytest.raises(SolverInputError) as err:
        solve_pairs(problem)
    assert err.value.field == field
    assert isinstance(err.value, ValueError)


def test_it_rejects_unknown_weight_names() -> None:
    with pytest.raises(SolverInputError) as err:
        Weights.from_mapping({"charm": 1.0})
    assert err.value.field == "weights.charm"


M = [Member(f"m{k}", profession="nurse") for k in range(12)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"min_size": 9, "max_size": 6}, "min_size"),
        ({"min_size": 0}, "min_size"),
        ({"max_per_team": -1}, "max_per_team"),
        ({"keep_apart": [("m0", "nobody")]}, "keep_apart[0]"),
        ({"keep_together": [("ghost", "m1")]}, "keep_together[0]"),
        ({"min_professions": "two"}, "min_professions"),
        ({"experience_bands": (5.0, 2.0)}, "experience_bands"),
        ({"members": [Member("m0", experience_years=-3.0)]}, "members[0].experience_years"),
        ({"members": []}, "members"),
    ],
)
def test_it_names_the_bad_field_for_groups(kwargs: dict[str, Any], field: str) -> None:
    base: dict[str, Any] = {"members": M, "min_size": 3, "max_size": 6, "target_size": 4}
    base.update(kwargs)
    with pytest.raises(SolverInputError) as err:
        solve_groups(GroupsProblem(**base))
    assert err.value.field == field


W = [Worker("a", 1.0), Worker("b", 0.5)]


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        (CaseloadProblem([Item("c0")], [Worker("a", -1.0)]), "workers[0].capacity"),
        (CaseloadProblem([Item("c0", weight=0.0)], W), "items[0].weight"),
        (CaseloadProblem([Item("c0", weight="3")], W), "items[0].weight"),  # type: ignore[arg-type]
        (CaseloadProblem([Item("c0", current="zz")], W), "items[0].current"),
        (CaseloadProblem([Item("c0")], W, forbidden=[("c0", "zz")]), "forbidden[0]"),
        (CaseloadProblem([Item("c0")], W, max_moves=-2), "max_moves"),
        (CaseloadProblem([Item("c0")], []), "workers"),
        (CaseloadProblem([Item("c0")], W, forbidden=[("c0", "a"), ("c0", "b")]), "forbidden"),
    ],
)
def test_it_names_the_bad_field_for_caseloads(problem: CaseloadProblem, field: str) -> None:
    with pytest.raises(SolverInputError) as err:
        solve_caseloads(problem)
    assert err.value.field == field


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        (LeaveCoverProblem([Item("c0")], W, ["a"], 2.0), "items[0].current"),
        (LeaveCoverProblem([Item("c0", current="a")], W, ["a"], -2.0), "max_ratio"),
        (
            LeaveCoverProblem([Item("c0", current="a")], [Worker("a", -1.0)], [], 2.0),
            "workers[0].capacity",
        ),
    ],
)
def test_it_names_the_bad_field_for_leave_cover(problem: LeaveCoverProblem, field: str) -> None:
    with pytest.raises(SolverInputError) as err:
        solve_leave_cover(problem)
    assert err.value.field == field
