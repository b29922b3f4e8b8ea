"""Leave cover: every item of an absent worker gets a present colleague from the same team.

Nobody may end above ``max_ratio`` (load / capacity, same units as caseloads). Items are
placed largest first on the allowed colleague with the lowest resulting ratio, which
spreads the extra load; items that cannot be placed are reported with a reason code:
``no_colleague`` (nobody present in the team), ``forbidden`` (every present colleague
is a forbidden pair) or ``capacity`` (allowed colleagues have no room left). Absent
workers' items are only reassigned for the absence; nothing else moves.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from entrepairs.solvers import _validate as v
from entrepairs.solvers.caseloads import EPS, Item, Worker, WorkerLoad
from entrepairs.solvers.errors import SolverInputError


@dataclass(frozen=True)
class LeaveCoverProblem:
    items: Sequence[Item]  # item.current = who holds it now (required here)
    workers: Sequence[Worker]
    absent: Sequence[str]  # worker ids
    max_ratio: float  # nobody may end above load / capacity = max_ratio
    forbidden: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class CoverAssignment:
    item: str
    absent_worker: str
    cover_worker: str


@dataclass(frozen=True)
class UncoveredItem:
    item: str
    absent_worker: str
    reason: str  # no_colleague | forbidden | capacity
    message: str


@dataclass(frozen=True)
class LeaveCoverResult:
    covers: tuple[CoverAssignment, ...]
    uncovered: tuple[UncoveredItem, ...]
    loads: tuple[WorkerLoad, ...]  # present workers, after cover
    covered_weight: float
    covered_weight_bound: float  # sum over teams of min(absent weight, free room)
    max_ratio: float
    seconds: float


def solve_leave_cover(problem: LeaveCoverProblem) -> LeaveCoverResult:
    t0 = time.perf_counter()
    items, workers = list(problem.items), list(problem.workers)
    for k, it in enumerate(items):
        if not isinstance(it, Item):
            raise SolverInputError(f"items[{k}]", "must be an Item")
        v.number(f"items[{k}].weight", it.weight, positive=True)
        if it.current is None:
            raise SolverInputError(f"items[{k}].current", "leave cover needs the current holder")
    for k, wk in enumerate(workers):
        if not isinstance(wk, Worker):
            raise SolverInputError(f"workers[{k}]", "must be a Worker")
        v.number(f"workers[{k}].capacity", wk.capacity, minimum=0)
    v.number("max_ratio", problem.max_ratio, positive=True)
    ii = v.unique_ids("items", (it.id for it in items))
    wi = v.unique_ids("workers", (wk.id for wk in workers))
    holder = np.array(
        [v.known(f"items[{k}].current", it.current, wi) for k, it in enumerate(items)],
        dtype=np.int64,
    )
    absent = np.zeros(len(workers), dtype=bool)
    for k, a in enumerate(problem.absent):
        absent[v.known(f"absent[{k}]", a, wi)] = True
    forbidden: set[tuple[int, int]] = set()
    for k, (a, b) in enumerate(v.pair_list("forbidden", problem.forbidden)):
        forbidden.add((v.known(f"forbidden[{k}]", a, ii), v.known(f"forbidden[{k}]", b, wi)))

    cap = np.array([wk.capacity for wk in workers], dtype=np.float64)
    w = np.array([it.weight for it in items], dtype=np.float64)
    team = np.array([wk.team if wk.team is not None else f"\0solo:{wk.id}" for wk in workers])
    load = np.bincount(holder[~absent[holder]], weights=w[~absent[holder]], minlength=len(workers))
    limit = problem.max_ratio * cap
    present = ~absent

    todo = np.flatnonzero(absent[holder])
    covers: list[CoverAssignment] = []
    uncovered: list[UncoveredItem] = []
    bound = 0.0
    for t in sorted(set(team[holder[todo]].tolist())):
        mine = todo[team[holder[todo]] == t]
        mates = np.flatnonzero(present & (team == t))
        bound += min(float(w[mine].sum()), float(np.maximum(limit[mates] - load[mates], 0).sum()))
    for i in todo[np.argsort(-w[todo], kind="stable")]:
        h = holder[i]
        mates = np.flatnonzero(present & (team == team[h]) & (cap > 0))
        allowed = np.array([j for j in mates if (int(i), int(j)) not in forbidden], dtype=np.int64)
        room = allowed[load[allowed] + w[i] <= limit[allowed] + EPS] if len(allowed) else allowed
        if len(room):
            j = int(room[np.argmin((load[room] + w[i]) / cap[room])])
            load[j] += w[i]
            covers.append(CoverAssignment(items[i].id, workers[h].id, workers[j].id))
            continue
        if len(mates) == 0:
            reason, msg = "no_colleague", "Nobody in the team is present."
        elif len(allowed) == 0:
            reason, msg = (
                "forbidden",
                f"All {len(mates)} present colleagues are forbidden for this item.",
            )
        else:
            reason, msg = (
                "capacity",
                f"None of the {len(allowed)} allowed colleagues has room for weight {w[i]:g}.",
            )
        uncovered.append(UncoveredItem(items[i].id, workers[h].id, reason, msg))
    covers.sort(key=lambda c: ii[c.item])
    uncovered.sort(key=lambda u: ii[u.item])
    loads = tuple(
        WorkerLoad(
            wk.id, float(load[j]), float(cap[j]), float(load[j] / cap[j]) if cap[j] > 0 else 0.0
        )
        for j, wk in enumerate(workers)
        if present[j]
    )
    return LeaveCoverResult(
        covers=tuple(covers),
        uncovered=tuple(uncovered),
        loads=loads,
        covered_weight=float(sum(w[ii[c.item]] for c in covers)),
        covered_weight_bound=bound,
        max_ratio=max((wl.ratio for wl in loads), default=0.0),
        seconds=time.perf_counter() - t0,
    )
