"""Split a pool into groups (supervision, intervision, peer groups).

Objective (minimised), for each balanced attribute a (experience band, profession,
language) with weight w_a, over groups g and attribute values v::

    w_a * sum_g sum_v (c_gv - N_v * s_g / N) ** 2

c_gv is how many members of group g have value v, N_v how many in the pool, s_g the
size of g: the squared deviation of every group's mix from the pool's mix. Group sizes
are fixed first (the feasible group count closest to N / target_size, sizes as equal
as possible). The lower bound relaxes the coupling between values and the hard
constraints: per value, the best integer split of N_v over the groups is to round the
proportional shares, up for the largest fractional parts. This bound is proven and
usually reached.

Hard constraints (nobody with their line manager, at most ``max_per_team`` from one
team, at least ``min_professions`` professions, keep-together, keep-apart) are checked
up front where a counting argument proves infeasibility (raising InfeasibleError that
names the constraint), then enforced as penalties that the local search drives to 0.
Instances up to EXACT_MAX_PEOPLE people are solved by exhaustive enumeration.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from entrepairs.solvers import _validate as v
from entrepairs.solvers.errors import InfeasibleError, SolverInputError

EXACT_MAX_PEOPLE = 10
PENALTY = 1_000.0  # per unit of hard-constraint violation, far above any objective change


@dataclass(frozen=True)
class Member:
    id: str
    profession: str | None = None
    team: str | None = None
    line_manager: str | None = None
    experience_years: float = 0.0
    language: str | None = None  # main working language


@dataclass(frozen=True)
class GroupWeights:
    experience: float = 1.0
    profession: float = 1.0
    language: float = 1.0


@dataclass(frozen=True)
class GroupsProblem:
    members: Sequence[Member]
    min_size: int = 6
    max_size: int = 12
    target_size: int = 8
    max_per_team: int | None = None  # k; None = no limit
    min_professions: int = 1  # m
    forbid_line_manager: bool = True
    keep_together: Sequence[tuple[str, str]] = ()
    keep_apart: Sequence[tuple[str, str]] = ()
    experience_bands: tuple[float, ...] = (2.0, 5.0, 10.0)  # band edges in years
    weights: GroupWeights = field(default_factory=GroupWeights)
    seed: int = 0
    time_limit_s: float = 4.0
    # The number of groups, when the caller tries each feasible count in turn (None: the count
    # closest to N / target_size, as documented above).
    group_count: int | None = None


def feasible_group_counts(n: int, min_size: int, max_size: int, target_size: int) -> list[int]:
    """The group counts some split of n people within min_size..max_size reaches, the count
    closest to n / target_size first (ties to more groups)."""
    g_lo, g_hi = math.ceil(n / max_size), n // min_size
    ideal = n / target_size
    return sorted(range(max(g_lo, 1), g_hi + 1), key=lambda g: (abs(g - ideal), -g))


@dataclass(frozen=True)
class Group:
    index: int
    members: tuple[str, ...]
    mean_experience: float
    professions: tuple[str, ...]


@dataclass(frozen=True)
class ConstraintStatus:
    name: str  # group_size | line_manager | max_per_team | min_professions | keep_together | keep_apart
    satisfied: bool
    detail: str


@dataclass(frozen=True)
class GroupsResult:
    groups: tuple[Group, ...]
    constraints: tuple[ConstraintStatus, ...]
    objective: float
    bound: float
    gap: float  # (objective - bound) / objective, 0 when proven optimal
    status: str  # optimal | feasible | constraint_violated
    method: str
    seconds: float


# --- preparation -------------------------------------------------------------------------


class _Model:
    def __init__(self, p: GroupsProblem) -> None:
        self.p = p
        members = list(p.members)
        for k, mem in enumerate(members):
            if not isinstance(mem, Member):
                raise SolverInputError(f"members[{k}]", "must be a Member")
            v.number(f"members[{k}].experience_years", mem.experience_years, minimum=0)
        self.index = v.unique_ids("members", (m.id for m in members))
        self.members = members
        n = self.n = len(members)
        v.integer("min_size", p.min_size, minimum=1)
        v.integer("max_size", p.max_size, minimum=1)
        v.integer("target_size", p.target_size, minimum=1)
        v.integer("min_professions", p.min_professions, minimum=0)
        if p.max_per_team is not None:
            v.integer("max_per_team", p.max_per_team, minimum=1)
        if p.min_size > p.max_size:
            raise SolverInputError(
                "min_size", f"minimum {p.min_size} is above maximum {p.max_size}"
            )
        for f in ("experience", "profession", "language"):
            v.number(f"weights.{f}", getattr(p.weights, f), minimum=0)
        bands = list(p.experience_bands)
        for k, b in enumerate(bands):
            v.number(f"experience_bands[{k}]", b)
        if bands != sorted(bands):
            raise SolverInputError("experience_bands", "must be increasing")
        if n == 0:
            raise SolverInputError("members", "the pool is empty")

        # Group count closest to N / target among the feasible ones; sizes as equal as possible.
        g_lo, g_hi = math.ceil(n / p.max_size), n // p.min_size
        if g_lo > g_hi:
            raise InfeasibleError(
                "min_size",
                f"{n} people cannot be split into groups of {p.min_size} to {p.max_size}",
            )
        ideal = n / p.target_size
        self.g = min(range(g_lo, g_hi + 1), key=lambda g: (abs(g - ideal), -g))
        if p.group_count is not None:
            v.integer("group_count", p.group_count, minimum=1)
            if not g_lo <= p.group_count <= g_hi:
                raise InfeasibleError(
                    "min_size",
                    f"{n} people cannot be split into {p.group_count} groups of "
                    f"{p.min_size} to {p.max_size}",
                )
            self.g = p.group_count
        base, extra = divmod(n, self.g)
        self.sizes = [base + 1] * extra + [base] * (self.g - extra)

        # Attribute codes per balanced attribute.
        def band(x: float) -> int:
            return sum(x >= b for b in bands)

        raw: dict[str, list[object]] = {
            "experience": [band(m.experience_years) for m in members],
            "profession": [m.profession for m in members],
            "language": [m.language for m in members],
        }
        self.attrs: list[tuple[str, float, list[int], int]] = []
        for name, vals in raw.items():
            weight = float(getattr(p.weights, name))
            codes: dict[object, int] = {}
            coded = [codes.setdefault(x, len(codes)) for x in vals]
            if weight > 0:
                self.attrs.append((name, weight, coded, len(codes)))
        # Targets t_gv = N_v * s_g / N.
        self.targets: list[list[list[float]]] = []
        for _, _, coded, nv in self.attrs:
            totals = [0] * nv
            for c in coded:
                totals[c] += 1
            self.targets.append([[totals[x] * s / n for x in range(nv)] for s in self.sizes])

        prof_codes: dict[str, int] = {}
        self.prof = [
            prof_codes.setdefault(m.profession, len(prof_codes)) if m.profession else -1
            for m in members
        ]
        self.n_prof = len(prof_codes)
        team_codes: dict[str, int] = {}
        self.team = [
            team_codes.setdefault(m.team, len(team_codes)) if m.team else -1 for m in members
        ]
        self.n_team = len(team_codes)

        # Conflicts: keep-apart pairs and (optionally) person + their line manager.
        self.conflict: list[set[int]] = [set() for _ in range(n)]
        self.apart_pairs: list[tuple[int, int]] = []
        for k, (xa, xb) in enumerate(v.pair_list("keep_apart", p.keep_apart)):
            i, j = (
                v.known(f"keep_apart[{k}]", xa, self.index),
                v.known(f"keep_apart[{k}]", xb, self.index),
            )
            if i == j:
                raise SolverInputError(
                    f"keep_apart[{k}]", "a person cannot be kept apart from themself"
                )
            self.apart_pairs.append((i, j))
            self.conflict[i].add(j)
            self.conflict[j].add(i)
        self.manager_pairs: list[tuple[int, int]] = []
        if p.forbid_line_manager:
            for i, m in enumerate(members):
                if m.line_manager is not None and m.line_manager in self.index:
                    j = self.index[m.line_manager]
                    if j != i:
                        self.manager_pairs.append((i, j))
                        self.conflict[i].add(j)
                        self.conflict[j].add(i)
        # Keep-together blocks via union-find.
        parent = list(range(n))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        self.together_pairs: list[tuple[int, int]] = []
        for k, (ta, tb) in enumerate(v.pair_list("keep_together", p.keep_together)):
            i = v.known(f"keep_together[{k}]", ta, self.index)
            j = v.known(f"keep_together[{k}]", tb, self.index)
            self.together_pairs.append((i, j))
            parent[find(i)] = find(j)
        blocks: dict[int, list[int]] = {}
        for i in range(n):
            blocks.setdefault(find(i), []).append(i)
        self.blocks = sorted(blocks.values(), key=lambda blk: (-len(blk), blk[0]))
        self.block_of = [0] * n
        for bi, blk in enumerate(self.blocks):
            for i in blk:
                self.block_of[i] = bi
        self._precheck()

    def _precheck(self) -> None:
        """Counting arguments that prove infeasibility, each naming its constraint."""
        p, n = self.p, self.n
        for b in self.blocks:
            ids = [self.members[i].id for i in b]
            if len(b) > max(self.sizes):
                raise InfeasibleError(
                    "keep_together",
                    f"{len(b)} people must stay together but groups hold at most {max(self.sizes)}",
                )
            bs = set(b)
            for i in b:
                clash = self.conflict[i] & bs
                if clash:
                    j = min(clash)
                    what = (
                        "keep_apart"
                        if (i, j) in self.apart_pairs or (j, i) in self.apart_pairs
                        else "line_manager"
                    )
                    raise InfeasibleError(
                        "keep_together",
                        f"{self.members[i].id!r} and {self.members[j].id!r} must stay together "
                        f"but {what} separates them (block {ids})",
                    )
            if p.max_per_team is not None:
                counts: dict[int, int] = {}
                for i in b:
                    if self.team[i] >= 0:
                        counts[self.team[i]] = counts.get(self.team[i], 0) + 1
                if counts and max(counts.values()) > p.max_per_team:
                    raise InfeasibleError(
                        "max_per_team",
                        f"a keep-together block {ids} has more than {p.max_per_team} from one team",
                    )
        if p.max_per_team is not None:
            counts = {}
            for t in self.team:
                if t >= 0:
                    counts[t] = counts.get(t, 0) + 1
            for t, c in counts.items():
                if c > p.max_per_team * self.g:
                    name = next(
                        m.team
                        for m in self.members
                        if m.team is not None and self.team[self.index[m.id]] == t
                    )
                    raise InfeasibleError(
                        "max_per_team",
                        f"team {name!r} has {c} people but {self.g} groups x {p.max_per_team} allow {p.max_per_team * self.g}",
                    )
        if p.min_professions > 0:
            counts = {}
            for pr in self.prof:
                if pr >= 0:
                    counts[pr] = counts.get(pr, 0) + 1
            smallest = min(self.sizes)
            if p.min_professions > smallest:
                raise InfeasibleError(
                    "min_professions",
                    f"{p.min_professions} professions cannot fit in a group of {smallest}",
                )
            if sum(min(c, self.g) for c in counts.values()) < p.min_professions * self.g:
                raise InfeasibleError(
                    "min_professions",
                    f"{len(counts)} professions cannot give each of {self.g} groups {p.min_professions} different ones",
                )
        # Each pair in conflict with everyone else in a tiny pool: cheap clique check of size g+1.
        if self.g == 1 and any(self.conflict[i] for i in range(n)):
            i = next(i for i in range(n) if self.conflict[i])
            j = min(self.conflict[i])
            name = (
                "keep_apart"
                if (i, j) in self.apart_pairs or (j, i) in self.apart_pairs
                else "line_manager"
            )
            raise InfeasibleError(
                name,
                f"only one group is possible, so {self.members[i].id!r} and {self.members[j].id!r} meet",
            )

    # --- bound ---------------------------------------------------------------------------

    def lower_bound(self) -> float:
        total = 0.0
        for (_, wt, coded, nv), tg in zip(self.attrs, self.targets, strict=True):
            count = [0] * nv
            for c in coded:
                count[c] += 1
            for x in range(nv):
                # Integer arithmetic: share = count * s / n = floor + rem / n.
                floors = [count[x] * s // self.n for s in self.sizes]
                rems = [count[x] * s % self.n for s in self.sizes]
                rest = count[x] - sum(floors)
                up = set(sorted(range(self.g), key=lambda g: (-rems[g], g))[:rest])
                total += wt * sum((floors[g] + (g in up) - tg[g][x]) ** 2 for g in range(self.g))
        return total


# --- state -------------------------------------------------------------------------------


class _State:
    """Assignment with incremental counts so that a swap is evaluated in O(attributes)."""

    def __init__(self, m: _Model, group: list[int]) -> None:
        self.m = m
        self.group = group
        g = m.g
        self.counts = [[[0] * nv for _ in range(g)] for (_, _, _, nv) in m.attrs]
        self.team_count = [[0] * max(1, m.n_team) for _ in range(g)]
        self.prof_count = [[0] * max(1, m.n_prof) for _ in range(g)]
        self.members: list[set[int]] = [set() for _ in range(g)]
        for i, gi in enumerate(group):
            self._add(i, gi)

    def _add(self, i: int, g: int, sign: int = 1) -> None:
        m = self.m
        for a, (_, _, coded, _) in enumerate(m.attrs):
            self.counts[a][g][coded[i]] += sign
        if m.team[i] >= 0:
            self.team_count[g][m.team[i]] += sign
        if m.prof[i] >= 0:
            self.prof_count[g][m.prof[i]] += sign
        if sign > 0:
            self.members[g].add(i)
        else:
            self.members[g].discard(i)

    def objective(self) -> float:
        m = self.m
        total = 0.0
        for a, (_, wt, _, nv) in enumerate(m.attrs):
            for g in range(m.g):
                cg, tg = self.counts[a][g], m.targets[a][g]
                total += wt * sum((cg[x] - tg[x]) ** 2 for x in range(nv))
        return total

    def violations(self) -> dict[str, int]:
        m, p = self.m, self.m.p
        out = {
            "line_manager": 0,
            "keep_apart": 0,
            "max_per_team": 0,
            "min_professions": 0,
            "keep_together": 0,
        }
        for i, j in m.manager_pairs:
            out["line_manager"] += self.group[i] == self.group[j]
        for i, j in m.apart_pairs:
            out["keep_apart"] += self.group[i] == self.group[j]
        for i, j in m.together_pairs:
            out["keep_together"] += self.group[i] != self.group[j]
        for g in range(m.g):
            if p.max_per_team is not None:
                out["max_per_team"] += sum(max(0, c - p.max_per_team) for c in self.team_count[g])
            distinct = sum(c > 0 for c in self.prof_count[g])
            out["min_professions"] += max(0, p.min_professions - distinct)
        return out

    def penalty_of_group(self, g: int) -> int:
        p = self.m.p
        pen = 0
        if p.max_per_team is not None:
            pen += sum(max(0, c - p.max_per_team) for c in self.team_count[g])
        pen += max(0, p.min_professions - sum(c > 0 for c in self.prof_count[g]))
        return pen

    def swap_delta(self, i: int, j: int) -> float:
        """Change of objective + PENALTY * violations if i and j (different groups) swap."""
        m = self.m
        gi, gj = self.group[i], self.group[j]
        d = 0.0
        for a, (_, wt, coded, _) in enumerate(m.attrs):
            vi, vj = coded[i], coded[j]
            if vi == vj:
                continue
            ci, cj = self.counts[a][gi], self.counts[a][gj]
            ti, tj = m.targets[a][gi], m.targets[a][gj]
            # Group gi loses vi, gains vj; group gj loses vj, gains vi: (c -/+ 1 - t)^2 - (c - t)^2.
            d += wt * (
                (1 - 2 * (ci[vi] - ti[vi]))
                + (1 + 2 * (ci[vj] - ti[vj]))
                + (1 - 2 * (cj[vj] - tj[vj]))
                + (1 + 2 * (cj[vi] - tj[vi]))
            )
        pen = 0
        ci_conf = sum(1 for x in m.conflict[i] if self.group[x] == gi)
        cj_conf = sum(1 for x in m.conflict[j] if self.group[x] == gj)
        ni_conf = sum(1 for x in m.conflict[i] if self.group[x] == gj and x != j)
        nj_conf = sum(1 for x in m.conflict[j] if self.group[x] == gi and x != i)
        pen += ni_conf + nj_conf - ci_conf - cj_conf
        if m.team[i] != m.team[j] or m.prof[i] != m.prof[j]:
            before = self.penalty_of_group(gi) + self.penalty_of_group(gj)
            self._move(i, gj)
            self._move(j, gi)
            after = self.penalty_of_group(gi) + self.penalty_of_group(gj)
            self._move(i, gi)
            self._move(j, gj)
            pen += after - before
        return d + PENALTY * pen

    def _move(self, i: int, g: int) -> None:
        m = self.m
        old = self.group[i]
        if m.team[i] >= 0:
            self.team_count[old][m.team[i]] -= 1
            self.team_count[g][m.team[i]] += 1
        if m.prof[i] >= 0:
            self.prof_count[old][m.prof[i]] -= 1
            self.prof_count[g][m.prof[i]] += 1
        self.group[i] = g

    def swap(self, i: int, j: int) -> None:
        gi, gj = self.group[i], self.group[j]
        self._add(i, gi, -1)
        self._add(j, gj, -1)
        self.group[i], self.group[j] = gj, gi
        self._add(i, gj)
        self._add(j, gi)

    def local_cost(self, i: int) -> float:
        """How much person i's values are over-represented in their group (search priority)."""
        m, g = self.m, self.group[i]
        over = 0.0
        for a, (_, wt, coded, _) in enumerate(m.attrs):
            over += wt * max(0.0, self.counts[a][g][coded[i]] - m.targets[a][g][coded[i]] - 0.5)
        conf = sum(1 for x in m.conflict[i] if self.group[x] == g)
        return over + PENALTY * (conf + (self.penalty_of_group(g) > 0))


