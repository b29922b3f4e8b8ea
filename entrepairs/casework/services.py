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
from django.utils.translation import ngettext

from entrepairs.casework import notification_kinds as kinds
from entrepairs.core.french import clock, long_date
from entrepairs.core.notifications import Message, NotificationKind, msg, msg_plural, resolve
from entrepairs.core.services import SYSTEM, service
from entrepairs.core.text import is_blank
from entrepairs.organisations.models import MANAGING_ROLES, Membership, Team
from entrepairs.people import placements
from entrepairs.people.models import Person

from . import allocation as engine
from .models import (
    AllocationProposal,
    Case,
    CaseContact,
    CaseEvent,
    CaseworkSettings,
    Leave,
    LeaveCover,
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
    leave = Leave.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=None if by is SYSTEM else by,
    )
    # The cover is planned at once (point 5), for the team to inspect before approving.
    from . import cover

    _store_cover(leave, cover.plan_cover(leave))
    return leave


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
        guardian_id=case.guardian_id,
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
        placements.placement_change(
            child=child,
            kind=placement_kind,
            since=opened_on,
            organisation=team.organisation_id,
            by=by,
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
def placement_record(
    *,
    case: Case,
    kind: str,
    since: date,
    note: str = "",
    family: list[Person] | None = None,
    by: Any,
) -> Placement:
    """The child moves: recorded in the child's one placement history (people.placements, shared
    with mentoring), which closes the current placement; the case's weight follows."""
    require_member(by, case.core_team)
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    placement = placements.placement_change(
        child=case.child,
        kind=kind,
        since=since,
        family=family or [],
        note=note,
        organisation=case.organisation_id,
        by=by,
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
        return ngettext(
            "%(name)s would hold %(count)s case, above their maximum of %(cap)s.",
            "%(name)s would hold %(count)s cases, above their maximum of %(cap)s.",
            held + extra,
        ) % {
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
    if is_blank(reason):
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
    from .rules import closes_case

    require_member(by, case.core_team)
    if by is not SYSTEM and not closes_case(by.pk, case):
        raise PermissionDenied(_("Only the case's responsible guardian closes it."))
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
        if winner is not None and winner.decided_at is not None:
            return _(
                "Another allocation of this team was confirmed by %(name)s at %(time)s: this "
                "proposal no longer holds. Make a new one."
            ) % {
                "name": winner.decided_by or _("someone"),
                "time": f"{long_date(winner.decided_at)} {clock(winner.decided_at)}",
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
        if is_blank(move.reason):
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


# -- decisions: safety checks and key decisions with mandatory expert advice (issue 12, 6 and 8) --

# French defaults, created on an organisation's first use (the organisation then edits them):
# (kind, label, weight). Weight 5 is an acute danger: the risk is high whatever else is found.
DEFAULT_RISK_FACTORS: list[tuple[str, str, int]] = [
    ("risk", "Signes de maltraitance ou de violence subie", 5),
    ("risk", "Exposition à l'exploitation ou à la traite", 5),
    ("risk", "Fugue ou disparition récente", 4),
    ("risk", "Détresse psychique, idées suicidaires", 4),
    ("risk", "Conduites à risque (consommations, mise en danger)", 3),
    ("risk", "Conflits graves sur le lieu de placement", 2),
    ("risk", "Rupture de scolarité ou de formation", 2),
    ("risk", "Isolement, absence de réseau", 2),
    ("protective", "Adulte de confiance identifié", 3),
    ("protective", "Lieu de placement stable et adapté", 3),
    ("protective", "Scolarité ou formation suivie", 2),
    ("protective", "Suivi de santé en place", 2),
    ("protective", "Lien maintenu avec la famille ou la communauté", 2),
]
# (name, mandatory advice, trigger)
DEFAULT_DECISION_TYPES: list[tuple[str, list[str], str]] = [
    ("Signes d'insécurité : mesures de protection", ["psychologist"], "insecurity"),
    (
        "Changement de lieu de placement (inquiétudes sur le développement)",
        ["legal_adviser", "psychologist"],
        "placement_development",
    ),
    ("Autre décision clé", [], ""),
]


@service
@transaction.atomic
def decision_defaults_ensure(*, organisation_id: Any, by: Any = SYSTEM) -> None:
    """The French default factors and decision types, on the organisation's first use only (an
    organisation that has set its own keeps them)."""
    from .models import DecisionType, RiskFactor

    if not RiskFactor.objects.filter(organisation_id=organisation_id).exists():
        RiskFactor.objects.bulk_create(
            RiskFactor(organisation_id=organisation_id, kind=k, label=label, weight=w)
            for k, label, w in DEFAULT_RISK_FACTORS
        )
    if not DecisionType.objects.filter(organisation_id=organisation_id).exists():
        DecisionType.objects.bulk_create(
            DecisionType(organisation_id=organisation_id, name=n, required_advice=r, trigger=t)
            for n, r, t in DEFAULT_DECISION_TYPES
        )


@service
@transaction.atomic
def risk_factor_save(
    *,
    organisation_id: Any,
    kind: str,
    label: str,
    weight: int,
    active: bool = True,
    factor: Any = None,
    by: Any,
) -> Any:
    """A risk or protective factor of the organisation, weighted 1 to 5 (its coordinators)."""
    from .models import RiskFactor

    require_coordinator(by, organisation_id)
    label = label.strip()
    errors: dict[str, str] = {}
    if kind not in RiskFactor.Kind.values:
        errors["kind"] = _("Choose a risk factor or a protective factor.")
    if not label:
        errors["label"] = _("Name the factor.")
    elif (
        RiskFactor.objects.filter(organisation_id=organisation_id, label__iexact=label)
        .exclude(pk__in=[factor.pk] if factor is not None else [])
        .exists()
    ):
        errors["label"] = _("This factor already exists.")
    if not 1 <= int(weight) <= 5:
        errors["weight"] = _("A factor weighs 1 to 5.")
    if errors:
        raise ValidationError(errors)
    factor = factor or RiskFactor(organisation_id=organisation_id)
    factor.kind, factor.label, factor.weight, factor.active = kind, label, int(weight), active
    factor.save()
    return factor


@service
@transaction.atomic
def decision_type_save(
    *,
    organisation_id: Any,
    name: str,
    required_advice: list[str],
    trigger: str = "",
    active: bool = True,
    decision_type: Any = None,
    by: Any,
) -> Any:
    """A decision type and its rule: the expertise whose advice is mandatory before deciding."""
    from .models import DecisionType, ExpertRole

    require_coordinator(by, organisation_id)
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Name the decision type.")
    elif (
        DecisionType.objects.filter(organisation_id=organisation_id, name__iexact=name)
        .exclude(pk__in=[decision_type.pk] if decision_type is not None else [])
        .exists()
    ):
        errors["name"] = _("This decision type already exists.")
    if set(required_advice) - set(ExpertRole.values):
        errors["required_advice"] = _("Unknown expertise.")
    if trigger not in DecisionType.Trigger.values:
        errors["trigger"] = _("Unknown trigger.")
    if errors:
        raise ValidationError(errors)
    decision_type = decision_type or DecisionType(organisation_id=organisation_id)
    decision_type.name = name
    decision_type.required_advice = sorted(set(required_advice))
    decision_type.trigger, decision_type.active = trigger, active
    decision_type.save()
    return decision_type


def _notify_team(
    case: Case,
    *,
    kind: NotificationKind,
    subject: Message,
    body: Message,
    link: str,
    title: Message | str = "",
    about: Any = None,
) -> int:
    """In-app message to every active member of the case's core team (the e-mail copy carries
    no child's name: the subject and body below never do; the in-app `title` may, the team
    follows the child)."""
    from entrepairs.core.notifications import notify

    members = Person.objects.filter(
        team_id=case.core_team_id, is_active=True, user__isnull=False
    ).select_related("user")
    for person in members:
        notify(
            recipient=person.user,
            kind=kind,
            subject=subject,
            body=body,
            link=link,
            organisation=case.organisation_id,
            title=title,
            about=about,
        )
    return len(members)


@service
@transaction.atomic
def safety_check_schedule(*, case: Case, due_on: date, by: Any) -> Any:
    """A safety check of the child, due on a date (the core team plans it)."""
    from .models import SafetyCheck

    require_member(by, case.core_team)
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    if due_on < _today() - timedelta(days=365) or due_on > _today() + timedelta(days=365):
        raise ValidationError({"due_on": _("A safety check is due within a year of today.")})
    decision_defaults_ensure(organisation_id=case.organisation_id)
    return SafetyCheck.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        due_on=due_on,
        scheduled_by=None if by is SYSTEM else by,
    )


def _type_for(organisation_id: Any, trigger: str) -> Any:
    """The organisation's type opened on `trigger`; the French default is recreated if the
    organisation has none (an automatic decision always has a type)."""
    from .models import DecisionType

    found = (
        DecisionType.objects.filter(organisation_id=organisation_id, trigger=trigger, active=True)
        .order_by("name")
        .first()
    )
    if found is not None:
        return found
    name, required, _t = next(d for d in DEFAULT_DECISION_TYPES if d[2] == trigger)
    found, _created = DecisionType.objects.get_or_create(
        organisation_id=organisation_id,
        name=name,
        defaults={"required_advice": required, "trigger": trigger},
    )
    if found.trigger != trigger or not found.active:
        found.trigger, found.active = trigger, True
        found.save(update_fields=["trigger", "active", "updated_at"])
    return found


@service
@transaction.atomic
def safety_check_record(
    *,
    check: Any,
    done_on: date,
    factor_ids: list[Any],
    notes: str,
    insecurity_signs: bool = False,
    ip_sent_on: date | None = None,
    ip_recipient: str = "",
    by: Any,
) -> Any:
    """The results of a safety check: the factors found (the organisation's, weighted), the risk
    level from `risk_level`, an information préoccupante sent to the CRIP (date and recipient).
    A high risk alerts the core team; signs of insecurity open a gated key decision."""
    from .models import RiskFactor, SafetyCheck, risk_level

    case = check.case
    require_member(by, case.core_team)
    check = SafetyCheck.objects.select_for_update(of=("self",)).get(pk=check.pk)
    errors: dict[str, str] = {}
    if check.is_done:
        raise ValidationError(_("The results of this safety check are already recorded."))
    if done_on > _today():
        errors["done_on"] = _("A safety check is recorded once it is done (not in the future).")
    factors = list(
        RiskFactor.objects.filter(
            organisation_id=case.organisation_id, active=True, pk__in=factor_ids
        )
    )
    if len(factors) != len(set(map(str, factor_ids))):
        errors["factors"] = _("Unknown factor.")
    if is_blank(notes):
        errors["notes"] = _("Write what the check found.")
    if bool(ip_sent_on) != bool(ip_recipient.strip()):
        errors["ip_recipient"] = _(
            "An information préoccupante is recorded with its date and its recipient (the CRIP)."
        )
    if ip_sent_on and ip_sent_on > _today():
        errors["ip_sent_on"] = _("The information préoccupante is recorded once sent.")
    if errors:
        raise ValidationError(errors)
    score, level = risk_level(
        (f.weight for f in factors if f.kind == RiskFactor.Kind.RISK),
        (f.weight for f in factors if f.kind == RiskFactor.Kind.PROTECTIVE),
    )
    check.done_on, check.done_by = done_on, None if by is SYSTEM else by
    check.assessment = [
        {"id": str(f.pk), "label": f.label, "kind": f.kind, "weight": f.weight} for f in factors
    ]
    check.score, check.risk = score, level
    check.notes, check.insecurity_signs = notes, insecurity_signs
    check.ip_sent_on, check.ip_recipient = ip_sent_on, ip_recipient.strip()
    check.save()
    link = f"/casework/safety-checks/{check.pk}/"
    if level == "high":
        _notify_team(
            case,
            kind=kinds.HIGH_RISK,
            subject=msg("High risk found in a safety check"),
            title=msg(
                "High risk found in the safety check of %(child)s", child=case.child.short_name
            ),
            body=msg(
                "A safety check found a high risk. It is on the agenda of the core team's next "
                "meeting."
            ),
            link=link,
        )
    if insecurity_signs:
        _open_automatic(
            case=case,
            trigger="insecurity",
            title=_("Signs of insecurity found in the safety check of %(date)s")
            % {"date": long_date(done_on)},
            arguments=notes,
            safety_check=check,
            by=by,
        )
    return check


def _open_automatic(
    *,
    case: Case,
    trigger: str,
    title: str,
    by: Any,
    arguments: str = "",
    child_view: str = "",
    safety_check: Any = None,
    proposed_placement: str = "",
) -> Any:
    """A gated decision opened by the platform (a safety check's signs of insecurity, a proposed
    change of placement): one open decision per case and trigger; the core team is told."""
    from .models import Decision

    open_one = Decision.objects.filter(
        case=case, trigger=trigger, status=Decision.Status.PREPARED
    ).first()
    if open_one is not None and trigger == "insecurity":
        return open_one
    decision = Decision.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        decision_type=_type_for(case.organisation_id, trigger),
        title=title[:200],
        arguments=arguments,
        child_view=child_view,
        trigger=trigger,
        safety_check=safety_check,
        proposed_placement=proposed_placement,
        prepared_by=None if by is SYSTEM else by,
    )
    _notify_team(
        case,
        kind=kinds.DECISION_TO_PREPARE,
        subject=msg("A key decision is to prepare"),
        title=msg("A key decision about %(child)s is to prepare", child=case.child.short_name),
        body=msg(
            "A key decision was opened automatically; it needs the advice its type requires "
            "before the core team decides."
        ),
        link=f"/casework/decisions/{decision.pk}/",
        about=decision,
    )
    return decision


@service
@transaction.atomic
def safety_overdue_alert(*, today: date | None = None) -> int:
    """Once per overdue check: the core team is told (the daily task calls this)."""
    from .models import SafetyCheck

    today = today or _today()
    overdue = list(
        SafetyCheck.objects.select_for_update(of=("self",))
        .filter(done_on__isnull=True, due_on__lt=today, overdue_notified_on__isnull=True)
        .exclude(case__status=Case.Status.CLOSED)
        .select_related("case__child")
    )
    for check in overdue:
        _notify_team(
            check.case,
            kind=kinds.SAFETY_CHECK_OVERDUE,
            subject=msg("A safety check is overdue"),
            title=msg(
                "The safety check of %(child)s is overdue", child=check.case.child.short_name
            ),
            body=msg(
                "A safety check is past its due date. It is on the agenda of the core team's "
                "next meeting."
            ),
            link=f"/casework/safety-checks/{check.pk}/",
        )
        check.overdue_notified_on = today
        check.save(update_fields=["overdue_notified_on", "updated_at"])
    return len(overdue)


@service
@transaction.atomic
def decision_prepare(
    *,
    case: Case,
    decision_type: Any,
    title: str,
    options: str,
    arguments: str,
    child_view: str,
    by: Any,
) -> Any:
    """A member of the case's core team prepares a key decision: the options, the arguments and
    the child's view (all confidential)."""
    from .models import Decision

    require_member(by, case.core_team)
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    errors: dict[str, str] = {}
    if (
        decision_type is None
        or decision_type.organisation_id != case.organisation_id
        or not decision_type.active
    ):
        errors["decision_type"] = _("Choose one of the organisation's decision types.")
    if is_blank(title):
        errors["title"] = _("Say what is to be decided.")
    if is_blank(options):
        errors["options"] = _("Write the options considered.")
    if errors:
        raise ValidationError(errors)
    return Decision.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        decision_type=decision_type,
        title=title.strip()[:200],
        options=options,
        arguments=arguments,
        child_view=child_view,
        prepared_by=None if by is SYSTEM else by,
    )


@service
@transaction.atomic
def placement_change_propose(
    *, case: Case, kind: str, concerns: str, child_view: str = "", by: Any
) -> Any:
    """A change of placement proposed because of concerns about the child's development: it is
    not recorded as a placement; it opens a gated key decision (seed 000) for the core team."""
    require_member(by, case.core_team)
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    errors: dict[str, str] = {}
    if kind not in PlacementKind.values:
        errors["kind"] = _("Unknown placement type.")
    if is_blank(concerns):
        errors["concerns"] = _("Describe the concerns about the child's development.")
    if errors:
        raise ValidationError(errors)
    label = PlacementKind(kind).label
    return _open_automatic(
        case=case,
        trigger="placement_development",
        title=_("Change of placement towards: %(kind)s") % {"kind": label},
        arguments=concerns,
        child_view=child_view,
        proposed_placement=kind,
        by=by,
    )


@service
@transaction.atomic
def advice_request(*, decision: Any, expert: Person, question: str = "", by: Any) -> Any:
    """Submit a prepared decision to one of the organisation's experts: they will see this
    decision only (not the case) and record their advice."""
    from .models import AdviceRequest
    from .rules import expertise_of, experts_q

    require_member(by, decision.case.core_team)
    if decision.is_decided:
        raise ValidationError(_("This decision is already taken."))
    if not Person.objects.filter(experts_q(decision.organisation_id), pk=expert.pk).exists():
        raise ValidationError({"expert": _("Choose one of the organisation's experts.")})
    if AdviceRequest.objects.filter(decision=decision, expert=expert).exists():
        raise ValidationError({"expert": _("This expert was already asked for advice.")})
    request = AdviceRequest.objects.create(
        organisation_id=decision.organisation_id,
        decision=decision,
        expert=expert,
        role=expertise_of(expert),
        question=question,
        requested_by=None if by is SYSTEM else by,
    )
    if expert.user_id is not None:
        from entrepairs.core.notifications import notify

        notify(
            kind=kinds.ADVICE_REQUESTED,
            recipient=expert.user,
            subject=msg("Your advice is requested"),
            # The expert sees whom the decision is about (rules.decision_visible_q).
            title=msg(
                "Your advice is requested about %(child)s", child=decision.case.child.short_name
            ),
            body=msg("A core team asks for your advice before a key decision."),
            link=f"/casework/decisions/{decision.pk}/",
            organisation=decision.organisation_id,
            # Each expert's request: one expert's advice leaves the others' asked.
            about=request,
        )
    return request


@service
@transaction.atomic
def advice_record(*, request: Any, advice: str, by: Any) -> Any:
    """The expert records their advice on the decision submitted to them (themselves only)."""
    from .models import AdviceRequest
    from .rules import experts_q

    request = AdviceRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if by is not SYSTEM and (
        by is None
        or by.pk != request.expert_id
        or not Person.objects.filter(experts_q(request.organisation_id), pk=by.pk).exists()
    ):
        raise PermissionDenied(_("Only the expert asked records this advice."))
    if request.is_given:
        raise ValidationError(_("Your advice is already recorded."))
    if request.decision.is_decided:
        raise ValidationError(_("This decision is already taken."))
    if is_blank(advice):
        raise ValidationError({"advice": _("Write your advice.")})
    request.advice, request.advised_at = advice, timezone.now()
    request.save(update_fields=["advice", "advised_at", "updated_at"])
    resolve(kind=kinds.ADVICE_REQUESTED, about=request)
    return request


def missing_advice(decision: Any) -> list[str]:
    """The expertise the decision's type requires whose advice is not on file yet."""
    from .models import AdviceRequest

    given = set(
        AdviceRequest.objects.filter(decision=decision, advised_at__isnull=False).values_list(
            "role", flat=True
        )
    )
    return [r for r in decision.decision_type.required_advice if r not in given]


@service
@transaction.atomic
def decision_take(*, decision: Any, outcome: str, by: Any) -> Any:
    """The core team decides. A type that requires advice cannot be decided before that advice is
    recorded (seed 000: mandatory expert advice), whoever asks, on every channel. The decision
    records who decided, when, and on which advice."""
    from .models import Decision, ExpertRole

    require_member(by, decision.case.core_team)
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("decision_type", "case")
        .get(pk=decision.pk)
    )
    if decision.is_decided:
        raise ValidationError(_("This decision is already taken."))
    missing = missing_advice(decision)
    if missing:
        raise ValidationError(
            _(
                "This decision needs the advice of: %(roles)s. Submit it to the expert and wait "
                "for their advice before deciding."
            )
            % {"roles": ", ".join(str(ExpertRole(r).label) for r in missing)}
        )
    if is_blank(outcome):
        raise ValidationError({"outcome": _("Write what the core team decides.")})
    decision.status = Decision.Status.DECIDED
    decision.outcome = outcome
    decision.decided_by = None if by is SYSTEM else by
    decision.decided_at = timezone.now()
    decision.required_advice = list(decision.decision_type.required_advice)
    decision.advised_roles = sorted(
        set(
            decision.advice_requests.filter(advised_at__isnull=False).values_list("role", flat=True)
        )
    )
    decision.save()
    # Decided: nobody is asked any more to prepare it or to give advice on it (issue 15).
    resolve(kind=kinds.DECISION_TO_PREPARE, about=decision)
    resolve(kind=kinds.ADVICE_REQUESTED, about=list(decision.advice_requests.all()))
    return decision


