"""Reads shared by the pages and the API: every list filtered by a `*_visible_q`, every detail
through `get_<thing>_for` (invisible and missing look the same: 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from entrepairs.core.french import long_date
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Team
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people.models import Person, Profession

from . import allocation as engine
from .models import (
    AllocationProposal,
    Case,
    CaseContact,
    CaseEvent,
    CaseworkSettings,
    Leave,
    LeaveCover,
    Placement,
    weight_factors,
)
from .models.leave import DEFAULT_CONTACT_THRESHOLD_DAYS
from .models.teams import CORE_TEAM_MAX, CORE_TEAM_MIN
from .rules import (
    case_visible_q,
    core_team_visible_q,
    cover_reason,
    leave_visible_q,
    placement_visible_q,
    proposal_visible_q,
)


def person_of(user: Any) -> Person | None:
    """The person acting (the `by=` of services), or None for an account with no person."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    cached = getattr(user, "_casework_person", None)
    if cached is None:
        cached = Person.objects.select_related("team").filter(pk=viewer.person_id).first()
        user._casework_person = cached
    return cached


def core_teams_for(viewer: Viewer) -> QuerySet[Team]:
    return (
        Team.objects.filter(core_team_visible_q(viewer))
        .select_related("parent", "organisation")
        .order_by("parent__name", "name", "id")
    )


def get_core_team_for(user: Any, pk: Any) -> Team:
    return get_visible_or_404(core_teams_for(viewer_for(user)), pk=pk)


def may_open_core_team_page(user: Any, pk: Any, permission: str | None = None) -> bool:
    """Whether a core team's page answers the user: what those pages ask, `get_core_team_for`
    (the team is visible) and, when they `require` one, the permission on the team. Pages ask it
    before showing a link to them (issue 15: no link the viewer may not follow)."""
    team = core_teams_for(viewer_for(user)).filter(pk=pk).first()
    return team is not None and (permission is None or check(user, permission, team))


def case_team_links(user: Any, case: Case) -> dict[str, bool]:
    """Which of its core team's pages the case page may link to, each asked as that page asks
    (care.incident_list, care.incident_new, cases.case_list)."""
    return {
        "cases": may_open_core_team_page(user, case.core_team_id, "casework.view_case"),
        "incidents": may_open_core_team_page(user, case.core_team_id, "casework.view_incident"),
        "incident_new": may_open_core_team_page(user, case.core_team_id, "casework.add_incident"),
    }


def cases_for(viewer: Viewer) -> QuerySet[Case]:
    return (
        Case.objects.filter(case_visible_q(viewer))
        .select_related("child", "guardian", "core_team")
        .defer("summary")
    )


def get_case_for(user: Any, pk: Any, action: str = "view") -> Case:
    case = get_visible_or_404(
        Case.objects.filter(case_visible_q(viewer_for(user))).select_related(
            "child", "guardian", "core_team"
        ),
        pk=pk,
    )
    if action != "view" and not check(user, f"casework.{action}_case", case):
        raise PermissionDenied
    return case


def children_without_case(team: Team) -> QuerySet[Person]:
    """The children a core team may open a case for: people of its organisation without an
    account and without an active case (offered in the form; the service decides)."""
    return (
        Person.objects.filter(
            organisation_id=team.organisation_id, user__isnull=True, is_active=True
        )
        .exclude(casework_cases__status__in=[Case.Status.NEW, Case.Status.OPEN])
        .order_by("last_name", "first_name", "id")
    )


def guardian_candidates(case: Case) -> QuerySet[Person]:
    """Whom a guardian may be named among: the people of the case's organisation (the service
    then says who is not in the core team, on leave or at their cap). Anyone else answers as
    an unknown id, in every channel: an id of another organisation tells nothing."""
    return Person.objects.filter(organisation_id=case.organisation_id)


def placements_for(viewer: Viewer) -> QuerySet[Placement]:
    return Placement.objects.filter(placement_visible_q(viewer))


def proposals_for(viewer: Viewer) -> QuerySet[AllocationProposal]:
    return AllocationProposal.objects.filter(proposal_visible_q(viewer)).select_related(
        "core_team", "proposed_by", "decided_by"
    )


def get_proposal_for(user: Any, pk: Any) -> AllocationProposal:
    return get_visible_or_404(proposals_for(viewer_for(user)), pk=pk)


# -- composition and loads ---------------------------------------------------------------------


@dataclass
class TeamOverview:
    team: Team
    members: list[engine.MemberLoad]
    warnings: list[str]
    new_cases: int
    max_ratio: float


def composition_warnings(size: int, social_workers: int) -> list[str]:
    """What the coordinator is told about a core team's composition (seed 000: 6 to 8 members
    mixing guardians and social workers)."""
    warnings = []
    if size < CORE_TEAM_MIN or size > CORE_TEAM_MAX:
        warnings.append(
            _("This core team has %(size)s members: a core team works with %(min)s to %(max)s.")
            % {"size": size, "min": CORE_TEAM_MIN, "max": CORE_TEAM_MAX}
        )
    if not social_workers:
        warnings.append(_("This core team has no social worker."))
    return warnings


def team_overview(team: Team) -> TeamOverview:
    """Members with their working time, cap and load today; the composition warnings (4 queries)."""
    members, cases = engine.member_loads(team, timezone.localdate())
    social = sum(1 for m in members if m.person.profession == Profession.SOCIAL_WORKER)
    return TeamOverview(
        team=team,
        members=members,
        warnings=composition_warnings(len(members), social),
        new_cases=sum(1 for c in cases if c.guardian_id is None),
        max_ratio=max((m.ratio_before for m in members), default=0.0),
    )


def team_warnings(teams: list[Team]) -> dict[Any, list[str]]:
    """Composition warnings for many teams in one query (the list page)."""
    from django.db.models import Count, Q

    counts: dict[Any, tuple[int, int]] = {
        row["team_id"]: (row["size"], row["social"])
        for row in Person.objects.filter(team__in=teams, is_active=True)
        .values("team_id")
        .annotate(
            size=Count("id"), social=Count("id", filter=Q(profession=Profession.SOCIAL_WORKER))
        )
    }
    return {t.pk: composition_warnings(*counts.get(t.pk, (0, 0))) for t in teams}


