"""Two defects of point 3 found by the benchmark: a core team refused after the cap rounds
although a plan within every cap exists, and a weak bound shown beside a rebalance."""

import random
from types import SimpleNamespace

import pytest
from django.utils import timezone

from entrepairs.casework import allocation, services
from entrepairs.casework.models import AllocationProposal
from entrepairs.core.services import SYSTEM
from entrepairs.solvers.caseloads import CaseloadProblem, Item, Worker, solve_caseloads

pytestmark = pytest.mark.django_db

REBALANCE = AllocationProposal.Kind.REBALANCE


def _instance(seed: int):  # type: ignore[no-untyped-def]
    """A core team with uneven holdings, tight caps for some and many waiting cases."""
    rng = random.Random(seed)
    n = rng.randint(4, 8)
    workers = [Worker(f"w{k}", rng.choice([1.0, 0.9, 0.8, 0.5])) for k in range(n)]
    items, caps = [], {}
    for k in range(n):
        held = rng.randint(3, 15)
        items += [Item(f"h{k}-{j}", float(rng.randint(1, 10)), f"w{k}") for j in range(held)]
        caps[f"w{k}"] = held + rng.choice([1, 1, 2, 3, 40])
    waiting = rng.randint(10, 40)
    items += [Item(f"n{j}", float(rng.randint(1, 10)), None) for j in range(waiting)]
    by_id = {w.id: SimpleNamespace(cap=caps[w.id]) for w in workers}
    return items, workers, caps, by_id


def _rounds(items, workers, by_id, over_cap):  # type: ignore[no-untyped-def]
    forbidden: set = set()
    for rounds in range(1, 60):
        result = solve_caseloads(
            CaseloadProblem(items=items, workers=workers, forbidden=sorted(forbidden), max_moves=0),
            time_limit_s=1.5,
        )
        over = over_cap(result.allocation, items, by_id)
        if not over:
            return rounds, result
        forbidden |= over
    raise AssertionError("no plan within the caps")


def _excess_only(allocation_, items, by_id):  # type: ignore[no-untyped-def]
    """The former rule: forbid only the cases received beyond the cap."""
    current = {it.id: it.current for it in items}
    weight = {it.id: it.weight for it in items}
    held: dict = {}
    for item_id, worker_id in allocation_:
        held.setdefault(worker_id, []).append(item_id)
    over = set()
    for worker_id, ids in held.items():
        if len(ids) > by_id[worker_id].cap:
            received = sorted(
                (i for i in ids if current[i] != worker_id), key=lambda i: (weight[i], i)
            )
            over |= {(i, worker_id) for i in received[: len(ids) - by_id[worker_id].cap]}
    return over


@pytest.mark.parametrize("seed", [52, 54, 55])
def test_the_cap_rounds_end_within_one_round_per_member_with_every_cap_respected(seed):
    items, workers, caps, by_id = _instance(seed)
    # These teams have room for every waiting case; the former rule needed more than the 10
    # rounds allowed and refused them ("all at their cap").
    assert _rounds(items, workers, by_id, _excess_only)[0] > allocation.CAP_ROUNDS
    rounds, result = _rounds(items, workers, by_id, allocation._over_cap)
    assert rounds <= len(workers) + 1
    count: dict = {}
    for _item, worker in result.allocation:
        count[worker] = count.get(worker, 0) + 1
    assert all(count.get(w, 0) <= caps[w] for w in caps)
    current = {it.id: it.current for it in items}
    assert all(current[i] in (None, w) for i, w in result.allocation)  # no held case moved


def test_a_rebalance_with_a_member_on_leave_shows_the_tighter_proven_bound(cw, open_case):
    # Colleague (1 FTE) is on leave and holds a case of weight 9; Paula (1 FTE, cap 12) and Gina
    # (0.5 FTE, cap 6) hold the rest: weights 5, 4, 3, 2, 1 = 15 points; Sam takes none.
    profiles = [
        (10, "high", ["asylum", "court"]),
        (13, "medium", ["asylum"]),
        (10, "low", ["asylum"]),
        (13, "low", ["court"]),
        (13, "low", []),
        (15, "low", []),
    ]
    cases = [
        open_case(child, age=age, vulnerability=v, procedures=p)
        for child, (age, v, p) in zip(cw.children, profiles, strict=True)
    ]
    services.case_assign(case=cases[0], guardian=cw.w.colleague, reason="r", by=SYSTEM)
    for case in cases[1:]:
        services.case_assign(case=case, guardian=cw.w.professional, reason="r", by=SYSTEM)
    today = timezone.localdate()
    services.leave_record(person=cw.w.colleague, starts_on=today, ends_on=today, by=SYSTEM)
    proposal = services.allocation_propose(team=cw.w.core, kind=REBALANCE, by=cw.w.professional)
    # The solver's own bound counts the colleague's working time: 24 points over 3.5 FTE, 7.
    # But the colleague may only keep the 9 points they hold: the 15 others go to Paula and Gina
    # (1.5 FTE), so no plan ends below 10 (Paula 10, Gina 5); and the case of 9 can only stay
    # with the colleague (ratio 9) or go to Paula (9).
    assert proposal.bound == pytest.approx(10.0)
    assert proposal.max_ratio_after == pytest.approx(10.0)
    assert proposal.solver_status == "optimal"


def test_the_bound_is_never_above_what_an_exhaustive_search_finds():
    rng = random.Random(3)
    for _ in range(30):
        members = []
        for k in range(3):
            m = allocation.MemberLoad(
                person=SimpleNamespace(pk=k),  # type: ignore[arg-type]
                fte=rng.choice([1.0, 0.8, 0.5]),
                cap=rng.randint(1, 4),
            )
            members.append(m)
        members[0].excluded = "on leave"
        cases = [
            SimpleNamespace(weight=rng.randint(1, 6), guardian_id=rng.choice([0, 1, 2]))
            for _ in range(5)
        ]
        for c in cases:
            members[c.guardian_id].load_before += c.weight
        best = float("inf")
        for plan in __import__("itertools").product(range(3), repeat=len(cases)):
            if any(p == 0 and c.guardian_id != 0 for p, c in zip(plan, cases, strict=True)):
                continue  # the member on leave receives nothing
            counts = [plan.count(k) for k in (1, 2)]
            if counts[0] > members[1].cap or counts[1] > members[2].cap:
                continue
            loads = [
                sum(c.weight for p, c in zip(plan, cases, strict=True) if p == k) for k in range(3)
            ]
            best = min(best, max(loads[k] / members[k].fte for k in range(3)))
        if best < float("inf"):
            bound = allocation.rebalance_bound(members, cases)  # type: ignore[arg-type]
            assert bound <= best + 1e-9


def test_a_member_holding_more_than_their_cap_does_not_stop_a_new_case_allocation(cw, open_case):
    from entrepairs.casework.models import MemberProfile

    held = [open_case(child) for child in cw.children[:3]]
    for case in held:
        services.case_assign(case=case, guardian=cw.w.colleague, reason="r", by=SYSTEM)
    # Colin's cap is lowered below what he holds: he keeps his cases and receives nothing.
    MemberProfile.objects.filter(person=cw.w.colleague).update(max_caseload=1)
    waiting = [open_case(child) for child in cw.children[3:]]
    proposal = services.allocation_propose(
        team=cw.w.core, kind=AllocationProposal.Kind.NEW_CASES, by=cw.w.professional
    )
    assert proposal.moves.count() == len(waiting)
    assert not proposal.moves.filter(to_person=cw.w.colleague).exists()