# --- construction and search ---------------------------------------------------------------


def _construct(m: _Model, rng: random.Random) -> list[int]:
    """Greedy: biggest keep-together blocks first, each into the group where it costs least."""
    room = list(m.sizes)
    group = [-1] * m.n
    counts = [[[0] * nv for _ in range(m.g)] for (_, _, _, nv) in m.attrs]
    team = [dict[int, int]() for _ in range(m.g)]
    profs = [set[int]() for _ in range(m.g)]
    order = list(range(len(m.blocks)))
    rng.shuffle(order)
    # Big blocks first, then people with conflicts, then rare professions.
    order.sort(key=lambda b: (-len(m.blocks[b]), -sum(len(m.conflict[i]) for i in m.blocks[b])))
    for b in order:
        block = m.blocks[b]
        best, best_cost = -1, math.inf
        for g in range(m.g):
            if room[g] < len(block):
                continue
            cost = 0.0
            for a, (_, wt, coded, _) in enumerate(m.attrs):
                for i in block:
                    cost += wt * (2 * (counts[a][g][coded[i]] - m.targets[a][g][coded[i]]) + 1)
            for i in block:
                cost += PENALTY * sum(1 for x in m.conflict[i] if group[x] == g)
                if m.p.max_per_team is not None and m.team[i] >= 0:
                    cost += PENALTY * (team[g].get(m.team[i], 0) >= m.p.max_per_team)
                if m.prof[i] >= 0 and m.prof[i] not in profs[g]:
                    cost -= 1.0  # a new profession in the group helps min_professions
            if cost < best_cost:
                best, best_cost = g, cost
        if best < 0:
            raise InfeasibleError(
                "keep_together", "keep-together blocks do not fit the group sizes"
            )
        for i in block:
            group[i] = best
            for a, (_, _, coded, _) in enumerate(m.attrs):
                counts[a][best][coded[i]] += 1
            if m.team[i] >= 0:
                team[best][m.team[i]] = team[best].get(m.team[i], 0) + 1
            if m.prof[i] >= 0:
                profs[best].add(m.prof[i])
        room[best] -= len(block)
    return group