# -- care: incidents and care plans (issue 12, points 7 and 9) ---------------------------------

from .models.care import (  # noqa: E402 - the care block stays at the end (parallel branches)
    APPROVALS_REQUIRED,
    REVIEW_MONTHS,
    REVIEW_MONTHS_HIGH,
    CarePlan,
    CarePlanDecision,
    Incident,
    IncidentAction,
    IncidentKind,
    add_months,
)


def _check_incident_facts(
    *, team: Team, cases: list[Case], kind: str, occurred_on: date, facts: str
) -> None:
    errors: dict[str, str] = {}
    if is_blank(facts):
        errors["facts"] = _("Describe the facts: an incident cannot be recorded without them.")
    if kind not in IncidentKind.values:
        errors["kind"] = _("Unknown incident type.")
    if occurred_on > _today():
        errors["occurred_on"] = _("The incident cannot be in the future.")
    if not cases:
        errors["cases"] = _("Name at least one child concerned.")
    elif any(c.core_team_id != team.pk for c in cases):
        errors["cases"] = _("Every child concerned must be a case of this core team.")
    if errors:
        raise ValidationError(errors)


@service
@transaction.atomic
def incident_record(
    *,
    team: Team,
    cases: list[Case],
    kind: str,
    occurred_on: date,
    facts: str,
    immediate_measures: str = "",
    by: Any,
) -> Incident:
    """An incident concerning one or several children of a core team (issue 12 point 7). The
    facts are required: without them nothing is written."""
    require_member(by, team)
    _check_incident_facts(team=team, cases=cases, kind=kind, occurred_on=occurred_on, facts=facts)
    incident = Incident.objects.create(
        organisation_id=team.organisation_id,
        core_team=team,
        kind=kind,
        occurred_on=occurred_on,
        facts=facts.strip(),
        immediate_measures=immediate_measures.strip(),
        reported_by=None if by is SYSTEM else by,
    )
    incident.cases.set(cases)
    return incident


