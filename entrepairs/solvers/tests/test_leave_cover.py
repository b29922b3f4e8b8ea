"""Leave cover: same team, nobody overloaded, uncovered items explained."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entrepairs.solvers import Item, LeaveCoverProblem, SolverInputError, Worker, solve_leave_cover


@st.composite
def leave(draw: st.DrawFn) -> LeaveCoverProblem:
    m = draw(st.integers(1, 8))
    workers = [
        Worker(
            f"w{j}",
            draw(st.sampled_from([0.0, 0.5, 1.0])),
            team=draw(st.sampled_from(["a", "b", None])),
        )
        for j in range(m)
    ]
    items = [
        Item(
            f"c{i}",
            float(draw(st.integers(1, 4))),
            current=draw(st.sampled_from([w.id for w in workers])),
        )
        for i in range(draw(st.integers(0, 20)))
    ]
    absent = draw(st.lists(st.sampled_from([w.id for w in workers]), max_size=3, unique=True))
    pair = st.tuples(
        st.sampled_from([it.id for it in items]), st.sampled_from([w.id for w in workers])
    )
    forbidden = draw(st.lists(pair, max_size=4)) if items else []
    return LeaveCoverProblem(
        items, workers, absent, draw(st.sampled_from([4.0, 8.0, 12.0])), forbidden
    )


@settings(max_examples=80, deadline=None)
@given(leave())
def test_it_covers_within_the_team_without_overloading(p: LeaveCoverProblem) -> None:
    r = solve_leave_cover(p)
    by_w = {w.id: w for w in p.workers}
    by_i = {it.id: it for it in p.items}
    absent = set(p.absent)
    forb = set(p.forbidden)
    todo = {it.id for it in p.items if it.current in absent}
    assert {c.item for c in r.covers} | {u.item for u in r.uncovered} == todo
    assert not {c.item for c in r.covers} & {u.item for u in r.uncovered}
    before = {w.id: 0.0 for w in p.workers}
    for it in p.items:
        if it.current not in absent:
            before[it.current] += it.weight  # type: ignore[index]
    extra = {w.id: 0.0 for w in p.workers}
    for c in r.covers:
        w = by_w[c.cover_worker]
        assert c.cover_worker not in absent
        assert w.team is not None and w.team == by_w[c.absent_worker].team
        assert (c.item, c.cover_worker) not in forb
        extra[w.id] += by_i[c.item].weight
    for wid, add in extra.items():
        if add:
            assert before[wid] + add <= p.max_ratio * by_w[wid].capacity + 1e-9
    for u in r.uncovered:
        team = by_w[u.absent_worker].team
        mates = [
            w
            for w in p.workers
            if w.id not in absent and team is not None and w.team == team and w.capacity > 0
        ]
        if u.reason == "no_colleague":
            assert not mates
        elif u.reason == "forbidden":
            assert mates and all((u.item, w.id) in forb for w in mates)
        else:
            assert u.reason == "capacity"
            allowed = [w for w in mates if (u.item, w.id) not in forb]
            final = {w: before[w] + extra[w] for w in before}
            assert allowed and all(
                final[w.id] + by_i[u.item].weight > p.max_ratio * w.capacity + 1e-9 for w in allowed
            )
    assert r.covered_weight <= r.covered_weight_bound + 1e-9


def test_it_rejects_an_unknown_absent_worker() -> None:
    with pytest.raises(SolverInputError) as err:
        solve_leave_cover(LeaveCoverProblem([], [Worker("a")], ["zz"], 1.0))
    assert err.value.field == "absent[0]"
