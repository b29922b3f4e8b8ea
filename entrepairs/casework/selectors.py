"""Reads shared by the pages and the API: every list filtered by a `*_visible_q`, every detail
through `get_<thing>_for` (invisible and missing look the same: 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
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
    # A read by a leave replacement outside the team is logged with its reason (record_access).
    case.access_reason = cover_reason(viewer_for(user), case)
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
        .select_related("case", "case__child", "replacement")
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
