"""The team pages and API lists (meetings, topics, peer reviews, trends, indicators, policies,
audits) run the same number of SQL queries at 10, 100 and 1,000 rows, list cache off and on
(core/tests/querycounts.py). Each grown row i is at once a meeting and a topic of "Noyau Lille
1", a peer review by Paula of Colin's work (5 ratings), an indicator of the organisation, an
organisation-wide policy and an audit of the team. Each answer is checked to hold the grown rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.casework import services
from entrepairs.casework.models import (
    Audit,
    Case,
    Meeting,
    PeerRating,
    PeerReview,
    Policy,
    ReviewIndicator,
    TeamTopic,
)
from entrepairs.core.services import SYSTEM
from entrepairs.core.tests import querycounts as qc

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {
    "casework:meetings",
    "casework:peer_reviews",
    "casework:policies",
    "casework:audits",
    "casework:indicators",
    "casework:trends",
    "casework-meeting-list",
    "casework-topic-list",
    "casework-peer-review-list",
    "casework-indicator-list",
    "casework-policy-list",
    "casework-audit-list",
}


def _case(world: Any) -> Case:
    from entrepairs.people.models import Person

    today = timezone.localdate()
    child = Person.objects.create(organisation=world.org_a, first_name="Lina", last_name="Enfant")
    case = Case.objects.create(
        organisation=world.org_a,
        core_team=world.core,
        child=child,
        guardian=world.colleague,
        status=Case.Status.OPEN,
        birth_date=today.replace(year=today.year - 14),
    )
    services.indicators_ensure_defaults(organisation_id=world.org_a.pk, by=SYSTEM)
    return case


def _grow(world: Any, case: Case, new: range) -> None:
    org, team, today = world.org_a, world.core, timezone.localdate()
    Meeting.objects.bulk_create(
        Meeting(organisation=org, core_team=team, held_on=today, place=f"Salle {i}") for i in new
    )
    TeamTopic.objects.bulk_create(
        TeamTopic(organisation=org, core_team=team, title=f"Sujet {i}") for i in new
    )
    indicators = ReviewIndicator.objects.bulk_create(
        ReviewIndicator(organisation=org, name=f"Indicateur {i:05d}", position=100 + i) for i in new
    )
    reviews = PeerReview.objects.bulk_create(
        PeerReview(
            organisation=org,
            core_team=team,
            case=case,
            reviewer=world.professional,
            reviewee=world.colleague,
            feedback="…",
        )
        for _ in new
    )
    PeerRating.objects.bulk_create(
        PeerRating(review=r, indicator=ind, rating=1 + i % 4)
        for i, (r, ind) in enumerate(zip(reviews, indicators, strict=True))
    )
    Policy.objects.bulk_create(
        Policy(organisation=org, title=f"Politique {i}", text="…", effective_on=today) for i in new
    )
    Audit.objects.bulk_create(
        Audit(
            organisation=org,
            core_team=team,
            title=f"Audit {i}",
            starts_on=today,
            ends_on=today,
            sample_size=1,
            seed=i,
        )
        for i in new
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: Callable[[Any], str]
    who: str
    expected: Callable[[Any], int]
    shown: Callable[[Any], int] = lambda response: response.json()["count"]


def _n(model: type[Any]) -> Callable[[Any], int]:
    return lambda world: model._default_manager.count()


def _capped(model: type[Any], cap: int) -> Callable[[Any], int]:
    return lambda world: min(model._default_manager.count(), cap)


def _active_indicators(world: Any) -> int:
    return ReviewIndicator.objects.filter(active=True).count()


LISTINGS = [
    Listing(
        "meetings page",
        lambda w: f"/casework/teams/{w.core.pk}/meetings/",
        "professional",
        _capped(Meeting, 100),
        lambda r: len(r.context["meetings"]),
    ),
    Listing(
        "peer reviews page",
        lambda w: "/casework/peer-reviews/",
        "colleague",
        _capped(PeerReview, 200),
        lambda r: len(r.context["received"]),
    ),
    Listing(
        "policies page",
        lambda w: "/casework/policies/",
        "coordinator",
        _capped(Policy, 200),
        lambda r: len(r.context["policies"]),
    ),
    Listing(
        "audits page",
        lambda w: f"/casework/teams/{w.core.pk}/audits/",
        "coordinator",
        _capped(Audit, 100),
        lambda r: len(r.context["audits"]),
    ),
    Listing(
        "indicators page",
        lambda w: "/casework/indicators/",
        "coordinator",
        _n(ReviewIndicator),
        lambda r: len(r.context["indicators"]),
    ),
    Listing(
        "trends page (a manager)",
        lambda w: f"/casework/teams/{w.core.pk}/trends/",
        "manager",
        _active_indicators,
        lambda r: len(r.context["trends"]),
    ),
    Listing("meetings API", lambda w: "/api/v1/casework/meetings/", "professional", _n(Meeting)),
    Listing("topics API", lambda w: "/api/v1/casework/topics/", "professional", _n(TeamTopic)),
    Listing(
        "peer reviews API", lambda w: "/api/v1/casework/peer-reviews/", "colleague", _n(PeerReview)
    ),
    Listing(
        "indicators API",
        lambda w: "/api/v1/casework/indicators/",
        "professional",
        _n(ReviewIndicator),
    ),
    Listing("policies API", lambda w: "/api/v1/casework/policies/", "professional", _n(Policy)),
    Listing("audits API", lambda w: "/api/v1/casework/audits/", "professional", _n(Audit)),
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
    case = _case(world)
    url = listing.url(world)
    who = getattr(world, listing.who)
    client = api_for(who) if url.startswith("/api/") else client_for(who)

    def check(response: Any, n: int) -> None:
        expected = listing.expected(world)
        assert response.status_code == 200, (listing.name, response.status_code)
        assert listing.shown(response) == expected, (listing.name, n, expected)

    filling, reading = qc.measure(
        lambda: client.get(url), qc.growing(lambda new: _grow(world, case, new)), check
    )
    qc.assert_flat(listing.name, filling, reading)
