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

import numpy as np
import numpy.typing as npt
from scipy.sparse.csgraph import connected_components

from entrepairs.solvers import _validate as v
from entrepairs.solvers._assign import dense_assign, flow_assign, max_cardinality
from entrepairs.solvers.errors import SolverInputError
from entrepairs.solvers.scoring import Candidate, Encoded, Side, Weights, score_edges, score_pair

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
        if not isinstance(getattr(c, name), frozenset | set | tuple | list):
            raise SolverInputError(f"{f}.{name}", "must be a set of strings")


def _pair_keys(
    name: str, pairs: object, li: dict[str, int], ri: dict[str, int], nr: int
) -> IntArr:
    keys = []
    for k, (a, b) in enumerate(v.pair_list(f"constraints.{name}", pairs)):
        keys.append(v.known(f"constraints.{name}[{k}]", a, li) * nr + v.known(f"constraints.{name}[{k}]", b, ri))
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
        for k, c in enumerate(self.seekers):
            _validate_candidate("seekers", k, c)
        for k, c in enumerate(self.providers):
            _validate_candidate("providers", k, c)
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
        self.enc = Encoded(self.seekers, self.providers)
        self.cap = np.array([c.capacity for c in self.providers], dtype=np.int64)


def violations(prep: _Prepared, ii: IntArr, jj: IntArr) -> dict[str, BoolArr]:
    """Per hard constraint, which of the pairs (ii, jj) it forbids."""
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
        out["line_manager"] = ((lm >= 0) & (lm == rm)) | (lm == R.id_code[jj]) | (rm == L.id_code[ii])
    if hc.forbid_same_team:
        out["team"] = (L.team[ii] >= 0) & (L.team[ii] == R.team[jj])
    from entrepairs.solvers.scoring import _has_bit, _popcount_and

    lreq, rreq = L.required_language[ii], R.required_language[jj]
    out["required_language"] = ((lreq >= 0) & ~_has_bit(R.languages[jj], lreq)) | (
        (rreq >= 0) & ~_has_bit(L.languages[ii], rreq)
    )
    if hc.require_common_language:
        out["common_language"] = _popcount_and(L.languages[ii], R.languages[jj]) == 0
    if hc.require_safeguarding:
        out["safeguarding"] = ~R.cleared[jj]
    if hc.require_same_region:
        out["region"] = (L.region[ii] < 0) | (L.region[ii] != R.region[jj])
    if prep.allowed is not None:
        out["allowed_pairs"] = ~np.isin(keys, prep.allowed)
    return out


def _feasible(prep: _Prepared, ii: IntArr, jj: IntArr) -> BoolArr:
    bad = np.zeros(len(ii), dtype=bool)
    for m in violations(prep, ii, jj).values():
        bad |= m
    return ~bad


# --- solve -------------------------------------------------------------------------------

DENSE_CELLS = 40_000_000  # above this many (seekers x slots) cells a component goes to min-cost flow
CHUNK_CELLS = 2_000_000


