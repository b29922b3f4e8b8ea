"""Caseload allocation: weighted items (cases) to workers with a capacity (working time).

Goal, lexicographic: (1) the highest load ratio load/capacity as low as possible,
(2) the least total move cost at that ratio (an item moves when it leaves its current
worker), subject to forbidden pairs, optional same-team rule, optional ``max_moves``
and optional ``max_ratio``.

Bounds: the ratio cannot be below the largest item over its best allowed capacity, nor
below total weight over total capacity; with integer weights every load is an integer,
so the ratio is at least the smallest L with sum_p floor(L * cap_p) >= total weight.
For moves at ratio L, every worker above L * cap must shed at least its excess, which
costs at least a fractional-knapsack amount; items whose current worker is forbidden
must move anyway. Large instances: longest-processing-time greedy, move/swap descent,
then a continuity repair (keep current assignments, shed the least, best-fit the rest).
Tiny instances are enumerated exhaustively.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

import numpy as np

from entrepairs.solvers import _validate as v
from entrepairs.solvers.errors import InfeasibleError, SolverInputError

EPS = 1e-9
EXACT_MAX_ASSIGNMENTS = 20_000


@dataclass(frozen=True)
class Item:
    id: str
    weight: float = 1.0
    current: str | None = None  # worker id holding it now
    move_cost: float = 1.0
    team: str | None = None  # with same_team, only workers of this team may hold it


@dataclass(frozen=True)
class Worker:
    id: str
    capacity: float = 1.0  # working time, e.g. FTE; 0 = takes nothing
    team: str | None = None


@dataclass(frozen=True)
class CaseloadProblem:
    items: Sequence[Item]
    workers: Sequence[Worker]
    forbidden: Sequence[tuple[str, str]] = ()  # (item id, worker id)
    same_team: bool = False
    max_moves: int | None = None
    max_ratio: float | None = None  # hard ceiling on load / capacity


@dataclass(frozen=True)
class Move:
    item: str
    from_worker: str
    to_worker: str
    cost: float


@dataclass(frozen=True)
class WorkerLoad:
    worker: str
    load: float
    capacity: float
    ratio: float


@dataclass(frozen=True)
class CaseloadResult:
    allocation: tuple[tuple[str, str], ...]  # (item id, worker id)
    loads: tuple[WorkerLoad, ...]
    max_ratio: float
    bound: float  # proven lower bound on the highest ratio
    gap: float  # (max_ratio - bound) / max_ratio
    moves: tuple[Move, ...]
    move_cost: float
    moves_bound: float  # proven lower bound on move cost at max_ratio
    status: str  # optimal | feasible
    method: str
    seconds: float


class _Model:
    def __init__(self, p: CaseloadProblem) -> None:
        self.items = list(p.items)
        self.workers = list(p.workers)
        for k, it in enumerate(self.items):
            if not isinstance(it, Item):
                raise SolverInputError(f"items[{k}]", "must be an Item")
            v.number(f"items[{k}].weight", it.weight, positive=True)
            v.number(f"items[{k}].move_cost", it.move_cost, minimum=0)
        for k, wk in enumerate(self.workers):
            if not isinstance(wk, Worker):
                raise SolverInputError(f"workers[{k}]", "must be a Worker")
            v.number(f"workers[{k}].capacity", wk.capacity, minimum=0)
        self.ii = v.unique_ids("items", (it.id for it in self.items))
        self.wi = v.unique_ids("workers", (w.id for w in self.workers))
        if not self.workers:
            raise SolverInputError("workers", "there are no workers")
        if p.max_moves is not None:
            v.integer("max_moves", p.max_moves, minimum=0)
        if p.max_ratio is not None:
            v.number("max_ratio", p.max_ratio, positive=True)
        n, m = len(self.items), len(self.workers)
        self.w = np.array([it.weight for it in self.items], dtype=np.float64)
        self.cost = np.array([it.move_cost for it in self.items], dtype=np.float64)
        self.cap = np.array([wk.capacity for wk in self.workers], dtype=np.float64)
        self.allowed = np.repeat((self.cap > 0)[None, :], n, axis=0)
        for k, (a, b) in enumerate(v.pair_list("forbidden", p.forbidden)):
            self.allowed[
                v.known(f"forbidden[{k}]", a, self.ii), v.known(f"forbidden[{k}]", b, self.wi)
            ] = False
        if p.same_team:
            wteam = np.array([wk.team or "" for wk in self.workers])
            for i, it in enumerate(self.items):
                if it.team is not None:
                    self.allowed[i] &= wteam == it.team
        self.current = np.full(n, -1, dtype=np.int64)
        for i, it in enumerate(self.items):
            if it.current is not None:
                self.current[i] = v.known(f"items[{i}].current", it.current, self.wi)
        for i in range(n):
            if not self.allowed[i].any():
                why = (
                    "its team has no worker with capacity"
                    if p.same_team and self.items[i].team
                    else "every worker is forbidden or has capacity 0"
                )
                raise InfeasibleError(
                    "forbidden", f"item {self.items[i].id!r} has no allowed worker: {why}"
                )
        self.home_ok = (self.current >= 0) & self.allowed[np.arange(n), np.maximum(self.current, 0)]
        self.n, self.m = n, m
        self.integer = bool(np.all(self.w == np.round(self.w)))

    # --- bounds ------------------------------------------------------------------------

    def ratio_bound(self) -> float:
        ratios = np.where(
            self.allowed, self.w[:, None] / np.where(self.cap > 0, self.cap, 1)[None, :], np.inf
        )
        lb_item = float(ratios.min(axis=1).max(initial=0.0))
        usable = self.cap[self.allowed.any(axis=0)]
        total = float(self.w.sum())
        lb_total = total / float(usable.sum()) if len(usable) else math.inf
        if self.integer and len(usable):
            # Smallest L with sum floor(L * cap) >= total: integer loads cannot use fractions.
            lo, hi = lb_total, lb_total + float(self.w.max(initial=1.0)) / float(usable.min()) + 1
            for _ in range(100):
                mid = (lo + hi) / 2
                if np.floor(mid * usable + EPS).sum() >= total:
                    hi = mid
                else:
                    lo = mid
            # Snap to the exact breakpoint k / cap that attains it.
            lb_total = float(np.max(np.floor(hi * usable + EPS) / usable))
            if np.floor(lb_total * usable + EPS).sum() < total:  # pragma: no cover - guard
                lb_total = hi
        return max(lb_item, lb_total)

    def moves_bound(self, limit: np.ndarray) -> float:
        """Lower bound on move cost for any allocation with load_p <= limit_p."""
        bound = float(self.cost[(self.current >= 0) & ~self.home_ok].sum())
        kept = self.home_ok
        load = np.bincount(self.current[kept], weights=self.w[kept], minlength=self.m)
        for p in np.flatnonzero(load > limit + EPS):
            excess = load[p] - limit[p]
            mine = np.flatnonzero(kept & (self.current == p))
            # Fractional knapsack: shed weight at the best weight-per-cost first.
            order = mine[
                np.argsort(-(self.w[mine] / np.maximum(self.cost[mine], 1e-12)), kind="stable")
            ]
            need, spent = excess, 0.0
            for i in order:
                if need <= EPS:
                    break
                take = min(1.0, need / self.w[i])
                spent += take * self.cost[i]
                need -= take * self.w[i]
            if np.all(self.cost[mine] == 1.0):
                spent = math.ceil(spent - EPS)
            bound += spent
        return bound


# --- heuristic -----------------------------------------------------------------------------


def _loads(m: _Model, assign: np.ndarray) -> np.ndarray:
    return np.bincount(assign, weights=m.w, minlength=m.m)


def _lpt(m: _Model) -> np.ndarray:
    """Longest item first, each to the allowed worker with the lowest resulting ratio."""
    load = np.zeros(m.m)
    assign = np.full(m.n, -1, dtype=np.int64)
    capsafe = np.where(m.cap > 0, m.cap, 1.0)
    for i in np.argsort(-m.w, kind="stable"):
        r = np.where(m.allowed[i], (load + m.w[i]) / capsafe, np.inf)
        best = r.min()
        # Among equal ratios prefer the current worker (continuity for free).
        j = m.current[i] if m.home_ok[i] and r[m.current[i]] <= best + EPS else int(np.argmin(r))
        assign[i] = j
        load[j] += m.w[i]
    return assign


def _descent(m: _Model, assign: np.ndarray, target: float, deadline: float) -> np.ndarray:
    """Lower the highest ratio by moving or swapping items off the most loaded worker."""
    load = _loads(m, assign)
    capsafe = np.where(m.cap > 0, m.cap, 1.0)
    while time.perf_counter() < deadline:
        ratio = np.where(m.cap > 0, load / capsafe, 0.0)
        p = int(np.argmax(ratio))
        top = ratio[p]
        if top <= target + EPS:
            break
        done = False
        mine = np.flatnonzero(assign == p)
        for i in mine[np.argsort(-m.w[mine], kind="stable")]:
            r = np.where(m.allowed[i], (load + m.w[i]) / capsafe, np.inf)
            r[p] = np.inf
            q = int(np.argmin(r))
            if r[q] < top - EPS:
                assign[i] = q
                load[p] -= m.w[i]
                load[q] += m.w[i]
                done = True
                break
        if not done:
            # Swap a bigger item of p with a smaller item of q when both end below top.
            for i in mine[np.argsort(-m.w[mine], kind="stable")]:
                others = np.flatnonzero((assign != p) & (m.w < m.w[i]) & m.allowed[:, p])
                if len(others) == 0:
                    continue
                qs = assign[others]
                ok = m.allowed[i, qs]
                nq = (load[qs] - m.w[others] + m.w[i]) / capsafe[qs]
                np_ = (load[p] - m.w[i] + m.w[others]) / capsafe[p]
                good = ok & (nq < top - EPS) & (np_ < top - EPS)
                if good.any():
                    k = int(np.flatnonzero(good)[np.argmin(np.maximum(nq, np_)[good])])
                    j, qq = int(others[k]), int(qs[k])
                    assign[i], assign[j] = qq, p
                    load[p] += m.w[j] - m.w[i]
                    load[qq] += m.w[i] - m.w[j]
                    done = True
                    break
        if not done:
            break
    return assign


def _repair(m: _Model, limit: np.ndarray) -> np.ndarray | None:
    """Keep current assignments, shed the cheapest weight from overloaded workers, best-fit the rest."""
    assign = np.where(m.home_ok, m.current, -1)
    load = np.bincount(assign[assign >= 0], weights=m.w[assign >= 0], minlength=m.m)
    for p in np.flatnonzero(load > limit + EPS):
        mine = np.flatnonzero(assign == p)
        excess = load[p] - limit[p]
        order = mine[np.argsort(-(m.w[mine] / np.maximum(m.cost[mine], 1e-12)), kind="stable")]
        shed: list[int] = []
        got = 0.0
        for i in order:
            if got >= excess - EPS:
                break
            shed.append(int(i))
            got += m.w[i]
        # Swap each shed item for a smaller kept one while still covering the excess.
        kept = sorted((int(i) for i in mine if int(i) not in shed), key=lambda i: m.w[i])
        for s_idx in range(len(shed)):
            i = shed[s_idx]
            for j in kept:
                if (
                    m.w[j] < m.w[i]
                    and m.cost[j] <= m.cost[i]
                    and got - m.w[i] + m.w[j] >= excess - EPS
                ):
                    shed[s_idx] = j
                    kept.remove(j)
                    kept.append(i)
                    kept.sort(key=lambda x: m.w[x])
                    got += m.w[j] - m.w[i]
                    break
        for i in shed:
            assign[i] = -1
            load[p] -= m.w[i]
    pool = np.flatnonzero(assign < 0)
    for i in pool[np.argsort(-m.w[pool], kind="stable")]:
        slack = limit - load - m.w[i]
        fit = m.allowed[i] & (slack >= -EPS)
        if not fit.any():
            return None
        j = int(np.flatnonzero(fit)[np.argmin(slack[fit])])  # best fit keeps big gaps for big items
        assign[i] = j
        load[j] += m.w[i]
    return assign


def _restore(m: _Model, assign: np.ndarray, limit: np.ndarray) -> np.ndarray:
    """Send moved items back to their current worker whenever that stays within the limit."""
    load = _loads(m, assign)
    away = np.flatnonzero(m.home_ok & (assign != m.current))
    for i in away[np.argsort(-m.cost[away], kind="stable")]:
        h = m.current[i]
        if load[h] + m.w[i] <= limit[h] + EPS:
            load[assign[i]] -= m.w[i]
            load[h] += m.w[i]
            assign[i] = h
    return assign


def _move_cost(m: _Model, assign: np.ndarray) -> float:
    moved = (m.current >= 0) & (assign != m.current)
    return float(m.cost[moved].sum())


def _n_moves(m: _Model, assign: np.ndarray) -> int:
    return int(((m.current >= 0) & (assign != m.current)).sum())


def _max_ratio(m: _Model, assign: np.ndarray) -> float:
    load = _loads(m, assign)
    return float(np.max(np.where(m.cap > 0, load / np.where(m.cap > 0, m.cap, 1), 0.0)))


def _best_at(m: _Model, limit_ratio: float, fallback: np.ndarray | None) -> np.ndarray | None:
    limit = limit_ratio * m.cap * (1 + 1e-12)
    options = []
    rep = _repair(m, limit)
    if rep is not None:
        options.append(_restore(m, rep, limit))
    if fallback is not None and _max_ratio(m, fallback) <= limit_ratio + EPS:
        options.append(_restore(m, fallback.copy(), limit))
    if not options:
        return None
    return min(options, key=lambda a: (_move_cost(m, a), _max_ratio(m, a)))


def _exact(m: _Model, max_moves: int | None, max_ratio: float | None) -> np.ndarray | None:
    choices = [np.flatnonzero(m.allowed[i]) for i in range(m.n)]
    best, best_key = None, (math.inf, math.inf)
    capsafe = np.where(m.cap > 0, m.cap, 1.0)
    for combo in product(*choices):
        a = np.array(combo, dtype=np.int64)
        if max_moves is not None and _n_moves(m, a) > max_moves:
            continue
        ratio = float(np.max(np.where(m.cap > 0, _loads(m, a) / capsafe, 0.0)))
        if max_ratio is not None and ratio > max_ratio + EPS:
            continue
        key = (round(ratio, 9), round(_move_cost(m, a), 9))
        if key < best_key:
            best, best_key = a, key
    return best


def solve_caseloads(
    problem: CaseloadProblem, *, method: str = "auto", time_limit_s: float = 3.0
) -> CaseloadResult:
    """Allocate items to workers. ``method``: "auto", "exact" (enumeration) or "heuristic"."""
    t0 = time.perf_counter()
    if method not in ("auto", "exact", "heuristic"):
        raise SolverInputError("method", f"unknown method {method!r}")
    m = _Model(problem)
    bound = m.ratio_bound()
    if problem.max_ratio is not None and bound > problem.max_ratio + EPS:
        raise InfeasibleError(
            "max_ratio",
            f"capacity is insufficient: the load ratio is at least {bound:.3f} > {problem.max_ratio}",
        )
    n_assign = math.prod(int(m.allowed[i].sum()) for i in range(m.n)) if m.n else 1
    if method == "exact" or (method == "auto" and n_assign <= EXACT_MAX_ASSIGNMENTS):
        assign = _exact(m, problem.max_moves, problem.max_ratio)
        if assign is None:
            name = "max_moves" if problem.max_moves is not None else "max_ratio"
            raise InfeasibleError(name, f"no allocation satisfies {name}")
        ratio = _max_ratio(m, assign)
        return _result(m, assign, ratio, ratio, _move_cost(m, assign), "exhaustive", True, t0)

    deadline = t0 + time_limit_s
    base = _descent(m, _lpt(m), bound, deadline)
    best_ratio = _max_ratio(m, base)
    assign = _best_at(m, bound, None) if best_ratio > bound + EPS else None
    if assign is not None:
        best_ratio = _max_ratio(m, assign)
    else:
        assign = _best_at(m, best_ratio, base)
        assert assign is not None  # base itself qualifies
    if problem.max_moves is not None and _n_moves(m, assign) > problem.max_moves:
        assign, best_ratio = _within_moves(m, problem.max_moves, best_ratio)
    if problem.max_ratio is not None and best_ratio > problem.max_ratio + EPS:
        raise InfeasibleError(
            "max_ratio", f"no allocation found with load ratio <= {problem.max_ratio}"
        )
    limit = best_ratio * m.cap * (1 + 1e-12)
    mb = m.moves_bound(limit)
    return _result(m, assign, bound, best_ratio, mb, "lpt + descent + continuity repair", False, t0)


def _within_moves(m: _Model, max_moves: int, lo: float) -> tuple[np.ndarray, float]:
    """Smallest ratio (bisection) whose continuity repair needs at most max_moves moves."""
    forced = int(((m.current >= 0) & ~m.home_ok).sum())
    if forced > max_moves:
        raise InfeasibleError(
            "max_moves", f"{forced} items must move (their worker is not allowed) > {max_moves}"
        )
    # Upper end: everything stays, the rest best-fit at the lowest ratio that takes them.
    hi = float(m.w.sum() / m.cap[m.cap > 0].min()) + 1.0  # any allocation is below this
    best: tuple[np.ndarray, float] | None = None
    for _ in range(40):
        mid = (lo + hi) / 2
        a = _repair(m, mid * m.cap * (1 + 1e-12))
        if a is not None and _n_moves(m, a) <= max_moves:
            best = (a, _max_ratio(m, a))
            hi = mid
        else:
            lo = mid
    if best is None:
        raise InfeasibleError("max_moves", f"no allocation found with at most {max_moves} moves")
    return best


def _result(
    m: _Model,
    assign: np.ndarray,
    bound: float,
    ratio: float,
    moves_bound: float,
    method: str,
    exact: bool,
    t0: float,
) -> CaseloadResult:
    load = _loads(m, assign)
    moves = tuple(
        Move(m.items[i].id, m.workers[m.current[i]].id, m.workers[assign[i]].id, float(m.cost[i]))
        for i in range(m.n)
        if m.current[i] >= 0 and assign[i] != m.current[i]
    )
    cost = float(sum(mv.cost for mv in moves))
    ratio = _max_ratio(m, assign)
    bound = min(bound, ratio)
    gap = 0.0 if ratio <= bound + EPS else (ratio - bound) / ratio
    optimal = exact or (gap == 0.0 and cost <= moves_bound + EPS)
    return CaseloadResult(
        allocation=tuple((m.items[i].id, m.workers[assign[i]].id) for i in range(m.n)),
        loads=tuple(
            WorkerLoad(
                wk.id,
                float(load[j]),
                float(m.cap[j]),
                float(load[j] / m.cap[j]) if m.cap[j] > 0 else 0.0,
            )
            for j, wk in enumerate(m.workers)
        ),
        max_ratio=ratio,
        bound=bound,
        gap=gap,
        moves=moves,
        move_cost=cost,
        moves_bound=cost if exact else min(moves_bound, cost),
        status="optimal" if optimal else "feasible",
        method=method,
        seconds=time.perf_counter() - t0,
    )
