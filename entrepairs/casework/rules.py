"""Who may see and do what in casework. Lists and details use the same rules (`*_q` / predicates).

- A core team (an `organisations.Team` of kind core) is seen by its members (people whose team it
  is) and by the coordinators of its organisation, who set each member's working time and cap.
- A case, its placements, its timeline and the team's allocation proposals are confidential to
  the members of the case's core team: not the coordinator, not other core teams, not platform
  administrators (seed 000; PRODUCT: a child's file is shared for a reason only).
- Access for a reason (leave cover, expert advice, audit) is point 5, 8 and 12 of issue 12; it will
  be computed from dates and reason inside `case_visible_q` (DECISIONS).
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
    return member_q(viewer, f"{prefix}core_team_id", f"{prefix}organisation_id") | audit_access_q(
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


# -- team: meetings, peer review, policies, audits (issue 12 points 10-12) ---------------------


def audit_access_q(viewer: Viewer, prefix: str = "") -> Q:
    """On Case: access for a reason (DECISIONS) — the cases sampled by an audit the viewer is an
    auditor of, from its first to its last day only (computed here from the dates, never granted
    nor revoked by a job). Each read logs the reason (`selectors.case_access_reason`)."""
    from django.utils import timezone

    from .models import Audit

    pid = viewer.person_id
    if not viewer.is_authenticated or pid is None:
        return _nothing()
    today = timezone.localdate()
    sampled = Audit.sampled_cases.through.objects.filter(
        audit__auditors=pid,
        audit__starts_on__lte=today,
        audit__ends_on__gte=today,
        audit__organisation_id__in=viewer.organisation_ids,
    ).values("case_id")
    return Q(**{f"{prefix}pk__in": sampled})


def meeting_visible_q(viewer: Viewer) -> Q:
    """On Meeting and TeamTopic: the members of the core team only (agendas name children)."""
    return member_q(viewer, "core_team_id", "organisation_id")


def peer_review_visible_q(viewer: Viewer) -> Q:
    """On PeerReview: the reviewer and the reviewed person, nobody else — not the rest of the
    team, not a manager nor a coordinator (issue 12: never an individual ranking for management)."""
    pid = viewer.person_id
    if not viewer.is_authenticated or pid is None:
        return _nothing()
    return (Q(reviewer_id=pid) | Q(reviewee_id=pid)) & Q(
        organisation_id__in=viewer.organisation_ids
    )


def trend_team_visible_q(viewer: Viewer) -> Q:
    """On Team: core teams whose peer-review and audit trends the viewer may read — its members,
    the organisation's coordinators and managers (counts and averages only)."""
    if not viewer.is_authenticated:
        return _nothing()
    return core_team_visible_q(viewer) | Q(
        kind=Team.Kind.CORE, organisation_id__in=viewer.orgs_with(Role.MANAGER)
    )


def may_read_trends(viewer: Viewer) -> bool:
    return bool(viewer.managed_orgs or viewer.orgs_with(*CASEWORK_ROLES))


def policy_visible_q(viewer: Viewer) -> Q:
    """On Policy: the organisation's coordinators; members of a core team see the organisation's
    policies and their own team's."""
    if not viewer.is_authenticated:
        return _nothing()
    pid = viewer.person_id
    own = _nothing()
    if pid is not None:
        teams = Person.objects.filter(pk=pid, is_active=True, team__kind=Team.Kind.CORE).values(
            "team_id"
        )
        own = Q(organisation_id__in=viewer.organisation_ids) & (
            Q(core_team__isnull=True) | Q(core_team_id__in=teams)
        )
    return Q(organisation_id__in=viewer.managed_orgs) | own


def audit_visible_q(viewer: Viewer) -> Q:
    """On Audit: the audited core team, the auditors and the organisation's coordinators (who see
    counts per indicator, not the sampled cases nor the findings: `may_read_audit_findings`)."""
    if not viewer.is_authenticated:
        return _nothing()
    pid = viewer.person_id
    auditor = Q(auditors=pid, organisation_id__in=viewer.organisation_ids) if pid else _nothing()
    return (
        member_q(viewer, "core_team_id", "organisation_id")
        | Q(organisation_id__in=viewer.managed_orgs)
        | Q(pk__in=_audits_of(auditor))
    )


def _audits_of(q: Q) -> object:
    from .models import Audit

    return Audit.objects.filter(q).values("pk")


def is_auditor_today(viewer: Viewer, audit: Any) -> bool:
    from django.utils import timezone

    today = timezone.localdate()
    return (
        viewer.person_id is not None
        and audit.organisation_id in viewer.organisation_ids
        and audit.starts_on <= today <= audit.ends_on
        and audit.auditors.filter(pk=viewer.person_id).exists()
    )


@rules.predicate
def reviews_or_reviewed(user: Any, review: Any) -> bool:
    viewer = viewer_for(user)
    if review is None:
        return viewer.is_authenticated
    return viewer.person_id in (review.reviewer_id, review.reviewee_id)


@rules.predicate
def is_reviewed_person(user: Any, review: Any) -> bool:
    return review is not None and viewer_for(user).person_id == review.reviewee_id


@rules.predicate
def member_of_audited_team(user: Any, audit: Any) -> bool:
    return audit is not None and bool(member_of_core_team(user, audit))


@rules.predicate
def audits_now(user: Any, audit: Any) -> bool:
    return audit is not None and is_auditor_today(viewer_for(user), audit)


@rules.predicate
def concerned_by_policy(user: Any, policy: Any) -> bool:
    """The people a policy asks to acknowledge it: members of its core team, or of any core team
    of the organisation for an organisation-wide policy."""
    viewer = viewer_for(user)
    if policy is None:
        return viewer.is_authenticated
    team = team_of(viewer)
    if team is None or policy.organisation_id not in viewer.organisation_ids:
        return False
    if policy.core_team_id is not None:
        return bool(team == policy.core_team_id)
    return Team.objects.filter(pk=team, organisation_id=policy.organisation_id).exists()


for action in ("view", "add", "change"):
    rules.add_perm(f"casework.{action}_meeting", member_of_core_team)
rules.add_perm("casework.view_peerreview", reviews_or_reviewed)
rules.add_perm("casework.add_peerreview", member_of_core_team)
rules.add_perm("casework.answer_peerreview", is_reviewed_person)
rules.add_perm("casework.change_reviewindicator", coordinates_team)
rules.add_perm("casework.add_policy", coordinates_team)
rules.add_perm("casework.acknowledge_policy", concerned_by_policy)
rules.add_perm("casework.add_audit", coordinates_team)
rules.add_perm("casework.read_audit_findings", member_of_audited_team | audits_now)
rules.add_perm("casework.add_auditfinding", audits_now)
rules.add_perm("casework.add_auditaction", member_of_audited_team)


@rules.predicate
def audits_case_now(user: Any, case: Any) -> bool:
    """An auditor reading a sampled case during the audit (the API's object check of a read)."""
    from .models import Case

    if not isinstance(case, Case):
        return False
    return Case.objects.filter(audit_access_q(viewer_for(user)), pk=case.pk).exists()


rules.set_perm("casework.view_case", member_of_core_team | audits_case_now)
