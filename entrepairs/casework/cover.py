"""Leave cover, read from the database and solved by the engine's leave-cover solver
(`entrepairs/solvers/leave_cover.py`, pure Python).

Every active case of the absent member gets a replacement among the colleagues of the same core
team who are present for the whole leave (no leave of their own overlapping it), who have working
time and a cap, without overloading anyone: no replacement ends above the ceiling — the larger
of `COVER_TOLERANCE` (1.2) times the team's fair load ratio during the leave (the team's total
load over the working time of those present) and the highest load ratio a member of the team
carries today (the absent member's included: a load someone carries is not an overload) — nor
above their maximum number of cases. Cases no colleague can take are
reported with the reason, before the leave is approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from entrepairs.people.models import Person
from entrepairs.solvers.caseloads import Item, Worker
from entrepairs.solvers.leave_cover import LeaveCoverProblem, solve_leave_cover

from .models import Case, Leave, LeaveCover, MemberProfile
from .models.leave import COVER_TOLERANCE


@dataclass
class CoverLoad:
    person: Person
    fte: float
    cap: int
    cases_before: int = 0
    load_before: int = 0
    cases_after: int = 0
    load_after: int = 0
    away: str = ""  # why they cover nothing

    @property
    def ratio_before(self) -> float:
        return self.load_before / self.fte if self.fte else 0.0

    @property
    def ratio_after(self) -> float:
        return self.load_after / self.fte if self.fte else 0.0


@dataclass
class CoverRow:
    case: Case
    replacement: Person | None
    uncovered: str = ""  # LeaveCover.Uncovered
    named_by_hand: bool = False

    @property
    def why(self) -> str:
        return str(LeaveCover.Uncovered(self.uncovered).label) if self.uncovered else ""


@dataclass
class CoverPlan:
    leave: Leave
    rows: list[CoverRow] = field(default_factory=list)
    loads: list[CoverLoad] = field(default_factory=list)
    max_ratio: float = 0.0  # the ceiling nobody may pass

    @property
    def uncovered(self) -> list[CoverRow]:
        return [r for r in self.rows if r.replacement is None]


def overlapping_leaves(person_ids: list[Any], leave: Leave) -> dict[Any, Leave]:
    """Colleagues with a leave of their own overlapping `leave` (they cannot replace)."""
    return {
        other.person_id: other
        for other in Leave.objects.filter(
            person_id__in=person_ids, starts_on__lte=leave.ends_on, ends_on__gte=leave.starts_on
        ).exclude(pk=leave.pk)
    }


def team_loads(
    leave: Leave,
) -> tuple[list[CoverLoad], list[Case], dict[Any, CoverLoad], float]:
    """The colleagues of the absent member with their loads, the absent member's cases and
    their load ratio today (4 queries)."""
    absent = leave.person
    if absent.team_id is None:
        return [], [], {}, 0.0
    people = list(
        Person.objects.filter(team_id=absent.team_id, is_active=True)
        .exclude(pk=absent.pk)
        .order_by("last_name", "id")
    )
    profiles = {p.person_id: p for p in MemberProfile.objects.filter(person__in=[*people, absent])}
    away = overlapping_leaves([p.pk for p in people], leave)
    loads = []
    for person in people:
        profile = profiles.get(person.pk)
        row = CoverLoad(
            person=person,
            fte=float(profile.fte) if profile else 0.0,
            cap=profile.max_caseload if profile else 0,
        )
        if person.pk in away:
            row.away = _("on leave during this period")
        elif not row.fte or not row.cap:
            row.away = _("no working time or no case allowed")
        loads.append(row)
    by_id = {row.person.pk: row for row in loads}
    held = Case.objects.filter(core_team_id=absent.team_id).exclude(status=Case.Status.CLOSED)
    mine = []
    for case in held.select_related("child").order_by("-weight", "id"):
        if case.guardian_id == absent.pk:
            mine.append(case)
        elif case.guardian_id in by_id:
            by_id[case.guardian_id].cases_before += 1
            by_id[case.guardian_id].load_before += case.weight
    for row in loads:
        row.cases_after, row.load_after = row.cases_before, row.load_before
    own = profiles.get(absent.pk)
    absent_ratio = sum(c.weight for c in mine) / float(own.fte) if own and own.fte else 0.0
    return loads, mine, by_id, absent_ratio


def ceiling(loads: list[CoverLoad], total: int, absent_ratio: float) -> float:
    """The load ratio no replacement may pass (module docstring)."""
    takers = [row for row in loads if not row.away]
    fte = sum(row.fte for row in takers)
    if not fte:
        return 0.0
    today = max([row.ratio_before for row in takers] + [absent_ratio])
    return max(COVER_TOLERANCE * total / fte, today)


def plan_cover(leave: Leave, *, fixed: dict[Any, Person] | None = None) -> CoverPlan:
    """Solve the cover of `leave`. `fixed` maps case ids to replacements named by hand, kept."""
    fixed = fixed or {}
    loads, mine, by_id, absent_ratio = team_loads(leave)
    plan = CoverPlan(leave=leave, loads=loads)
    takers = [row for row in loads if not row.away]
    for case in mine:
        person = fixed.get(case.pk)
        if person is not None and person.pk in by_id:
            row = by_id[person.pk]
            row.cases_after += 1
            row.load_after += case.weight
    total = sum(row.load_after for row in takers) + sum(c.weight for c in mine if c.pk not in fixed)
    plan.max_ratio = ceiling(loads, total, absent_ratio)
    todo = [c for c in mine if c.pk not in fixed]
    covered: dict[Any, Person] = {}
    reasons: dict[Any, str] = {}
    if todo and not takers:
        reasons = {c.pk: LeaveCover.Uncovered.NO_COLLEAGUE for c in todo}
    elif todo:
        covered, reasons = _solve(leave, todo, takers, plan.max_ratio)
    for case in mine:
        if case.pk in fixed:
            plan.rows.append(CoverRow(case, fixed[case.pk], named_by_hand=True))
            continue
        person = covered.get(case.pk)
        plan.rows.append(CoverRow(case, person, "" if person else reasons[case.pk]))
        if person is not None:
            by_id[person.pk].cases_after += 1
            by_id[person.pk].load_after += case.weight
    return plan


def _solve(
    leave: Leave, todo: list[Case], takers: list[CoverLoad], max_ratio: float
) -> tuple[dict[Any, Person], dict[Any, str]]:
    absent = str(leave.person_id)
    # Each taker's current load is one item they hold (the solver only needs the sum).
    items = [
        Item(id=f"held:{row.person.pk}", weight=float(row.load_after), current=str(row.person.pk))
        for row in takers
        if row.load_after
    ]
    items += [Item(id=str(c.pk), weight=float(c.weight), current=absent) for c in todo]
    workers = [Worker(id=absent, capacity=1.0, team="t")] + [
        Worker(id=str(row.person.pk), capacity=row.fte, team="t") for row in takers
    ]
    room = {str(row.person.pk): row.cap - row.cases_after for row in takers}
    people = {str(row.person.pk): row.person for row in takers}
    forbidden: set[tuple[str, str]] = set()
    weight = {str(c.pk): c.weight for c in todo}
    for _round in range(len(takers) + 1):
        result = solve_leave_cover(
            LeaveCoverProblem(
                items=items,
                workers=workers,
                absent=[absent],
                max_ratio=max_ratio,
                forbidden=sorted(forbidden),
            )
        )
        given: dict[str, list[str]] = {}
        for cover in result.covers:
            given.setdefault(cover.cover_worker, []).append(cover.item)
        over = set()
        for worker, ids in given.items():
            if len(ids) > room[worker]:
                keep = set(sorted(ids, key=lambda i: (-weight[i], i))[: max(room[worker], 0)])
                over |= {(c, worker) for c in weight if c not in keep}
        if not over - forbidden:
            break
        forbidden |= over
    covered = {c.item: people[c.cover_worker] for c in result.covers}
    reason_of = {
        "no_colleague": LeaveCover.Uncovered.NO_COLLEAGUE,
        "forbidden": LeaveCover.Uncovered.CAP,
        "capacity": LeaveCover.Uncovered.CAPACITY,
    }
    by_pk = {str(c.pk): c.pk for c in todo}
    return (
        {by_pk[k]: v for k, v in covered.items()},
        {by_pk[u.item]: reason_of[u.reason] for u in result.uncovered},
    )
