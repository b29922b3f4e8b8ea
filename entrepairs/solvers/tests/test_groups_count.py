"""An imposed number of groups (`group_count`) and the reachable counts in the documented order."""

from __future__ import annotations

import pytest

from entrepairs.solvers import GroupsProblem, InfeasibleError, Member, solve_groups
from entrepairs.solvers.groups import feasible_group_counts


def _pool(teams: int, per_team: int) -> list[Member]:
    return [
        Member(id=f"t{t}m{i}", team=f"t{t}", profession="nurse", experience_years=float(i))
        for t in range(teams)
        for i in range(per_team)
    ]


def test_it_lists_reachable_counts_closest_to_the_target_first() -> None:
    assert feasible_group_counts(18, 6, 12, 8) == [2, 3]
    assert feasible_group_counts(24, 6, 12, 8) == [3, 4, 2]  # 2 and 4 tie: more groups first
    assert feasible_group_counts(5, 6, 12, 8) == []


def test_it_splits_into_the_imposed_number_of_groups() -> None:
    """Six teams of three, one per team per group: two groups of 9 are impossible (a counting
    argument names max_per_team), three groups of 6 hold one of each team."""
    base = {"min_size": 6, "max_size": 12, "max_per_team": 1, "min_professions": 0}
    with pytest.raises(InfeasibleError) as two:
        solve_groups(GroupsProblem(_pool(6, 3), **base, group_count=2))  # type: ignore[arg-type]
    assert two.value.field == "max_per_team"
    result = solve_groups(GroupsProblem(_pool(6, 3), **base, group_count=3))  # type: ignore[arg-type]
    assert sorted(len(g.members) for g in result.groups) == [6, 6, 6]
    assert result.status != "constraint_violated"
    with pytest.raises(InfeasibleError) as four:
        solve_groups(GroupsProblem(_pool(6, 3), **base, group_count=4))  # type: ignore[arg-type]
    assert four.value.field == "min_size"