def case_weight_breakdown(case: Case) -> list[tuple[str, int]]:
    placement = Placement.current_for(case.child)
    return weight_factors(
        birth_date=case.birth_date,
        placement=placement.kind if placement else None,
        procedures=case.procedures,
        vulnerability=case.vulnerability,
        day=timezone.localdate(),
    )


# -- decisions: safety checks and key decisions with mandatory expert advice (issue 12, 6 and 8) --


def risk_factors_of(organisation_id: Any, *, active_only: bool = True) -> QuerySet[Any]:
    from .models import RiskFactor

    rows = RiskFactor.objects.filter(organisation_id=organisation_id)
    return rows.filter(active=True) if active_only else rows


def decision_types_of(organisation_id: Any, *, active_only: bool = True) -> QuerySet[Any]:
    from .models import DecisionType

    rows = DecisionType.objects.filter(organisation_id=organisation_id)
    return rows.filter(active=True) if active_only else rows


def settings_organisation_ids(user: Any) -> list[Any]:
    """The organisations whose factors and decision types the user sets, in a stable order."""
    from .rules import decision_settings_orgs

    return sorted(decision_settings_orgs(viewer_for(user)), key=str)


def safety_checks_for(viewer: Viewer) -> QuerySet[Any]:
    from .models import SafetyCheck
    from .rules import safety_check_visible_q

    return (
        SafetyCheck.objects.filter(safety_check_visible_q(viewer))
        .select_related("case__child", "case__core_team", "done_by")
        .defer("notes")
    )


def get_safety_check_for(user: Any, pk: Any, action: str = "view") -> Any:
    from .models import SafetyCheck
    from .rules import safety_check_visible_q

    found = get_visible_or_404(
        SafetyCheck.objects.filter(safety_check_visible_q(viewer_for(user))).select_related(
            "case__child", "case__core_team", "done_by", "scheduled_by"
        ),
        pk=pk,
    )
    if action != "view" and not check(user, f"casework.{action}_safetycheck", found):
        raise PermissionDenied
    return found


def decisions_for(viewer: Viewer) -> QuerySet[Any]:
    from .models import Decision
    from .rules import decision_visible_q

    return (
        Decision.objects.filter(decision_visible_q(viewer))
        .select_related("case__child", "decision_type", "decided_by", "prepared_by")
        .defer("options", "arguments", "child_view", "outcome")
    )


def get_decision_for(user: Any, pk: Any, action: str = "view") -> Any:
    from .models import Decision
    from .rules import decision_visible_q

    found = get_visible_or_404(
        Decision.objects.filter(decision_visible_q(viewer_for(user))).select_related(
            "case__child", "case__core_team", "decision_type", "decided_by", "prepared_by"
        ),
        pk=pk,
    )
    if action != "view" and not check(user, f"casework.{action}_decision", found):
        raise PermissionDenied
    return found


def decision_read(user: Any, decision: Any) -> str:
    """Record a read of the decision in the audit trail with the reason the reader may see it
    (core team, or an expert's advice); returns that reason."""
    from entrepairs.core.audit import record_access

    from .rules import decision_access_reason

    reason = decision_access_reason(viewer_for(user), decision)
    record_access(decision, reason=reason)
    return reason


def advice_requests_for(viewer: Viewer) -> QuerySet[Any]:
    from .models import AdviceRequest
    from .rules import advice_request_visible_q

    return (
        AdviceRequest.objects.filter(advice_request_visible_q(viewer))
        .select_related("expert", "decision__decision_type")
        .defer("question", "advice")
    )


def get_advice_request_for(user: Any, pk: Any, action: str = "view") -> Any:
    found = get_visible_or_404(
        advice_requests_for(viewer_for(user)).defer(None).select_related("decision__case"),
        pk=pk,
    )
    if action == "give" and not check(user, "casework.give_advice", found):
        raise PermissionDenied
    return found


def expert_requests(user: Any) -> QuerySet[Any]:
    """The advice requests made to the user as an expert (their inbox), open ones first."""
    from .models import AdviceRequest
    from .rules import expert_requests_q

    return (
        AdviceRequest.objects.filter(expert_requests_q(viewer_for(user)))
        .select_related("decision__decision_type")
        .defer("question", "advice", "decision__options", "decision__arguments")
        .order_by("advised_at", "-created_at", "id")
    )


def may_see_expert_inbox(user: Any) -> bool:
    from .rules import may_see_expert_inbox as rule

    return rule(viewer_for(user))


def requests_shown(user: Any, decision: Any, reason: str) -> list[Any]:
    """On the decision page: the core team sees every request and advice; an expert sees theirs."""
    from .models import AdviceRequest
    from .rules import REASON_CORE_TEAM, expert_requests_q

    rows = AdviceRequest.objects.filter(decision=decision).select_related("expert")
    if reason != REASON_CORE_TEAM:
        rows = rows.filter(expert_requests_q(viewer_for(user)))
    return list(rows.order_by("created_at", "id"))


def experts_of(organisation_id: Any) -> QuerySet[Person]:
    from .rules import experts_q

    return Person.objects.filter(experts_q(organisation_id)).order_by("last_name", "first_name")


@dataclass
class TopicItem:
    """What a topic (safety, care plans, incidents) puts before the core team: what waits, where
    to act on it, since or until when, and the case it is about (if one). The team page lists
    them; the meeting agenda takes them in through `agenda.from_topic`."""

    kind: str  # overdue, high_risk, decision, care_plan_waiting, review_due, incident_open...
    label: str
    url: str
    due_on: Any = None
    case: Case | None = None