def _local_search(m: _Model, st: _State, bound: float, deadline: float, rng: random.Random) -> None:
    """Best-improvement swaps between singletons, scanned with numpy, checked exactly.

    For person i the objective change of swapping with every j is computed at once from
    E[g, v] = c_gv - t_gv; the few best candidates are then re-evaluated with the exact
    delta (which also counts hard-constraint penalties) before one is applied.
    """
    singles = np.array([i for i in range(m.n) if len(m.blocks[m.block_of[i]]) == 1], dtype=np.int64)
    if len(singles) < 2:
        return
    codes = [np.array(coded, dtype=np.int64)[singles] for (_, _, coded, _) in m.attrs]
    wts = [wt for (_, wt, _, _) in m.attrs]
    E = [
        np.array(st.counts[a], dtype=np.float64) - np.array(m.targets[a], dtype=np.float64)
        for a in range(len(m.attrs))
    ]
    grp = np.array([st.group[i] for i in singles], dtype=np.int64)
    pos = {int(i): k for k, i in enumerate(singles)}
    current = st.objective() + PENALTY * sum(st.violations().values())
    stale = 0
    while time.perf_counter() < deadline and stale < 4 and current > bound + 1e-9:
        improved = False
        order = sorted(singles.tolist(), key=lambda i: -st.local_cost(i))
        for i in order:
            if time.perf_counter() > deadline or current <= bound + 1e-9:
                break
            k = pos[i]
            gi = grp[k]
            delta = np.zeros(len(singles))
            for a in range(len(m.attrs)):
                vi, vj = codes[a][k], codes[a]
                Ea = E[a]
                d = Ea[gi, vj] - Ea[gi, vi] + Ea[grp, vi] - Ea[grp, vj]
                delta += np.where(vj != vi, wts[a] * (2 * d + 4), 0.0)
            delta[grp == gi] = np.inf
            top = np.argpartition(delta, min(8, len(delta) - 1))[:8]
            best_j, best_d = -1, -1e-9
            for t in top[np.argsort(delta[top])]:
                if delta[t] >= 0 and st.local_cost(i) < PENALTY:
                    break
                j = int(singles[t])
                dd = st.swap_delta(i, j)
                if dd < best_d:
                    best_j, best_d = j, dd
            if best_j >= 0:
                gj = st.group[best_j]
                for a in range(len(m.attrs)):
                    vi, vj = codes[a][k], codes[a][pos[best_j]]
                    E[a][gi, vi] -= 1
                    E[a][gi, vj] += 1
                    E[a][gj, vj] -= 1
                    E[a][gj, vi] += 1
                st.swap(i, best_j)
                grp[k], grp[pos[best_j]] = gj, gi
                current += best_d
                improved = True
        if improved:
            stale = 0
            continue
        stale += 1
        # Plateau: random zero-cost swaps reshuffle who sits at a rounded-up share.
        for _ in range(2 * m.n):
            a_, b_ = rng.sample(range(len(singles)), 2)
            i, j = int(singles[a_]), int(singles[b_])
            if grp[a_] != grp[b_] and abs(st.swap_delta(i, j)) < 1e-9:
                gi, gj = grp[a_], grp[b_]
                for a in range(len(m.attrs)):
                    vi, vj = codes[a][a_], codes[a][b_]
                    E[a][gi, vi] -= 1
                    E[a][gi, vj] += 1
                    E[a][gj, vj] -= 1
                    E[a][gj, vi] += 1
                st.swap(i, j)
                grp[a_], grp[b_] = gj, gi


