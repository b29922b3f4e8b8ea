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
    if not minutes.strip():
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
    if not title.strip():
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
    if not title.strip():
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
    if not feedback.strip():
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
    if not answer.strip():
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
    if not title.strip():
        errors["title"] = _("Give the policy a title.")
    if not text.strip():
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
    if not title.strip():
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
    for person in auditors:
        if person.organisation_id != team.organisation_id or not person.is_active:
            errors["auditors"] = _("%(name)s is not in the organisation.") % {"name": person}
        elif person.user_id is None:
            errors["auditors"] = _("%(name)s has no account.") % {"name": person}
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
    if not title.strip():
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
