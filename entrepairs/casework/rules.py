"""Who may see and do what in casework. Lists and details use the same rules (`*_q` / predicates).

- A core team (an `organisations.Team` of kind core) is seen by its members (people whose team it
  is) and by the coordinators of its organisation, who set each member's working time and cap.
- A case, its placements, its timeline and the team's allocation proposals are confidential to
  the members of the case's core team: not the coordinator, not other core teams, not platform
  administrators (seed 000; PRODUCT: a child's file is shared for a reason only).
- Access for a reason (DECISIONS), computed inside `case_visible_q` from dates, each read logged
  with its reason: a leave replacement sees the cases they cover from the first to the last day
  of the approved leave (`cover_q`); an auditor the sampled cases during the audit
  (`audit_access_q`); an expert only the decisions submitted to them (`decision_visible_q`).
"""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.organisations.models import Role, Team
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people.models import Person


def _nothing() -> Q:
    return Q(pk__in=[])


# Roles a core-team member holds (guardians and social workers are professionals or case workers).
CASEWORK_ROLES = (Role.PROFESSIONAL, Role.CASE_WORKER, Role.MANAGER)


def member_q(viewer: Viewer, team_field: str, organisation_field: str) -> Q:
    """Records whose core team (`team_field`, an id) the viewer belongs to, in an organisation
    where the viewer holds an active casework role (roles are already narrowed to a token's
    scope): being put in a core team is not enough — a coordinator placed in one still reads
    no case (security review). A subquery, not a join: a list never repeats a row."""
    pid = viewer.person_id
    if not viewer.is_authenticated or pid is None:
        return _nothing()
    teams = Person.objects.filter(pk=pid, is_active=True, team__kind=Team.Kind.CORE).values(
        "team_id"
    )
    return Q(
        **{
            f"{team_field}__in": teams,
            f"{organisation_field}__in": viewer.orgs_with(*CASEWORK_ROLES),
        }
    )


def core_team_visible_q(viewer: Viewer) -> Q:
    """On Team: core teams the viewer belongs to or coordinates."""
    if not viewer.is_authenticated:
        return _nothing()
    return Q(kind=Team.Kind.CORE) & (
        Q(organisation_id__in=viewer.managed_orgs) | member_q(viewer, "pk", "organisation_id")
    )


