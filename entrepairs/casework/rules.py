"""Who may see and do what in casework. Lists and details use the same rules (`*_q` / predicates).

- A core team (an `organisations.Team` of kind core) is seen by its members (people whose team it
  is) and by the coordinators of its organisation, who set each member's working time and cap.
- A case, its placements, its timeline and the team's allocation proposals are confidential to
  the members of the case's core team: not the coordinator, not other core teams, not platform
  administrators (seed 000; PRODUCT: a child's file is shared for a reason only).
- Access for a reason: a leave replacement sees the cases they cover from the first to the last
  day of the approved leave, computed inside `case_visible_q` (DECISIONS); expert advice and
  audits (points 8 and 12) will follow the same pattern.
"""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.organisations.models import Role, Team
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people.models import Person


def _nothing() -> Q:
    return Q(pk__in=[])


def member_q(viewer: Viewer, team_field: str, organisation_field: str) -> Q:
    """Records whose core team (`team_field`, an id) the viewer belongs to, in an organisation
    where the viewer holds an active role (roles are already narrowed to a token's scope). A
    subquery, not a join: a list never repeats a row."""
    pid = viewer.person_id
    if not viewer.is_authenticated or pid is None:
        return _nothing()
    teams = Person.objects.filter(pk=pid, is_active=True, team__kind=Team.Kind.CORE).values(
        "team_id"
    )
    return Q(**{f"{team_field}__in": teams, f"{organisation_field}__in": viewer.organisation_ids})


def core_team_visible_q(viewer: Viewer) -> Q:
    """On Team: core teams the viewer belongs to or coordinates."""
    if not viewer.is_authenticated:
        return _nothing()
    return Q(kind=Team.Kind.CORE) & (
        Q(organisation_id__in=viewer.managed_orgs) | member_q(viewer, "pk", "organisation_id")
    )