def _open_incident(incident: Incident, by: Any) -> Incident:
    require_member(by, incident.core_team)
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    if locked.status == Incident.Status.CLOSED:
        raise ValidationError(_("This incident is closed."))
    return locked


@service
@transaction.atomic
def incident_analyse(*, incident: Incident, causes: str, lessons: str, by: Any) -> Incident:
    """The analysis of an incident: its causes and the lessons learned (both required)."""
    incident = _open_incident(incident, by)
    errors: dict[str, str] = {}
    if is_blank(causes):
        errors["causes"] = _("Describe the causes.")
    if is_blank(lessons):
        errors["lessons"] = _("Describe the lessons learned.")
    if errors:
        raise ValidationError(errors)
    incident.causes, incident.lessons = causes.strip(), lessons.strip()
    incident.analysed_on = _today()
    incident.save(update_fields=["causes", "lessons", "analysed_on", "updated_at"])
    return incident


@service
@transaction.atomic
def incident_action_add(
    *, incident: Incident, description: str, owner: Person, due_on: date, by: Any
) -> IncidentAction:
    """A follow-up action owned by a member of the incident's core team, with a due date."""
    incident = _open_incident(incident, by)
    errors: dict[str, str] = {}
    if is_blank(description):
        errors["description"] = _("Describe the action.")
    if owner.team_id != incident.core_team_id or not owner.is_active:
        errors["owner"] = _("%(name)s is not a member of this core team.") % {"name": owner}
    if due_on < incident.occurred_on:
        errors["due_on"] = _("The action is due before the incident happened.")
    if errors:
        raise ValidationError(errors)
    return IncidentAction.objects.create(
        organisation_id=incident.organisation_id,
        incident=incident,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
    )


