"""Every casework write: keyword-only, atomic, `by=` the acting person (or SYSTEM for trusted
code), enforcing its rules whatever the channel (page, API, demo)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.services import SYSTEM, service
from entrepairs.organisations.models import MANAGING_ROLES, Membership, Team
from entrepairs.people.models import Person

from . import allocation as engine
from .models import (
    AllocationProposal,
    Case,
    CaseEvent,
    Leave,
    MemberProfile,
    Placement,
    PlacementKind,
    Procedure,
    ProposedMove,
    Vulnerability,
    weight_factors,
)
from .rules import CASEWORK_ROLES

# -- who acts ---------------------------------------------------------------------------------


def _active_in(by: Person, organisation_id: Any, roles: Any = None) -> bool:
    rows = Membership.objects.active().filter(person=by, organisation_id=organisation_id)
    if roles is not None:
        rows = rows.filter(role__in=roles)
    return by.is_active and rows.exists()


def is_member(by: Any, team: Team) -> bool:
    """A person of the core team holding a casework role there (as `rules.member_q`)."""
    if by is SYSTEM:
        return True
    return (
        by is not None
        and team.kind == Team.Kind.CORE
        and by.team_id == team.pk
        and _active_in(by, team.organisation_id, CASEWORK_ROLES)
    )


def require_member(by: Any, team: Team) -> None:
    if not is_member(by, team):
        raise PermissionDenied(_("Only the members of the core team act on its cases."))


def require_coordinator(by: Any, organisation_id: Any) -> None:
    if by is SYSTEM:
        return
    if by is None or not _active_in(by, organisation_id, MANAGING_ROLES):
        raise PermissionDenied(_("Only the organisation's coordinators change this."))


def _today() -> date:
    return timezone.localdate()


# -- members ----------------------------------------------------------------------------------


@service
@transaction.atomic
def member_profile_save(
    *, person: Person, fte: Decimal, max_caseload: int, by: Any
) -> MemberProfile:
    """A core-team member's working time (0 to 1 FTE) and the most cases they may hold."""
    require_coordinator(by, person.organisation_id)
    errors: dict[str, str] = {}
    if person.team is None or person.team.kind != Team.Kind.CORE:
        errors["person"] = _("This person is not a member of a core team.")
    if not Decimal("0") <= Decimal(fte) <= Decimal("1"):
        errors["fte"] = _("Working time is between 0 and 1 FTE.")
    if not 0 <= max_caseload <= 60:
        errors["max_caseload"] = _("The maximum caseload is between 0 and 60 cases.")
    if errors:
        raise ValidationError(errors)
    profile, _created = MemberProfile.objects.update_or_create(
        person=person,
        defaults={
            "organisation_id": person.organisation_id,
            "fte": fte,
            "max_caseload": max_caseload,
        },
    )
    return profile


@service
@transaction.atomic
def leave_record(*, person: Person, starts_on: date, ends_on: date, by: Any) -> Leave:
    """A member's leave: the coordinator records it, or the member for themself."""
    if person.team is None or person.team.kind != Team.Kind.CORE:
        raise ValidationError({"person": _("This person is not a member of a core team.")})
    if not (
        by is not None and by is not SYSTEM and by.pk == person.pk and is_member(by, person.team)
    ):
        require_coordinator(by, person.organisation_id)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The leave ends before it starts.")})
    return Leave.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=None if by is SYSTEM else by,
    )


# -- cases ------------------------------------------------------------------------------------


def _check_case_facts(*, birth_date: date, procedures: list[str], vulnerability: str) -> None:
    errors: dict[str, str] = {}
    today = _today()
    if birth_date > today:
        errors["birth_date"] = _("The date of birth is in the future.")
    elif birth_date <= today.replace(year=today.year - 18):
        errors["birth_date"] = _(
            "A case is for a minor: this date of birth gives 18 years or more."
        )
    unknown = set(procedures) - set(Procedure.values)
    if unknown:
        errors["procedures"] = _("Unknown procedures: %(names)s") % {
            "names": ", ".join(sorted(unknown))
        }
    if vulnerability not in Vulnerability.values:
        errors["vulnerability"] = _("Unknown vulnerability level.")
    if errors:
        raise ValidationError(errors)


