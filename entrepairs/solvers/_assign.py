"""Exact bipartite assignment kernels shared by the pair solver.

Left nodes take at most one partner, right node j at most ``cap[j]``. Three modes:
``total`` (max total weight, nobody has to be matched), ``most_matched`` (max
cardinality, then max total) and feasibility-only maximum cardinality used by the
maximin bisection. Dense problems go to SciPy's LAPJV (right nodes expanded into
capacity slots); large sparse components go to OR-Tools min-cost flow on integers.
"""

from __future__ import annotations

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
    if len(ii) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    src, snk = nl + nr, nl + nr + 1
    left = np.arange(nl, dtype=np.int64)
    right = np.arange(nr, dtype=np.int64)
    tails = [np.full(nl, src), ii, nl + right]
    heads = [left, nl + jj, np.full(nr, snk)]
    caps = [np.ones(nl, np.int64), np.ones(len(ii), np.int64), cap.astype(np.int64)]
    costs = [np.zeros(nl, np.int64), -np.rint(s * FLOW_SCALE).astype(np.int64), np.zeros(nr, np.int64)]
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