def _exact(m: _Model) -> tuple[list[int] | None, float]:
    """Exhaustive search over all assignments to the fixed group sizes (tiny pools only)."""
    n, sizes = m.n, m.sizes
    best: list[int] | None = None
    best_val = math.inf
    group = [-1] * n

    def rec(k: int, room: list[int]) -> None:
        nonlocal best, best_val
        if k == n:
            st = _State(m, list(group))
            if sum(st.violations().values()) == 0:
                val = st.objective()
                if val < best_val - 1e-12:
                    best, best_val = list(group), val
            return
        seen_empty_sizes: set[int] = set()
        for g in range(m.g):
            if room[g] == 0:
                continue
            empty = room[g] == sizes[g]
            if empty:
                # Empty groups of the same size are interchangeable: try only the first.
                if sizes[g] in seen_empty_sizes:
                    continue
                seen_empty_sizes.add(sizes[g])
            group[k] = g
            room[g] -= 1
            rec(k + 1, room)
            room[g] += 1
        group[k] = -1

    rec(0, list(sizes))
    return best, best_val


def _blocking_constraint(m: _Model) -> str:
    """For a proven-infeasible tiny instance, the first constraint whose removal helps."""
    names = ["keep_together", "keep_apart", "line_manager", "max_per_team", "min_professions"]
    for name in names:
        relaxed = _relaxed(m, name)
        if relaxed is not None and _exact(relaxed)[0] is not None:
            return name
    return "group_size"


