"""Reads shared by the pages and the API: every list filtered by a `*_visible_q`, every detail
through `get_<thing>_for` (invisible and missing look the same: 404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Team
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people.models import Person, Profession

from . import allocation as engine
from .models import AllocationProposal, Case, Placement, weight_factors
from .models.teams import CORE_TEAM_MAX, CORE_TEAM_MIN
from .rules import (
    case_visible_q,
    core_team_visible_q,
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


def get_trend_team_for(user: Any, pk: Any) -> Team:
    from .rules import trend_team_visible_q

    return get_visible_or_404(
        Team.objects.filter(trend_team_visible_q(viewer_for(user))).select_related("parent"), pk=pk
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
    """The reason a read of `case` relies on ("" for a member of its core team): logged with
    each read (DECISIONS, access for a reason)."""
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
    return f"audit:{audit}" if audit else ""


def trend_teams_for(viewer: Viewer) -> QuerySet[Team]:
    """Core teams whose trends the viewer reads (the home page's "trends" links)."""
    from .rules import trend_team_visible_q

    return Team.objects.filter(trend_team_visible_q(viewer)).order_by("name", "id")


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
