"""Caseloads: exhaustive comparison, bound validity, constraints, continuity."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entrepairs.solvers import CaseloadProblem, InfeasibleError, Item, Worker, solve_caseloads


@st.composite
def instances(draw: st.DrawFn, n_max: int, m_max: int, max_moves: bool = True) -> CaseloadProblem:
    m = draw(st.integers(1, m_max))
    workers = [
        Worker(f"w{j}", draw(st.sampled_from([0.0, 0.5, 0.8, 1.0])), team="t") for j in range(m)
    ]
    n = draw(st.integers(0, n_max))
    items = [
        Item(
            f"c{i}",
            float(draw(st.integers(1, 5))),
            current=draw(st.sampled_from([None, *[w.id for w in workers]])),
            move_cost=draw(st.sampled_from([1.0, 1.0, 2.0])),
        )
        for i in range(n)
    ]
    pair = st.tuples(
        st.sampled_from([it.id for it in items]), st.sampled_from([w.id for w in workers])
    )
    forbidden = draw(st.lists(pair, max_size=3)) if items else []
    mm = draw(st.one_of(st.none(), st.integers(0, 3))) if max_moves else None
    return CaseloadProblem(items, workers, forbidden=forbidden, max_moves=mm)


def brute_force(p: CaseloadProblem) -> tuple[float, float] | None:
    """Best (highest ratio, move cost) over every allocation, or None if nothing qualifies."""
    forb = set(p.forbidden)
    options = [
        [w for w in p.workers if w.capacity > 0 and (it.id, w.id) not in forb] for it in p.items
    ]
    best = None
    for combo in product(*options):
        moved = [
            it
            for it, w in zip(p.items, combo, strict=True)
            if it.current is not None and it.current != w.id
        ]
        if p.max_moves is not None and len(moved) > p.max_moves:
            continue
        load = {w.id: 0.0 for w in p.workers}
        for it, w in zip(p.items, combo, strict=True):
            load[w.id] += it.weight
        ratio = max((load[w.id] / w.capacity for w in p.workers if w.capacity > 0), default=0.0)
        key = (round(ratio, 9), round(sum(it.move_cost for it in moved), 9))
        best = key if best is None or key < best else best
    return best


def check(p: CaseloadProblem, r) -> None:  # type: ignore[no-untyped-def]
    forb = set(p.forbidden)
    by_w = {w.id: w for w in p.workers}
    alloc = dict(r.allocation)
    assert sorted(alloc) == sorted(it.id for it in p.items)
    for it in p.items:
        assert (it.id, alloc[it.id]) not in forb
        assert by_w[alloc[it.id]].capacity > 0
    moved = {it.id for it in p.items if it.current is not None and alloc[it.id] != it.current}
    assert {m.item for m in r.moves} == moved
    if p.max_moves is not None:
        assert len(r.moves) <= p.max_moves
    load = {w.id: 0.0 for w in p.workers}
    for it in p.items:
        load[alloc[it.id]] += it.weight
    for wl in r.loads:
        assert wl.load == pytest.approx(load[wl.worker])
    assert r.bound <= r.max_ratio + 1e-9
    assert r.moves_bound <= r.move_cost + 1e-9


@settings(max_examples=80, deadline=None)
@given(instances(6, 3))
def test_it_matches_brute_force_and_never_claims_a_false_optimum(p: CaseloadProblem) -> None:
    if p.items and all(w.capacity == 0 for w in p.workers):
        with pytest.raises(InfeasibleError):
            solve_caseloads(p)
        return
    forb = set(p.forbidden)
    if any(all(w.capacity == 0 or (it.id, w.id) in forb for w in p.workers) for it in p.items):
        with pytest.raises(InfeasibleError) as err:
            solve_caseloads(p)
        assert err.value.field == "forbidden"
        return
    expected = brute_force(p)
    if expected is None:
        with pytest.raises(InfeasibleError) as err:
            solve_caseloads(p)
        assert err.value.field == "max_moves"
        return
    r = solve_caseloads(p)
    check(p, r)
    assert (round(r.max_ratio, 9), round(r.move_cost, 9)) == expected
    try:
        h = solve_caseloads(p, method="heuristic")
    except InfeasibleError as err:
        assert err.field == "max_moves"  # the heuristic may miss a tight move budget
        return
    check(p, h)
    assert h.bound <= expected[0] + 1e-9  # the ratio bound is valid
    assert h.max_ratio >= expected[0] - 1e-9
    if h.status == "optimal":
        assert (round(h.max_ratio, 9), round(h.move_cost, 9)) == expected


@settings(max_examples=30, deadline=None)
@given(instances(60, 8))
def test_it_keeps_constraints_on_larger_instances(p: CaseloadProblem) -> None:
    try:
        r = solve_caseloads(p, method="heuristic")
    except InfeasibleError as err:
        assert err.field in {"forbidden", "max_moves"}
        return
    check(p, r)


def test_it_keeps_current_assignments_when_moving_does_not_help() -> None:
    workers = [Worker("a", 1.0), Worker("b", 1.0)]
    items = [Item(f"c{i}", 1.0, current="a" if i < 3 else "b") for i in range(6)]
    r = solve_caseloads(CaseloadProblem(items, workers), method="heuristic")
    assert r.moves == () and r.max_ratio == 3.0 and r.status == "optimal"


def test_it_moves_the_fewest_cases_to_reach_the_bound() -> None:
    workers = [Worker("a", 1.0), Worker("b", 1.0), Worker("c", 0.5)]
    items = [Item(f"c{i}", 1.0, current="a") for i in range(10)]
    r = solve_caseloads(CaseloadProblem(items, workers), method="heuristic")
    assert r.max_ratio == r.bound == 4.0
    assert len(r.moves) == 6 == r.moves_bound and r.status == "optimal"


def test_it_says_when_capacity_is_insufficient() -> None:
    p = CaseloadProblem([Item("c0", 3.0), Item("c1", 3.0)], [Worker("a", 1.0)], max_ratio=5.0)
    with pytest.raises(InfeasibleError) as err:
        solve_caseloads(p)
    assert err.value.field == "max_ratio"
