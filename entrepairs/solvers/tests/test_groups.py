"""Group composition: exhaustive comparison, bound validity, hard constraints, infeasibility."""

from __future__ import annotations

import math
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entrepairs.solvers import GroupsProblem, GroupWeights, InfeasibleError, Member, solve_groups

PROFS = ["nurse", "social", "psych"]
LANGS = ["de", "en"]


def sizes_for(n: int, p: GroupsProblem) -> list[int]:
    lo, hi = math.ceil(n / p.max_size), n // p.min_size
    g = min(range(lo, hi + 1), key=lambda g: (abs(g - n / p.target_size), -g))
    base, extra = divmod(n, g)
    return [base + 1] * extra + [base] * (g - extra)


def objective(p: GroupsProblem, groups: list[list[Member]]) -> float:
    members = [m for g in groups for m in g]
    n = len(members)

    def band(x: float) -> int:
        return sum(x >= b for b in p.experience_bands)

    total = 0.0
    for wt, key in (
        (p.weights.experience, lambda m: band(m.experience_years)),
        (p.weights.profession, lambda m: m.profession),
        (p.weights.language, lambda m: m.language),
    ):
        if wt == 0:
            continue
        values = {key(m) for m in members}
        for g in groups:
            for val in values:
                share = sum(key(m) == val for m in members) * len(g) / n
                total += wt * (sum(key(m) == val for m in g) - share) ** 2
    return total


def violated(p: GroupsProblem, groups: list[list[Member]]) -> set[str]:
    where = {m.id: k for k, g in enumerate(groups) for m in g}
    out = set()
    for g in groups:
        ids = {m.id for m in g}
        if p.forbid_line_manager and any(m.line_manager in ids for m in g):
            out.add("line_manager")
        if p.max_per_team is not None:
            teams = [m.team for m in g if m.team]
            if any(teams.count(t) > p.max_per_team for t in teams):
                out.add("max_per_team")
        if len({m.profession for m in g if m.profession}) < p.min_professions:
            out.add("min_professions")
    if any(where[a] == where[b] for a, b in p.keep_apart):
        out.add("keep_apart")
    if any(where[a] != where[b] for a, b in p.keep_together):
        out.add("keep_together")
    return out


def brute_force(p: GroupsProblem) -> float | None:
    members = list(p.members)
    sizes = sizes_for(len(members), p)
    labels = [g for g, s in enumerate(sizes) for _ in range(s)]
    best = None
    for perm in set(permutations(labels)):
        groups = [
            [m for m, lab in zip(members, perm, strict=True) if lab == g] for g in range(len(sizes))
        ]
        if violated(p, groups):
            continue
        val = objective(p, groups)
        best = val if best is None else min(best, val)
    return best


@st.composite
def pools(draw: st.DrawFn, n_min: int, n_max: int) -> GroupsProblem:
    n = draw(st.integers(n_min, n_max))
    ids = [f"m{k}" for k in range(n)]
    members = [
        Member(
            id=ids[k],
            profession=draw(st.sampled_from(PROFS)),
            team=draw(st.sampled_from([None, "a", "b"])),
            line_manager=draw(st.sampled_from([None, *ids[:2]])),
            experience_years=draw(st.sampled_from([0.5, 3.0, 7.0, 15.0])),
            language=draw(st.sampled_from(LANGS)),
        )
        for k in range(n)
    ]
    members = [
        m if m.line_manager != m.id else Member(**{**m.__dict__, "line_manager": None})
        for m in members
    ]
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda t: t[0] != t[1])
    return GroupsProblem(
        members,
        min_size=2,
        max_size=4,
        target_size=3,
        max_per_team=draw(st.sampled_from([None, 1, 2])),
        min_professions=draw(st.integers(0, 2)),
        forbid_line_manager=draw(st.booleans()),
        keep_together=draw(st.lists(pair, max_size=1)),
        keep_apart=draw(st.lists(pair, max_size=2)),
        weights=GroupWeights(
            experience=draw(st.sampled_from([0.0, 1.0])),
            profession=draw(st.sampled_from([1.0, 2.0])),
            language=draw(st.sampled_from([0.0, 0.5])),
        ),
        time_limit_s=1.0,
    )