def _reweigh(case: Case) -> None:
    placement = Placement.current_for(case.child)
    case.weight = sum(
        points
        for _label, points in weight_factors(
            birth_date=case.birth_date,
            placement=placement.kind if placement else None,
            procedures=case.procedures,
            vulnerability=case.vulnerability,
            day=_today(),
        )
    )


def _event(case: Case, kind: str, text: str, by: Any, on: date | None = None) -> None:
    CaseEvent.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        kind=kind,
        text=text,
        happened_on=on or _today(),
        by=None if by is SYSTEM else by,
    )


def _child_for_case(
    team: Team, child: Person | None, first_name: str, last_name: str, birth_date: date
) -> Person:
    from entrepairs.organisations.models import Role
    from entrepairs.people.services import person_save

    if child is not None and (first_name or last_name):
        raise ValidationError(
            {"child": _("Choose a child in the list or register a new one, not both.")}
        )
    if child is not None:
        return child
    if not (first_name and last_name):
        raise ValidationError(
            {
                "child": _(
                    "Choose the child in the list, or give the new child's first and last names."
                )
            }
        )
    if Case.objects.filter(
        organisation_id=team.organisation_id,
        birth_date=birth_date,
        child__first_name__iexact=first_name,
        child__last_name__iexact=last_name,
    ).exists():
        raise ValidationError(
            {
                "child": _(
                    "%(name)s, born on that day, already has a case here: choose them in the list."
                )
                % {"name": f"{first_name} {last_name}"}
            }
        )
    # The child is a person served, not staff: registered by the core team, not by people's
    # coordinators (casework decides who may; people's rules keep the person valid).
    return person_save(
        person=Person(
            organisation_id=team.organisation_id, first_name=first_name, last_name=last_name
        ),
        by=SYSTEM,
        roles=[Role.YOUTH],
    )


@service
@transaction.atomic
def case_open(
    *,
    team: Team,
    child: Person | None = None,
    new_child_first_name: str = "",
    new_child_last_name: str = "",
    birth_date: date,
    vulnerability: str = Vulnerability.LOW,
    procedures: list[str] | None = None,
    placement_kind: str = "",
    summary: str = "",
    opened_on: date | None = None,
    by: Any,
) -> Case:
    """A new case for a child under guardianship, waiting for allocation in the core team.
    The child is a person of the organisation without an account, or is registered here from
    `new_child_first_name` and `new_child_last_name` (in the same transaction: a refused case
    leaves no stray child). `opened_on` (default today) records a guardianship that began
    before it was entered here."""
    require_member(by, team)
    child = _child_for_case(
        team, child, new_child_first_name.strip(), new_child_last_name.strip(), birth_date
    )
    opened_on = opened_on or _today()
    if opened_on > _today():
        raise ValidationError({"opened_on": _("A case cannot be opened in the future.")})
    if opened_on < birth_date:
        raise ValidationError({"opened_on": _("A case cannot open before the child's birth.")})
    procedures = sorted(set(procedures or []))
    if child.organisation_id != team.organisation_id:
        raise ValidationError({"child": _("This child belongs to another organisation.")})
    if child.user_id is not None:
        raise ValidationError(
            {"child": _("A child under guardianship is a person without an account.")}
        )
    if Case.objects.filter(child=child).exclude(status=Case.Status.CLOSED).exists():
        raise ValidationError({"child": _("This child already has an open case.")})
    if placement_kind and placement_kind not in PlacementKind.values:
        raise ValidationError({"placement_kind": _("Unknown placement type.")})
    _check_case_facts(birth_date=birth_date, procedures=procedures, vulnerability=vulnerability)
    case = Case(
        organisation_id=team.organisation_id,
        core_team=team,
        child=child,
        birth_date=birth_date,
        procedures=procedures,
        vulnerability=vulnerability,
        summary=summary,
        opened_on=opened_on,
    )
    if placement_kind and Placement.current_for(child) is None:
        Placement.objects.create(
            organisation_id=team.organisation_id,
            child=child,
            kind=placement_kind,
            since=opened_on,
            recorded_by=None if by is SYSTEM else by,
        )
    _reweigh(case)
    case.save()
    _event(
        case,
        CaseEvent.Kind.OPENED,
        _("Weight %(weight)s.") % {"weight": case.weight},
        by,
        on=opened_on,
    )
    return case