@service
@transaction.atomic
def incident_action_done(*, action: IncidentAction, by: Any) -> IncidentAction:
    """Only the action's owner marks it done."""
    require_member(by, action.incident.core_team)
    action = IncidentAction.objects.select_for_update().get(pk=action.pk)
    if by is not SYSTEM and by.pk != action.owner_id:
        raise ValidationError(_("Only the owner of this action marks it done."))
    if action.done_on is not None:
        raise ValidationError(_("This action is already done."))
    action.done_on = _today()
    action.save(update_fields=["done_on", "updated_at"])
    return action


@service
@transaction.atomic
def incident_concern_record(
    *, incident: Incident, sent_on: date, recipient: str, by: Any
) -> Incident:
    """An information préoccupante sent to the département's CRIP: its date and recipient."""
    incident = _open_incident(incident, by)
    errors: dict[str, str] = {}
    if is_blank(recipient):
        errors["recipient"] = _("Name the recipient (the département's CRIP).")
    if sent_on > _today():
        errors["sent_on"] = _("The information cannot be sent in the future.")
    elif sent_on < incident.occurred_on:
        errors["sent_on"] = _("The information was sent before the incident happened.")
    if errors:
        raise ValidationError(errors)
    incident.concern_sent_on, incident.concern_recipient = sent_on, recipient.strip()
    incident.save(update_fields=["concern_sent_on", "concern_recipient", "updated_at"])
    return incident


@service
@transaction.atomic
def incident_close(*, incident: Incident, by: Any) -> Incident:
    """An incident closes once analysed and every follow-up action is done."""
    incident = _open_incident(incident, by)
    if incident.analysed_on is None:
        raise ValidationError(_("Analyse the incident (causes, lessons learned) before closing."))
    if incident.actions.filter(done_on__isnull=True).exists():
        raise ValidationError(_("Some follow-up actions are not done yet."))
    incident.status, incident.closed_on = Incident.Status.CLOSED, _today()
    incident.save(update_fields=["status", "closed_on", "updated_at"])
    return incident


def _latest_plan(case: Case) -> CarePlan | None:
    return CarePlan.objects.select_for_update().filter(case=case).order_by("-version").first()


@service
@transaction.atomic
def care_plan_save(*, case: Case, needs: str, objectives: str, actions: str, by: Any) -> CarePlan:
    """The case's responsible guardian drafts its care plan (projet pour l'enfant). A draft is
    edited in place; after a submission, a return or an approval, a new version starts (from
    the last one's text, which the forms offer). A submitted version waits for the team."""
    require_member(by, case.core_team)
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)  # one draft at a time
    if by is not SYSTEM and by.pk != case.guardian_id:
        raise ValidationError(_("Only the case's responsible guardian drafts its care plan."))
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    if is_blank(objectives):
        raise ValidationError({"objectives": _("Write the plan's objectives.")})
    latest = _latest_plan(case)
    if latest is not None and latest.status == CarePlan.Status.SUBMITTED:
        raise ValidationError(
            _("Version %(n)s waits for the core team's decision: it cannot change now.")
            % {"n": latest.version}
        )
    if latest is None or latest.status != CarePlan.Status.DRAFT:
        latest = CarePlan(
            organisation_id=case.organisation_id,
            core_team_id=case.core_team_id,
            case=case,
            version=(latest.version + 1) if latest else 1,
            author=None if by is SYSTEM else by,
        )
    latest.needs, latest.objectives = needs.strip(), objectives.strip()
    latest.actions = actions.strip()
    latest.save()
    return latest


def _locked_plan(plan: CarePlan, by: Any) -> CarePlan:
    require_member(by, plan.core_team)
    return CarePlan.objects.select_for_update().get(pk=plan.pk)


@service
@transaction.atomic
def care_plan_submit(*, plan: CarePlan, by: Any) -> CarePlan:
    """The author submits a draft to the core team; it is read-only from then on."""
    plan = _locked_plan(plan, by)
    if by is not SYSTEM and by.pk != plan.author_id:
        raise ValidationError(_("Only the author of this version submits it."))
    if plan.status != CarePlan.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    plan.status, plan.submitted_on = CarePlan.Status.SUBMITTED, _today()
    plan.save(update_fields=["status", "submitted_on", "updated_at"])
    return plan


def _check_decider(plan: CarePlan, by: Any, refusal: str) -> None:
    if plan.status != CarePlan.Status.SUBMITTED:
        raise ValidationError(_("This version is not waiting for approval."))
    if by is not SYSTEM and by.pk == plan.author_id:
        raise ValidationError(refusal)
    if by is not SYSTEM and plan.decisions.filter(by=by).exists():
        raise ValidationError(_("You have already decided on this version."))


