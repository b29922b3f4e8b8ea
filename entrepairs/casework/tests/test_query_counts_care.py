"""The incident and care-plan lists run the same number of SQL queries at 10, 100 and 1,000 rows,
list cache off and on (core/tests/querycounts.py).

Each grown row i is, at once: a child with a case in core team "Noyau Lille 1", an incident of
that child in the last 12 months with an overdue follow-up action, and version i+1 of the one
measured case's care plan. Each answer is checked to hold today's rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.casework.models import CarePlan, Case, Incident, IncidentAction
from entrepairs.core.tests import querycounts as qc
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {
    "casework:incidents",
    "casework:incident_trends",
    "casework:care_plan",
    "casework-incident-list",
    "casework-care-plan-list",
}


def _case(world: Any, child: Person) -> Case:
    today = timezone.localdate()
    return Case(
        organisation=world.org_a,
        core_team=world.core,
        child=child,
        status=Case.Status.OPEN,
        birth_date=today.replace(year=today.year - 12),
    )


def _grow(world: Any, measured: Case, new: range) -> None:
    org, today = world.org_a, timezone.localdate()
    children = Person.objects.bulk_create(
        Person(organisation=org, first_name=f"Enfant{i:05d}", last_name="Incident") for i in new
    )
    cases = Case.objects.bulk_create(_case(world, child) for child in children)
    incidents = Incident.objects.bulk_create(
        Incident(
            organisation=org,
            core_team=world.core,
            kind="runaway" if i % 2 else "violence",
            occurred_on=today - datetime.timedelta(days=i % 300),
            facts=f"Faits {i}",
        )
        for i in new
    )
    Incident.cases.through.objects.bulk_create(
        Incident.cases.through(incident=incident, case=case)
        for incident, case in zip(incidents, cases, strict=True)
    )
    IncidentAction.objects.bulk_create(
        IncidentAction(
            organisation=org,
            incident=incident,
            description="Action",
            owner=world.professional,
            due_on=today - datetime.timedelta(days=1),
        )
        for incident in incidents
    )
    CarePlan.objects.bulk_create(
        CarePlan(
            organisation=org,
            core_team=world.core,
            case=measured,
            version=i + 1,
            status=CarePlan.Status.RETURNED,
            objectives=f"Objectifs {i}",
            author=world.colleague,
        )
        for i in new
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: Callable[[Any, Case], str]
    who: str
    expected: Callable[[Any], int]
    shown: Callable[[Any], int] = lambda response: response.json()["count"]


def _incidents(world: Any) -> int:
    return Incident.objects.filter(core_team=world.core).count()


def _plans(world: Any) -> int:
    return CarePlan.objects.filter(core_team=world.core).count()


LISTINGS = [
    Listing(
        "incidents page",
        lambda w, case: f"/casework/teams/{w.core.pk}/incidents/",
        "professional",
        lambda w: min(_incidents(w), 200),
        lambda r: len(r.context["rows"]),
    ),
    # Counts only (the coordinator's view): grouped in SQL whatever the number of incidents.
    Listing(
        "incident trends page",
        lambda w, case: f"/casework/teams/{w.core.pk}/incident-trends/",
        "coordinator",
        _incidents,
        lambda r: sum(r.context["trends"].per_month),
    ),
    Listing(
        "care plan page (versions)",
        lambda w, case: f"/casework/cases/{case.pk}/care-plan/",
        "professional",
        lambda w: min(_plans(w), 100),
        lambda r: len(r.context["versions"]),
    ),
    Listing(
        "incidents API", lambda w, case: "/api/v1/casework/incidents/", "professional", _incidents
    ),
    Listing(
        "care plans API", lambda w, case: "/api/v1/casework/care-plans/", "professional", _plans
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
    child = Person.objects.create(organisation=world.org_a, first_name="Lina", last_name="Mesurée")
    measured = _case(world, child)
    measured.save()
    url = listing.url(world, measured)
    who = getattr(world, listing.who)
    client = api_for(who) if url.startswith("/api/") else client_for(who)

    def check(response: Any, n: int) -> None:
        expected = listing.expected(world)
        assert expected >= min(n, 100), (listing.name, n, expected)
        assert listing.shown(response) == expected, (listing.name, n)

    filling, reading = qc.measure(
        lambda: client.get(url), qc.growing(lambda new: _grow(world, measured, new)), check
    )
    qc.assert_flat(listing.name, filling, reading)