def _relaxed(m: _Model, name: str) -> _Model | None:
    p = m.p
    changes: dict[str, object] = {
        "keep_together": {"keep_together": ()},
        "keep_apart": {"keep_apart": ()},
        "line_manager": {"forbid_line_manager": False},
        "max_per_team": {"max_per_team": None},
        "min_professions": {"min_professions": 0},
    }[name]  # type: ignore[assignment]
    try:
        return _Model(GroupsProblem(**{**p.__dict__, **changes}))  # type: ignore[arg-type]
    except InfeasibleError:
        return None


def solve_groups(problem: GroupsProblem, *, method: str = "auto") -> GroupsResult:
    """Split ``problem.members`` into groups. ``method``: "auto", "exact" or "heuristic"."""
    t0 = time.perf_counter()
    if method not in ("auto", "exact", "heuristic"):
        raise SolverInputError("method", f"unknown method {method!r}")
    v.number("time_limit_s", problem.time_limit_s, positive=True)
    m = _Model(problem)
    bound = m.lower_bound()
    if method == "exact" or (method == "auto" and m.n <= EXACT_MAX_PEOPLE):
        group, val = _exact(m)
        if group is None:
            name = _blocking_constraint(m)
            raise InfeasibleError(
                name, f"no split into groups satisfies {name} (exhaustive search)"
            )
        st = _State(m, group)
        used = "exhaustive"
        proven = True
    else:
        rng = random.Random(problem.seed)
        st = _State(m, _construct(m, rng))
        _local_search(m, st, bound, t0 + problem.time_limit_s, rng)
        used = "greedy + swap local search"
        proven = False
    obj = st.objective()
    viol = st.violations()
    if proven:
        bound = obj  # exhaustive search proves the optimum itself
    gap = 0.0 if obj <= bound + 1e-9 else (obj - bound) / obj
    status = (
        "constraint_violated" if any(viol.values()) else ("optimal" if gap == 0 else "feasible")
    )
    groups = []
    for g in range(m.g):
        ids = sorted(st.members[g], key=lambda i: i)
        exp = [m.members[i].experience_years for i in ids]
        profs = sorted({pr for i in ids if (pr := m.members[i].profession) is not None})
        groups.append(
            Group(
                g,
                tuple(m.members[i].id for i in ids),
                sum(exp) / len(exp) if exp else 0.0,
                tuple(profs),
            )
        )
    sizes_ok = all(problem.min_size <= len(gr.members) <= problem.max_size for gr in groups)
    statuses = [
        ConstraintStatus(
            "group_size", sizes_ok, f"{m.g} groups of {min(m.sizes)} to {max(m.sizes)}"
        )
    ]
    detail = {
        "line_manager": "pairs of a person and their line manager in one group",
        "keep_apart": "keep-apart pairs in one group",
        "keep_together": "keep-together pairs split",
        "max_per_team": f"people above {problem.max_per_team} per team per group",
        "min_professions": f"professions missing below {problem.min_professions} per group",
    }
    for name, count in viol.items():
        statuses.append(ConstraintStatus(name, count == 0, f"{count} {detail[name]}"))
    return GroupsResult(
        groups=tuple(groups),
        constraints=tuple(statuses),
        objective=obj,
        bound=min(bound, obj),
        gap=gap,
        status=status,
        method=used,
        seconds=time.perf_counter() - t0,
    )