def case_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Members of the case's core team; the replacement named for an approved leave, from its
    first to its last day (`cover_q`); an auditor for the audit's dates (`audit_access_q`): the
    access ends by itself."""
    return (
        member_q(viewer, f"{prefix}core_team_id", f"{prefix}organisation_id")
        | cover_q(viewer, prefix)
        | audit_access_q(viewer, prefix)
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
    """The predicate twin of `member_q`."""
    return (
        team_id is not None
        and viewer.has_role(organisation_id, *CASEWORK_ROLES)
        and team_of(viewer) == team_id
    )


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


def closes_case(person_id: Any, case: Any) -> bool:
    """Closing a child's case is its responsible guardian's act (any member when it has none):
    the colleagues of the core team share the casework, not that decision."""
    return case.guardian_id is None or person_id == case.guardian_id


@rules.predicate
def may_close_case(user: Any, case: Any) -> bool:
    return case is None or closes_case(viewer_for(user).person_id, case)


rules.add_perm("casework.close_case", member_of_core_team & may_close_case)
rules.add_perm("casework.view_placement", member_of_core_team)
for action in ("view", "add", "change"):
    rules.add_perm(f"casework.{action}_allocationproposal", member_of_core_team)


# -- decisions: safety checks and key decisions with mandatory expert advice (issue 12, 6 and 8) --
#
# A safety check is the case's: the case's core team only. A key decision is the case's core
# team's, and also, for a reason and a period, each expert it was submitted to: from the request
# until EXPERT_ACCESS_DAYS after the decision is taken (computed here from the dates, never
# granted and revoked by a job; DECISIONS "access for a reason"). The expert sees that decision
# only: not the case, not the other decisions, not another expert's request.

EXPERT_ACCESS_DAYS = 30
REASON_CORE_TEAM = "core_team"
REASON_EXPERT = "expert_advice"


def safety_check_visible_q(viewer: Viewer) -> Q:
    return case_visible_q(viewer, "case__")


def expert_requests_q(viewer: Viewer, prefix: str = "") -> Q:
    """On AdviceRequest: the requests made to the viewer as an expert of an organisation where
    they hold the expert role, while the access lasts."""
    from datetime import timedelta

    from django.utils import timezone

    pid = viewer.person_id
    orgs = viewer.orgs_with(Role.EXPERT) if viewer.is_authenticated else set()
    if pid is None or not orgs:
        return _nothing()
    since = timezone.now() - timedelta(days=EXPERT_ACCESS_DAYS)
    return Q(
        **{
            f"{prefix}expert_id": pid,
            f"{prefix}organisation_id__in": orgs,
            f"{prefix}expert__is_active": True,
        }
    ) & (
        Q(**{f"{prefix}decision__decided_at__isnull": True})
        | Q(**{f"{prefix}decision__decided_at__gte": since})
    )


def decision_visible_q(viewer: Viewer) -> Q:
    """On Decision: the case's core team, or an expert it is submitted to (a subquery: no
    repeated rows)."""
    from .models import AdviceRequest

    submitted = AdviceRequest.objects.filter(expert_requests_q(viewer)).values("decision_id")
    return case_visible_q(viewer, "case__") | Q(pk__in=submitted)


def advice_request_visible_q(viewer: Viewer) -> Q:
    """On AdviceRequest: the core team of the decision's case sees every request; an expert sees
    the requests made to them."""
    return case_visible_q(viewer, "decision__case__") | expert_requests_q(viewer)


def decision_access_reason(viewer: Viewer, decision: Any) -> str:
    """Why the viewer may read this decision (logged with each read), or "" if they may not."""
    if is_member(viewer, decision.case.core_team_id, decision.organisation_id):
        return REASON_CORE_TEAM
    from .models import AdviceRequest, Decision

    visible = Decision.objects.filter(decision_visible_q(viewer), pk=decision.pk).exists()
    if (
        visible
        and AdviceRequest.objects.filter(
            expert_requests_q(viewer), decision_id=decision.pk
        ).exists()
    ):
        return REASON_EXPERT
    return ""


def expertise_of(person: Person) -> str:
    """The expertise an expert brings, from their profession (psychologist, legal adviser, any
    other profession: other)."""
    from .models import ExpertRole

    if person.profession in (ExpertRole.PSYCHOLOGIST, ExpertRole.LEGAL_ADVISER):
        return str(person.profession)
    return ExpertRole.OTHER.value


def experts_q(organisation_id: Any) -> Q:
    """On Person: the organisation's active experts (people holding its expert role)."""
    from entrepairs.organisations.models import Membership

    holders = Membership.objects.active().filter(organisation_id=organisation_id, role=Role.EXPERT)
    return Q(pk__in=holders.values("person_id"), is_active=True)


def may_see_expert_inbox(viewer: Viewer) -> bool:
    return bool(viewer.is_authenticated and viewer.orgs_with(Role.EXPERT))


def _case_of(obj: Any) -> Any:
    return obj.case if hasattr(obj, "case_id") else obj


@rules.predicate
def member_of_case_team(user: Any, obj: Any) -> bool:
    """A member of the core team of the case (of a safety check or decision)."""
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    case = _case_of(obj)
    return is_member(viewer, case.core_team_id, case.organisation_id)


@rules.predicate
def is_requested_expert(user: Any, request: Any) -> bool:
    """The expert an advice request is made to, while their access lasts."""
    from .models import AdviceRequest

    viewer = viewer_for(user)
    if request is None:
        return may_see_expert_inbox(viewer)
    return AdviceRequest.objects.filter(expert_requests_q(viewer), pk=request.pk).exists()


for action in ("view", "add", "change"):
    rules.add_perm(f"casework.{action}_safetycheck", member_of_case_team)
    rules.add_perm(f"casework.{action}_decision", member_of_case_team)