@service
@transaction.atomic
def case_update(
    *,
    case: Case,
    birth_date: date,
    vulnerability: str,
    procedures: list[str],
    summary: str,
    by: Any,
) -> Case:
    """The facts that set the case's weight, and its confidential summary."""
    require_member(by, case.core_team)
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    procedures = sorted(set(procedures))
    _check_case_facts(birth_date=birth_date, procedures=procedures, vulnerability=vulnerability)
    before = case.weight
    case.birth_date, case.vulnerability, case.procedures, case.summary = (
        birth_date,
        vulnerability,
        procedures,
        summary,
    )
    _reweigh(case)
    case.save()
    _event(
        case,
        CaseEvent.Kind.UPDATED,
        _("Weight %(before)s → %(after)s.") % {"before": before, "after": case.weight},
        by,
    )
    return case


@service
@transaction.atomic
def placement_record(*, case: Case, kind: str, since: date, note: str = "", by: Any) -> Placement:
    """The child moves: the current placement ends the day before, the weight follows."""
    require_member(by, case.core_team)
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    if kind not in PlacementKind.values:
        raise ValidationError({"kind": _("Unknown placement type.")})
    current = Placement.current_for(case.child)
    if current is not None and since <= current.since:
        raise ValidationError(
            {
                "since": _("The new placement starts after the current one (%(date)s).")
                % {"date": current.since}
            }
        )
    if since > _today() + timedelta(days=90):
        raise ValidationError({"since": _("A placement is recorded at most 90 days ahead.")})
    if current is not None:
        current.until = since - timedelta(days=1)
        current.save(update_fields=["until", "updated_at"])
    placement = Placement.objects.create(
        organisation_id=case.organisation_id,
        child=case.child,
        kind=kind,
        since=since,
        note=note,
        recorded_by=None if by is SYSTEM else by,
    )
    _reweigh(case)
    case.save(update_fields=["weight", "updated_at"])
    _event(case, CaseEvent.Kind.PLACEMENT, str(PlacementKind(kind).label), by)
    return placement


def _may_take(person: Person, team: Team, *, extra: int, today: date) -> str:
    """Why `person` may not receive `extra` more cases of `team` today ("" when they may)."""
    if person.team_id != team.pk or not person.is_active:
        return _("%(name)s is not a member of this core team.") % {"name": person}
    profile = MemberProfile.objects.filter(person=person).first()
    if profile is None or not profile.fte or not profile.max_caseload:
        return _("%(name)s has no working time or maximum caseload recorded.") % {"name": person}
    if Leave.objects.filter(person=person, starts_on__lte=today, ends_on__gte=today).exists():
        return _("%(name)s is on leave.") % {"name": person}
    held = Case.objects.filter(guardian=person).exclude(status=Case.Status.CLOSED).count()
    if held + extra > profile.max_caseload:
        return _("%(name)s would hold %(count)s cases, above their maximum of %(cap)s.") % {
            "name": person,
            "count": held + extra,
            "cap": profile.max_caseload,
        }
    return ""