@service
@transaction.atomic
def care_plan_approve(*, plan: CarePlan, comment: str = "", by: Any) -> CarePlan:
    """A member of the core team other than the author approves a submitted version (never the
    author alone: APPROVALS_REQUIRED colleagues). On approval the version records the date and
    its next review (6 months for a highly vulnerable child, 12 otherwise); the earlier approved
    version is superseded."""
    plan = _locked_plan(plan, by)
    _check_decider(
        plan,
        by,
        _("The author of a care plan cannot approve it: another member of the core team must."),
    )
    CarePlanDecision.objects.create(
        organisation_id=plan.organisation_id,
        plan=plan,
        verdict=CarePlanDecision.Verdict.APPROVE,
        comment=comment.strip(),
        by=None if by is SYSTEM else by,
    )
    approvals = plan.decisions.filter(verdict=CarePlanDecision.Verdict.APPROVE).count()
    if approvals >= APPROVALS_REQUIRED:
        today = _today()
        months = (
            REVIEW_MONTHS_HIGH if plan.case.vulnerability == Vulnerability.HIGH else REVIEW_MONTHS
        )
        CarePlan.objects.filter(case_id=plan.case_id, status=CarePlan.Status.APPROVED).update(
            status=CarePlan.Status.SUPERSEDED
        )
        plan.status, plan.approved_on = CarePlan.Status.APPROVED, today
        plan.review_due_on = add_months(today, months)
        plan.save(update_fields=["status", "approved_on", "review_due_on", "updated_at"])
    return plan


@service
@transaction.atomic
def care_plan_return(*, plan: CarePlan, comment: str, by: Any) -> CarePlan:
    """A member other than the author returns a submitted version with a comment (required);
    the guardian then starts a new version from it."""
    plan = _locked_plan(plan, by)
    _check_decider(
        plan,
        by,
        _("The author of a care plan cannot return it: another member of the core team decides."),
    )
    if is_blank(comment):
        raise ValidationError({"comment": _("Say what the plan needs: a comment is required.")})
    CarePlanDecision.objects.create(
        organisation_id=plan.organisation_id,
        plan=plan,
        verdict=CarePlanDecision.Verdict.RETURN,
        comment=comment.strip(),
        by=None if by is SYSTEM else by,
    )
    plan.status = CarePlan.Status.RETURNED
    plan.save(update_fields=["status", "updated_at"])
    return plan


# -- team: meetings, peer review, policies, audits (issue 12 points 10-12) ---------------------

# The organisation's peer-review and audit framework when it has configured none (French
# practice: the professional conduct, the protocols, the organisation's policy agreements, the
# HAS/ANESM good-practice recommendations and the code of professional ethics).
DEFAULT_INDICATORS = [
    (
        "Conduite professionnelle",
        "Posture, respect, communication avec l'enfant et les partenaires",
    ),
    ("Protocoles", "Application des protocoles de l'organisation"),
    ("Accords et politiques de l'organisation", "Respect des engagements pris en équipe"),
    ("Recommandations de bonnes pratiques", "Recommandations de la HAS (ex-ANESM)"),
    ("Code de déontologie", "Secret professionnel, intérêt supérieur de l'enfant"),
]


def _person_by(by: Any) -> Any:
    return None if by is SYSTEM else by


@service
@transaction.atomic
def indicators_ensure_defaults(*, organisation_id: Any, by: Any) -> int:
    """Give an organisation without a framework the default indicators (idempotent)."""
    from .models import ReviewIndicator

    if ReviewIndicator.objects.filter(organisation_id=organisation_id).exists():
        return 0
    ReviewIndicator.objects.bulk_create(
        ReviewIndicator(organisation_id=organisation_id, name=n, description=d, position=i)
        for i, (n, d) in enumerate(DEFAULT_INDICATORS, start=1)
    )
    return len(DEFAULT_INDICATORS)


@service
@transaction.atomic
def indicator_save(
    *,
    organisation_id: Any,
    name: str,
    description: str = "",
    position: int = 0,
    active: bool = True,
    indicator: Any = None,
    by: Any,
) -> Any:
    """Add or change one indicator of the organisation's framework (its coordinators)."""
    from .models import ReviewIndicator

    require_coordinator(by, organisation_id)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the indicator.")})
    same = ReviewIndicator.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if indicator is not None:
        same = same.exclude(pk=indicator.pk)
    if same.exists():
        raise ValidationError({"name": _("The framework already has an indicator of this name.")})
    if indicator is None:
        indicator = ReviewIndicator(organisation_id=organisation_id)
    indicator.name, indicator.description = name, description.strip()[:300]
    indicator.position, indicator.active = position, active
    indicator.save()
    return indicator


# -- meetings


def _agenda_json(team: Team, day: date) -> str:
    import json

    from .agenda import build_agenda

    return json.dumps([item.as_json() for item in build_agenda(team, day)], ensure_ascii=False)


@service
@transaction.atomic
def meeting_create(*, team: Team, held_on: date, place: str = "", by: Any) -> Any:
    """A meeting of the core team, its agenda built from what is waiting on that day."""
    from .models import Meeting

    require_member(by, team)
    if held_on < _today() - timedelta(days=365):
        raise ValidationError({"held_on": _("A meeting is recorded at most a year back.")})
    meeting = Meeting.objects.create(
        organisation_id=team.organisation_id,
        core_team=team,
        held_on=held_on,
        place=place.strip()[:200],
        agenda=_agenda_json(team, held_on),
        agenda_built_at=timezone.now(),
        created_by=_person_by(by),
    )
    return meeting


@service
@transaction.atomic
def meeting_agenda_refresh(*, meeting: Any, by: Any) -> Any:
    """Build the agenda again from what is waiting now (before the minutes are written)."""
    require_member(by, meeting.core_team)
    if meeting.minutes:
        raise ValidationError(_("The minutes are written: the agenda stays as it was discussed."))
    meeting.agenda = _agenda_json(meeting.core_team, meeting.held_on)
    meeting.agenda_built_at = timezone.now()
    meeting.save(update_fields=["agenda", "agenda_built_at", "updated_at"])
    return meeting


@service
@transaction.atomic
def meeting_minutes_save(*, meeting: Any, minutes: str, by: Any) -> Any:
    """The minutes (encrypted). The team-dynamics topics on the agenda are then discussed."""
    import json

    from .models import TeamTopic

    require_member(by, meeting.core_team)
    if is_blank(minutes):
        raise ValidationError({"minutes": _("Write the minutes.")})
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes", "updated_at"])
    refs = [i["ref"] for i in json.loads(meeting.agenda or "[]") if i.get("kind") == "dynamics"]
    TeamTopic.objects.filter(
        core_team=meeting.core_team, pk__in=refs, discussed_in__isnull=True
    ).update(discussed_in=meeting, updated_at=timezone.now())
    return meeting


def _require_team_member(person: Any, team_id: Any, field: str) -> None:
    if person is None or person.team_id != team_id or not person.is_active:
        raise ValidationError(
            {field: _("%(name)s is not a member of this core team.") % {"name": person}}
        )


