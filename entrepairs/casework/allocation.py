"""Balanced allocation of a core team's cases, read from the database and solved by the engine's
caseload solver (`entrepairs/solvers/caseloads.py`, pure Python).

Load = the sum of the weights of a member's open cases; load ratio = load / working time (FTE).
The solver keeps the highest ratio as low as possible, then moves as few cases as possible
(continuity: a child stays with its guardian unless moving it lowers the highest ratio).
Members on leave today or at their cap (number of cases) take no new case; members with no
working time or cap recorded take none either. The cap is a count the solver does not know: a
plan that gives a member more cases than their cap forbids those pairs and is solved again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from entrepairs.organisations.models import Team
from entrepairs.people.models import Person
from entrepairs.solvers.caseloads import CaseloadProblem, Item, Worker, solve_caseloads
from entrepairs.solvers.errors import InfeasibleError

from .models import AllocationProposal, Case, Leave, MemberProfile

CAP_ROUNDS = 10


@dataclass
class MemberLoad:
    person: Person
    fte: float
    cap: int
    cases_before: int = 0
    load_before: int = 0
    cases_after: int = 0
    load_after: int = 0
    excluded: str = ""  # why the member takes no new case
    on_leave: bool = False

    @property
    def ratio_before(self) -> float:
        return self.load_before / self.fte if self.fte else 0.0

    @property
    def ratio_after(self) -> float:
        return self.load_after / self.fte if self.fte else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "person": str(self.person.pk),
            "name": str(self.person),
            "fte": self.fte,
            "cap": self.cap,
            "cases_before": self.cases_before,
            "load_before": self.load_before,
            "ratio_before": round(self.ratio_before, 3),
            "cases_after": self.cases_after,
            "load_after": self.load_after,
            "ratio_after": round(self.ratio_after, 3),
            "excluded": self.excluded,
        }


@dataclass
class PlannedMove:
    case: Case
    from_person: Person | None
    to_person: Person
    reason: str = ""


@dataclass
class Plan:
    kind: str
    members: list[MemberLoad]
    moves: list[PlannedMove] = field(default_factory=list)
    max_ratio_before: float = 0.0
    max_ratio_after: float = 0.0
    bound: float = 0.0
    status: str = ""


def member_loads(team: Team, today: date) -> tuple[list[MemberLoad], list[Case]]:
    """The team's members with their current loads, and the team's active cases (3 queries)."""
    people = list(Person.objects.filter(team=team, is_active=True).order_by("last_name", "id"))
    profiles = {p.person_id: p for p in MemberProfile.objects.filter(person__in=people)}
    away = set(
        Leave.objects.filter(
            person__in=people, starts_on__lte=today, ends_on__gte=today
        ).values_list("person_id", flat=True)
    )
    members = []
    for person in people:
        profile = profiles.get(person.pk)
        m = MemberLoad(
            person=person,
            fte=float(profile.fte) if profile else 0.0,
            cap=profile.max_caseload if profile else 0,
        )
        if profile is None:
            m.excluded = _("working time and maximum caseload not recorded")
        elif person.pk in away:
            m.excluded, m.on_leave = _("on leave"), True
        elif not m.fte or not m.cap:
            m.excluded = _("no working time or no case allowed")
        members.append(m)
    cases = list(
        # Open on `today`: a past day (the weekly loads) counts cases closed since.
        Case.objects.filter(core_team=team, opened_on__lte=today)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=today))
        .select_related("child", "guardian")
        .order_by("opened_on", "id")
    )
    by_id = {m.person.pk: m for m in members}
    for case in cases:
        holder = by_id.get(case.guardian_id) if case.guardian_id else None
        if holder is not None:
            holder.cases_before += 1
            holder.load_before += case.weight
    for m in members:
        if not m.excluded and m.cases_before >= m.cap:
            m.excluded = _("at the maximum caseload (%(cap)s cases)") % {"cap": m.cap}
    return members, cases


def plan_allocation(team: Team, *, kind: str, today: date, max_moves: int | None = None) -> Plan:
    """Solve; raises ValidationError with a French message when nothing can be proposed."""
    members, cases = member_loads(team, today)
    by_id = {str(m.person.pk): m for m in members}
    new = [c for c in cases if c.guardian_id is None or str(c.guardian_id) not in by_id]
    if kind == AllocationProposal.Kind.NEW_CASES and not new:
        raise ValidationError(_("There is no new case waiting for allocation in this team."))
    if not cases:
        raise ValidationError(_("This team has no case to rebalance."))
    takers = [m for m in members if not m.excluded]
    if not takers:
        raise ValidationError(
            _(
                "No member can take a case: every member is on leave, at their cap or has no working time recorded."
            )
        )
    items = [
        Item(
            id=str(c.pk),
            weight=float(c.weight),
            current=str(c.guardian_id) if str(c.guardian_id) in by_id else None,
        )
        for c in cases
    ]
    # Every member is a worker so that their current cases count; a member who is excluded
    # keeps what they hold and receives nothing (forbidden pairs).
    workers = [Worker(id=str(m.person.pk), capacity=m.fte or 0.0) for m in members]
    forbidden = {
        (it.id, str(m.person.pk))
        for m in members
        if m.excluded
        for it in items
        if it.current != str(m.person.pk)
    }
    # A new-case allocation moves nothing that is already held.
    moves_cap = 0 if kind == AllocationProposal.Kind.NEW_CASES else max_moves
    result = None
    # Each round locks at least one member who went over their cap (see `_over_cap`), so there
    # are never more rounds than members.
    for _round in range(max(CAP_ROUNDS, len(members) + 1)):
        try:
            result = solve_caseloads(
                CaseloadProblem(
                    items=items, workers=workers, forbidden=sorted(forbidden), max_moves=moves_cap
                ),
                time_limit_s=1.5,
            )
        except InfeasibleError as exc:
            raise ValidationError(
                _("No allocation respects the members' leave and caps: %(why)s")
                % {"why": _infeasible_reason(exc)}
            ) from exc
        over = _over_cap(result.allocation, items, by_id)
        if not over:
            break
        forbidden |= over
    else:
        raise ValidationError(
            _(
                "The members who can take cases are all at their cap: add working time or raise a cap."
            )
        )
    assert result is not None
    return _plan(kind, members, cases, result, by_id)


def _infeasible_reason(exc: InfeasibleError) -> str:
    if exc.field == "forbidden":
        return _("a case has no member who may take it.")
    return _("the team's capacity is insufficient.")


def _over_cap(
    allocation: tuple[tuple[str, str], ...], items: list[Item], by_id: dict[str, MemberLoad]
) -> set[tuple[str, str]]:
    """Pairs to forbid for a member the plan puts over their cap: they keep the heaviest of the
    cases they received that fit their room, and may receive no other case.

    Forbidding only the excess (as before) let the solver hand the same member other cases in
    the next round, one round per case: with many waiting cases a team was refused after the
    10 rounds although a plan within every cap existed (bench, national run). Locking the member
    to what fits ends in at most one round per member."""
    current = {it.id: it.current for it in items}
    weight = {it.id: it.weight for it in items}
    held: dict[str, list[str]] = {}
    for item_id, worker_id in allocation:
        held.setdefault(worker_id, []).append(item_id)
    over: set[tuple[str, str]] = set()
    for worker_id, item_ids in held.items():
        cap = by_id[worker_id].cap
        if len(item_ids) <= cap:
            continue
        received = [i for i in item_ids if current[i] != worker_id]
        if not received:  # above their cap with their own cases only: nothing to forbid
            continue
        room = max(cap - (len(item_ids) - len(received)), 0)
        keep = set(sorted(received, key=lambda i: (-weight[i], i))[:room])
        over |= {
            (it.id, worker_id) for it in items if it.current != worker_id and it.id not in keep
        }
    return over


def _plan(
    kind: str, members: list[MemberLoad], cases: list[Case], result: Any, by_id: dict
) -> Plan:
    to = dict(result.allocation)
    for case in cases:
        m = by_id[to[str(case.pk)]]
        m.cases_after += 1
        m.load_after += case.weight
    before = max((m.ratio_before for m in members), default=0.0)
    after = max((m.ratio_after for m in members), default=0.0)
    bound, status = result.bound, result.status
    if kind == AllocationProposal.Kind.NEW_CASES:
        # Held cases stay, so no load can go down: today's highest ratio is a bound too (the
        # solver's own bound assumes every case may move).
        bound = max(bound, before)
        if after <= bound + 1e-9:
            status = "optimal"
    else:
        bound = min(max(bound, rebalance_bound(members, cases)), after)
        if after <= bound + 1e-9:
            status = "optimal"
    plan = Plan(
        kind=kind,
        members=members,
        max_ratio_before=before,
        max_ratio_after=after,
        bound=bound,
        status=status,
    )
    for case in cases:
        target = by_id[to[str(case.pk)]]
        source = by_id.get(str(case.guardian_id)) if case.guardian_id else None
        if source is not None and source is target:
            continue
        plan.moves.append(
            PlannedMove(
                case=case,
                from_person=case.guardian,
                to_person=target.person,
                reason=_reason(case, source, target, plan.max_ratio_after),
            )
        )
    return plan


def rebalance_bound(members: list[MemberLoad], cases: list[Case]) -> float:
    """A proven lower bound on the highest load ratio of any rebalance, tighter than the solver's.

    The solver counts the working time of every member, but a member on leave or at their cap
    may keep some of their own cases and receive none, and every member holds at most `cap`
    cases. So at ratio L a member can carry at most min(floor(L × FTE), U) points (loads are
    whole points): U = their own load if excluded, else the weight of the `cap` heaviest cases;
    the smallest L at which the members can carry the team's total weight is a bound. So is
    each case's weight over the best FTE of a member who may hold it."""
    weights = sorted((c.weight for c in cases), reverse=True)
    total = sum(weights)
    if not total:
        return 0.0
    limits: list[tuple[float, int]] = []  # (FTE, most points they may carry)
    best_taker = 0.0
    for m in members:
        if not m.fte:
            continue
        if m.excluded:
            limits.append((m.fte, m.load_before))
        else:
            limits.append((m.fte, sum(weights[: m.cap])))
            best_taker = max(best_taker, m.fte)
    fte_of = {m.person.pk: m.fte for m in members if m.excluded and m.fte}
    item = 0.0
    for case in cases:
        best = max(
            best_taker, fte_of.get(case.guardian_id, 0.0) if case.guardian_id is not None else 0.0
        )
        if best:
            item = max(item, case.weight / best)

    def carried(ratio: float) -> int:
        return sum(min(math.floor(ratio * fte + 1e-9), most) for fte, most in limits)

    hi = total / min(fte for fte, _most in limits) if limits else 0.0
    if not limits or carried(hi) < total:
        return item
    lo = 0.0
    for _step in range(100):
        mid = (lo + hi) / 2
        if carried(mid) >= total:
            hi = mid
        else:
            lo = mid
    # Snap to the breakpoint k / FTE that attains it.
    snapped = min((math.ceil(hi * fte - 1e-9) / fte for fte, _most in limits if fte), default=hi)
    return max(item, snapped if carried(snapped) >= total else hi)


def _ratio(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _reason(case: Case, source: MemberLoad | None, target: MemberLoad, top: float) -> str:
    if source is None:
        return _(
            "New case (weight %(weight)s): %(to)s has room for it; their load ratio becomes "
            "%(after)s, and the team's highest stays %(top)s."
        ) % {
            "weight": case.weight,
            "to": target.person,
            "after": _ratio(target.ratio_after),
            "top": _ratio(top),
        }
    return _(
        "Rebalance (weight %(weight)s): %(from)s goes from a load ratio of %(before)s to "
        "%(after)s; %(to)s ends at %(to_after)s."
    ) % {
        "weight": case.weight,
        "from": source.person,
        "before": _ratio(source.ratio_before),
        "after": _ratio(source.ratio_after),
        "to": target.person,
        "to_after": _ratio(target.ratio_after),
    }
