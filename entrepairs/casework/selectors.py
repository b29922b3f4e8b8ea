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