@service
@transaction.atomic
def meeting_attendance_record(*, meeting: Any, person: Person, status: str, by: Any) -> Any:
    """Present, excused or absent, for one member of the core team."""
    from .models import Attendance

    require_member(by, meeting.core_team)
    if status not in Attendance.Status.values:
        raise ValidationError({"status": _("Attendance is present, excused or absent.")})
    _require_team_member(person, meeting.core_team_id, "person")
    row, _created = Attendance.objects.update_or_create(
        meeting=meeting, person=person, defaults={"status": status}
    )
    return row


@service
@transaction.atomic
def meeting_action_add(*, meeting: Any, title: str, owner: Person, due_on: date, by: Any) -> Any:
    """An action decided in the meeting: an owner of the team and a due date."""
    from .models import MeetingAction

    require_member(by, meeting.core_team)
    errors: dict[str, str] = {}
    if is_blank(title):
        errors["title"] = _("Say what is to be done.")
    if due_on < meeting.held_on:
        errors["due_on"] = _("The due date is before the meeting.")
    if owner is None or owner.team_id != meeting.core_team_id or not owner.is_active:
        errors["owner"] = _("%(name)s is not a member of this core team.") % {"name": owner}
    if errors:
        raise ValidationError(errors)
    return MeetingAction.objects.create(
        meeting=meeting, title=title.strip()[:300], owner=owner, due_on=due_on
    )


@service
@transaction.atomic
def topic_add(*, team: Team, title: str, note: str = "", by: Any) -> Any:
    """A team-dynamics point for the next meeting."""
    from .models import TeamTopic

    require_member(by, team)
    if is_blank(title):
        raise ValidationError({"title": _("Give the topic a title.")})
    return TeamTopic.objects.create(
        organisation_id=team.organisation_id,
        core_team=team,
        title=title.strip()[:200],
        note=note.strip(),
        added_by=_person_by(by),
    )


# -- peer review


@service
@transaction.atomic
def peer_review_give(
    *, case: Case, ratings: dict[Any, tuple[int, str]], feedback: str, by: Any
) -> Any:
    """A member reviews the responsible guardian's work on a case of their core team, with a
    rating (1 to 4) per indicator of the organisation's framework and targeted feedback. Nobody
    reviews their own case work."""
    from .models import PeerRating, PeerReview, Rating

    require_member(by, case.core_team)
    if case.guardian_id is None:
        raise ValidationError(_("This case has no responsible guardian to review."))
    if by is not SYSTEM and by.pk == case.guardian_id:
        raise ValidationError(_("Nobody reviews their own case work."))
    indicators_ensure_defaults(organisation_id=case.organisation_id, by=SYSTEM)
    from .selectors import indicators_for

    indicators = {str(i.pk): i for i in indicators_for(case.organisation_id)}
    given = {str(k): v for k, v in ratings.items()}
    errors: dict[str, str] = {}
    unknown = set(given) - set(indicators)
    if unknown:
        errors["ratings"] = _("Unknown indicator.")
    elif set(indicators) - set(given):
        errors["ratings"] = _("Rate every indicator of the framework.")
    elif any(r not in Rating.values for r, _c in given.values()):
        errors["ratings"] = _("A rating is between 1 and 4.")
    if is_blank(feedback):
        errors["feedback"] = _("Give targeted feedback.")
    if errors:
        raise ValidationError(errors)
    review = PeerReview.objects.create(
        organisation_id=case.organisation_id,
        core_team_id=case.core_team_id,
        case=case,
        reviewer_id=by.pk if by is not SYSTEM else case.guardian_id,
        reviewee_id=case.guardian_id,
        feedback=feedback.strip(),
    )
    PeerRating.objects.bulk_create(
        PeerRating(review=review, indicator=indicators[k], rating=r, comment=c.strip())
        for k, (r, c) in given.items()
    )
    return review


@service
@transaction.atomic
def peer_review_answer(*, review: Any, answer: str, by: Any) -> Any:
    """The reviewed person answers the review (once)."""
    from .models import PeerReview

    if by is not SYSTEM and (by is None or by.pk != review.reviewee_id):
        raise PermissionDenied(_("Only the reviewed person answers a review."))
    review = PeerReview.objects.select_for_update(of=("self",)).get(pk=review.pk)
    if review.answered_at is not None:
        raise ValidationError(_("This review is already answered."))
    if is_blank(answer):
        raise ValidationError({"answer": _("Write your answer.")})
    review.answer = answer.strip()
    review.answered_at = timezone.now()
    review.save(update_fields=["answer", "answered_at", "updated_at"])
    return review


# -- policies


@service
@transaction.atomic
def policy_publish(
    *,
    organisation_id: Any,
    core_team: Team | None,
    title: str,
    text: str,
    effective_on: date,
    by: Any,
) -> Any:
    """A policy rolled out to one core team or the whole organisation (its coordinators)."""
    from .models import Policy

    require_coordinator(by, organisation_id)
    errors: dict[str, str] = {}
    if core_team is not None and (
        core_team.kind != Team.Kind.CORE or core_team.organisation_id != organisation_id
    ):
        errors["core_team"] = _("This is not a core team of the organisation.")
    if is_blank(title):
        errors["title"] = _("Give the policy a title.")
    if is_blank(text):
        errors["text"] = _("Write the policy's text.")
    if errors:
        raise ValidationError(errors)
    return Policy.objects.create(
        organisation_id=organisation_id,
        core_team=core_team,
        title=title.strip()[:200],
        text=text.strip(),
        effective_on=effective_on,
        published_by=_person_by(by),
    )


@service
@transaction.atomic
def policy_acknowledge(*, policy: Any, by: Any) -> Any:
    """A member of a core team the policy is for says they have read it (once)."""
    from .models import PolicyAcknowledgement
    from .selectors import policy_audience

    if by is None or by is SYSTEM or not policy_audience(policy).filter(pk=by.pk).exists():
        raise PermissionDenied(_("This policy is not addressed to you."))
    row, created = PolicyAcknowledgement.objects.get_or_create(policy=policy, person=by)
    if not created:
        raise ValidationError(_("You have already acknowledged this policy."))
    return row


# -- audits


def draw_sample(case_ids: list[str], size: int, seed: int) -> list[str]:
    """The audit's sample: the same ids, size and seed always draw the same cases."""
    import random

    return random.Random(seed).sample(sorted(case_ids), size)


