"""One-to-one and one-to-few pairing (mentoring, buddies, tutoring, group mentoring).

Seekers (youths, newcomers) are matched to providers (mentors) who take up to
``capacity`` seekers. Every solve is exact: SciPy LAPJV on dense matrices, OR-Tools
min-cost flow on large sparse components, and a bisection over score thresholds for
the maximin objective. ``gap`` is therefore always 0; the field exists so that callers
handle heuristics the same way.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment
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
        self.seeker_ids: list[str] = cols[0]["id"]
        self.provider_ids: list[str] = cols[1]["id"]
        self.li = v.unique_ids("seekers", self.seeker_ids)
        self.ri = v.unique_ids("providers", self.provider_ids)
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
# Above this many (free seekers x providers) cells the dense objectives total and
# most_matched never hold the score matrix: see _blocked for the choice of the size.
BLOCKED_CELLS = 4_000_000
BLOCK_CELLS = 4_000_000  # cells of one score block on the blocked path (~32 MB of float64)
SHADOW_K = 128  # exact scores kept per seeker and per provider on the blocked path
BUFFER_CELLS = 4_000_000  # small components' dense matrices are built in buffers of ~32 MB


def solve_pairs(problem: PairsProblem, *, method: str = "auto", certify_k: int = 8) -> PairsResult:
    """Solve a pairing problem exactly.

    ``method`` (tests and benchmarks): "auto"; "dense" forces LAPJV on the full matrix;
    "certified" forces the sparse subproblem + dual certificate on the full matrix;
    "blocked" forces the same without the matrix (scores by row blocks, twice at most:
    see :func:`_solve_dense_blocked`); "flow" forces edge lists and min-cost flow by
    connected component.
    """
    t0 = time.perf_counter()
    if method not in ("auto", "dense", "flow", "certified", "blocked"):
        raise SolverInputError("method", f"unknown method {method!r}")
    with _gc_paused():
        return _solve_pairs(problem, method, certify_k, t0)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the solve allocates.

    The result holds about ten small container objects per pair, and every full
    collection also walks the caller's whole heap (the input candidates alone are
    millions of objects at 100,000 people): on the sparse 50,000 x 50,000 benchmark the
    collections triggered by building 46,000 pairs cost 0.4-1 s of CPU. Nothing built
    here forms a reference cycle; the previous state is restored on exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _solve_pairs(problem: PairsProblem, method: str, certify_k: int, t0: float) -> PairsResult:
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

    free = np.ones(nl, dtype=bool)
    free[list(pinned_l)] = False
    free_l = np.flatnonzero(free).astype(np.int64)
    objective = problem.objective
    w = problem.weights
    dense = prep.allowed is None and not prep.hc.require_same_region and method != "flow"

    # Build candidate edges (seeker index, provider index, score) with hard constraints applied.
    threshold: float | None = None
    mode = "total" if objective is Objective.TOTAL else "most_matched"
    pin_floor: float | None = None  # the worst pinned score bounds the worst pair of the result
    if objective is Objective.MAXIMIN and pinned_l:
        pin_floor = float(
            score_edges(
                prep.enc,
                w,
                np.fromiter(pinned_l.keys(), dtype=np.int64),
                np.fromiter(pinned_l.values(), dtype=np.int64),
            ).min()
        )
    if dense and _blocked(method, objective, len(free_l), len(prep.providers)):
        chosen_i, chosen_j, used_method, explain = _solve_dense_blocked(
            prep, w, free_l, cap, objective, certify_k
        )
    elif dense:
        chosen_i, chosen_j, used_method, explain, threshold = _solve_dense(
            prep, w, free_l, cap, objective, method, certify_k, pin_floor
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
            threshold = _maximin_threshold(nl, nr, ei, ej, es, cap, pin_floor)
            keep = es >= threshold
            ei, ej, es = ei[keep], ej[keep], es[keep]
        chosen_i, chosen_j, used_method = _solve_components(nl, nr, ei, ej, es, cap, mode, method)

    # Breakdown per pair from the vectorised raw criteria (one call for all pairs).
    pin_i = np.fromiter(pinned_l.keys(), dtype=np.int64, count=len(pinned_l))
    pin_j = np.fromiter(pinned_l.values(), dtype=np.int64, count=len(pinned_l))
    ii = np.concatenate([pin_i, chosen_i])
    jj = np.concatenate([pin_j, chosen_j])
    pin = np.arange(len(ii)) < len(pin_i)
    order = np.argsort(ii, kind="stable")  # by seeker; a seeker has at most one pair
    ii, jj, pin = ii[order], jj[order], pin[order]
    raw = raw_edges(prep.enc, w, ii, jj)
    wts = w.as_dict()
    raws = np.stack([raw[c] for c in CRITERIA], axis=1).reshape(len(ii), len(CRITERIA))
    contrib = (raws * np.array([wts[c] for c in CRITERIA])).tolist()
    weights_row = [wts[c] for c in CRITERIA]
    seeker_ids, provider_ids = prep.seeker_ids, prep.provider_ids
    pairs = [
        Pair(
            seeker_ids[i],
            provider_ids[j],
            sum(cs),
            tuple(zip(CRITERIA, weights_row, rs, cs, strict=True)),
            pinned=p,
        )
        for i, j, p, rs, cs in zip(
            ii.tolist(), jj.tolist(), pin.tolist(), raws.tolist(), contrib, strict=True
        )
    ]

    unmatched = _explain_unmatched(prep, ii, jj, explain, threshold)
    total = float(sum([p.score for p in pairs]))
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
    nl: int,
    nr: int,
    ei: IntArr,
    ej: IntArr,
    es: npt.NDArray[np.float64] | IntArr,
    cap: IntArr,
    ceiling: float | None = None,
) -> float:
    """Largest score t such that pairs scoring >= t still allow a maximum-cardinality matching.

    ``ceiling`` is the worst pinned score: the worst pair of the result is at most that, so
    a threshold above the first level reaching it would not raise the minimum and would
    only lower the total.
    """
    k_star = max_cardinality(nl, nr, ei, ej, cap)
    levels = np.unique(es)
    if ceiling is not None:
        levels = levels[: int(np.searchsorted(levels, ceiling, side="left")) + 1]
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
    pin_floor: float | None = None,
) -> tuple[IntArr, IntArr, str, _Feasibility, float | None]:
    """All seekers x all providers: score in row blocks straight into an integer matrix."""
    nl, nr = len(prep.seekers), len(prep.providers)
    nf = len(free_l)
    # Integer scores (FLOW_SCALE per point); -1 marks a pair forbidden by a hard constraint.
    # 32 bits when every score fits (half the memory and memory traffic of the matrix); the
    # lexicographic objectives add a large constant below and need 64.
    fits = sum(w.as_dict().values()) * FLOW_SCALE < np.iinfo(np.int32).max - 1
    W = np.empty((nf, nr), dtype=np.int32 if objective is Objective.TOTAL and fits else np.int64)
    cand_i: list[IntArr] = []
    cand_j: list[IntArr] = []
    col_best: list[tuple[IntArr, npt.NDArray[np.integer[Any]]]] = []
    rows_per = max(1, CHUNK_CELLS // max(nr, 1))
    for s0 in range(0, nf, rows_per):
        rows = free_l[s0 : s0 + rows_per]
        block = W[s0 : s0 + len(rows)]
        _int_scores(prep, w, rows, out=block)
        # Candidate edges for the certified solver: k best per row, and per column in this block.
        bi, bj = top_k_edges(block, certify_k, s0)
        cand_i.append(bi)
        cand_j.append(bj)
        kc = min(certify_k, len(rows))
        if kc and nr:
            top = (
                _top_k_down_columns(block, kc)
                if kc < len(rows)
                else np.tile(np.arange(len(rows))[:, None], (1, nr))
            )
            col_best.append((top + s0, np.take_along_axis(block, top, axis=0)))
    feas = W >= 0
    explain = _Feasibility.from_matrix(free_l, feas, nl)
    capok = cap > 0
    usable = feas if capok.all() else feas & capok[None, :]
    threshold: float | None = None
    if objective is Objective.MAXIMIN and usable.any():
        fr, fc = np.nonzero(usable)
        ceiling = None if pin_floor is None else float(np.rint(pin_floor * FLOW_SCALE))
        t_int = _maximin_threshold(nl, nr, free_l[fr], fc.astype(np.int64), W[fr, fc], cap, ceiling)
        W[(W >= 0) & (t_int > W)] = -1
        threshold = t_int / FLOW_SCALE
        feas = W >= 0
        usable = feas if capok.all() else feas & capok[None, :]
    if objective is not Objective.TOTAL:
        # Lexicographic "most matched, then score" as one weight: big exceeds any score total.
        big = (int(W.max(initial=0)) + 1) * (min(nf, int(cap.sum())) + 1)
        W[feas] += big
    if nf == 0 or nr == 0 or not usable.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64), "trivial", explain, threshold
    if method != "certified" and (method == "dense" or nf * int(cap.sum()) <= LAPJV_CELLS):
        r, c = dense_assign(W.astype(np.float64), usable, cap, "total")
        used = "scipy-lapjv"
    else:
        if col_best:
            tops = np.concatenate([t for t, _ in col_best])
            vals = np.concatenate([v for _, v in col_best])
            kc = min(certify_k, len(tops))
            sel = _top_k_down_columns(vals, kc) if kc < len(tops) else None
            ci = tops if sel is None else np.take_along_axis(tops, sel, axis=0)
            cand_i.append(ci.ravel())
            cand_j.append(np.tile(np.arange(nr), ci.shape[0]))
        key = np.unique(np.concatenate(cand_i) * max(nr, 1) + np.concatenate(cand_j))
        ki, kj = key // max(nr, 1), key % max(nr, 1)
        r, c, rounds, _ = certified_assign(W.__getitem__, nf, nr, cap, ki, kj, W[ki, kj])
        used = f"min-cost flow on {certify_k}-best edges + dual certificate ({rounds} rounds)"
    return free_l[r], c.astype(np.int64), used, explain, threshold


def _int_scores(
    prep: _Prepared,
    w: Weights,
    rows: IntArr,
    *,
    big: int = 0,
    dtype: type[np.integer[Any]] = np.int64,
    out: npt.NDArray[np.integer[Any]] | None = None,
) -> npt.NDArray[np.integer[Any]]:
    """Integer scores (FLOW_SCALE per point) of seekers ``rows`` against every provider.

    -1 marks a pair forbidden by a hard constraint; ``big`` is added to every allowed pair
    (the lexicographic objectives). The one place both dense paths turn scores into the
    integers they optimise, so that a block scored twice gives the same values twice.
    """
    scores = score_block(prep.enc, w, rows)
    scores *= FLOW_SCALE
    np.rint(scores, out=scores)
    if big:
        scores += big
    if out is None:
        out = np.empty(scores.shape, dtype=dtype)
    np.copyto(out, scores, casting="unsafe")
    np.putmask(out, violations_block(prep, rows), -1)
    return out


def _blocked(method: str, objective: Objective, nf: int, nr: int) -> bool:
    """Whether a dense problem is solved without its score matrix.

    The blocked path scores every pair once to find candidates, then scores again only
    the seekers its bounds cannot clear (4-15 % of them on the benchmark data); the full
    path scores once but holds the matrix (4 or 8 bytes per pair) and reads all of it in
    each certificate round. Measured on this shared 2-core machine (docs/benchmarks.md,
    "Matching at scale", and issue 18): from 2,000 x 2,000 the two use the same CPU
    within the noise (5,000 x 5,000: 2.5-2.6 s blocked, 2.5-2.7 s full), and the blocked
    path's memory stops growing with the matrix: about 120 MB of score blocks at any
    size against 100 MB of matrix at 5,000 (peak 338 MB against 300 MB, input included),
    400 MB at 10,000 (572 against 811 MB) and 1.6 GB at 20,000 (784 MB against over
    3 GB). Below 4 million pairs the matrix is at most 16-32 MB and the full path stays.
    The maximin bisection needs every feasible pair's score at once: it keeps the full path.
    """
    if method == "blocked":
        return objective is not Objective.MAXIMIN
    return method == "auto" and objective is not Objective.MAXIMIN and nf * nr > BLOCKED_CELLS


class _ColumnBest:
    """The k best pairs of every provider over the row blocks seen so far.

    A block's pair only counts if it beats the provider's current k-th best (``floor``);
    those are pooled and merged in when the pool outgrows the kept pairs. Rows arrive in
    no particular order, so a block brings about k x block / rows-seen-so-far pairs per
    provider: over n rows about k (1 + ln(n / block)) per provider instead of n, which
    is what a full partition of every block costs.
    """

    def __init__(self, k: int, nr: int) -> None:
        self.k, self.nr = k, nr
        self.i = np.full((k, nr), -1, dtype=np.int64)
        self.w = np.full((k, nr), -2, dtype=np.int64)  # below any score, -1 (forbidden) too
        self.floor = np.full(nr, -2, dtype=np.int64)
        self.pool: list[tuple[IntArr, IntArr, IntArr]] = []
        self.pooled = 0

    def add(self, block: npt.NDArray[np.integer[Any]], s0: int) -> None:
        if self.pooled == 0 and self.floor[0] == -2 and len(block) >= self.k:
            sel = _top_k_down_columns(block, self.k)  # first block: one partition
            self.i = sel.astype(np.int64) + s0
            self.w = np.take_along_axis(block, sel, axis=0).astype(np.int64)
            self.floor = self.w.min(axis=0)
            return
        bi, bj = np.nonzero(block > self.floor[None, :])
        self.pool.append(
            (bi.astype(np.int64) + s0, bj.astype(np.int64), block[bi, bj].astype(np.int64))
        )
        self.pooled += len(bi)
        if self.pooled > self.k * self.nr:
            self._merge()

    def _merge(self) -> None:
        k, nr = self.k, self.nr
        ii = np.concatenate([self.i.ravel(), *(p[0] for p in self.pool)])
        jj = np.concatenate([np.tile(np.arange(nr), k), *(p[1] for p in self.pool)])
        ww = np.concatenate([self.w.ravel(), *(p[2] for p in self.pool)])
        self.pool, self.pooled = [], 0
        span = int(ww.max()) + 3
        if span < (1 << 62) // max(nr, 1):  # by provider, best first, as one integer key
            order = np.argsort(jj * span - ww)
        else:  # pragma: no cover - scores beyond 2**62 / providers
            order = np.lexsort((-ww, jj))
        counts = np.bincount(jj, minlength=nr)
        rank = np.arange(len(jj)) - np.repeat(np.cumsum(counts) - counts, counts)
        best = order[rank < k]  # every provider holds at least k pairs: exactly k each
        self.i = ii[best].reshape(nr, k).T.copy()
        self.w = ww[best].reshape(nr, k).T.copy()
        self.floor = self.w[k - 1].copy()

    def result(self) -> tuple[IntArr, IntArr]:
        if self.pool:
            self._merge()
        return self.i, self.w


def _solve_dense_blocked(
    prep: _Prepared,
    w: Weights,
    free_l: IntArr,
    cap: IntArr,
    objective: Objective,
    certify_k: int,
) -> tuple[IntArr, IntArr, str, _Feasibility]:
    """All seekers x all providers without the matrix: memory O(n k + block x n).

    One pass over row blocks keeps the SHADOW_K best pairs of every seeker and of every
    provider with their exact scores; the certify_k best of each go to the min-cost flow,
    the others are shadows. Every other pair scores at most the SHADOW_K-th best of its
    row and of its column, which lets the certificate (:func:`certified_assign`) clear
    most seekers without scoring them again.
    """
    nr, nf = len(prep.providers), len(free_l)
    big = 0
    if objective is not Objective.TOTAL:
        # As in _solve_dense, but from the highest possible score (the matrix is never
        # held to take its maximum): any big above every total gives the same optimum.
        top = int(np.ceil(sum(w.as_dict().values()) * FLOW_SCALE))
        big = (top + 1) * (min(nf, int(cap.sum())) + 1)
    explain = _Feasibility.from_blocks(
        free_l, lambda rows: ~violations_block(prep, rows), len(prep.seekers)
    )
    if nf == 0 or nr == 0 or not (cap > 0).any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64), "trivial", explain

    # 32 bits when every score fits, as in _solve_dense: half the memory traffic.
    fits = sum(w.as_dict().values()) * FLOW_SCALE < np.iinfo(np.int32).max - 1
    dtype = np.int32 if big == 0 and fits else np.int64

    def score_rows(at: IntArr) -> npt.NDArray[np.integer[Any]]:
        return _int_scores(prep, w, free_l[at], big=big, dtype=dtype)

    kr, kc = min(SHADOW_K, nr), min(SHADOW_K, nf)
    row_j = np.empty((nf, kr), dtype=np.int64)
    row_w = np.empty((nf, kr), dtype=np.int64)
    cols = _ColumnBest(kc, nr)
    rows_per = max(1, BLOCK_CELLS // nr)
    for s0 in range(0, nf, rows_per):
        at = np.arange(s0, min(nf, s0 + rows_per), dtype=np.int64)
        block = score_rows(at)
        part = (
            np.argpartition(-block, kr - 1, axis=1)[:, :kr]
            if kr < nr
            else np.tile(np.arange(nr), (len(at), 1))
        )
        row_j[at] = part
        row_w[at] = np.take_along_axis(block, part, axis=1)
        cols.add(block, s0)
        del block
    col_i, col_w = cols.result()
    # Every pair not kept scores at most the k-th best of its row and of its column; -1
    # when the row (column) keeps all of its pairs.
    row_bound = row_w.min(axis=1) if kr < nr else np.full(nf, -1, np.int64)
    col_bound = cols.floor if kc < nf else np.full(nr, -1, np.int64)
    # The flow starts on the certify_k best pairs of every seeker and every provider.
    k = min(certify_k, kr)
    best_r = (
        np.argpartition(-row_w, k - 1, axis=1)[:, :k] if k < kr else np.tile(np.arange(kr), (nf, 1))
    )
    k = min(certify_k, kc)
    best_c = _top_k_down_columns(col_w, k) if k < kc else np.tile(np.arange(kc)[:, None], (1, nr))
    ci = np.concatenate(
        [
            np.repeat(np.arange(nf), best_r.shape[1]),
            np.take_along_axis(col_i, best_c, axis=0).ravel(),
        ]
    )
    cj = np.concatenate(
        [np.take_along_axis(row_j, best_r, axis=1).ravel(), np.tile(np.arange(nr), best_c.shape[0])]
    )
    cw = np.concatenate(
        [
            np.take_along_axis(row_w, best_r, axis=1).ravel(),
            np.take_along_axis(col_w, best_c, axis=0).ravel(),
        ]
    )
    cand, first = np.unique(ci * nr + cj, return_index=True)
    cw = cw[first]
    kept, first = np.unique(
        np.concatenate(
            [
                np.repeat(np.arange(nf), kr) * nr + row_j.ravel(),
                col_i.ravel() * nr + np.tile(np.arange(nr), kc),
            ]
        ),
        return_index=True,
    )
    kw = np.concatenate([row_w.ravel(), col_w.ravel()])[first]
    del row_j, row_w, col_i, col_w
    pos = np.minimum(np.searchsorted(cand, kept), len(cand) - 1)
    sh = cand[pos] != kept  # kept pairs that are not candidates
    r, c, rounds, scored = certified_assign(
        score_rows,
        nf,
        nr,
        cap,
        cand // nr,
        cand % nr,
        cw,
        shadow=(kept[sh] // nr, kept[sh] % nr, kw[sh]),
        bounds=(row_bound, col_bound),
        chunk=rows_per,
    )
    used = (
        f"min-cost flow on {certify_k}-best edges + dual certificate by row blocks "
        f"({rounds} rounds, {scored} of {nf} rows scored again)"
    )
    return free_l[r], c.astype(np.int64), used, explain


def _top_k_down_columns(block: npt.NDArray[np.integer[Any]], k: int) -> IntArr:
    """Row indices of the k largest entries of every column, as a (k, columns) array.

    Same result as ``np.argpartition(-block, k - 1, axis=0)[:k]``, computed on a
    contiguous transposed copy: partitioning along the strided axis was 2x slower.
    """
    neg = np.negative(block.T, order="C")  # a new C-ordered array, never a view of block
    return np.ascontiguousarray(np.argpartition(neg, k - 1, axis=1)[:, :k].T)


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
    # Position k of the edge list holds provider order[starts[i] + (k - first edge of i)];
    # few edge-sized temporaries: fresh memory is costly to touch (see docs/solvers.md).
    idx = np.arange(len(ii), dtype=np.int64)
    idx += np.repeat(starts - (np.cumsum(counts) - counts), counts)
    jj = order[idx]
    return ii.astype(np.int64, copy=False), jj.astype(np.int64, copy=False)


def _solve_components(
    nl: int, nr: int, ei: IntArr, ej: IntArr, es: FloatArr, cap: IntArr, mode: str, method: str
) -> tuple[IntArr, IntArr, str]:
    """Split the graph into connected components and solve each exactly on its own.

    The dense matrices of all small components are laid out one after the other in one
    flat buffer and filled with a single scatter of the edge scores (no sort of the edges,
    no Python work per edge); each component then costs one LAPJV call on a view of the
    buffer. Components too large for a dense matrix (or all, with ``method="flow"``) go to
    min-cost flow on their edges.
    """
    if len(ei) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), "none"
    import scipy.sparse as sp

    n = nl + nr
    if len(ei) > 1 and bool((ei[1:] < ei[:-1]).any()):  # callers pass edges sorted by seeker
        order = np.argsort(ei, kind="stable")
        ei, ej, es = ei[order], ej[order], es[order]
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(ei, minlength=nl), out=indptr[1 : nl + 1])
    indptr[nl + 1 :] = len(ei)
    g = sp.csr_matrix((np.ones(len(ei), np.int8), nl + ej, indptr), shape=(n, n))
    n_comp, label = connected_components(g, directed=False)
    # Inside a component: seekers, providers and providers' capacity slots are ranked in
    # increasing index order; a component's matrix is (its seekers) x (its slots).
    seekers = np.argsort(label[:nl], kind="stable")
    providers = np.argsort(label[nl:], kind="stable")
    n_left = np.bincount(label[:nl], minlength=n_comp)
    n_right = np.bincount(label[nl:], minlength=n_comp)
    n_slots = np.bincount(label[nl:], weights=cap, minlength=n_comp).astype(np.int64)
    l_start = np.cumsum(n_left) - n_left
    r_start = np.cumsum(n_right) - n_right
    s_start = np.cumsum(n_slots) - n_slots
    comp_l, comp_r = label[:nl], label[nl:]
    pos_l = np.empty(nl, np.int64)
    pos_l[seekers] = np.arange(nl) - l_start[comp_l[seekers]]
    pos_r = np.empty(nr, np.int64)
    pos_r[providers] = np.arange(nr) - r_start[comp_r[providers]]
    pcap = cap[providers]
    slot_r = np.empty(nr, np.int64)  # first slot of each provider inside its component
    slot_r[providers] = np.cumsum(pcap) - pcap - s_start[comp_r[providers]]
    slot_owner = np.repeat(providers, pcap)  # provider of every slot, component by component

    cells = n_left * n_slots
    dense_c = (cells > 0) & (cells <= DENSE_CELLS)
    if method == "flow":
        dense_c[:] = False
    on = dense_c[comp_l][ei]
    all_on = bool(on.all())
    out_i: list[IntArr] = []
    out_s: list[IntArr] = []  # (seeker rank, slot rank) over all components
    out_j: list[IntArr] = []  # providers chosen by the flow kernel
    methods: set[str] = set()

    if all_on or on.any():
        methods.add("scipy-lapjv")
        # Components' matrices one after the other, in buffers of about BUFFER_CELLS each;
        # the cell of an edge is (start of its seeker's row) + (its provider's first slot).
        comps = np.flatnonzero(dense_c)
        base = np.cumsum(cells[comps]) - cells[comps]
        chunk = base // BUFFER_CELLS
        new_chunk = np.r_[True, chunk[1:] != chunk[:-1]]
        first_of_chunk = np.flatnonzero(new_chunk)
        offset = np.zeros(n_comp, np.int64)
        offset[comps] = base - base[first_of_chunk][np.cumsum(new_chunk) - 1]
        chunk_c = np.zeros(n_comp, np.int64)
        chunk_c[comps] = np.cumsum(new_chunk) - 1
        row_start = offset[comp_l] + pos_l * n_slots[comp_l]
        di, dj, ds = (ei, ej, es) if all_on else (ei[on], ej[on], es[on])
        if mode != "total":
            # Lexicographic "most matched, then score" as one weight per component (as in
            # dense_assign): big exceeds any total score of the component.
            top = np.zeros(n_comp)
            np.maximum.at(top, comp_l[di], ds)
            big = (top + 1.0) * (np.minimum(n_left, n_slots) + 1)
            ds = ds + big[comp_l[di]]
        flat = row_start[di] + slot_r[dj]
        # Capacity slots: an edge to a provider of capacity k is k edges, one per slot.
        reps = cap[dj]
        if reps.max() > 1:
            first = np.cumsum(reps) - reps
            offs = np.arange(int(reps.sum())) - np.repeat(first, reps)
            di, ds = np.repeat(di, reps), np.repeat(ds, reps)
            flat = np.repeat(flat, reps) + offs
        bounds = np.r_[first_of_chunk, len(comps)].tolist()
        for k in range(len(bounds) - 1):
            members = comps[bounds[k] : bounds[k + 1]]
            size = int(offset[members[-1]] + cells[members[-1]])
            V = np.zeros(size)
            F = np.zeros(size, dtype=bool)
            if len(bounds) == 2:
                V[flat] = ds
                F[flat] = True
            else:
                sel = np.flatnonzero(chunk_c[comp_l[di]] == k)
                V[flat[sel]] = ds[sel]
                F[flat[sel]] = True
            for c0, o, a, b in zip(
                members.tolist(),
                offset[members].tolist(),
                n_left[members].tolist(),
                n_slots[members].tolist(),
                strict=True,
            ):
                r, c = linear_sum_assignment(V[o : o + a * b].reshape(a, b), maximize=True)
                keep = F[o + r * b + c]
                out_i.append(r[keep] + l_start[c0])
                out_s.append(c[keep] + s_start[c0])

    if not all_on:
        methods.add("ortools-min-cost-flow")
        off = np.flatnonzero(~on)
        off = off[np.argsort(comp_l[ei[off]], kind="stable")]
        fi, fj, fs = ei[off], ej[off], es[off]
        fc = comp_l[fi]
        cut = np.r_[0, np.flatnonzero(np.diff(fc)) + 1, len(fc)].tolist()
        for a, b in zip(cut[:-1], cut[1:], strict=True):
            c0 = int(fc[a])
            li = seekers[l_start[c0] : l_start[c0] + n_left[c0]]
            rj = providers[r_start[c0] : r_start[c0] + n_right[c0]]
            r, c = flow_assign(
                len(li), len(rj), pos_l[fi[a:b]], pos_r[fj[a:b]], fs[a:b], cap[rj], mode
            )
            out_i.append(l_start[c0] + r)
            out_j.append(rj[c])
    ci = seekers[np.concatenate(out_i)]
    cj = np.concatenate(
        [slot_owner[np.concatenate(out_s)] if out_s else np.zeros(0, np.int64)] + out_j
    )
    return ci.astype(np.int64), cj.astype(np.int64), "+".join(sorted(methods)) + " by component"


class _Feasibility:
    """Feasible pairs of the free seekers, as an edge list or a dense matrix, for explanations."""

    def __init__(self, ei: IntArr, ej: IntArr, nl: int) -> None:
        self.ei, self.ej, self.nl = ei, ej, nl
        self.rows: IntArr | None = None
        self.matrix: BoolArr | None = None
        self.blocks: Callable[[IntArr], BoolArr] | None = None

    @classmethod
    def from_matrix(cls, rows: IntArr, matrix: BoolArr, nl: int) -> _Feasibility:
        f = cls(np.zeros(0, np.int64), np.zeros(0, np.int64), nl)
        f.rows, f.matrix = rows, matrix  # callers never modify it afterwards
        return f

    @classmethod
    def from_blocks(
        cls, rows: IntArr, blocks: Callable[[IntArr], BoolArr], nl: int
    ) -> _Feasibility:
        """Feasibility computed again block by block when asked (never held whole)."""
        f = cls(np.zeros(0, np.int64), np.zeros(0, np.int64), nl)
        f.rows, f.blocks = rows, blocks
        return f

    def degrees(
        self, full: BoolArr, matched_l: BoolArr, nr: int
    ) -> tuple[IntArr, BoolArr, IntArr, BoolArr]:
        nl = self.nl
        if self.blocks is not None and self.rows is not None:
            deg_l = np.zeros(nl, np.int64)
            open_l = np.zeros(nl, bool)
            deg_r = np.zeros(nr, np.int64)
            open_r = np.zeros(nr, bool)
            step = max(1, BLOCK_CELLS // max(nr, 1))
            for s0 in range(0, len(self.rows), step):
                rows = self.rows[s0 : s0 + step]
                m = self.blocks(rows)
                deg_l[rows] = m.sum(axis=1)
                open_l[rows] = (m & ~full[None, :]).any(axis=1)
                deg_r += m.sum(axis=0)
                open_r |= (m & ~matched_l[rows][:, None]).any(axis=0)
            return deg_l, open_l, deg_r, open_r
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
    prep: _Prepared, ii: IntArr, jj: IntArr, feas: _Feasibility, threshold: float | None
) -> list[Unmatched]:
    """Reason per unmatched person, from the feasible pairs of the free seekers."""
    nl, nr = len(prep.seekers), len(prep.providers)
    load = np.bincount(jj, minlength=nr)
    matched_l = np.zeros(nl, dtype=bool)
    matched_l[ii] = True
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
