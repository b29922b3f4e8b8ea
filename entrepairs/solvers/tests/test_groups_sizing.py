"""Group sizes against an independent oracle that enumerates every size split.

The documented rule (docs/solvers.md, solvers/groups.py docstring): among the group counts some
split within ``min_size``..``max_size`` reaches, take the one closest to N / target_size, ties
to MORE groups; then sizes as equal as possible. The oracle lists every multiset of sizes (integer
partitions of N into parts within the limits), computes the distance exactly with fractions and
never looks at the solver's own arithmetic. The grid is exhaustive over small pools and contains
every exact tie (N / target halfway between two reachable counts), which random pools rarely hit.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import pytest

from entrepairs.solvers import GroupsProblem, GroupWeights, InfeasibleError, Member, solve_groups


def size_splits(n: int, low: int, high: int) -> Iterator[tuple[int, ...]]:
    """Every multiset of group sizes within [low, high] summing to n (non-increasing tuples)."""

    def rec(left: int, cap: int) -> Iterator[tuple[int, ...]]:
        if left == 0:
            yield ()
            return
        for s in range(min(cap, left), low - 1, -1):
            for rest in rec(left - s, s):
                yield (s, *rest)

    yield from rec(n, high)


def documented_sizes(n: int, low: int, high: int, target: int) -> tuple[int, ...] | None:
    splits = list(size_splits(n, low, high))
    if not splits:
        return None
    ideal = Fraction(n, target)
    count = min({len(s) for s in splits}, key=lambda g: (abs(g - ideal), -g))
    same_count = [s for s in splits if len(s) == count]
    return tuple(sorted(min(same_count, key=lambda s: max(s) - min(s))))


def _cases() -> list[tuple[int, int, int, int]]:
    out = []
    for n in range(1, 11):  # the exact solver's range: the answer is also optimal
        for low in range(1, 5):
            for high in range(low, low + 5):
                for target in range(low, high + 1):
                    out.append((n, low, high, target))
    return out


CASES = _cases()


def _is_tie(n: int, low: int, high: int, target: int) -> bool:
    """The two reachable group counts closest to N / target are exactly as close."""
    ideal = Fraction(n, target)
    distances = [abs(g - ideal) for g in {len(s) for s in size_splits(n, low, high)}]
    return len(distances) > 1 and distances.count(min(distances)) == 2


TIES = [c for c in CASES if _is_tie(*c)]


def _pool(n: int) -> list[Member]:
    return [
        Member(id=f"m{k}", profession="nurse", team=None, line_manager=None, experience_years=3.0)
        for k in range(n)
    ]


def _solved_sizes(n: int, low: int, high: int, target: int) -> tuple[int, ...] | None:
    problem = GroupsProblem(
        _pool(n),
        min_size=low,
        max_size=high,
        target_size=target,
        min_professions=0,
        forbid_line_manager=False,
        weights=GroupWeights(experience=0.0, profession=0.0, language=0.0),
        time_limit_s=1.0,
    )
    try:
        result = solve_groups(problem)
    except InfeasibleError as exc:
        assert exc.field == "min_size"
        return None
    return tuple(sorted(len(g.members) for g in result.groups))


def test_the_size_split_enumeration_is_complete() -> None:
    """Hand count: 7 into parts of 2..4 is 4+3, 3+2+2 (and 2+2+3 is the same split)."""
    assert sorted(size_splits(7, 2, 4)) == [(3, 2, 2), (4, 3)]
    assert list(size_splits(5, 3, 4)) == []
    assert len(list(size_splits(10, 1, 10))) == 42  # p(10), every integer partition


def test_the_grid_holds_exact_ties_between_two_group_counts() -> None:
    assert (6, 2, 6, 4) in TIES  # 6 / 4 = 1.5: one group of 6 or two of 3
    assert len(TIES) >= 20, len(TIES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: "n{}-{}..{}-t{}".format(*c))
def test_it_sizes_groups_as_documented_for_every_small_pool(
    case: tuple[int, int, int, int],
) -> None:
    assert _solved_sizes(*case) == documented_sizes(*case)


@pytest.mark.parametrize("case", TIES, ids=lambda c: "n{}-{}..{}-t{}".format(*c))
def test_it_breaks_an_exact_tie_towards_more_groups(case: tuple[int, int, int, int]) -> None:
    n, low, high, target = case
    expected = documented_sizes(*case)
    assert expected is not None
    ideal = Fraction(n, target)
    counts = {len(s) for s in size_splits(n, low, high)}
    rival = [
        g for g in counts if g != len(expected) and abs(g - ideal) == abs(len(expected) - ideal)
    ]
    assert len(rival) == 1 and rival[0] < len(expected)  # the oracle picked the larger count
    assert _solved_sizes(*case) == expected