def solve_pairs(problem: PairsProblem, *, method: str = "auto") -> PairsResult:
    """Solve a pairing problem exactly. ``method``: "auto", "dense" or "flow" (for tests)."""
    t0 = time.perf_counter()
    if method not in ("auto", "dense", "flow"):
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
                f"pinned[{k}]", f"pair ({a!r}, {b!r}) breaks a hard constraint: {CONSTRAINT_TEXT[bad[0]]}"
            )
        cap[j] -= 1
        if cap[j] < 0:
            raise SolverInputError(
                f"pinned[{k}]", f"more pinned pairs than capacity for provider {b!r} ({prep.cap[j]})"
            )
        pinned_l[i] = j

    free_l = np.array([i for i in range(nl) if i not in pinned_l], dtype=np.int64)
    objective = problem.objective
    w = problem.weights
    dense = prep.allowed is None and not prep.hc.require_same_region and method != "flow"

    # Build candidate edges (seeker index, provider index, score) with hard constraints applied.
    if dense:
        S = np.zeros((len(free_l), nr))
        F = np.zeros((len(free_l), nr), dtype=bool)
        rows_per = max(1, CHUNK_CELLS // max(nr, 1))
        cols = np.arange(nr, dtype=np.int64)
        for s0 in range(0, len(free_l), rows_per):
            rows = free_l[s0 : s0 + rows_per]
            ii, jj = np.repeat(rows, nr), np.tile(cols, len(rows))
            F[s0 : s0 + len(rows)] = _feasible(prep, ii, jj).reshape(len(rows), nr)
            S[s0 : s0 + len(rows)] = score_edges(prep.enc, w, ii, jj).reshape(len(rows), nr)
        fr, fc = np.nonzero(F)
        all_ei, all_ej = free_l[fr], fc.astype(np.int64)
        F &= (cap > 0)[None, :]
        keep = cap[all_ej] > 0
        ei, ej, es = all_ei[keep], all_ej[keep], S[fr[keep], fc[keep]]
    else:
        ei, ej = _candidate_edges(prep, free_l)
        keep = _feasible(prep, ei, ej)
        all_ei, all_ej = ei[keep], ej[keep]
        keep = cap[all_ej] > 0
        ei, ej = all_ei[keep], all_ej[keep]
        es = score_edges(prep.enc, w, ei, ej)

    # Maximin: keep the maximum cardinality, push the worst pair score up by bisection.
    threshold: float | None = None
    if objective is Objective.MAXIMIN and len(ei):
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
        threshold = float(levels[lo])
        keep = es >= threshold
        if dense:
            F &= S >= threshold
        ei, ej, es = ei[keep], ej[keep], es[keep]
    mode = "total" if objective is Objective.TOTAL else "most_matched"

    if dense:
        r, c = dense_assign(S, F, cap, mode)
        chosen = list(zip(free_l[r].tolist(), c.tolist(), strict=True))
        used_method = "scipy-lapjv"
    else:
        chosen, used_method = _solve_components(nl, nr, ei, ej, es, cap, mode, method)

    # Explanations use the scalar reference scorer (cheap: one call per pair).
    pairs: list[Pair] = []
    for i, j in sorted(pinned_l.items()):
        total, br = score_pair(prep.seekers[i], prep.providers[j], w)
        pairs.append(Pair(prep.seekers[i].id, prep.providers[j].id, total, br, pinned=True))
    for i, j in sorted(chosen):
        total, br = score_pair(prep.seekers[i], prep.providers[j], w)
        pairs.append(Pair(prep.seekers[i].id, prep.providers[j].id, total, br))
    pairs.sort(key=lambda p: (prep.li[p.seeker], prep.ri[p.provider]))

    unmatched = _explain_unmatched(prep, pairs, all_ei, all_ej, threshold)
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


def _candidate_edges(prep: _Prepared, free_l: IntArr) -> tuple[IntArr, IntArr]:
    nr = len(prep.providers)
    if prep.allowed is not None:
        ii, jj = prep.allowed // nr, prep.allowed % nr
        keep = np.isin(ii, free_l)
        return ii[keep], jj[keep]
    # Same-region blocks: only pairs inside a region are generated (sparse by construction).
    lreg, rreg = prep.enc.left.region[free_l], prep.enc.right.region
    order = np.argsort(rreg, kind="stable")
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
    _, label = connected_components(g, directed=False)
    comp = label[ei]
    order = np.argsort(comp, kind="stable")
    ei, ej, es, comp = ei[order], ej[order], es[order], comp[order]
    bounds = np.flatnonzero(np.diff(comp)) + 1
    chosen: list[tuple[int, int]] = []
    methods: set[str] = set()
    for a, b in zip(np.r_[0, bounds], np.r_[bounds, len(ei)], strict=True):
        ci, cj, cs = ei[a:b], ej[a:b], es[a:b]
        li, lr = np.unique(ci, return_inverse=True)
        rj, rr = np.unique(cj, return_inverse=True)
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
        chosen.extend(zip(li[r].tolist(), rj[c].tolist(), strict=True))
    return chosen, "+".join(sorted(methods)) + " by component"


def _explain_unmatched(
    prep: _Prepared, pairs: list[Pair], ei: IntArr, ej: IntArr, threshold: float | None
) -> list[Unmatched]:
    """Reason per unmatched person from the feasible edges (ei, ej) of the free seekers."""
    nl, nr = len(prep.seekers), len(prep.providers)
    load = np.zeros(nr, dtype=np.int64)
    matched_l = np.zeros(nl, dtype=bool)
    for p in pairs:
        load[prep.ri[p.provider]] += 1
        matched_l[prep.li[p.seeker]] = True
    full = load >= prep.cap
    deg_l = np.bincount(ei, minlength=nl)
    open_l = np.bincount(ei, weights=~full[ej], minlength=nl) > 0
    deg_r = np.bincount(ej, minlength=nr)
    open_r = np.bincount(ej, weights=~matched_l[ei], minlength=nr) > 0
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
                viol = violations(prep, np.full(nr, i, dtype=np.int64), np.arange(nr, dtype=np.int64))
                worst = max(viol, key=lambda n: int(viol[n].sum()))
                msg = f"No provider meets the hard constraints; most often {CONSTRAINT_TEXT[worst]}."
            out.append(Unmatched(sid, "seeker", "no_feasible_partner", msg))
        elif not open_l[i]:
            out.append(
                Unmatched(sid, "seeker", "capacity", f"All {int(deg_l[i])} compatible providers are full.")
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
                Unmatched(pid, "provider", "no_feasible_partner", "No free seeker meets the hard constraints.")
            )
        elif not open_r[j]:
            out.append(
                Unmatched(pid, "provider", "capacity", "All compatible seekers are matched elsewhere.")
            )
        else:
            out.append(
                Unmatched(pid, "provider", "objective", "Another assignment gives a better objective.")
            )
    return out
