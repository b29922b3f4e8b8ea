"""Every casework list page and API list runs the same number of SQL queries at 10, 100 and 1,000
rows, with the list cache off (LIST_CACHE_SECONDS = 0) and on (core/tests/querycounts.py).

Each grown row i is, at once: a core team of the region, a member of core team "Noyau Lille 1"
with working time, cap and a leave, a child whose case that member holds, a proposal of the team
moving that case, and a move of the one big proposal whose page is measured. Each answer is
checked to hold today's rows (the API's count, the page's rows), so a stale answer cannot pass
for a constant one.

Measured 2026-12-02 (issue 19 point 2): every count is flat.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.casework.models import (
    AllocationProposal,
    Case,
    Leave,
    LoadSnapshot,
    MemberProfile,
    ProposedMove,
)
from entrepairs.core.tests import querycounts as qc
from entrepairs.organisations.models import Team
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {
    "casework:home",
    "casework:team",
    "casework:cases",
    "casework:proposal",
    "casework-core-team-list",
    "casework-member-list",
    "casework-leave-list",
    "casework-case-list",
    "casework-proposal-list",
    "casework:reports",
    "casework:team_reports",
    "casework-core-team-caseloads",
    "casework-core-team-figures",
}


def _proposal(world: Any) -> AllocationProposal:
    return AllocationProposal(
        organisation=world.org_a,
        core_team=world.core,
        kind=AllocationProposal.Kind.NEW_CASES,
        proposed_by=world.professional,
        max_ratio_before=0.0,
        max_ratio_after=0.0,
        bound=0.0,
        solver_status="optimal",
    )


def _grow(world: Any, big: AllocationProposal, new: range) -> None:
    org, today = world.org_a, timezone.localdate()
    Team.objects.bulk_create(
        Team(organisation=org, name=f"Noyau {i:05d}", kind=Team.Kind.CORE, parent=world.region)
        for i in new
    )
    members = Person.objects.bulk_create(
        Person(
            organisation=org,
            first_name=f"Membre{i:05d}",
            last_name="Noyau",
            email=f"membre{i}@tutelle-nord.test",
            profession="tutor",
            team=world.core,
        )
        for i in new
    )
    children = Person.objects.bulk_create(
        Person(organisation=org, first_name=f"Enfant{i:05d}", last_name="Suivi") for i in new
    )
    MemberProfile.objects.bulk_create(
        MemberProfile(organisation=org, person=m, fte=Decimal("0.80"), max_caseload=12)
        for m in members
    )
    Leave.objects.bulk_create(
        Leave(
            organisation=org,
            person=m,
            starts_on=today + datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=40),
        )
        for m in members
    )
    cases = Case.objects.bulk_create(
        Case(
            organisation=org,
            core_team=world.core,
            child=child,
            guardian=member,
            status=Case.Status.OPEN,
            birth_date=today.replace(year=today.year - 14),
            weight=1 + i % 5,
        )
        for i, child, member in zip(new, children, members, strict=True)
    )
    monday = today - datetime.timedelta(days=today.weekday())
    LoadSnapshot.objects.bulk_create(
        LoadSnapshot(
            organisation=org,
            core_team=world.core,
            person=m,
            week=monday - datetime.timedelta(weeks=i % 26),
            cases=1,
            weight=1 + i % 5,
            fte=Decimal("0.80"),
        )
        for i, m in zip(new, members, strict=True)
    )
    proposals = AllocationProposal.objects.bulk_create(_proposal(world) for _ in new)
    ProposedMove.objects.bulk_create(
        ProposedMove(proposal=p, case=c, to_person=c.guardian, weight=c.weight, reason="…")
        for p, c in [*zip(proposals, cases, strict=True), *((big, c) for c in cases)]
    )


def _count_of(model: type[Any], **filters: Any) -> Callable[[Any], int]:
    return lambda world: model._default_manager.filter(**filters).count()


@dataclass(frozen=True)
class Listing:
    name: str
    url: Callable[[Any, AllocationProposal], str]
    who: str  # "coordinator" sets working time and sees the teams; "professional" holds cases
    # The rows the answer must hold: the API's count, or the page's rows (`shown` reads them).
    expected: Callable[[Any], int]
    shown: Callable[[Any], int] = lambda response: response.json()["count"]


def _core_teams(world: Any) -> int:
    return Team.objects.filter(organisation=world.org_a, kind=Team.Kind.CORE).count()


def _members(world: Any) -> int:
    return Person.objects.filter(team=world.core, is_active=True).count()


def _active_cases(world: Any) -> int:
    return Case.objects.filter(core_team=world.core).exclude(status=Case.Status.CLOSED).count()


LISTINGS = [
    Listing(
        "core teams page",
        lambda w, big: "/casework/",
        "coordinator",
        _core_teams,
        lambda r: len(r.context["rows"]),
    ),
    # The team page: every member with working time, cap and load (all the team's cases read).
    Listing(
        "team page",
        lambda w, big: f"/casework/teams/{w.core.pk}/",
        "professional",
        _members,
        lambda r: len(r.context["overview"].members),
    ),
    # The case list shows at most 500 active cases.
    Listing(
        "cases page",
        lambda w, big: f"/casework/teams/{w.core.pk}/cases/",
        "professional",
        lambda w: min(_active_cases(w), 500),
        lambda r: len(r.context["cases"]),
    ),
    Listing(
        "proposal page",
        lambda w, big: f"/casework/proposals/{big.pk}/",
        "professional",
        lambda w: ProposedMove.objects.filter(proposal__proposed_by=None).count(),
        lambda r: len(r.context["moves"]),
    ),
    Listing(
        "core teams API", lambda w, big: "/api/v1/casework/core-teams/", "coordinator", _core_teams
    ),
    # Reports: every core team's latest week; one team's weeks (each grown member is a week's row).
    Listing(
        "reports page",
        lambda w, big: "/casework/reports/",
        "coordinator",
        _core_teams,
        lambda r: len(r.context["rows"]),
    ),
    Listing(
        "team reports page",
        lambda w, big: f"/casework/teams/{w.core.pk}/reports/",
        "professional",
        _count_of(LoadSnapshot, core_team__name="Noyau Lille 1"),
        lambda r: sum(week.members for week in r.context["history"]),
    ),
    Listing(
        "team figures API",
        lambda w, big: f"/api/v1/casework/core-teams/{w.core.pk}/figures/",
        "coordinator",
        _active_cases,
        lambda r: r.json()["continuity"]["cases"],
    ),
    Listing(
        "team caseloads API",
        lambda w, big: f"/api/v1/casework/core-teams/{w.core.pk}/caseloads/",
        "coordinator",
        _count_of(LoadSnapshot, core_team__name="Noyau Lille 1"),
        lambda r: sum(week["members"] for week in r.json()),
    ),
    Listing(
        "members API",
        lambda w, big: "/api/v1/casework/members/",
        "coordinator",
        _count_of(
            MemberProfile, person__team__kind=Team.Kind.CORE, organisation__slug="tutelle-nord"
        ),
    ),
    Listing(
        "leaves API",
        lambda w, big: "/api/v1/casework/leaves/",
        "coordinator",
        _count_of(Leave, organisation__slug="tutelle-nord"),
    ),
    Listing(
        "cases API",
        lambda w, big: "/api/v1/casework/cases/",
        "professional",
        lambda w: Case.objects.filter(core_team=w.core).count(),
    ),
    Listing(
        "proposals API",
        lambda w, big: "/api/v1/casework/proposals/",
        "professional",
        lambda w: AllocationProposal.objects.filter(core_team=w.core).count(),
    ),
]


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [pytest.param(x, id=x.name) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any,
    client_for: Any,
    api_for: Any,
    settings: Any,
    listing: Listing,
    cache_seconds: int,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    big = _proposal(world)
    big.proposed_by = None  # tells the big proposal's moves apart
    big.save()
    url = listing.url(world, big)
    who = getattr(world, listing.who)
    client = api_for(who) if url.startswith("/api/") else client_for(who)

    def check(response: Any, n: int) -> None:
        expected = listing.expected(world)
        assert expected >= min(n, 500), (listing.name, n, expected)
        assert listing.shown(response) == expected, (listing.name, n)

    filling, reading = qc.measure(
        lambda: client.get(url), qc.growing(lambda new: _grow(world, big, new)), check
    )
    qc.assert_flat(listing.name, filling, reading)