@settings(max_examples=50, deadline=None)
@given(pools(4, 8))
def test_it_matches_brute_force_on_small_pools(p: GroupsProblem) -> None:
    expected = brute_force(p)
    if expected is None:
        with pytest.raises(InfeasibleError) as err:
            solve_groups(p)
        assert err.value.field in {
            "keep_together",
            "keep_apart",
            "line_manager",
            "max_per_team",
            "min_professions",
            "group_size",
            "min_size",
        }
        return
    try:
        r = solve_groups(p)
    except InfeasibleError:  # a counting pre-check may only fire when brute force finds nothing
        raise AssertionError("solver called a feasible instance infeasible") from None
    assert r.objective == pytest.approx(expected, abs=1e-9)
    assert r.status == "optimal" and r.gap == 0.0
    # The heuristic path: never better than the optimum, and its bound never above it.
    h = solve_groups(p, method="heuristic")
    assert h.bound <= expected + 1e-9
    if h.status != "constraint_violated":
        assert h.objective >= expected - 1e-9


@settings(max_examples=40, deadline=None)
@given(pools(12, 40))
def test_it_reports_every_constraint_truthfully(p: GroupsProblem) -> None:
    try:
        r = solve_groups(p, method="heuristic")
    except InfeasibleError as err:
        assert err.field in {
            "keep_together",
            "max_per_team",
            "min_professions",
            "min_size",
            "keep_apart",
            "line_manager",
        }
        return
    by_id = {m.id: m for m in p.members}
    groups = [[by_id[i] for i in g.members] for g in r.groups]
    assert sorted(i for g in r.groups for i in g.members) == sorted(by_id)
    assert all(p.min_size <= len(g) <= p.max_size for g in groups)
    bad = violated(p, groups)
    for c in r.constraints:
        if c.name != "group_size":
            assert c.satisfied == (c.name not in bad), c
    assert (r.status == "constraint_violated") == bool(bad)
    assert r.bound <= r.objective + 1e-9
    assert r.objective == pytest.approx(objective(p, groups))


def test_it_meets_all_hard_constraints_on_a_realistic_pool() -> None:
    import random

    rng = random.Random(7)
    members = []
    for k in range(240):
        team = f"t{k // 12}"
        members.append(
            Member(
                f"m{k}",
                profession=rng.choice(PROFS + ["doctor", "teacher"]),
                team=team,
                line_manager=None if k % 12 == 0 else f"m{k - k % 12}",
                experience_years=rng.choice([1.0, 4.0, 8.0, 20.0]),
                language=rng.choice(LANGS),
            )
        )
    p = GroupsProblem(
        members,
        max_per_team=2,
        min_professions=3,
        keep_apart=[("m1", "m2")],
        keep_together=[("m3", "m30")],
    )
    r = solve_groups(p)
    assert all(c.satisfied for c in r.constraints)
    assert r.gap <= 0.05


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"min_size": 4, "max_size": 5, "target_size": 4, "n": 7}, "min_size"),
        ({"keep_together": [("m0", "m1")], "keep_apart": [("m0", "m1")]}, "keep_together"),
        ({"max_per_team": 1, "team": "same"}, "max_per_team"),
        ({"min_professions": 4}, "min_professions"),
        (
            {
                "keep_together": [("m0", "m1"), ("m1", "m2"), ("m2", "m3"), ("m3", "m4")],
                "max_size": 4,
            },
            "keep_together",
        ),
    ],
)
def test_it_names_the_constraint_that_blocks_an_infeasible_pool(
    kwargs: dict[str, object], field: str
) -> None:
    n = int(kwargs.pop("n", 12))  # type: ignore[call-overload]
    team = kwargs.pop("team", None)
    members = [
        Member(f"m{k}", profession=PROFS[k % 3], team="x" if team else f"t{k}", language="de")
        for k in range(n)
    ]
    base: dict[str, object] = {"min_size": 3, "max_size": 6, "target_size": 4}
    base.update(kwargs)
    with pytest.raises(InfeasibleError) as err:
        solve_groups(GroupsProblem(members, **base))  # type: ignore[arg-type]
    assert err.value.field == field
    assert isinstance(err.value, ValueError)