@service
@transaction.atomic
def case_assign(*, case: Case, guardian: Person, reason: str, by: Any) -> Case:
    """Name the responsible guardian by hand (outside a proposal), with the reason."""
    require_member(by, case.core_team)
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this guardian takes the case.")})
    if guardian.pk == case.guardian_id:
        raise ValidationError({"guardian": _("This member is already the responsible guardian.")})
    refusal = _may_take(guardian, case.core_team, extra=1, today=_today())
    if refusal:
        raise ValidationError({"guardian": refusal})
    case.guardian = guardian
    case.status = Case.Status.OPEN
    case.save(update_fields=["guardian", "status", "updated_at"])
    _event(case, CaseEvent.Kind.GUARDIAN, f"{guardian} — {reason.strip()}", by)
    return case


@service
@transaction.atomic
def case_close(*, case: Case, by: Any) -> Case:
    require_member(by, case.core_team)
    if not case.is_active:
        raise ValidationError(_("This case is already closed."))
    case.status = Case.Status.CLOSED
    case.closed_on = _today()
    case.save(update_fields=["status", "closed_on", "updated_at"])
    _event(case, CaseEvent.Kind.CLOSED, "", by)
    return case


# -- allocation -------------------------------------------------------------------------------


@service
@transaction.atomic
def allocation_propose(
    *, team: Team, kind: str, by: Any, max_moves: int | None = None
) -> AllocationProposal:
    """Solve the team's allocation and store it, with loads before and after, for the team to
    inspect and confirm. Nothing changes in the cases until it is confirmed."""
    require_member(by, team)
    if kind not in AllocationProposal.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of allocation.")})
    if max_moves is not None and max_moves < 0:
        raise ValidationError({"max_moves": _("The number of moves cannot be negative.")})
    plan = engine.plan_allocation(team, kind=kind, today=_today(), max_moves=max_moves)
    proposal = AllocationProposal.objects.create(
        organisation_id=team.organisation_id,
        core_team=team,
        kind=kind,
        proposed_by=None if by is SYSTEM else by,
        loads=[m.as_json() for m in plan.members],
        max_ratio_before=plan.max_ratio_before,
        max_ratio_after=plan.max_ratio_after,
        bound=plan.bound,
        solver_status=plan.status,
    )
    ProposedMove.objects.bulk_create(
        ProposedMove(
            proposal=proposal,
            case=move.case,
            from_person=move.from_person,
            to_person=move.to_person,
            weight=move.case.weight,
            reason=move.reason,
        )
        for move in plan.moves
    )
    return proposal


def _closed_refusal(proposal: AllocationProposal) -> str:
    if proposal.status == AllocationProposal.Status.SUPERSEDED:
        winner = (
            AllocationProposal.objects.filter(
                core_team_id=proposal.core_team_id,
                status=AllocationProposal.Status.CONFIRMED,
                decided_at__gte=proposal.created_at,
            )
            .select_related("decided_by")
            .order_by("-decided_at")
            .first()
        )
        if winner is not None:
            return _(
                "Another allocation of this team was confirmed by %(name)s at %(time)s: this "
                "proposal no longer holds. Make a new one."
            ) % {
                "name": winner.decided_by or _("someone"),
                "time": timezone.localtime(winner.decided_at).strftime("%d/%m/%Y %H:%M"),
            }
        return _("Another allocation of this team was confirmed: make a new proposal.")
    if proposal.status == AllocationProposal.Status.CONFIRMED:
        return _("This proposal is already confirmed.")
    return _("This proposal was discarded.")