def safety_agenda_items(team: Team, *, today: Any = None) -> list[TopicItem]:
    """What the core team discusses at its next meeting about safety: checks past their due date,
    high risks found in the last 60 days, and automatic gated decisions not yet taken (3 queries).
    The caller checks the viewer is a member of the team."""
    from datetime import timedelta

    from .models import Decision, RiskLevel, SafetyCheck

    today = today or timezone.localdate()
    items: list[TopicItem] = []
    checks = (
        SafetyCheck.objects.filter(case__core_team=team)
        .exclude(case__status=Case.Status.CLOSED)
        .select_related("case__child")
        .defer("notes", "case__summary")
    )
    for c in checks.filter(done_on__isnull=True, due_on__lt=today).order_by("due_on", "id"):
        items.append(
            TopicItem(
                kind="overdue",
                label=_("Safety check overdue since %(date)s") % {"date": long_date(c.due_on)},
                url=f"/casework/safety-checks/{c.pk}/",
                due_on=c.due_on,
                case=c.case,
            )
        )
    recent = checks.filter(risk=RiskLevel.HIGH, done_on__gte=today - timedelta(days=60))
    for c in recent.order_by("-done_on", "id"):
        items.append(
            TopicItem(
                kind="high_risk",
                label=_("High risk found on %(date)s") % {"date": long_date(c.done_on or c.due_on)},
                url=f"/casework/safety-checks/{c.pk}/",
                due_on=c.done_on,
                case=c.case,
            )
        )
    decisions = (
        Decision.objects.filter(case__core_team=team, status=Decision.Status.PREPARED)
        .exclude(trigger="")
        .select_related("case__child")
        .defer("options", "arguments", "child_view", "outcome", "case__summary")
        .order_by("created_at", "id")
    )
    for d in decisions:
        items.append(
            TopicItem(
                kind="decision",
                label=_("Key decision to take: %(title)s") % {"title": d.title},
                url=f"/casework/decisions/{d.pk}/",
                due_on=d.created_at.date(),
                case=d.case,
            )
        )
    return items


def safety_timeliness(team: Team, *, today: Any = None) -> dict[str, int]:
    """Safety checks of the team's cases by timeliness: on time, late, overdue, planned (for the
    reports page: counts only, no child named). One query."""
    from django.db.models import Count, F, Q

    from .models import SafetyCheck

    today = today or timezone.localdate()
    row = SafetyCheck.objects.filter(case__core_team=team).aggregate(
        on_time=Count("id", filter=Q(done_on__isnull=False, done_on__lte=F("due_on"))),
        late=Count("id", filter=Q(done_on__isnull=False, done_on__gt=F("due_on"))),
        overdue=Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
        planned=Count("id", filter=Q(done_on__isnull=True, due_on__gte=today)),
    )
    return {k: int(v or 0) for k, v in row.items()}


def decisions_advice_summary(team: Team) -> dict[str, int]:
    """Decisions taken by the team's core team: with the advice their type required, taken
    without required advice (a type that requires none), and taken with some required advice
    missing (should stay 0: the service refuses it). Counts only. Two queries."""
    from .models import Decision

    taken = Decision.objects.filter(
        case__core_team=team, status=Decision.Status.DECIDED
    ).values_list("required_advice", "advised_roles")
    summary = {"with_required_advice": 0, "no_advice_required": 0, "missing_advice": 0}
    for required, advised in taken:
        if not required:
            summary["no_advice_required"] += 1
        elif set(required) <= set(advised):
            summary["with_required_advice"] += 1
        else:
            summary["missing_advice"] += 1
    summary["open"] = Decision.objects.filter(
        case__core_team=team, status=Decision.Status.PREPARED
    ).count()
    return summary


def works_for(user: Any, organisation_id: Any) -> bool:
    return organisation_id in viewer_for(user).organisation_ids


# -- care: incidents and care plans (issue 12, points 7 and 9) ---------------------------------

from django.db.models import Count, Exists, OuterRef, Q  # noqa: E402 - the care block
from django.db.models.functions import TruncMonth  # noqa: E402
from django.urls import reverse  # noqa: E402

from .models.care import (  # noqa: E402
    FIRST_PLAN_MONTHS,
    CarePlan,
    Incident,
    IncidentAction,
    IncidentKind,
    add_months,
)
from .rules import (  # noqa: E402
    care_plan_visible_q,
    incident_action_visible_q,
    incident_visible_q,
    team_figures_visible_q,
)

INCIDENT_SECRETS = ("facts", "immediate_measures", "causes", "lessons")
PLAN_SECRETS = ("needs", "objectives", "actions")


def incidents_for(viewer: Viewer) -> QuerySet[Incident]:
    """The incidents of the viewer's core team, without their confidential text (lists)."""
    today = timezone.localdate()
    return (
        Incident.objects.filter(incident_visible_q(viewer))
        .select_related("core_team", "reported_by")
        .defer(*INCIDENT_SECRETS)
        .annotate(
            open_actions=Count("actions", filter=Q(actions__done_on__isnull=True), distinct=True),
            overdue_actions=Count(
                "actions",
                filter=Q(actions__done_on__isnull=True, actions__due_on__lt=today),
                distinct=True,
            ),
        )
    )


def get_incident_for(user: Any, pk: Any, action: str = "view") -> Incident:
    incident = get_visible_or_404(
        Incident.objects.filter(incident_visible_q(viewer_for(user))).select_related(
            "core_team", "reported_by"
        ),
        pk=pk,
    )
    if action != "view" and not check(user, f"casework.{action}_incident", incident):
        raise PermissionDenied
    return incident


def get_incident_action_for(user: Any, pk: Any) -> IncidentAction:
    return get_visible_or_404(
        IncidentAction.objects.filter(incident_action_visible_q(viewer_for(user))).select_related(
            "incident__core_team", "owner"
        ),
        pk=pk,
    )


def incident_children(incidents: list[Incident]) -> dict[Any, list[Any]]:
    """{incident id: the children concerned} for a page of incidents (one query)."""
    through = Incident.cases.through
    found: dict[Any, list[Any]] = {i.pk: [] for i in incidents}
    for row in through.objects.filter(incident__in=incidents).select_related("case__child"):
        found[row.incident_id].append(row.case)
    return found


def care_plans_for(viewer: Viewer) -> QuerySet[CarePlan]:
    return (
        CarePlan.objects.filter(care_plan_visible_q(viewer))
        .select_related("case__child", "author")
        .defer(*PLAN_SECRETS)
    )


