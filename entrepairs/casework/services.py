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


def _event(case: Case, kind: str, text: str, by: Any) -> None:
    CaseEvent.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        kind=kind,
        text=text,
        by=None if by is SYSTEM else by,
        guardian_id=case.guardian_id,
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
        return _(
            "%(name)s would hold %(count)s cases during the leave, above their maximum of %(cap)s."
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
            _(
                "This leave would leave %(count)s case(s) without a replacement: %(cases)s. Name "
                "a replacement by hand, add working time or raise a cap, or shorten the leave."
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
            recipient=user,
            subject=_("You replace a colleague on leave"),
            body=_(
                "You replace %(name)s from %(start)s to %(end)s on %(count)s case(s): the plan "
                "names them."
            )
            % {
                "name": leave.person,
                "start": leave.starts_on.strftime("%d/%m/%Y"),
                "end": leave.ends_on.strftime("%d/%m/%Y"),
                "count": count,
            },
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
            recipient=person.user,
            subject=_("Continuity of the core team's cases"),
            body=_(
                "%(late)s case(s) without contact for more than %(days)s days, %(orphans)s "
                "without a responsible guardian, %(gaps)s without a replacement during a leave."
            )
            % {
                "late": len(alerts.without_contact),
                "days": alerts.threshold_days,
                "orphans": len(alerts.without_guardian),
                "gaps": len(alerts.uncovered_leave),
            },
            link=f"/casework/teams/{team.pk}/continuity/",
            email=False,
            organisation=team.organisation_id,
        )
        told += 1
    return told
