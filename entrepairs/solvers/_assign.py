"""Exact bipartite assignment kernels shared by the pair solver.

Left nodes take at most one partner, right node j at most ``cap[j]``. Three modes:
``total`` (max total weight, nobody has to be matched), ``most_matched`` (max
cardinality, then max total) and feasibility-only maximum cardinality used by the
maximin bisection. Dense problems go to SciPy's LAPJV (right nodes expanded into
capacity slots); large sparse components go to OR-Tools min-cost flow on integers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from ortools.graph.python import min_cost_flow
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import maximum_bipartite_matching

IntArr = npt.NDArray[np.int64]
FloatArr = npt.NDArray[np.float64]

# Scores are rounded to this resolution for the integer min-cost-flow kernel.
FLOW_SCALE = 1_000_000


def dense_assign(
    w: FloatArr, feas: npt.NDArray[np.bool_], cap: IntArr, mode: str
) -> tuple[IntArr, IntArr]:
    """Optimal assignment on a dense score matrix; returns (rows, cols) of chosen pairs."""
    nl, nr = w.shape
    if nl == 0 or nr == 0 or not feas.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    slots = np.repeat(np.arange(nr), cap)
    if len(slots) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    m = w if np.array_equal(cap, np.ones(nr, np.int64)) else w[:, slots]
    f = feas if m is w else feas[:, slots]
    if mode == "total":
        # An infeasible pair is worth the same as leaving both unmatched (0); scores are >= 0.
        val = np.where(f, m, 0.0)
    else:
        big = (float(np.max(m, where=f, initial=0.0)) + 1.0) * (min(nl, len(slots)) + 1)
        val = np.where(f, m + big, 0.0)
    r, c = linear_sum_assignment(val, maximize=True)
    keep = f[r, c]
    cols = c[keep] if m is w else slots[c[keep]]
    return r[keep].astype(np.int64), cols.astype(np.int64)


def flow_assign(
    nl: int, nr: int, ii: IntArr, jj: IntArr, s: FloatArr, cap: IntArr, mode: str
) -> tuple[IntArr, IntArr]:
    """Optimal assignment on an edge list with OR-Tools min-cost flow (integer costs)."""
    return flow_assign_int(nl, nr, ii, jj, np.rint(s * FLOW_SCALE).astype(np.int64), cap, mode)


def flow_assign_int(
    nl: int, nr: int, ii: IntArr, jj: IntArr, wint: IntArr, cap: IntArr, mode: str
) -> tuple[IntArr, IntArr]:
    if len(ii) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    src, snk = nl + nr, nl + nr + 1
    left = np.arange(nl, dtype=np.int64)
    right = np.arange(nr, dtype=np.int64)
    tails = [np.full(nl, src), ii, nl + right]
    heads = [left, nl + jj, np.full(nr, snk)]
    caps = [np.ones(nl, np.int64), np.ones(len(ii), np.int64), cap.astype(np.int64)]
    costs = [np.zeros(nl, np.int64), -wint, np.zeros(nr, np.int64)]
    if mode == "total":
        # Bypass arcs let every unit of supply reach the sink unmatched at cost 0.
        tails.append(left)
        heads.append(np.full(nl, snk))
        caps.append(np.ones(nl, np.int64))
        costs.append(np.zeros(nl, np.int64))
    mcf = min_cost_flow.SimpleMinCostFlow()
    mcf.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails), np.concatenate(heads), np.concatenate(caps), np.concatenate(costs)
    )
    mcf.set_nodes_supplies(np.array([src, snk]), np.array([nl, -nl]))
    status = mcf.solve() if mode == "total" else mcf.solve_max_flow_with_min_cost()
    if status != mcf.OPTIMAL:  # pragma: no cover - the network is always feasible
        raise RuntimeError(f"min-cost flow failed: {status}")
    edge_arcs = np.arange(nl, nl + len(ii))
    used = mcf.flows(edge_arcs) > 0
    return ii[used], jj[used]


def max_cardinality(nl: int, nr: int, ii: IntArr, jj: IntArr, cap: IntArr) -> int:
    """Size of a maximum matching with right capacities (Hopcroft-Karp on capacity slots)."""
    if len(ii) == 0:
        return 0
    cap = cap.astype(np.int64)
    if cap.max(initial=0) > 1:
        first = np.concatenate([[0], np.cumsum(cap)[:-1]])
        reps = cap[jj]
        ii = np.repeat(ii, reps)
        base = np.repeat(first[jj], reps)
        offs = np.arange(len(ii)) - np.repeat(np.cumsum(reps) - reps, reps)
        jj = base + offs
        n_slots = int(cap.sum())
    else:
        keep = cap[jj] > 0
        ii, jj, n_slots = ii[keep], jj[keep], nr
    if len(ii) == 0:
        return 0
    g = sp.csr_matrix((np.ones(len(ii), np.int8), (ii, jj)), shape=(nl, n_slots))
    match = maximum_bipartite_matching(g, perm_type="column")
    return int((match >= 0).sum())


def _potentials(
    nl: int, nr: int, ii: IntArr, jj: IntArr, w: IntArr, r: IntArr, c: IntArr, cap: IntArr
) -> IntArr:
    """Shortest-path potentials of the residual network of an optimal flow (Bellman-Ford).

    Nodes: seekers 0..nl-1, providers nl..nl+nr-1, sink nl+nr. Every node starts at
    distance 0 (a virtual root), so all are reached. An optimal flow has no negative
    cycle, hence this converges in at most (number of nodes) rounds.
    """
    matched = np.zeros(nl, dtype=bool)
    matched[r] = True
    load = np.bincount(c, minlength=nr)
    in_m = np.isin(ii * nr + jj, r * nr + c)
    t = nl + nr
    tails = [np.where(in_m, nl + jj, ii)]
    heads = [np.where(in_m, ii, nl + jj)]
    costs = [np.where(in_m, w, -w)]

    def add(tl: IntArr, hd: IntArr) -> None:
        tails.append(tl)
        heads.append(hd)
        costs.append(np.zeros(len(tl), np.int64))

    a = np.flatnonzero(load < cap)
    add(nl + a, np.full(len(a), t))
    a = np.flatnonzero(load > 0)
    add(np.full(len(a), t), nl + a)
    a = np.flatnonzero(~matched)  # unit went through the bypass arc seeker -> sink
    add(np.full(len(a), t), a)
    a = np.flatnonzero(matched)
    add(a, np.full(len(a), t))
    tl, hd, cs = np.concatenate(tails), np.concatenate(heads), np.concatenate(costs)
    order = np.argsort(hd, kind="stable")
    tl, hd, cs = tl[order], hd[order], cs[order]
    uh, starts = np.unique(hd, return_index=True)
    d = np.zeros(t + 1, dtype=np.int64)
    for _ in range(t + 2):
        best = np.minimum(d[uh], np.minimum.reduceat(d[tl] + cs, starts))
        if np.array_equal(best, d[uh]):
            return d
        d[uh] = best
    raise RuntimeError("negative cycle: the flow was not optimal")  # pragma: no cover


def top_k_edges(w: IntArr, k: int, row_offset: int = 0) -> tuple[IntArr, IntArr]:
    """The k largest feasible (w >= 0) entries of every row of a block, as (rows, cols)."""
    nb, nr = w.shape
    if nb == 0 or nr == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    kk = min(k, nr)
    cols = (
        np.argpartition(-w, kk - 1, axis=1)[:, :kk] if kk < nr else np.tile(np.arange(nr), (nb, 1))
    )
    rows = np.repeat(np.arange(nb), kk)
    cols = cols.ravel()
    ok = w[rows, cols] >= 0
    return rows[ok] + row_offset, cols[ok].astype(np.int64)


# Exact integer scores (-1 = forbidden pair) of some seekers against every provider.
ScoreRows = Callable[[IntArr], npt.NDArray[np.integer[Any]]]
_NONE = np.zeros(0, np.int64)


def unproven_rows(di: IntArr, dj: IntArr, row_bound: IntArr, col_bound: IntArr) -> IntArr:
    """Rows where some pair outside the stored ones might still beat the potentials.

    A pair (i, j) that is neither a candidate nor a shadow scores at most
    min(row_bound[i], col_bound[j]) (the k-th best score of its row and of its column; -1
    when every feasible pair of that row or column is stored). It can only improve the
    solution when that bound exceeds d_i - d_j, i.e. when d_j > d_i - row_bound[i] and
    d_j + col_bound[j] > d_i: with the columns sorted by d_j and a suffix maximum of
    d_j + col_bound[j], each row is one binary search (O(n log n), no score computed).
    """
    cols = np.flatnonzero(col_bound >= 0)
    if len(cols) == 0:
        return _NONE
    order = cols[np.argsort(dj[cols], kind="stable")]
    ds = dj[order]
    reach = np.maximum.accumulate((dj[order] + col_bound[order])[::-1])[::-1]
    rows = np.flatnonzero(row_bound >= 0)
    pos = np.searchsorted(ds, di[rows] - row_bound[rows], side="right")
    inside = pos < len(ds)
    rows, pos = rows[inside], pos[inside]
    return rows[reach[pos] > di[rows]]


def certified_assign(
    score_rows: ScoreRows,
    nl: int,
    nr: int,
    cap: IntArr,
    ei: IntArr,
    ej: IntArr,
    ew: IntArr,
    *,
    shadow: tuple[IntArr, IntArr, IntArr] | None = None,
    bounds: tuple[IntArr, IntArr] | None = None,
    add: int = 4,
    chunk: int = 256,
) -> tuple[IntArr, IntArr, int, int]:
    """Exact max-weight assignment of nl seekers to nr providers (scores >= 0, -1 forbidden).

    Solve min-cost flow on the candidate edges (ei, ej, ew) (the k best partners per seeker
    and per provider), compute potentials of its residual network, and check the reduced
    cost of every other feasible pair. Violating pairs are added and the loop repeats;
    when none is left the potentials are a feasible LP dual for the whole problem, which
    proves the sparse optimum optimal. On real scores (many near-ties) this is several
    times faster than LAPJV on the full matrix.

    The scores are never needed all at once. ``shadow`` holds pairs whose exact score is
    known but which are kept out of the flow (checked exactly every round); ``bounds``
    (see :func:`unproven_rows`) clears most rows without scoring them; the rows left are
    scored again through ``score_rows``, ``chunk`` rows at a time. Without ``bounds``
    every row is checked every round (right when the scores are held in a matrix).
    Returns (rows, columns, rounds, rows scored again).
    """
    capok = cap > 0
    all_cap = bool(capok.all())
    keep = capok[ej] & (ew >= 0)
    ei, ej, ew = ei[keep], ej[keep], ew[keep].astype(np.int64)
    si, sj, sw = shadow if shadow is not None else (_NONE, _NONE, _NONE)
    keep = capok[sj] & (sw >= 0)
    si, sj, sw = si[keep], sj[keep], sw[keep].astype(np.int64)
    skey = si * nr + sj
    if len(skey) > 1 and bool((skey[1:] <= skey[:-1]).any()):
        order = np.argsort(skey, kind="stable")
        si, sj, sw, skey = si[order], sj[order], sw[order], skey[order]
    scored = 0
    for rounds in range(1, 200):
        r, c = flow_assign_int(nl, nr, ei, ej, ew, cap, "total")
        d = _potentials(nl, nr, ei, ej, ew, r, c, cap)
        di, dj = d[:nl], d[nl : nl + nr]
        matched_col = np.full(nl, -1, dtype=np.int64)
        matched_col[r] = c
        new_i: list[IntArr] = []
        new_j: list[IntArr] = []
        new_w: list[IntArr] = []
        # Shadows are never candidates, hence never matched: an exact check of all of them.
        sv = np.flatnonzero(sw > di[si] - dj[sj])
        if len(sv):
            new_i.append(si[sv])
            new_j.append(sj[sv])
            new_w.append(sw[sv])
        if bounds is None:
            rows = np.arange(nl, dtype=np.int64)
        elif len(sv):
            # Potentials that some shadow still beats are not final: score nothing again yet.
            rows = _NONE
        else:
            rows = unproven_rows(di, dj, *bounds)
        scored += len(rows)
        for s0 in range(0, len(rows), chunk):
            at = rows[s0 : s0 + chunk]
            wb = score_rows(at)
            # Reduced cost of arc seeker->provider: d_i - d_j - w_ij; negative = improvable,
            # i.e. w_ij > d_i - d_j. Forbidden pairs are -1 and never exceed a threshold
            # clamped at -1, so three passes over the block find every improvable pair.
            thr = di[at, None] - dj[None, :]
            np.maximum(thr, -1, out=thr)
            viol = wb > thr
            if not all_cap:
                viol[:, ~capok] = False
            mc = matched_col[at]
            has = np.flatnonzero(mc >= 0)
            viol[has, mc[has]] = False
            vr = np.flatnonzero(viol.any(axis=1))
            if len(vr) == 0:
                continue
            slack = thr[vr] - wb[vr]
            sl = np.where(viol[vr], slack, 0)
            m = min(add, nr)
            part = (
                np.argpartition(sl, m - 1, axis=1)[:, :m]
                if m < nr
                else np.tile(np.arange(nr), (len(vr), 1))
            )
            vi, vj = np.repeat(vr, m), part.ravel()
            good = viol[vi, vj]
            vi, vj = vi[good], vj[good].astype(np.int64)
            new_i.append(at[vi])
            new_j.append(vj)
            new_w.append(wb[vi, vj].astype(np.int64))
        if not new_i:
            return r, c, rounds, scored
        key, first = np.unique(
            np.concatenate(new_i) * nr + np.concatenate(new_j), return_index=True
        )
        ei = np.concatenate([ei, key // nr])
        ej = np.concatenate([ej, key % nr])
        ew = np.concatenate([ew, np.concatenate(new_w)[first]])
        if len(skey):  # a pair that joins the flow leaves the shadows
            pos = np.minimum(np.searchsorted(skey, key), len(skey) - 1)
            hit = pos[skey[pos] == key]
            if len(hit):
                stay = np.ones(len(skey), dtype=bool)
                stay[hit] = False
                si, sj, sw, skey = si[stay], sj[stay], sw[stay], skey[stay]
    raise RuntimeError("certificate did not converge")  # pragma: no cover