rules.add_perm("casework.request_advice", member_of_case_team)
rules.add_perm("casework.give_advice", is_requested_expert)
# The factors and decision types are the organisation's: its coordinators set them.
rules.add_perm("casework.change_decisiontype", coordinates_team)
rules.add_perm("casework.change_riskfactor", coordinates_team)


def decision_settings_orgs(viewer: Viewer) -> set[Any]:
    """The organisations whose risk factors and decision types the viewer sets (coordinators)."""
    return set(viewer.managed_orgs) if viewer.is_authenticated else set()


def organisation_config_q(viewer: Viewer) -> Q:
    """On RiskFactor / DecisionType: the configuration of the organisations the viewer works
    for (members read it to record checks and prepare decisions; coordinators change it)."""
    if not viewer.is_authenticated:
        return _nothing()
    return Q(organisation_id__in=viewer.organisation_ids)


# -- care: incidents and care plans (issue 12, points 7 and 9) ---------------------------------
# An incident, its actions and a care plan are confidential to the members of the core team (as
# the case). The organisation's coordinators and managers see the team's incident trends (counts
# per month and type, overdue actions), never an incident's content nor a child's name.


def incident_visible_q(viewer: Viewer) -> Q:
    return member_q(viewer, "core_team_id", "organisation_id")


def incident_action_visible_q(viewer: Viewer) -> Q:
    return member_q(viewer, "incident__core_team_id", "organisation_id")


def care_plan_visible_q(viewer: Viewer) -> Q:
    return member_q(viewer, "core_team_id", "organisation_id")


def team_figures_visible_q(viewer: Viewer) -> Q:
    """On Team: core teams whose counts the viewer reads — caseload figures, incident,
    peer-review and audit trends, never a case: its members, the organisation's coordinators,
    and the managers of its people (the line manager of one of its members, or the manager of
    the regional team it belongs to). Another manager of the organisation reads nothing of it."""
    if not viewer.is_authenticated:
        return _nothing()
    pid = viewer.person_id
    orgs = viewer.orgs_with(Role.MANAGER)
    if pid is None or not orgs:
        return core_team_visible_q(viewer)
    staff_teams = Person.objects.filter(
        line_manager_id=pid, is_active=True, team__kind=Team.Kind.CORE
    ).values("team_id")
    own_region = Person.objects.filter(pk=pid).values("team_id")
    return core_team_visible_q(viewer) | (
        Q(kind=Team.Kind.CORE, organisation_id__in=orgs)
        & (Q(pk__in=staff_teams) | Q(parent_id__in=own_region))
    )


def may_draft_care_plan(viewer: Viewer, case: Any) -> bool:
    """The case's responsible guardian drafts its care plan (the service says why not)."""
    return viewer.person_id is not None and viewer.person_id == case.guardian_id


def may_decide_care_plan(viewer: Viewer, plan: Any) -> bool:
    """A member other than the author approves or returns a submitted version."""
    return (
        plan.status == "submitted"
        and viewer.person_id is not None
        and viewer.person_id != plan.author_id
    )


def may_mark_action_done(viewer: Viewer, action: Any) -> bool:
    return action.done_on is None and viewer.person_id == action.owner_id


@rules.predicate
def reads_team_figures(user: Any, team: Any) -> bool:
    """The predicate twin of `team_figures_visible_q`."""
    viewer = viewer_for(user)
    if team is None:
        return bool(viewer.managed_orgs or viewer.orgs_with(Role.MANAGER, *CASEWORK_ROLES))
    return Team.objects.filter(team_figures_visible_q(viewer), pk=team.pk).exists()


rules.add_perm("casework.view_incident_trends", reads_team_figures)
for action in ("view", "add", "change"):
    rules.add_perm(f"casework.{action}_incident", member_of_core_team)
    rules.add_perm(f"casework.{action}_careplan", member_of_core_team)


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
        # Casework staff only, as `services.audit_open` checks (never a coordinator).
        audit__organisation_id__in=viewer.orgs_with(*CASEWORK_ROLES) - viewer.managed_orgs,
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
