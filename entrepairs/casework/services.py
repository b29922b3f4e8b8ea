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

# -- who acts ---------------------------------------------------------------------------------


def _active_in(by: Person, organisation_id: Any, roles: Any = None) -> bool:
    rows = Membership.objects.active().filter(person=by, organisation_id=organisation_id)
    if roles is not None:
        rows = rows.filter(role__in=roles)
    return by.is_active and rows.exists()


def is_member(by: Any, team: Team) -> bool:
    if by is SYSTEM:
        return True
    return (
        by is not None
        and team.kind == Team.Kind.CORE
        and by.team_id == team.pk
        and _active_in(by, team.organisation_id)
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


def _event(case: Case, kind: str, text: str, by: Any) -> None:
    CaseEvent.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        kind=kind,
        text=text,
        by=None if by is SYSTEM else by,
    )


@service
@transaction.atomic
def case_open(
    *,
    team: Team,
    child: Person,
    birth_date: date,
    vulnerability: str = Vulnerability.LOW,
    procedures: list[str] | None = None,
    placement_kind: str = "",
    summary: str = "",
    by: Any,
) -> Case:
    """A new case for a child under guardianship, waiting for allocation in the core team."""
    require_member(by, team)
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
    )
    if placement_kind and Placement.current_for(child) is None:
        Placement.objects.create(
            organisation_id=team.organisation_id,
            child=child,
            kind=placement_kind,
            recorded_by=None if by is SYSTEM else by,
        )
    _reweigh(case)
    case.save()
    _event(case, CaseEvent.Kind.OPENED, _("Weight %(weight)s.") % {"weight": case.weight}, by)
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
    if not facts.strip():
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
    if not causes.strip():
        errors["causes"] = _("Describe the causes.")
    if not lessons.strip():
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
    if not description.strip():
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
    if not recipient.strip():
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
    if not objectives.strip():
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
    if not comment.strip():
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