@service
@transaction.atomic
def audit_open(
    *,
    team: Team,
    title: str,
    starts_on: date,
    ends_on: date,
    sample_size: int,
    auditors: list[Person],
    seed: int | None = None,
    by: Any,
) -> Any:
    """An audit of a core team: `sample_size` of its active cases drawn at random (the seed is
    recorded), read by the auditors from `starts_on` to `ends_on` (access for a reason)."""
    import secrets

    from .models import Audit

    require_coordinator(by, team.organisation_id)
    errors: dict[str, str] = {}
    if team.kind != Team.Kind.CORE:
        errors["core_team"] = _("This is not a core team of the organisation.")
    if is_blank(title):
        errors["title"] = _("Give the audit a title.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The audit ends before it starts.")
    elif (ends_on - starts_on).days > 92:
        errors["ends_on"] = _("An audit lasts at most three months.")
    active = [
        str(pk)
        for pk in Case.objects.filter(core_team=team)
        .exclude(status=Case.Status.CLOSED)
        .values_list("pk", flat=True)
    ]
    if sample_size < 1:
        errors["sample_size"] = _("The sample holds at least one case.")
    elif sample_size > len(active):
        errors["sample_size"] = _(
            "The team has %(n)s active cases: the sample cannot be larger."
        ) % {"n": len(active)}
    if not auditors:
        errors["auditors"] = _("Name at least one auditor.")
    opener = _person_by(by)
    for person in auditors:
        if person.organisation_id != team.organisation_id or not person.is_active:
            errors["auditors"] = _("%(name)s is not in the organisation.") % {"name": person}
        elif person.user_id is None:
            errors["auditors"] = _("%(name)s has no account.") % {"name": person}
        elif opener is not None and person.pk == opener.pk:
            # Nobody gives themselves access (outside security test: a coordinator named
            # herself auditor and read the sampled children's files).
            errors["auditors"] = _(
                "You cannot name yourself auditor: the audit is read by colleagues you name."
            )
        elif not _active_in(person, team.organisation_id, CASEWORK_ROLES) or _active_in(
            person, team.organisation_id, MANAGING_ROLES
        ):
            # Case files never reach a coordinator (PRODUCT): auditors are casework staff.
            errors["auditors"] = _(
                "%(name)s cannot audit cases: auditors are guardians, social workers or "
                "managers of the organisation, not its coordinators."
            ) % {"name": person}
    if seed is not None and not 0 <= seed < 2**31:
        errors["seed"] = _("The seed is a whole number from 0 to 2,147,483,647.")
    if errors:
        raise ValidationError(errors)
    seed = secrets.randbelow(2**31) if seed is None else seed
    audit = Audit.objects.create(
        organisation_id=team.organisation_id,
        core_team=team,
        title=title.strip()[:200],
        starts_on=starts_on,
        ends_on=ends_on,
        sample_size=sample_size,
        seed=seed,
        opened_by=_person_by(by),
    )
    audit.auditors.set(auditors)
    audit.sampled_cases.set(Case.objects.filter(pk__in=draw_sample(active, sample_size, seed)))
    indicators_ensure_defaults(organisation_id=team.organisation_id, by=SYSTEM)
    return audit


@service
@transaction.atomic
def audit_finding_record(
    *, audit: Any, case: Case, indicator: Any, rating: int, note: str = "", by: Any
) -> Any:
    """An auditor's finding on one indicator for one sampled case, during the audit."""
    from .models import AuditFinding, Rating

    today = _today()
    if by is not SYSTEM and (
        by is None
        or not audit.auditors.filter(pk=by.pk).exists()
        or not audit.starts_on <= today <= audit.ends_on
    ):
        raise PermissionDenied(_("Only the audit's auditors record findings, during the audit."))
    errors: dict[str, str] = {}
    if not audit.sampled_cases.filter(pk=case.pk).exists():
        errors["case"] = _("This case is not in the audit's sample.")
    if (
        indicator is None
        or indicator.organisation_id != audit.organisation_id
        or not indicator.active
    ):
        errors["indicator"] = _("Unknown indicator.")
    if rating not in Rating.values:
        errors["rating"] = _("A rating is between 1 and 4.")
    if errors:
        raise ValidationError(errors)
    finding, _created = AuditFinding.objects.update_or_create(
        audit=audit,
        case=case,
        indicator=indicator,
        defaults={"rating": rating, "note": note.strip(), "recorded_by": _person_by(by)},
    )
    return finding


@service
@transaction.atomic
def audit_action_add(*, audit: Any, title: str, owner: Person, due_on: date, by: Any) -> Any:
    """What the audited core team will do about the findings: an owner of the team, a due date."""
    from .models import AuditAction

    require_member(by, audit.core_team)
    errors: dict[str, str] = {}
    if is_blank(title):
        errors["title"] = _("Say what is to be done.")
    if due_on < audit.starts_on:
        errors["due_on"] = _("The due date is before the audit.")
    if owner is None or owner.team_id != audit.core_team_id or not owner.is_active:
        errors["owner"] = _("%(name)s is not a member of this core team.") % {"name": owner}
    if errors:
        raise ValidationError(errors)
    return AuditAction.objects.create(
        audit=audit, title=title.strip()[:300], owner=owner, due_on=due_on
    )


# -- leave cover and continuity (issue 12, points 4 and 5) ------------------------------------


def _require_colleague(by: Any, leave: Leave) -> None:
    team = leave.person.team
    if team is None or not is_member(by, team):
        raise PermissionDenied(_("Only the members of the core team plan the cover of a leave."))


def _store_cover(leave: Leave, plan: Any) -> None:
    LeaveCover.objects.filter(leave=leave).delete()
    LeaveCover.objects.bulk_create(
        LeaveCover(
            organisation_id=leave.organisation_id,
            leave=leave,
            case=row.case,
            replacement=row.replacement,
            uncovered=row.uncovered,
            named_by_hand=row.named_by_hand,
        )
        for row in plan.rows
    )


def _hand_named(leave: Leave) -> dict[Any, Person]:
    return {
        c.case_id: c.replacement
        for c in LeaveCover.objects.filter(leave=leave, named_by_hand=True).select_related(
            "replacement"
        )
        if c.replacement is not None
    }


@service
@transaction.atomic
def leave_cover_plan(*, leave: Leave, by: Any) -> Leave:
    """Plan (again) who replaces the absent member on each of their cases, with the engine's
    leave-cover solver, keeping the replacements named by hand. Cases nobody can take are
    stored with the reason and shown before approval (issue 12, point 5)."""
    from . import cover

    _require_colleague(by, leave)
    leave = Leave.objects.select_for_update(of=("self",)).select_related("person").get(pk=leave.pk)
    if leave.ends_on < _today():
        raise ValidationError(_("This leave is over: there is nothing left to cover."))
    _store_cover(leave, cover.plan_cover(leave, fixed=_hand_named(leave)))
    return leave


def _replacement_refusal(leave: Leave, case: Case, replacement: Person) -> str:
    """Why `replacement` may not cover `case` during `leave` ("" when they may)."""
    from . import cover

    if replacement.pk == leave.person_id:
        return _("The member on leave cannot replace themself.")
    if replacement.team_id != leave.person.team_id or not replacement.is_active:
        return _(
            "%(name)s is not a member of this core team: a replacement comes from the same core team."
        ) % {"name": replacement}
    if cover.overlapping_leaves([replacement.pk], leave):
        return _("%(name)s is on leave during this period.") % {"name": replacement}
    profile = MemberProfile.objects.filter(person=replacement).first()
    if profile is None or not profile.fte or not profile.max_caseload:
        return _("%(name)s has no working time or maximum caseload recorded.") % {
            "name": replacement
        }
    held = Case.objects.filter(guardian=replacement).exclude(status=Case.Status.CLOSED).count()
    covering = (
        LeaveCover.objects.filter(leave=leave, replacement=replacement).exclude(case=case).count()
    )
    if held + covering + 1 > profile.max_caseload:
        return ngettext(
            "%(name)s would hold %(count)s case during the leave, above their maximum of %(cap)s.",
            "%(name)s would hold %(count)s cases during the leave, above their maximum of %(cap)s.",
            held + covering + 1,
        ) % {"name": replacement, "count": held + covering + 1, "cap": profile.max_caseload}
    return ""


