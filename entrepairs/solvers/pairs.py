"""One-to-one and one-to-few pairing (mentoring, buddies, tutoring, group mentoring).

Seekers (youths, newcomers) are matched to providers (mentors) who take up to
``capacity`` seekers. Every solve is exact: SciPy LAPJV on dense matrices, OR-Tools
min-cost flow on large sparse components, and a bisection over score thresholds for
the maximin objective. ``gap`` is therefore always 0; the field exists so that callers
handle heuristics the same way.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse.csgraph import connected_components

from entrepairs.solvers import _validate as v
from entrepairs.solvers._assign import (
    FLOW_SCALE,
    certified_assign,
    dense_assign,
    flow_assign,
    max_cardinality,
    top_k_edges,
)
from entrepairs.solvers.errors import SolverInputError
from entrepairs.solvers.scoring import (
    CRITERIA,
    Candidate,
    Encoded,
    Side,
    Weights,
    _and_any,
    as_cols,
    as_rows,
    columns,
    raw_edges,
    score_block,
    score_edges,
    take,
)

IntArr = npt.NDArray[np.int64]
FloatArr = npt.NDArray[np.float64]
BoolArr = npt.NDArray[np.bool_]

__all__ = [
    "Candidate",
    "HardConstraints",
    "Objective",
    "Pair",
    "PairsProblem",
    "PairsResult",
    "Unmatched",
    "Weights",
    "solve_pairs",
]


class Objective(StrEnum):
    TOTAL = "total"  # highest total score
    MOST_MATCHED = "most_matched"  # most people matched, then highest total
    MAXIMIN = "maximin"  # most matched, then best worst pair score, then highest total


@dataclass(frozen=True)
class HardConstraints:
    excluded_pairs: frozenset[tuple[str, str]] = frozenset()  # (seeker id, provider id)
    previous_pairs: frozenset[tuple[str, str]] = frozenset()
    forbid_previous_pairs: bool = True
    forbid_same_line_manager: bool = False  # also forbids pairing someone with their manager
    forbid_same_team: bool = False
    require_common_language: bool = False
    require_safeguarding: bool = False  # providers must be safeguarding-cleared
    require_same_region: bool = False
    # Optional whitelist produced upstream (e.g. a radius search); None means all pairs.
    allowed_pairs: frozenset[tuple[str, str]] | None = None


@dataclass(frozen=True)
class PairsProblem:
    seekers: Sequence[Candidate]
    providers: Sequence[Candidate]
    weights: Weights = field(default_factory=Weights)
    constraints: HardConstraints = field(default_factory=HardConstraints)
    objective: Objective = Objective.TOTAL
    pinned: Sequence[tuple[str, str]] = ()  # (seeker id, provider id) fixed by staff


@dataclass(frozen=True)
class Pair:
    seeker: str
    provider: str
    score: float
    breakdown: tuple[tuple[str, float, float, float], ...]  # (criterion, weight, raw, contribution)
    pinned: bool = False


@dataclass(frozen=True)
class Unmatched:
    id: str
    side: str  # "seeker" | "provider"
    reason: str  # no_feasible_partner | capacity | objective | no_capacity
    message: str


@dataclass(frozen=True)
class PairsResult:
    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]
    objective: float  # total score of all pairs (pinned included)
    bound: float  # proven upper bound on the objective for the chosen lexicographic goal
    gap: float  # (bound - objective) / bound; 0 when proven optimal
    status: str  # "optimal"
    matched: int
    min_score: float | None
    method: str
    seconds: float


CONSTRAINT_TEXT = {
    "same_person": "a person cannot be paired with themself",
    "excluded_pairs": "the pair is excluded",
    "previous_pairs": "they were paired before",
    "line_manager": "they share a line manager (or one manages the other)",
    "team": "they are in the same team",
    "required_language": "a required language is not spoken",
    "common_language": "they have no common language",
    "safeguarding": "the provider is not safeguarding-cleared",
    "region": "they are in different regions",
    "allowed_pairs": "the pair is not in the allowed list",
}


# --- validation --------------------------------------------------------------------------


def _bulk_ok(c: dict[str, list[Any]]) -> bool:
    """Whole-side checks at C speed; on failure the per-candidate check names the field."""
    caps, exps, ages = c["capacity"], c["experience_years"], c["age"]
    if set(map(type, caps)) - {int} or set(map(type, exps)) - {int, float}:
        return False
    if set(map(type, ages)) - {int, type(None)}:
        return False
    ranges = [r for r in c["preferred_age_range"] if r is not None]
    if ranges and (
        set(map(len, ranges)) != {2}
        or {type(x) for r in ranges for x in r} - {int}
        or any(not 0 <= lo <= hi for lo, hi in ranges)
    ):
        return False
    if caps and (min(caps) < 0 or not np.isfinite(np.array(exps, dtype=np.float64)).all()):
        return False
    if ages.count(None) < len(ages) and min(a for a in ages if a is not None) < 0:
        return False
    locs = [x for x in c["location"] if x is not None]
    if locs:
        if set(map(len, locs)) != {2} or set(map(type, chain.from_iterable(locs))) - {int, float}:
            return False
        arr = np.array(locs, dtype=np.float64)
        if not np.isfinite(arr).all() or arr[:, 0].min() < -90 or arr[:, 1].min() < -180:
            return False
    for name in ("interests", "languages", "availability", "preferred_genders"):
        if set(map(type, c[name])) - {frozenset}:
            return False  # plain sets are accepted by the detailed check and frozen later
    return True


def _validate_candidate(side: str, k: int, c: Candidate) -> None:
    f = f"{side}[{k}]"
    if not isinstance(c, Candidate):
        raise SolverInputError(f, "must be a Candidate")
    v.integer(f"{f}.capacity", c.capacity, minimum=0)
    v.number(f"{f}.experience_years", c.experience_years)
    if c.age is not None:
        v.integer(f"{f}.age", c.age, minimum=0)
    if c.location is not None:
        if len(c.location) != 2:
            raise SolverInputError(f"{f}.location", "must be (latitude, longitude)")
        v.number(f"{f}.location", c.location[0], minimum=-90)
        v.number(f"{f}.location", c.location[1], minimum=-180)
    if c.preferred_age_range is not None:
        lo, hi = c.preferred_age_range
        v.integer(f"{f}.preferred_age_range", lo, minimum=0)
        v.integer(f"{f}.preferred_age_range", hi, minimum=0)
        if lo > hi:
            raise SolverInputError(f"{f}.preferred_age_range", "minimum above maximum")
    for name in ("interests", "languages", "availability", "preferred_genders"):
        if not isinstance(getattr(c, name), frozenset | set):
            raise SolverInputError(f"{f}.{name}", "must be a set of strings")


def _pair_keys(name: str, pairs: object, li: dict[str, int], ri: dict[str, int], nr: int) -> IntArr:
    keys = []
    for k, (a, b) in enumerate(v.pair_list(f"constraints.{name}", pairs)):
        keys.append(
            v.known(f"constraints.{name}[{k}]", a, li) * nr
            + v.known(f"constraints.{name}[{k}]", b, ri)
        )
    return np.unique(np.array(keys, dtype=np.int64))


class _Prepared:
    def __init__(self, p: PairsProblem) -> None:
        if not isinstance(p.objective, Objective):
            try:
                object.__setattr__(p, "objective", Objective(p.objective))
            except ValueError:
                raise SolverInputError("objective", f"unknown objective {p.objective!r}") from None
        if not isinstance(p.weights, Weights):
            raise SolverInputError("weights", "must be a Weights instance")
        p.weights.validated()
        self.seekers = list(p.seekers)
        self.providers = list(p.providers)
        cols = []
        for side, cs in (("seekers", self.seekers), ("providers", self.providers)):
            if set(map(type, cs)) - {Candidate}:
                for k, c in enumerate(cs):
                    _validate_candidate(side, k, c)
            cols.append(columns(cs))
            if not _bulk_ok(cols[-1]):
                for k, c in enumerate(cs):
                    _validate_candidate(side, k, c)
        self.li = v.unique_ids("seekers", (c.id for c in self.seekers))
        self.ri = v.unique_ids("providers", (c.id for c in self.providers))
        nr = len(self.providers)
        hc = p.constraints
        self.hc = hc
        self.excluded = _pair_keys("excluded_pairs", hc.excluded_pairs, self.li, self.ri, nr)
        self.previous = _pair_keys("previous_pairs", hc.previous_pairs, self.li, self.ri, nr)
        self.allowed = (
            None
            if hc.allowed_pairs is None
            else _pair_keys("allowed_pairs", hc.allowed_pairs, self.li, self.ri, nr)
        )
        self.enc = Encoded(self.seekers, self.providers, (cols[0], cols[1]))
        self.cap = np.array(cols[1]["capacity"], dtype=np.int64).reshape(len(self.providers))


def violations(
    prep: _Prepared, ii: IntArr, jj: IntArr, *, same_region: bool = False
) -> dict[str, BoolArr]:
    """Per hard constraint, which of the pairs (ii, jj) it forbids.

    ``same_region``: the pairs were generated inside regions, so the region rule holds.
    """
    L: Side = prep.enc.left
    R: Side = prep.enc.right
    hc, nr = prep.hc, len(prep.providers)
    out: dict[str, BoolArr] = {"same_person": L.id_code[ii] == R.id_code[jj]}
    keys = ii * nr + jj
    if len(prep.excluded):
        out["excluded_pairs"] = np.isin(keys, prep.excluded)
    if hc.forbid_previous_pairs and len(prep.previous):
        out["previous_pairs"] = np.isin(keys, prep.previous)
    if hc.forbid_same_line_manager:
        lm, rm = L.manager[ii], R.manager[jj]
        out["line_manager"] = (
            ((lm >= 0) & (lm == rm)) | (lm == R.id_code[jj]) | (rm == L.id_code[ii])
        )
    if hc.forbid_same_team:
        out["team"] = (L.team[ii] >= 0) & (L.team[ii] == R.team[jj])
    bad = np.zeros(len(ii), dtype=bool)
    # Only the few people who require a language are checked.
    for need, other, a, b in ((L, R, ii, jj), (R, L, jj, ii)):
        k = np.flatnonzero(need.required_language[a] >= 0)
        if len(k):
            bad[k] |= ~_and_any(take(other.languages, b[k]), take(need.required_bit, a[k]))
    out["required_language"] = bad
    if hc.require_common_language:
        out["common_language"] = ~_and_any(take(L.languages, ii), take(R.languages, jj))
    if hc.require_safeguarding:
        out["safeguarding"] = ~R.cleared[jj]
    if hc.require_same_region and not same_region:
        out["region"] = (L.region[ii] < 0) | (L.region[ii] != R.region[jj])
    if prep.allowed is not None:
        out["allowed_pairs"] = ~np.isin(keys, prep.allowed)
    return out


def violations_block(prep: _Prepared, rows: IntArr) -> BoolArr:
    """Matrix version of :func:`violations` (any constraint) for seekers ``rows`` x all providers."""
    L, R = prep.enc.left, prep.enc.right
    hc, nr = prep.hc, len(prep.providers)
    bad = L.id_code[rows][:, None] == R.id_code[None, :]
    pos = np.full(len(prep.seekers), -1, dtype=np.int64)
    pos[rows] = np.arange(len(rows))
    key_sets = [prep.excluded]
    if hc.forbid_previous_pairs:
        key_sets.append(prep.previous)
    for keys in key_sets:
        p = pos[keys // nr]
        sel = p >= 0
        bad[p[sel], (keys % nr)[sel]] = True
    if prep.allowed is not None:
        ok = np.zeros_like(bad)
        p = pos[prep.allowed // nr]
        sel = p >= 0
        ok[p[sel], (prep.allowed % nr)[sel]] = True
        bad |= ~ok
    if hc.forbid_same_line_manager:
        lm, rm = L.manager[rows][:, None], R.manager[None, :]
        bad |= (
            ((lm >= 0) & (lm == rm)) | (lm == R.id_code[None, :]) | (rm == L.id_code[rows][:, None])
        )
    if hc.forbid_same_team:
        lt = L.team[rows][:, None]
        bad |= (lt >= 0) & (lt == R.team[None, :])
    lreq = np.flatnonzero(L.required_language[rows] >= 0)
    if len(lreq):  # the provider must speak the seeker's required language
        need = as_rows(L.required_bit, rows[lreq])
        bad[lreq] |= ~_and_any(need, as_cols(R.languages))
    rreq = np.flatnonzero(R.required_language >= 0)
    if len(rreq):  # the seeker must speak the provider's required language
        need = as_cols(take(R.required_bit, rreq))
        bad[:, rreq] |= ~_and_any(as_rows(L.languages, rows), need)
    if hc.require_common_language:
        bad |= ~_and_any(as_rows(L.languages, rows), as_cols(R.languages))
    if hc.require_safeguarding:
        bad |= ~R.cleared[None, :]
    if hc.require_same_region:
        lr = L.region[rows][:, None]
        bad |= (lr < 0) | (lr != R.region[None, :])
    return bad


def _feasible(prep: _Prepared, ii: IntArr, jj: IntArr, *, same_region: bool = False) -> BoolArr:
    bad = np.zeros(len(ii), dtype=bool)
    step = 1 << 16
    for s0 in range(0, len(ii), step):
        part = bad[s0 : s0 + step]
        viol = violations(prep, ii[s0 : s0 + step], jj[s0 : s0 + step], same_region=same_region)
        for m in viol.values():
            part |= m
    return ~bad


# --- solve -------------------------------------------------------------------------------

LAPJV_CELLS = 250_000  # small dense problems: SciPy LAPJV directly
DENSE_CELLS = (
    40_000_000  # above this many (seekers x slots) cells a component goes to min-cost flow
)
CHUNK_CELLS = 2000000


def solve_pairs(problem: PairsProblem, *, method: str = "auto", certify_k: int = 8) -> PairsResult:
    """Solve a pairing problem exactly.

    ``method`` (tests and benchmarks): "auto"; "dense" forces LAPJV on the full matrix;
    "certified" forces the sparse subproblem + dual certificate; "flow" forces edge lists
    and min-cost flow by connected component.
    """
    t0 = time.perf_counter()
    if method not in ("auto", "dense", "flow", "certified"):
        raise SolverInputError("method", f"unknown method {method!r}")
    prep = _Prepared(problem)
    nl, nr = len(prep.seekers), len(prep.providers)
    cap = prep.cap.copy()

    # Pinned pairs are fixed first; they use up capacity and must respect hard constraints.
    pinned_l: dict[int, int] = {}
    for k, (a, b) in enumerate(v.pair_list("pinned", problem.pinned)):
        i, j = v.known(f"pinned[{k}]", a, prep.li), v.known(f"pinned[{k}]", b, prep.ri)
        if i in pinned_l:
            raise SolverInputError(f"pinned[{k}]", f"seeker {a!r} is pinned twice")
        bad = [n for n, m in violations(prep, np.array([i]), np.array([j])).items() if m[0]]
        if bad:
            raise SolverInputError(
                f"pinned[{k}]",
                f"pair ({a!r}, {b!r}) breaks a hard constraint: {CONSTRAINT_TEXT[bad[0]]}",
            )
        cap[j] -= 1
        if cap[j] < 0:
            raise SolverInputError(
                f"pinned[{k}]",
                f"more pinned pairs than capacity for provider {b!r} ({prep.cap[j]})",
            )
        pinned_l[i] = j

    free_l = np.array([i for i in range(nl) if i not in pinned_l], dtype=np.int64)
    objective = problem.objective
    w = problem.weights
    dense = prep.allowed is None and not prep.hc.require_same_region and method != "flow"

    # Build candidate edges (seeker index, provider index, score) with hard constraints applied.
    threshold: float | None = None
    mode = "total" if objective is Objective.TOTAL else "most_matched"
    if dense:
        chosen, used_method, explain, threshold = _solve_dense(
            prep, w, free_l, cap, objective, method, certify_k
        )
    else:
        ei, ej = _candidate_edges(prep, free_l)
        keep = _feasible(prep, ei, ej, same_region=prep.allowed is None)
        ei, ej = ei[keep], ej[keep]
        explain = _Feasibility(ei, ej, nl)
        keep = cap[ej] > 0
        ei, ej = ei[keep], ej[keep]
        es = score_edges(prep.enc, w, ei, ej)
        if objective is Objective.MAXIMIN and len(ei):
            threshold = _maximin_threshold(nl, nr, ei, ej, es, cap)
            keep = es >= threshold
            ei, ej, es = ei[keep], ej[keep], es[keep]
        chosen, used_method = _solve_components(nl, nr, ei, ej, es, cap, mode, method)

    # Breakdown per pair from the vectorised raw criteria (one call for all pairs).
    chosen_all = [(i, j, True) for i, j in pinned_l.items()] + [(i, j, False) for i, j in chosen]
    chosen_all.sort()
    ii = np.array([c[0] for c in chosen_all], dtype=np.int64)
    jj = np.array([c[1] for c in chosen_all], dtype=np.int64)
    raw = raw_edges(prep.enc, w, ii, jj)
    wts = w.as_dict()
    cols = [(c, wts[c], raw[c].tolist()) for c in CRITERIA]
    pairs: list[Pair] = []
    for k, (i, j, pin) in enumerate(chosen_all):
        br = tuple((c, wt, vals[k], wt * vals[k]) for c, wt, vals in cols)
        total = sum(x[3] for x in br)
        pairs.append(Pair(prep.seekers[i].id, prep.providers[j].id, total, br, pinned=pin))

    unmatched = _explain_unmatched(prep, pairs, explain, threshold)
    total = float(sum(p.score for p in pairs))
    return PairsResult(
        pairs=tuple(pairs),
        unmatched=tuple(unmatched),
        objective=total,
        bound=total,
        gap=0.0,
        status="optimal",
        matched=len(pairs),
        min_score=min((p.score for p in pairs), default=None),
        method=used_method,
        seconds=time.perf_counter() - t0,
    )


def _maximin_threshold(
    nl: int, nr: int, ei: IntArr, ej: IntArr, es: npt.NDArray[np.float64] | IntArr, cap: IntArr
) -> float:
    """Largest score t such that pairs scoring >= t still allow a maximum-cardinality matching."""
    k_star = max_cardinality(nl, nr, ei, ej, cap)
    levels = np.unique(es)
    lo, hi = 0, len(levels) - 1  # levels[lo] is always feasible
    while lo < hi:
        mid = (lo + hi + 1) // 2
        keep = es >= levels[mid]
        if max_cardinality(nl, nr, ei[keep], ej[keep], cap) == k_star:
            lo = mid
        else:
            hi = mid - 1
    return float(levels[lo])


def _solve_dense(
    prep: _Prepared,
    w: Weights,
    free_l: IntArr,
    cap: IntArr,
    objective: Objective,
    method: str,
    certify_k: int,
) -> tuple[list[tuple[int, int]], str, _Feasibility, float | None]:
    """All seekers x all providers: score in row blocks straight into an integer matrix."""
    nl, nr = len(prep.seekers), len(prep.providers)
    nf = len(free_l)
    # Integer scores (FLOW_SCALE per point); -1 marks a pair forbidden by a hard constraint.
    W = np.empty((nf, nr), dtype=np.int64)
    cand_i: list[IntArr] = []
    cand_j: list[IntArr] = []
    col_best: list[tuple[IntArr, IntArr]] = []
    rows_per = max(1, CHUNK_CELLS // max(nr, 1))
    for s0 in range(0, nf, rows_per):
        rows = free_l[s0 : s0 + rows_per]
        block = np.rint(score_block(prep.enc, w, rows) * FLOW_SCALE).astype(np.int64)
        block[violations_block(prep, rows)] = -1
        W[s0 : s0 + len(rows)] = block
        # Candidate edges for the certified solver: k best per row, and per column in this block.
        bi, bj = top_k_edges(block, certify_k, s0)
        cand_i.append(bi)
        cand_j.append(bj)
        kc = min(certify_k, len(rows))
        if kc and nr:
            top = (
                np.argpartition(-block, kc - 1, axis=0)[:kc]
                if kc < len(rows)
                else np.tile(np.arange(len(rows))[:, None], (1, nr))
            )
            col_best.append((top + s0, np.take_along_axis(block, top, axis=0)))
    feas = W >= 0
    explain = _Feasibility.from_matrix(free_l, feas, nl)
    capok = cap > 0
    threshold: float | None = None
    if objective is Objective.MAXIMIN and (feas & capok[None, :]).any():
        fr, fc = np.nonzero(feas & capok[None, :])
        t_int = _maximin_threshold(nl, nr, free_l[fr], fc.astype(np.int64), W[fr, fc], cap)
        W[(W >= 0) & (t_int > W)] = -1
        threshold = t_int / FLOW_SCALE
        feas = W >= 0
    if objective is not Objective.TOTAL:
        # Lexicographic "most matched, then score" as one weight: big exceeds any score total.
        big = (int(W.max(initial=0)) + 1) * (min(nf, int(cap.sum())) + 1)
        W[feas] += big
    if nf == 0 or nr == 0 or not (feas & capok[None, :]).any():
        return [], "trivial", explain, threshold
    if method != "certified" and (method == "dense" or nf * int(cap.sum()) <= LAPJV_CELLS):
        r, c = dense_assign(W.astype(np.float64), feas & capok[None, :], cap, "total")
        used = "scipy-lapjv"
    else:
        if col_best:
            tops = np.concatenate([t for t, _ in col_best])
            vals = np.concatenate([v for _, v in col_best])
            kc = min(certify_k, len(tops))
            sel = np.argpartition(-vals, kc - 1, axis=0)[:kc] if kc < len(tops) else None
            ci = tops if sel is None else np.take_along_axis(tops, sel, axis=0)
            cand_i.append(ci.ravel())
            cand_j.append(np.tile(np.arange(nr), ci.shape[0]))
        key = np.unique(np.concatenate(cand_i) * max(nr, 1) + np.concatenate(cand_j))
        r, c, rounds = certified_assign(W, cap, key // max(nr, 1), key % max(nr, 1))
        used = f"min-cost flow on {certify_k}-best edges + dual certificate ({rounds} rounds)"
    return list(zip(free_l[r].tolist(), c.tolist(), strict=True)), used, explain, threshold


def _candidate_edges(prep: _Prepared, free_l: IntArr) -> tuple[IntArr, IntArr]:
    nr = len(prep.providers)
    if prep.allowed is not None:
        ii, jj = prep.allowed // nr, prep.allowed % nr
        keep = np.isin(ii, free_l)
        return ii[keep], jj[keep]
    if not prep.hc.require_same_region:
        return np.repeat(free_l, nr), np.tile(np.arange(nr, dtype=np.int64), len(free_l))
    # Same-region blocks: only pairs inside a region are generated (sparse by construction),
    # leaving out providers who are not safeguarding-cleared when that is required.
    lreg, rreg = prep.enc.left.region[free_l], prep.enc.right.region
    order = np.argsort(rreg, kind="stable")
    if prep.hc.require_safeguarding:
        order = order[prep.enc.right.cleared[order]]
    starts = np.searchsorted(rreg[order], lreg, side="left")
    ends = np.searchsorted(rreg[order], lreg, side="right")
    counts = np.where(lreg >= 0, ends - starts, 0)
    ii = np.repeat(free_l, counts)
    offs = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    jj = order[np.repeat(starts, counts) + offs]
    return ii.astype(np.int64), jj.astype(np.int64)


def _solve_components(
    nl: int, nr: int, ei: IntArr, ej: IntArr, es: FloatArr, cap: IntArr, mode: str, method: str
) -> tuple[list[tuple[int, int]], str]:
    """Split the graph into connected components and solve each exactly on its own."""
    if len(ei) == 0:
        return [], "none"
    import scipy.sparse as sp

    g = sp.csr_matrix((np.ones(len(ei), np.int8), (ei, nl + ej)), shape=(nl + nr, nl + nr))
    n_comp, label = connected_components(g, directed=False)
    # Local index of every node inside its component, computed once for all components.
    order_nodes = np.argsort(label, kind="stable")
    sizes = np.bincount(label, minlength=n_comp)
    start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    is_left = order_nodes < nl
    left_before = np.concatenate([[0], np.cumsum(is_left)])  # seekers before each position
    pos = np.empty(nl + nr, dtype=np.int64)
    rank_all = np.arange(nl + nr)
    comp_of_pos = label[order_nodes]
    lcount_start = left_before[start[comp_of_pos]]
    n_left_before = left_before[rank_all] - lcount_start  # seekers earlier in the component
    pos[order_nodes] = np.where(
        is_left, n_left_before, rank_all - start[comp_of_pos] - n_left_before
    )
    comp = label[ei]
    order = np.argsort(comp, kind="stable")
    ei, ej, es, comp = ei[order], ej[order], es[order], comp[order]
    bounds = np.flatnonzero(np.diff(comp)) + 1
    lr_all, rr_all = pos[ei], pos[nl + ej]
    chosen_i: list[IntArr] = []
    chosen_j: list[IntArr] = []
    methods: set[str] = set()
    for a, b in zip(np.r_[0, bounds], np.r_[bounds, len(ei)], strict=True):
        c0 = comp[a]
        nodes = order_nodes[start[c0] : start[c0] + sizes[c0]]
        li = nodes[nodes < nl]
        rj = nodes[nodes >= nl] - nl
        lr, rr, cs = lr_all[a:b], rr_all[a:b], es[a:b]
        ccap = cap[rj]
        if method != "flow" and len(li) * int(ccap.sum()) <= DENSE_CELLS:
            S = np.zeros((len(li), len(rj)))
            F = np.zeros((len(li), len(rj)), dtype=bool)
            S[lr, rr] = cs
            F[lr, rr] = True
            r, c = dense_assign(S, F, ccap, mode)
            methods.add("scipy-lapjv")
        else:
            r, c = flow_assign(len(li), len(rj), lr, rr, cs, ccap, mode)
            methods.add("ortools-min-cost-flow")
        chosen_i.append(li[r])
        chosen_j.append(rj[c])
    chosen = list(
        zip(np.concatenate(chosen_i).tolist(), np.concatenate(chosen_j).tolist(), strict=True)
    )
    return chosen, "+".join(sorted(methods)) + " by component"


class _Feasibility:
    """Feasible pairs of the free seekers, as an edge list or a dense matrix, for explanations."""

    def __init__(self, ei: IntArr, ej: IntArr, nl: int) -> None:
        self.ei, self.ej, self.nl = ei, ej, nl
        self.rows: IntArr | None = None
        self.matrix: BoolArr | None = None

    @classmethod
    def from_matrix(cls, rows: IntArr, matrix: BoolArr, nl: int) -> _Feasibility:
        f = cls(np.zeros(0, np.int64), np.zeros(0, np.int64), nl)
        f.rows, f.matrix = rows, matrix.copy()
        return f

    def degrees(
        self, full: BoolArr, matched_l: BoolArr, nr: int
    ) -> tuple[IntArr, BoolArr, IntArr, BoolArr]:
        nl = self.nl
        if self.matrix is not None and self.rows is not None:
            m = self.matrix
            deg_l = np.zeros(nl, np.int64)
            deg_l[self.rows] = m.sum(axis=1)
            open_l = np.zeros(nl, bool)
            open_l[self.rows] = (m & ~full[None, :]).any(axis=1)
            deg_r = m.sum(axis=0).astype(np.int64)
            open_r = (m & ~matched_l[self.rows][:, None]).any(axis=0)
            return deg_l, open_l, deg_r, open_r
        ei, ej = self.ei, self.ej
        deg_l = np.bincount(ei, minlength=nl)
        open_l = np.bincount(ei, weights=~full[ej], minlength=nl) > 0
        deg_r = np.bincount(ej, minlength=nr)
        open_r = np.bincount(ej, weights=~matched_l[ei], minlength=nr) > 0
        return deg_l, open_l, deg_r, open_r


def _explain_unmatched(
    prep: _Prepared, pairs: list[Pair], feas: _Feasibility, threshold: float | None
) -> list[Unmatched]:
    """Reason per unmatched person, from the feasible pairs of the free seekers."""
    nl, nr = len(prep.seekers), len(prep.providers)
    load = np.zeros(nr, dtype=np.int64)
    matched_l = np.zeros(nl, dtype=bool)
    for p in pairs:
        load[prep.ri[p.provider]] += 1
        matched_l[prep.li[p.seeker]] = True
    full = load >= prep.cap
    deg_l, open_l, deg_r, open_r = feas.degrees(full, matched_l, nr)
    out: list[Unmatched] = []
    lonely = np.flatnonzero(~matched_l & (deg_l == 0))
    detail = len(lonely) * nr <= 5_000_000  # naming the blocking constraint costs nl x nr
    for i in np.flatnonzero(~matched_l).tolist():
        sid = prep.seekers[i].id
        if deg_l[i] == 0:
            msg = "No provider meets the hard constraints."
            if nr == 0:
                msg = "There are no providers."
            elif detail:
                viol = violations(
                    prep, np.full(nr, i, dtype=np.int64), np.arange(nr, dtype=np.int64)
                )
                worst = max(viol, key=lambda n: int(viol[n].sum()))
                msg = (
                    f"No provider meets the hard constraints; most often {CONSTRAINT_TEXT[worst]}."
                )
            out.append(Unmatched(sid, "seeker", "no_feasible_partner", msg))
        elif not open_l[i]:
            out.append(
                Unmatched(
                    sid, "seeker", "capacity", f"All {int(deg_l[i])} compatible providers are full."
                )
            )
        else:
            msg = (
                "Matching would lower the worst pair score below the best achievable minimum."
                if threshold is not None
                else "Pairing with a free compatible provider would not improve the objective."
            )
            out.append(Unmatched(sid, "seeker", "objective", msg))
    for j in np.flatnonzero(load == 0).tolist():
        pid = prep.providers[j].id
        if prep.cap[j] == 0:
            out.append(Unmatched(pid, "provider", "no_capacity", "The provider has capacity 0."))
        elif deg_r[j] == 0:
            out.append(
                Unmatched(
                    pid,
                    "provider",
                    "no_feasible_partner",
                    "No free seeker meets the hard constraints.",
                )
            )
        elif not open_r[j]:
            out.append(
                Unmatched(
                    pid, "provider", "capacity", "All compatible seekers are matched elsewhere."
                )
            )
        else:
            out.append(
                Unmatched(
                    pid, "provider", "objective", "Another assignment gives a better objective."
                )
            )
    return out