def get_care_plan_for(user: Any, pk: Any, action: str = "view") -> CarePlan:
    plan = get_visible_or_404(
        CarePlan.objects.filter(care_plan_visible_q(viewer_for(user))).select_related(
            "case__child", "case__core_team", "core_team", "author"
        ),
        pk=pk,
    )
    if action != "view" and not check(user, f"casework.{action}_careplan", plan):
        raise PermissionDenied
    return plan


def get_figures_team_for(user: Any, pk: Any) -> Team:
    """A core team whose figures and trends the viewer reads (`rules.team_figures_visible_q`)."""
    return get_visible_or_404(
        Team.objects.filter(team_figures_visible_q(viewer_for(user))).select_related("parent"),
        pk=pk,
    )


@dataclass
class IncidentTrends:
    """Counts only: no incident's content, no child's name (managers see this)."""

    months: list[Any]  # first day of each month, oldest first
    kinds: list[tuple[str, str]]  # (value, label) of the types that occur
    counts: dict[tuple[Any, str], int]  # (month, kind) -> incidents
    per_month: list[int]
    open_incidents: int
    open_actions: int
    overdue_actions: int

    @property
    def total(self) -> int:
        """Incidents of every type over the months shown (the totals row's last cell)."""
        return sum(self.per_month)

    def rows(self) -> list[tuple[str, list[int], int]]:
        return [
            (
                label,
                [self.counts.get((m, kind), 0) for m in self.months],
                sum(self.counts.get((m, kind), 0) for m in self.months),
            )
            for kind, label in self.kinds
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "months": [m.isoformat()[:7] for m in self.months],
            "by_kind": [
                {
                    "kind": kind,
                    "name": label,
                    "counts": [self.counts.get((m, kind), 0) for m in self.months],
                }
                for kind, label in self.kinds
            ],
            "per_month": self.per_month,
            "open_incidents": self.open_incidents,
            "open_actions": self.open_actions,
            "overdue_actions": self.overdue_actions,
        }