@service
@transaction.atomic
def leave_cover_set(*, leave: Leave, case: Case, replacement: Person, by: Any) -> LeaveCover:
    """Name a case's replacement by hand: a present colleague of the same core team, within
    their cap. A replacement outside the core team is refused."""
    _require_colleague(by, leave)
    leave = Leave.objects.select_for_update(of=("self",)).select_related("person").get(pk=leave.pk)
    case = Case.objects.get(pk=case.pk)
    if case.guardian_id != leave.person_id or case.status == Case.Status.CLOSED:
        raise ValidationError(
            {"case": _("This case is not one of the cases of the member on leave.")}
        )
    refusal = _replacement_refusal(leave, case, replacement)
    if refusal:
        raise ValidationError({"replacement": refusal})
    row, _created = LeaveCover.objects.update_or_create(
        leave=leave,
        case=case,
        defaults={
            "organisation_id": leave.organisation_id,
            "replacement": replacement,
            "uncovered": "",
            "named_by_hand": True,
        },
    )
    return row


@service
@transaction.atomic
def leave_approve(*, leave: Leave, by: Any) -> Leave:
    """A colleague of the core team (not the person taking it) approves a leave once every
    case of the absent member has a named replacement; otherwise the approval is refused with
    the cases left uncovered and why (issue 12: "a leave that leaves a case uncovered")."""
    from entrepairs.core.notifications import notify

    _require_colleague(by, leave)
    leave = Leave.objects.select_for_update(of=("self",)).select_related("person").get(pk=leave.pk)
    if by is not SYSTEM and by.pk == leave.person_id:
        raise PermissionDenied(_("A colleague approves a leave, not the person who takes it."))
    if leave.status == Leave.Status.APPROVED:
        raise ValidationError(_("This leave is already approved."))
    if leave.ends_on < _today():
        raise ValidationError(_("This leave is over: there is nothing left to approve."))
    covers = {
        c.case_id: c
        for c in LeaveCover.objects.filter(leave=leave).select_related("replacement", "case")
    }
    cases = list(
        Case.objects.filter(guardian=leave.person)
        .exclude(status=Case.Status.CLOSED)
        .select_related("child")
        .order_by("id")
    )
    missing = []
    for case in cases:
        row = covers.get(case.pk)
        if row is None or row.replacement is None:
            missing.append(
                _("%(child)s (%(why)s)")
                % {
                    "child": case.child,
                    "why": row.get_uncovered_display()
                    if row is not None and row.uncovered
                    else _("not in the plan: recalculate it"),
                }
            )
            continue
        refusal = _replacement_refusal(leave, case, row.replacement)
        if refusal:
            missing.append(_("%(child)s (%(why)s)") % {"child": case.child, "why": refusal})
    if missing:
        raise ValidationError(
            ngettext(
                "This leave would leave %(count)s case without a replacement: %(cases)s. Name "
                "a replacement by hand, add working time or raise a cap, or shorten the leave.",
                "This leave would leave %(count)s cases without a replacement: %(cases)s. Name "
                "a replacement by hand, add working time or raise a cap, or shorten the leave.",
                len(missing),
            )
            % {"count": len(missing), "cases": "; ".join(missing)}
        )
    leave.status = Leave.Status.APPROVED
    leave.approved_by = None if by is SYSTEM else by
    leave.approved_at = timezone.now()
    leave.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    counts: dict[Any, int] = {}
    people: dict[Any, Person] = {}
    for row in covers.values():
        if row.replacement is not None and row.case.guardian_id == leave.person_id:
            counts[row.replacement_id] = counts.get(row.replacement_id, 0) + 1
            people[row.replacement_id] = row.replacement
    for person_id, count in counts.items():
        user = people[person_id].user
        if user is None:
            continue
        notify(
            kind=kinds.LEAVE_COVER,
            recipient=user,
            subject=msg("You replace a colleague on leave"),
            title=msg("You replace %(name)s during their leave", name=leave.person),
            body=msg_plural(
                "You replace %(name)s from %(start)s to %(end)s on %(count)s case: the plan "
                "names it.",
                "You replace %(name)s from %(start)s to %(end)s on %(count)s cases: the plan "
                "names them.",
                count,
                name=leave.person,
                start=leave.starts_on,
                end=leave.ends_on,
            ),
            link=f"/casework/leaves/{leave.pk}/",
            organisation=leave.organisation_id,
        )
    return leave


@service
@transaction.atomic
def contact_record(
    *, case: Case, happened_on: date, kind: str, note: str = "", by: Any
) -> CaseContact:
    """A contact with the child (visit, meeting, call...): by a member of the core team or by
    the colleague who replaces the guardian during an approved leave under way."""
    from .rules import covers_now

    if not (is_member(by, case.core_team) or covers_now(by, case)):
        raise PermissionDenied(_("Only the members of the core team act on its cases."))
    if not case.is_active:
        raise ValidationError(_("This case is closed."))
    errors: dict[str, str] = {}
    if kind not in CaseContact.Kind.values:
        errors["kind"] = _("Unknown kind of contact.")
    if happened_on > _today():
        errors["happened_on"] = _("A contact is recorded once it has happened: the date is ahead.")
    elif happened_on < case.opened_on - timedelta(days=365):
        errors["happened_on"] = _("This date is more than a year before the case was opened.")
    if errors:
        raise ValidationError(errors)
    return CaseContact.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        happened_on=happened_on,
        kind=kind,
        note=note.strip(),
        by=None if by is SYSTEM else by,
    )


@service
@transaction.atomic
def casework_settings_save(
    *, organisation_id: Any, contact_threshold_days: int, by: Any
) -> CaseworkSettings:
    """The organisation's longest time without contact with a child (7 to 365 days, default six
    weeks), set by its coordinators."""
    require_coordinator(by, organisation_id)
    if not 7 <= contact_threshold_days <= 365:
        raise ValidationError(
            {"contact_threshold_days": _("Give a number of days between 7 and 365.")}
        )
    row, _created = CaseworkSettings.objects.update_or_create(
        organisation_id=organisation_id,
        defaults={"contact_threshold_days": contact_threshold_days},
    )
    return row


@service
def continuity_alerts_send(*, team: Team, by: Any) -> int:
    """Tell each member of the core team (in the app) how many cases have had no contact for
    longer than the threshold or have no responsible guardian; the message names no child.
    Returns the number of people told (0 when there is nothing to say)."""
    from entrepairs.core.notifications import notify

    from .selectors import continuity_alerts

    if by is not SYSTEM:
        require_member(by, team)
    alerts = continuity_alerts(team)
    if not alerts.any:
        return 0
    told = 0
    for person in Person.objects.filter(
        team=team, is_active=True, user__isnull=False
    ).select_related("user"):
        notify(
            kind=kinds.CONTINUITY,
            recipient=person.user,
            subject=msg("Continuity of the core team's cases"),
            title=msg("Continuity of the cases of %(team)s", team=team),
            body=msg_plural(
                "%(late)s case without contact for more than %(days)s days, %(orphans)s "
                "without a responsible guardian, %(gaps)s without a replacement during a leave.",
                "%(late)s cases without contact for more than %(days)s days, %(orphans)s "
                "without a responsible guardian, %(gaps)s without a replacement during a leave.",
                len(alerts.without_contact),
                late=len(alerts.without_contact),
                days=alerts.threshold_days,
                orphans=len(alerts.without_guardian),
                gaps=len(alerts.uncovered_leave),
            ),
            link=f"/casework/teams/{team.pk}/continuity/",
            email=False,
            organisation=team.organisation_id,
        )
        told += 1
    return told