@service
@transaction.atomic
def allocation_confirm(
    *, proposal: AllocationProposal, by: Any, note: str = ""
) -> AllocationProposal:
    """Apply every move of the proposal, each recorded on the case's timeline with its reason.

    The team's row is locked first: of two confirmations at the same time, the second waits, then
    finds its proposal overtaken and is told who confirmed (nothing half-written)."""
    team = Team.objects.select_for_update(of=("self",)).get(pk=proposal.core_team_id)
    require_member(by, team)
    proposal = AllocationProposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not proposal.is_open:
        raise ValidationError(_closed_refusal(proposal))
    moves = list(proposal.moves.select_related("to_person", "case"))
    cases = {
        c.pk: c
        for c in Case.objects.select_for_update(of=("self",)).filter(
            pk__in=[m.case_id for m in moves]
        )
    }
    today = _today()
    incoming: dict[Any, int] = {}
    for move in moves:
        case = cases.get(move.case_id)
        if case is None or not case.is_active or case.guardian_id != move.from_person_id:
            raise ValidationError(
                _("The cases changed since this proposal was made (%(child)s): make a new one.")
                % {"child": move.case.child}
            )
        if not move.reason.strip():
            raise ValidationError(_("Every move needs a reason."))
        incoming[move.to_person_id] = incoming.get(move.to_person_id, 0) + 1
    outgoing: dict[Any, int] = {}
    for move in moves:
        if move.from_person_id:
            outgoing[move.from_person_id] = outgoing.get(move.from_person_id, 0) + 1
    receivers = {move.to_person_id: move.to_person for move in moves}
    for person_id, count in incoming.items():
        extra = max(count - outgoing.get(person_id, 0), 0)
        refusal = _may_take(receivers[person_id], team, extra=extra, today=today)
        if refusal:
            raise ValidationError(_("%(refusal)s Make a new proposal.") % {"refusal": refusal})
    for move in moves:
        case = cases[move.case_id]
        case.guardian_id = move.to_person_id
        case.status = Case.Status.OPEN
        case.save(update_fields=["guardian", "status", "updated_at"])
        _event(case, CaseEvent.Kind.GUARDIAN, f"{move.to_person} — {move.reason}", by)
    proposal.status = AllocationProposal.Status.CONFIRMED
    proposal.decided_by = None if by is SYSTEM else by
    proposal.decided_at = timezone.now()
    proposal.note = note[:300]
    proposal.save(update_fields=["status", "decided_by", "decided_at", "note", "updated_at"])
    AllocationProposal.objects.filter(
        core_team=team, status=AllocationProposal.Status.PROPOSED
    ).update(status=AllocationProposal.Status.SUPERSEDED, updated_at=timezone.now())
    return proposal


@service
@transaction.atomic
def allocation_discard(*, proposal: AllocationProposal, by: Any) -> AllocationProposal:
    require_member(by, proposal.core_team)
    proposal = AllocationProposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not proposal.is_open:
        raise ValidationError(_closed_refusal(proposal))
    proposal.status = AllocationProposal.Status.DISCARDED
    proposal.decided_by = None if by is SYSTEM else by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return proposal


# -- reports: weekly loads ------------------------------------------------------------------------


def week_of(day: date) -> date:
    """The Monday of `day`'s week (snapshots are weekly)."""
    return day - timedelta(days=day.weekday())


@service
@transaction.atomic
def load_snapshots_record(*, day: date, teams: Any = None, by: Any = SYSTEM) -> int:
    """Write each core-team member's load for `day`'s week (replacing that week's rows, so a
    second run the same week corrects the first). Trusted code only: the weekly job, the demo."""
    if by is not SYSTEM:
        raise PermissionDenied(_("Only the weekly job records the loads."))
    from .models import LoadSnapshot

    week = week_of(day)
    core_teams = list(teams if teams is not None else Team.objects.filter(kind=Team.Kind.CORE))
    LoadSnapshot.objects.filter(core_team__in=core_teams, week=week).delete()
    rows = []
    for team in core_teams:
        members, _cases = engine.member_loads(team, day)
        rows += [
            LoadSnapshot(
                organisation_id=team.organisation_id,
                core_team=team,
                person=m.person,
                week=week,
                cases=m.cases_before,
                weight=m.load_before,
                fte=Decimal(str(m.fte)),
                on_leave=m.on_leave,
            )
            for m in members
            if m.fte and (m.cap or m.cases_before)  # who holds or may hold cases
        ]
    LoadSnapshot.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