def incident_trends(team: Team, months: int = 12) -> IncidentTrends:
    """Incidents per month and type over the last `months` months, open incidents and open and
    overdue follow-up actions (3 queries, grouped in SQL)."""
    today = timezone.localdate()
    first = add_months(today.replace(day=1), -(months - 1))
    month_list = [add_months(first, i) for i in range(months)]
    counts: dict[tuple[Any, str], int] = {}
    for row in (
        Incident.objects.filter(core_team=team, occurred_on__gte=first)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month", "kind")
        .annotate(n=Count("id"))
        .order_by()
    ):
        month = row["month"]
        month = month.date() if hasattr(month, "date") and callable(month.date) else month
        counts[(month, row["kind"])] = row["n"]
    kinds = [(k.value, str(k.label)) for k in IncidentKind if any(kk == k for _m, kk in counts)]
    open_incidents = Incident.objects.filter(core_team=team, status=Incident.Status.OPEN).count()
    actions = IncidentAction.objects.filter(
        incident__core_team=team, done_on__isnull=True
    ).aggregate(open=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
    return IncidentTrends(
        months=month_list,
        kinds=kinds,
        counts=counts,
        per_month=[sum(n for (m, _k), n in counts.items() if m == month) for month in month_list],
        open_incidents=open_incidents,
        open_actions=actions["open"],
        overdue_actions=actions["overdue"],
    )


REVIEW_NOTICE_DAYS = 30


def waiting_care_plans(team: Team) -> QuerySet[CarePlan]:
    return (
        CarePlan.objects.filter(core_team=team, status=CarePlan.Status.SUBMITTED)
        .select_related("case__child", "author")
        .defer(*PLAN_SECRETS)
        .order_by("submitted_on", "id")
    )


def reviews_due(team: Team, within_days: int = 0) -> QuerySet[CarePlan]:
    """Approved (current) versions whose review date has passed, or comes within `within_days`,
    and for which no newer version is approved yet (a draft or a submission does not count)."""
    limit = timezone.localdate() + timedelta(days=within_days)
    return (
        CarePlan.objects.filter(
            core_team=team,
            status=CarePlan.Status.APPROVED,
            review_due_on__lte=limit,
            case__status__in=[Case.Status.NEW, Case.Status.OPEN],
        )
        .select_related("case__child", "case__guardian")
        .defer(*PLAN_SECRETS)
        .order_by("review_due_on", "id")
    )


def overdue_reviews(team: Team) -> QuerySet[CarePlan]:
    yesterday_limit = timezone.localdate() - timedelta(days=1)
    return reviews_due(team).filter(review_due_on__lte=yesterday_limit)


def care_agenda_items(team: Team) -> list[TopicItem]:
    """For the core-team meeting: plans waiting for approval, reviews overdue or due within 30
    days (2 queries, at most 100 lines each)."""
    items = [
        TopicItem(
            "care_plan_waiting",
            _("Care plan of %(child)s, version %(n)s, waits for approval")
            % {"child": p.case.child, "n": p.version},
            reverse("casework:care_plan_version", args=[p.pk]),
            p.submitted_on,
        )
        for p in waiting_care_plans(team)[:100]
    ]
    items += [
        TopicItem(
            "review_due",
            _("Care plan of %(child)s: review due on %(date)s")
            % {"child": p.case.child, "date": date_format(p.review_due_on, "SHORT_DATE_FORMAT")},
            reverse("casework:care_plan", args=[p.case_id]),
            p.review_due_on,
        )
        for p in reviews_due(team, REVIEW_NOTICE_DAYS)[:100]
        if p.review_due_on is not None
    ]
    return items


def incident_agenda_items(team: Team) -> list[TopicItem]:
    """For the core-team meeting: open incidents and overdue follow-up actions (2 queries)."""
    today = timezone.localdate()
    items = [
        TopicItem(
            "incident_open",
            _("Open incident of %(date)s: %(kind)s")
            % {
                "date": date_format(i.occurred_on, "SHORT_DATE_FORMAT"),
                "kind": i.get_kind_display(),
            },
            reverse("casework:incident", args=[i.pk]),
            i.occurred_on,
        )
        for i in Incident.objects.filter(core_team=team, status=Incident.Status.OPEN)
        .defer(*INCIDENT_SECRETS)
        .order_by("occurred_on", "id")[:100]
    ]
    items += [
        TopicItem(
            "action_overdue",
            _("Follow-up action of %(owner)s overdue since %(date)s")
            % {"owner": a.owner, "date": date_format(a.due_on, "SHORT_DATE_FORMAT")},
            reverse("casework:incident", args=[a.incident_id]),
            a.due_on,
        )
        for a in IncidentAction.objects.filter(
            incident__core_team=team, done_on__isnull=True, due_on__lt=today
        )
        .select_related("owner")
        .defer("description")
        .order_by("due_on", "id")[:100]
    ]
    return items


@dataclass
class CarePlanTimeliness:
    """Report: care plans approved in time for one core team (counts only)."""

    team: Team
    approved: int  # approved versions (approved or since superseded)
    in_time: int
    late: int
    missing: int  # active cases past their first plan's deadline with no approved plan


def care_plans_in_time(teams: list[Team]) -> list[CarePlanTimeliness]:
    """Per core team: a case's first plan is due within FIRST_PLAN_MONTHS of the case opening;
    each later version by the review date of the version it replaces. A version approved by
    then is in time (2 queries for all the teams)."""
    approved_states = [CarePlan.Status.APPROVED, CarePlan.Status.SUPERSEDED]
    plans = (
        CarePlan.objects.filter(core_team__in=teams, status__in=approved_states)
        .values(
            "core_team_id", "case_id", "version", "approved_on", "review_due_on", "case__opened_on"
        )
        .order_by("case_id", "version")
    )
    tally = {t.pk: [0, 0, 0] for t in teams}
    previous: dict[Any, Any] = {}
    for p in plans:
        deadline: Any = previous.get(p["case_id"]) or add_months(
            p["case__opened_on"], FIRST_PLAN_MONTHS
        )
        row = tally[p["core_team_id"]]
        row[0] += 1
        row[1 if p["approved_on"] <= deadline else 2] += 1
        previous[p["case_id"]] = p["review_due_on"]
    today = timezone.localdate()
    latest_open = add_months(today, -FIRST_PLAN_MONTHS)
    missing = dict(
        Case.objects.filter(
            core_team__in=teams,
            status=Case.Status.OPEN,
            opened_on__lt=latest_open,
        )
        .exclude(Exists(CarePlan.objects.filter(case=OuterRef("pk"), status__in=approved_states)))
        .values("core_team_id")
        .annotate(n=Count("id"))
        .values_list("core_team_id", "n")
    )
    return [
        CarePlanTimeliness(
            team=t,
            approved=tally[t.pk][0],
            in_time=tally[t.pk][1],
            late=tally[t.pk][2],
            missing=missing.get(t.pk, 0),
        )
        for t in teams
    ]


def trends_only_teams_for(user: Any) -> QuerySet[Team]:
    """Core teams whose incident trends the viewer sees but not the team (managers)."""
    viewer = viewer_for(user)
    return (
        Team.objects.filter(team_figures_visible_q(viewer))
        .exclude(core_team_visible_q(viewer))
        .select_related("parent")
        .order_by("parent__name", "name", "id")
    )


# -- team: meetings, peer review, policies, audits (issue 12 points 10-12) ---------------------


def meetings_for(viewer: Viewer) -> QuerySet[Any]:
    from .models import Meeting
    from .rules import meeting_visible_q

    return Meeting.objects.filter(meeting_visible_q(viewer)).select_related("core_team")


def get_meeting_for(user: Any, pk: Any, action: str = "view") -> Any:
    meeting = get_visible_or_404(meetings_for(viewer_for(user)), pk=pk)
    if action != "view" and not check(user, f"casework.{action}_meeting", meeting):
        raise PermissionDenied
    return meeting


def meeting_agenda(meeting: Any) -> list[dict[str, Any]]:
    """The agenda kept on the meeting (as built by `casework.agenda` when last refreshed)."""
    import json

    return list(json.loads(meeting.agenda)) if meeting.agenda else []


def meeting_attendance(meeting: Any) -> list[tuple[Person, str]]:
    """Each current member of the team with their recorded attendance ("" when not recorded)."""
    from .models import Attendance

    marks = dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "status"))
    members = Person.objects.filter(team_id=meeting.core_team_id, is_active=True).order_by(
        "last_name", "first_name"
    )
    return [(p, marks.get(p.pk, "")) for p in members]


def indicators_for(organisation_id: Any, *, active_only: bool = True) -> QuerySet[Any]:
    from .models import ReviewIndicator

    rows = ReviewIndicator.objects.filter(organisation_id=organisation_id)
    return rows.filter(active=True) if active_only else rows


def peer_reviews_for(viewer: Viewer) -> QuerySet[Any]:
    from .models import PeerReview
    from .rules import peer_review_visible_q

    return (
        PeerReview.objects.filter(peer_review_visible_q(viewer))
        .select_related("case__child", "reviewer", "reviewee", "core_team")
        .defer("feedback", "answer")
    )