def case_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Members of the case's core team; and the replacement named for an approved leave, from
    its first to its last day (`cover_q`): the access ends by itself."""
    return member_q(viewer, f"{prefix}core_team_id", f"{prefix}organisation_id") | cover_q(
        viewer, prefix
    )


def placement_visible_q(viewer: Viewer) -> Q:
    """On Placement: the placements of a child whose case the viewer may see."""
    from .models import Case

    return Q(child_id__in=Case.objects.filter(case_visible_q(viewer)).values("child_id"))


def proposal_visible_q(viewer: Viewer) -> Q:
    return member_q(viewer, "core_team_id", "organisation_id")


def team_of(viewer: Viewer) -> Any:
    """The core team the viewer belongs to (id), or None."""
    if viewer.person_id is None:
        return None
    return (
        Person.objects.filter(pk=viewer.person_id, is_active=True, team__kind=Team.Kind.CORE)
        .values_list("team_id", flat=True)
        .first()
    )


def is_member(viewer: Viewer, team_id: Any, organisation_id: Any) -> bool:
    return (
        team_id is not None
        and organisation_id in viewer.organisation_ids
        and team_of(viewer) == team_id
    )


# Roles a core-team member holds (guardians and social workers are professionals or case workers).
CASEWORK_ROLES = (Role.PROFESSIONAL, Role.CASE_WORKER, Role.MANAGER)


def may_do_casework(viewer: Viewer) -> bool:
    """Whether to show the casework link (roles only, no query)."""
    return bool(viewer.managed_orgs or viewer.orgs_with(*CASEWORK_ROLES))


def _team(obj: Any) -> tuple[Any, Any]:
    """(core team id, organisation id) of a team, a case or a proposal."""
    if isinstance(obj, Team):
        return obj.pk, obj.organisation_id
    return obj.core_team_id, obj.organisation_id


@rules.predicate
def member_of_core_team(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    if isinstance(obj, Team) and obj.kind != Team.Kind.CORE:
        return False
    return is_member(viewer, *_team(obj))


@rules.predicate
def coordinates_team(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return bool(viewer.managed_orgs)
    return viewer.manages(obj.organisation_id)


@rules.predicate
def may_see_core_team(user: Any, team: Any) -> bool:
    if team is not None and team.kind != Team.Kind.CORE:
        return False
    return bool(member_of_core_team(user, team) or coordinates_team(user, team))


rules.add_perm("casework.view_coreteam", may_see_core_team)
rules.add_perm("casework.allocate_coreteam", member_of_core_team)
# A member's working time and cap: the coordinator of the member's organisation.
rules.add_perm("casework.change_memberprofile", coordinates_team)
rules.add_perm("casework.view_memberprofile", may_see_core_team)
# Leave: the coordinator, or the member for themself (checked in the service).
rules.add_perm("casework.add_leave", coordinates_team | member_of_core_team)
for action in ("view", "add", "change"):
    rules.add_perm(f"casework.{action}_case", member_of_core_team)
rules.add_perm("casework.view_placement", member_of_core_team)
for action in ("view", "add", "change"):
    rules.add_perm(f"casework.{action}_allocationproposal", member_of_core_team)


# -- leave cover and continuity (issue 12, points 4 and 5) ------------------------------------


def _covering(person_id: Any, organisation_ids: Any) -> Any:
    """LeaveCover rows naming `person_id` for an approved leave under way today."""
    from django.utils import timezone

    from .models import Leave, LeaveCover

    today = timezone.localdate()
    return LeaveCover.objects.filter(
        replacement_id=person_id,
        leave__status=Leave.Status.APPROVED,
        leave__starts_on__lte=today,
        leave__ends_on__gte=today,
        organisation_id__in=organisation_ids,
    )


def cover_q(viewer: Viewer, prefix: str = "") -> Q:
    """Cases the viewer replaces their guardian on, for the dates of an approved leave only."""
    if not viewer.is_authenticated or viewer.person_id is None:
        return _nothing()
    covered = _covering(viewer.person_id, viewer.organisation_ids).values("case_id")
    return Q(**{f"{prefix}pk__in": covered})


def covers_now(by: Any, case: Any) -> bool:
    """Whether person `by` replaces the guardian of `case` today (services' side of cover_q)."""
    if by is None or not getattr(by, "pk", None) or not by.is_active:
        return False
    return _covering(by.pk, [case.organisation_id]).filter(case_id=case.pk).exists()


def cover_reason(viewer: Viewer, case: Any) -> str:
    """The reason logged with a read by a replacement who is not a member of the case's team:
    "replacement during the leave of X" (DECISIONS: each read logs the reason)."""
    from django.utils.translation import gettext as _

    if viewer.person_id is None or is_member(viewer, case.core_team_id, case.organisation_id):
        return ""
    row = (
        _covering(viewer.person_id, viewer.organisation_ids)
        .filter(case_id=case.pk)
        .select_related("leave__person")
        .first()
    )
    if row is None:
        return ""
    return _("replacement during the leave of %(name)s") % {"name": row.leave.person}


def leave_visible_q(viewer: Viewer) -> Q:
    """On Leave: the leaves of the viewer's core team (their cover names children)."""
    return member_q(viewer, "person__team_id", "organisation_id")


def _leave_team(leave: Any) -> tuple[Any, Any]:
    return leave.person.team_id, leave.organisation_id


@rules.predicate
def colleague_of_leave(user: Any, leave: Any) -> bool:
    viewer = viewer_for(user)
    if leave is None:
        return viewer.is_authenticated
    return is_member(viewer, *_leave_team(leave))


@rules.predicate
def member_or_replacement(user: Any, case: Any) -> bool:
    viewer = viewer_for(user)
    if case is None:
        return viewer.is_authenticated
    if is_member(viewer, case.core_team_id, case.organisation_id):
        return True
    return (
        viewer.person_id is not None
        and _covering(viewer.person_id, viewer.organisation_ids).filter(case_id=case.pk).exists()
    )


rules.add_perm("casework.view_leavecover", colleague_of_leave)
rules.add_perm("casework.change_leavecover", colleague_of_leave)
rules.add_perm("casework.approve_leave", colleague_of_leave)
rules.add_perm("casework.add_casecontact", member_or_replacement)
rules.add_perm("casework.view_casecontact", member_or_replacement)
rules.add_perm("casework.change_caseworksettings", coordinates_team)