def get_peer_review_for(user: Any, pk: Any) -> Any:
    from .models import PeerReview
    from .rules import peer_review_visible_q

    return get_visible_or_404(
        PeerReview.objects.filter(peer_review_visible_q(viewer_for(user))).select_related(
            "case__child", "reviewer", "reviewee", "core_team"
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class IndicatorTrend:
    indicator: str
    count: int
    average: float | None
    previous_average: float | None  # the period before, for the direction


def _trend_rows(rows: Any) -> dict[Any, tuple[int, float | None]]:
    from django.db.models import Avg, Count

    return {
        r["indicator_id"]: (r["n"], r["avg"])
        for r in rows.values("indicator_id").annotate(n=Count("id"), avg=Avg("rating"))
    }


# A trend is shown from this many reviews of at least this many different people in the period:
# below it, an "average" would be one colleague's marks (issue 12: no individual ranking).
TREND_MIN_REVIEWS, TREND_MIN_PEOPLE = 3, 2


def _enough(reviews: Any) -> bool:
    from django.db.models import Count

    got = reviews.aggregate(n=Count("id"), people=Count("reviewee_id", distinct=True))
    return got["n"] >= TREND_MIN_REVIEWS and got["people"] >= TREND_MIN_PEOPLE


def peer_review_trends(team: Team, today: Any, days: int = 180) -> list[IndicatorTrend]:
    """Per indicator of the team's organisation: how many ratings the team's peer reviews gave
    in the last `days` days and their average (1 to 4), beside the period before. Never per person
    (issue 12: trends per team, no individual ranking); an average shows only when the period
    holds TREND_MIN_REVIEWS reviews of TREND_MIN_PEOPLE different people."""
    import datetime

    from .models import PeerRating, PeerReview

    since = today - datetime.timedelta(days=days)
    before = since - datetime.timedelta(days=days)
    reviews = PeerReview.objects.filter(core_team=team)
    mine = PeerRating.objects.filter(review__core_team=team)
    now = _trend_rows(mine.filter(review__reviewed_on__gt=since, review__reviewed_on__lte=today))
    prev = _trend_rows(mine.filter(review__reviewed_on__gt=before, review__reviewed_on__lte=since))
    show_now = _enough(reviews.filter(reviewed_on__gt=since, reviewed_on__lte=today))
    show_prev = _enough(reviews.filter(reviewed_on__gt=before, reviewed_on__lte=since))
    return [
        IndicatorTrend(
            indicator=i.name,
            count=now.get(i.pk, (0, None))[0],
            average=now.get(i.pk, (0, None))[1] if show_now else None,
            previous_average=prev.get(i.pk, (0, None))[1] if show_prev else None,
        )
        for i in indicators_for(team.organisation_id)
    ]


def policies_for(viewer: Viewer) -> QuerySet[Any]:
    from .models import Policy
    from .rules import policy_visible_q

    return Policy.objects.filter(policy_visible_q(viewer)).select_related("core_team")


def get_policy_for(user: Any, pk: Any) -> Any:
    return get_visible_or_404(policies_for(viewer_for(user)), pk=pk)


def policy_audience(policy: Any) -> QuerySet[Person]:
    """Who is asked to acknowledge: the members of its core team, or of every core team of the
    organisation."""
    if policy.core_team_id is not None:
        rows = Person.objects.filter(team_id=policy.core_team_id)
    else:
        rows = Person.objects.filter(
            team__organisation_id=policy.organisation_id, team__kind=Team.Kind.CORE
        )
    return rows.filter(is_active=True).order_by("last_name", "first_name")


def policy_status(policy: Any) -> tuple[list[tuple[Person, Any]], list[Person]]:
    """(acknowledged: person and when, not yet: persons) among the policy's audience (2 queries)."""
    from .models import PolicyAcknowledgement

    when = dict(
        PolicyAcknowledgement.objects.filter(policy=policy).values_list(
            "person_id", "acknowledged_at"
        )
    )
    audience = list(policy_audience(policy))
    done = [(p, when[p.pk]) for p in audience if p.pk in when]
    return done, [p for p in audience if p.pk not in when]


def audits_for(viewer: Viewer) -> QuerySet[Any]:
    from .models import Audit
    from .rules import audit_visible_q

    return Audit.objects.filter(audit_visible_q(viewer)).select_related("core_team")


def get_audit_for(user: Any, pk: Any) -> Any:
    return get_visible_or_404(audits_for(viewer_for(user)), pk=pk)


def audit_trends(audit: Any) -> list[IndicatorTrend]:
    """Per indicator: number of findings and average rating (what a coordinator may read)."""
    from .models import AuditFinding

    rows = _trend_rows(AuditFinding.objects.filter(audit=audit))
    return [
        IndicatorTrend(i.name, rows.get(i.pk, (0, None))[0], rows.get(i.pk, (0, None))[1], None)
        for i in indicators_for(audit.organisation_id)
    ]


def case_access_reason(user: Any, case: Case) -> str:
    """The reason a read of `case` relies on ("" for a member of its core team): an audit, or a
    leave replacement ("replacement during the leave of X"); logged with each read by
    `record_access(case, reason=...)` (DECISIONS, access for a reason)."""
    from .models import Audit
    from .rules import is_member

    viewer = viewer_for(user)
    if is_member(viewer, case.core_team_id, case.organisation_id):
        return ""
    today = timezone.localdate()
    audit = (
        Audit.objects.filter(
            sampled_cases=case,
            auditors=viewer.person_id,
            starts_on__lte=today,
            ends_on__gte=today,
        )
        .values_list("pk", flat=True)
        .first()
    )
    if audit:
        return f"audit:{audit}"
    return cover_reason(viewer, case)  # "" when no access for a reason applies


def trend_teams_for(viewer: Viewer) -> QuerySet[Team]:
    """Core teams whose trends the viewer reads (the home page's "trends" links)."""
    from .rules import team_figures_visible_q

    return Team.objects.filter(team_figures_visible_q(viewer)).order_by("name", "id")


def audits_to_conduct(viewer: Viewer) -> QuerySet[Any]:
    """Audits the viewer is an auditor of, not over yet (the home page's links)."""
    from .models import Audit

    if viewer.person_id is None:
        return Audit.objects.none()
    return (
        Audit.objects.filter(
            auditors=viewer.person_id,
            organisation_id__in=viewer.organisation_ids,
            ends_on__gte=timezone.localdate(),
        )
        .select_related("core_team")
        .order_by("starts_on", "id")
    )


# -- leave cover and continuity (issue 12, points 4 and 5) ------------------------------------


def leaves_for(viewer: Viewer) -> QuerySet[Leave]:
    return Leave.objects.filter(leave_visible_q(viewer)).select_related(
        "person", "person__team", "approved_by"
    )


def get_leave_for(user: Any, pk: Any, action: str = "view") -> Leave:
    """A leave of the viewer's core team (404 otherwise); `action` "change"/"approve" → 403."""
    leave = get_visible_or_404(leaves_for(viewer_for(user)), pk=pk)
    perm = "casework.approve_leave" if action == "approve" else f"casework.{action}_leavecover"
    if not check(user, perm, leave):
        raise PermissionDenied
    return leave


@dataclass
class LeaveCoverView:
    leave: Leave
    rows: list[LeaveCover]
    loads: list[Any]
    max_ratio: float
    candidates: list[Person]

    @property
    def uncovered(self) -> list[LeaveCover]:
        return [r for r in self.rows if r.replacement_id is None]

    @property
    def uncovered_count(self) -> int:
        return len(self.uncovered)


def leave_cover_view(leave: Leave) -> LeaveCoverView:
    """The stored plan of a leave with each colleague's load during it (a bounded number of
    queries whatever the size of the team)."""
    from . import cover

    rows = list(
        LeaveCover.objects.filter(leave=leave)
        .select_related("case", "case__child", "replacement__team")
        .order_by("-case__weight", "case_id")
    )
    loads, _mine, by_id, absent_ratio = cover.team_loads(leave)
    covering = [r for r in rows if r.replacement_id and r.case.guardian_id == leave.person_id]
    for row in covering:
        load = by_id.get(row.replacement_id)
        if load is not None:
            load.cases_after += 1
            load.load_after += row.case.weight
    takers = [m for m in loads if not m.away]
    total = sum(m.load_before for m in takers) + sum(
        r.case.weight for r in rows if r.case.guardian_id == leave.person_id
    )
    return LeaveCoverView(
        leave=leave,
        rows=rows,
        loads=loads,
        max_ratio=cover.ceiling(loads, total, absent_ratio),
        candidates=[m.person for m in takers],
    )


def contacts_for(viewer: Viewer) -> QuerySet[CaseContact]:
    return CaseContact.objects.filter(case_visible_q(viewer, "case__")).select_related("by")


def contact_threshold_days(organisation_id: Any) -> int:
    row = CaseworkSettings.objects.filter(organisation_id=organisation_id).first()
    return row.contact_threshold_days if row else DEFAULT_CONTACT_THRESHOLD_DAYS


@dataclass
class FollowPeriod:
    guardian: Person | None
    since: date
    until: date | None
    replacement: bool = False  # a colleague covering during a leave

    @property
    def days(self) -> int:
        return ((self.until or timezone.localdate()) - self.since).days + 1


def case_followers(case: Case) -> tuple[list[FollowPeriod], list[FollowPeriod]]:
    """Who followed the case when (from the timeline's guardian changes and the approved leave
    covers), and the gaps: periods without a responsible guardian, and leaves of the guardian
    with nobody named to replace them on this case. 3 queries."""
    events = list(
        CaseEvent.objects.filter(
            case=case,
            kind__in=[CaseEvent.Kind.OPENED, CaseEvent.Kind.GUARDIAN, CaseEvent.Kind.CLOSED],
        )
        .select_related("guardian")
        .order_by("happened_on", "created_at")
    )
    periods: list[FollowPeriod] = []
    for event in events:
        if periods and periods[-1].until is None:
            if event.kind != CaseEvent.Kind.CLOSED and periods[-1].guardian == event.guardian:
                continue
            periods[-1].until = max(event.happened_on - timedelta(days=1), periods[-1].since)
        if event.kind == CaseEvent.Kind.CLOSED:
            break
        periods.append(FollowPeriod(event.guardian, event.happened_on, None))
    gaps = [p for p in periods if p.guardian is None]
    covers = {
        c.leave_id: c
        for c in LeaveCover.objects.filter(case=case).select_related("replacement", "leave")
    }
    guardians = {p.guardian.pk for p in periods if p.guardian is not None}
    for leave in Leave.objects.filter(person_id__in=guardians).order_by("starts_on"):
        held = [
            p
            for p in periods
            if p.guardian is not None
            and p.guardian.pk == leave.person_id
            and p.since <= leave.ends_on
            and (p.until is None or p.until >= leave.starts_on)
        ]
        if not held:
            continue
        row = covers.get(leave.pk)
        if (
            row is not None
            and row.replacement is not None
            and leave.status == Leave.Status.APPROVED
        ):
            periods.append(FollowPeriod(row.replacement, leave.starts_on, leave.ends_on, True))
        else:
            gaps.append(FollowPeriod(None, leave.starts_on, leave.ends_on, True))
    periods.sort(key=lambda p: (p.since, p.replacement))
    return periods, gaps


@dataclass
class ContinuityAlerts:
    threshold_days: int
    without_contact: list[tuple[Case, date | None, int]]  # (case, last contact, days since)
    without_guardian: list[Case]
    uncovered_leave: list[LeaveCover]

    @property
    def any(self) -> bool:
        return bool(self.without_contact or self.without_guardian or self.uncovered_leave)


def continuity_alerts(team: Team) -> ContinuityAlerts:
    """What the core team is alerted to: active cases with no contact for longer than the
    organisation's threshold (counted from the opening when there was none), cases without a
    responsible guardian, and cases left without a replacement by a leave not yet over. 4 queries."""
    from django.db.models import Max

    today = timezone.localdate()
    threshold = contact_threshold_days(team.organisation_id)
    cases = list(
        Case.objects.filter(core_team=team)
        .exclude(status=Case.Status.CLOSED)
        .annotate(last_contact=Max("contacts__happened_on"))
        .select_related("child", "guardian")
        .defer("summary")
        .order_by("opened_on", "id")
    )
    late: list[tuple[Case, date | None, int]] = []
    for case in cases:
        last = case.last_contact  # type: ignore[attr-defined]
        days = (today - (last or case.opened_on)).days
        if days > threshold:
            late.append((case, last, days))
    late.sort(key=lambda row: -row[2])
    uncovered = list(
        LeaveCover.objects.filter(
            leave__person__team=team,
            leave__ends_on__gte=today,
            replacement__isnull=True,
            case__status__in=[Case.Status.NEW, Case.Status.OPEN],
        ).select_related("case__child", "leave__person")
    )
    return ContinuityAlerts(
        threshold_days=threshold,
        without_contact=late,
        without_guardian=[c for c in cases if c.guardian_id is None],
        uncovered_leave=uncovered,
    )


@dataclass
class GuardianContinuity:
    person: Person
    cases: int = 0
    from_start: int = 0  # cases they have followed since the first guardian was named
    without_contact: int = 0

    @property
    def taken_over(self) -> int:
        return self.cases - self.from_start


def guardian_continuity(team: Team, alerts: ContinuityAlerts) -> list[GuardianContinuity]:
    """Per guardian: their active cases, how many they have followed since the first guardian
    was named (one guardian change on the timeline) and how many they took over from a
    colleague, how many are without recent contact. 2 queries."""
    from django.db.models import Count, Q

    rows = {
        p.pk: GuardianContinuity(p)
        for p in Person.objects.filter(team=team, is_active=True).order_by("last_name", "id")
    }
    counted = (
        Case.objects.filter(core_team=team, guardian__in=list(rows))
        .exclude(status=Case.Status.CLOSED)
        .annotate(changes=Count("events", filter=Q(events__kind=CaseEvent.Kind.GUARDIAN)))
        .values("guardian_id", "changes")
    )
    for held in counted:
        row = rows[held["guardian_id"]]
        row.cases += 1
        row.from_start += 1 if held["changes"] <= 1 else 0
    for late, _last, _days in alerts.without_contact:
        if late.guardian_id in rows:
            rows[late.guardian_id].without_contact += 1
    return list(rows.values())


def continuity_figures(teams: list[Team]) -> dict[Any, dict[str, int]]:
    """Continuity figures per core team, for a reports page (counts only, no child named):
    active cases, without a responsible guardian, without contact beyond the organisation's
    threshold, guardian changes in the last 12 months. 3 queries whatever the number of teams."""
    from django.db.models import Count, Max, Min, Q

    today = timezone.localdate()
    thresholds = {
        row.organisation_id: row.contact_threshold_days
        for row in CaseworkSettings.objects.filter(
            organisation_id__in={t.organisation_id for t in teams}
        )
    }
    figures = {
        t.pk: {"cases": 0, "without_guardian": 0, "without_contact": 0, "guardian_changes_12m": 0}
        for t in teams
    }
    org_of = {t.pk: t.organisation_id for t in teams}
    for case in (
        Case.objects.filter(core_team__in=teams)
        .exclude(status=Case.Status.CLOSED)
        .annotate(last=Max("contacts__happened_on"))
        .values("core_team_id", "guardian_id", "opened_on", "last")
    ):
        row = figures[case["core_team_id"]]
        row["cases"] += 1
        row["without_guardian"] += case["guardian_id"] is None
        limit = thresholds.get(org_of[case["core_team_id"]], DEFAULT_CONTACT_THRESHOLD_DAYS)
        if (today - (case["last"] or case["opened_on"])).days > limit:
            row["without_contact"] += 1
    # A change of guardian is a "guardian" event that is not the case's first naming.
    cutoff = today - timedelta(days=365)
    for changed in (
        Case.objects.filter(core_team__in=teams)
        .annotate(
            first=Min("events__happened_on", filter=Q(events__kind=CaseEvent.Kind.GUARDIAN)),
            recent=Count(
                "events",
                filter=Q(events__kind=CaseEvent.Kind.GUARDIAN, events__happened_on__gte=cutoff),
            ),
        )
        .filter(recent__gt=0)
        .values("core_team_id", "first", "recent")
    ):
        changes = changed["recent"] - (1 if changed["first"] >= cutoff else 0)
        figures[changed["core_team_id"]]["guardian_changes_12m"] += changes
    return figures


def threshold_organisations_for(viewer: Viewer) -> QuerySet[Any]:
    """The organisations whose contact threshold the viewer sets (those they coordinate)."""
    from entrepairs.organisations.models import Organisation

    return Organisation.objects.filter(pk__in=viewer.managed_orgs).order_by("name")


def thresholds_for(viewer: Viewer) -> list[CaseworkSettings]:
    """The threshold of each organisation the viewer coordinates (defaults when not set)."""
    orgs = list(threshold_organisations_for(viewer))
    stored = {
        row.organisation_id: row for row in CaseworkSettings.objects.filter(organisation__in=orgs)
    }
    return [stored.get(o.pk) or CaseworkSettings(organisation_id=o.pk) for o in orgs]


def proposals_waiting(viewer: Viewer) -> QuerySet[AllocationProposal]:
    """Composition proposals the viewer sees that nobody has confirmed or discarded yet."""
    return (
        proposals_for(viewer)
        .filter(status=AllocationProposal.Status.PROPOSED)
        .order_by("created_at")
    )


# -- a core-team member's own work (issue 15: the home page of a guardian) ----------------------


@dataclass
class OwnCasework:
    """What a core-team member has to do, each a queryset of what the viewer may see (the
    visibility rules above, never re-derived): the open cases they are the guardian of, the
    decisions they prepare, the safety checks still to do on their cases (high risk first), and
    the cases they cover during a colleague's approved leave (issue 15)."""

    cases: QuerySet[Case]
    decisions: QuerySet[Any]
    checks: QuerySet[Any]
    covered: QuerySet[Case]
    person_id: Any = None


def has_own_casework(viewer: Viewer, own: OwnCasework) -> bool:
    """Whether the viewer's home shows their casework: a member of a core team (casework roles,
    rules.team_of) or someone covering a colleague's cases today."""
    from .rules import CASEWORK_ROLES, team_of

    if viewer.person_id is None:
        return False
    member = bool(viewer.orgs_with(*CASEWORK_ROLES)) and team_of(viewer) is not None
    return member or own.covered.exists()


def own_casework(viewer: Viewer) -> OwnCasework:
    from .models import Decision
    from .rules import cover_q

    person = viewer.person_id
    visible = cases_for(viewer)
    mine = visible.filter(guardian_id=person).exclude(status=Case.Status.CLOSED)
    return OwnCasework(
        cases=mine.order_by("-weight", "child__last_name", "id"),
        decisions=decisions_for(viewer)
        .filter(prepared_by_id=person, status=Decision.Status.PREPARED)
        .order_by("created_at"),
        checks=safety_checks_for(viewer)
        .filter(case__guardian_id=person, done_on__isnull=True)
        .exclude(case__status=Case.Status.CLOSED)
        .order_by("due_on", "id"),
        covered=visible.filter(cover_q(viewer))
        .exclude(status=Case.Status.CLOSED)
        .order_by("child__last_name", "id"),
        person_id=person,
    )
